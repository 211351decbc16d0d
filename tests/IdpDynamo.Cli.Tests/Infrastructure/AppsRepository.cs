using System;
using System.IO;
using System.Text;

namespace IdpDynamo.Cli.Tests.Infrastructure;

/// <summary>
/// A throw-away GitOps "apps" repository on disk: <c>&lt;root&gt;/apps/&lt;namespace&gt;/&lt;service&gt;/dynamodb/values.yaml</c>
/// next to an <c>application.yaml</c> that pins the chart. Deleted on dispose.
/// </summary>
internal sealed class AppsRepository : IDisposable
{
    public const string ApplicationYaml = "helm:\n  chart: helm/idp-dynamodb\n  chartVersion: \"2.1.11\"\n";

    private readonly CliHostKind _host;

    /// <param name="host">How <see cref="Run"/> starts the CLI: in this process (default), or as a managed or native process.</param>
    public AppsRepository(CliHostKind host = CliHostKind.InProcess)
    {
        _host = host;
        Root = Path.Combine(Path.GetTempPath(), "idpdyn-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    /// <summary>The repository root; the CLI runs with this as its current directory.</summary>
    public string Root { get; }

    /// <summary>
    /// Writes <c>apps/{ns}/{service}/dynamodb/values.yaml</c> (current layout) and, unless <paramref name="chartVersion"/>
    /// is null, its application.yaml. Returns the relative path with '/' separators, as a user would type it.
    /// </summary>
    public string AddValues(string ns, string service, string yaml, string? chartVersion = "2.1.11")
        => AddAt($"apps/{ns}/{service}/dynamodb", yaml, chartVersion);

    /// <summary>Writes <c>{relativeDirectory}/values.yaml</c> and optionally an application.yaml beside it.</summary>
    public string AddAt(string relativeDirectory, string yaml, string? chartVersion = "2.1.11")
    {
        string dir = Path.Combine(Root, relativeDirectory.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "values.yaml"), yaml, new UTF8Encoding(false));
        if (chartVersion is not null)
        {
            File.WriteAllText(Path.Combine(dir, "application.yaml"), ApplicationYaml.Replace("2.1.11", chartVersion, StringComparison.Ordinal), new UTF8Encoding(false));
        }

        return relativeDirectory.TrimEnd('/') + "/values.yaml";
    }

    public string FullPath(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Runs the CLI with the repository root as the current directory.</summary>
    public CliResult Run(params string[] args) => CliHost.For(_host).Run(Root, colorCapable: false, args);

    /// <summary>Runs the CLI with <paramref name="currentDirectory"/> as the current directory.</summary>
    public CliResult RunIn(string currentDirectory, params string[] args) => CliHost.For(_host).Run(currentDirectory, colorCapable: false, args);

    public CliResult RunColor(params string[] args) => CliRunner.Run(Root, colorCapable: true, args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind must not fail a test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
