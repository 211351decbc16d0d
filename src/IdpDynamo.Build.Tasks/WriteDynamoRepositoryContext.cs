using System.Text;
using IdpDynamo.Schema.Model;

namespace IdpDynamo.Build.Tasks;

/// <summary>
/// Live validation (IdpDynamoLiveValidation): writes what the validator learns from the disk around each values file
/// and the analyzers cannot look up (they read only AdditionalFiles): the namespaces of the apps repository and the
/// roles its idp-advanced applications create. The file is handed to the compiler as an AdditionalFile; it is written
/// only when its content changes. Never fails the build: live validation then goes without hints.
/// </summary>
public sealed class WriteDynamoRepositoryContext : Task
{
    /// <summary>The IdpDynamoValues items (metadata: optional <c>Namespace</c>).</summary>
    [Required]
    public ITaskItem[] ValuesFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The file to write.</summary>
    [Required]
    public string File { get; set; } = string.Empty;

    public override bool Execute()
    {
        try
        {
            string content = Content();
            string? existing = System.IO.File.Exists(File) ? System.IO.File.ReadAllText(File) : null;
            if (existing != content)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(File)) ?? ".");
                System.IO.File.WriteAllText(File, content, new UTF8Encoding(false));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            Log.LogMessage(MessageImportance.Low, "IdpDynamo.Build: the repository context for live validation was not written: {0}", ex.Message);
        }

        return true;
    }

    /// <summary>The file's text (<see cref="RepositoryContextFile"/>): for each values file, its repository's namespaces and roles.</summary>
    internal string Content()
    {
        var files = new List<(string, IReadOnlyCollection<string>, IReadOnlyList<RepositoryRole>?)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in ValuesFiles)
        {
            string full = Path.GetFullPath(item.GetMetadata("FullPath") is { Length: > 0 } f ? f : item.ItemSpec);
            if (seen.Add(full))
            {
                string metadata = item.GetMetadata("Namespace");
                string? ns = string.IsNullOrWhiteSpace(metadata) ? PathConventions.NamespaceFromPath(full) : metadata.Trim();
                files.Add((full, ValuesFileLoader.NamespacesOfRepository(full), RepositoryLayout.RolesOf(full, ns)));
            }
        }

        return RepositoryContextFile.Format(files);
    }
}
