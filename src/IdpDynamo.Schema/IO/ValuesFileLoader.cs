using System.IO;
using System.Threading;
using IdpDynamo.Schema.Validation;

namespace IdpDynamo.Schema.IO;

/// <summary>
/// The file-system side of validation, shared by the CLI and the MSBuild task (not linked into the Roslyn component):
/// reads a values file and its sibling application.yaml, derives the namespace from the path, and turns I/O problems
/// into IDPDYN120–122.
/// </summary>
internal static class ValuesFileLoader
{
    /// <summary>What validating one file from disk can report: the validator's ids and the file's own problems.</summary>
    public static IEnumerable<string> ReportedIds
        => ValuesValidator.ReportedIds.Concat(new[] { DiagnosticIds.FileNotFound, DiagnosticIds.PathIsDirectory, DiagnosticIds.FileUnreadable });

    /// <summary>The namespaces of the apps repository that holds <paramref name="fullPath"/> (directories of apps/).</summary>
    public static IReadOnlyCollection<string> NamespacesOfRepository(string fullPath)
    {
        try
        {
            var dir = new DirectoryInfo(Path.GetDirectoryName(fullPath) ?? ".");
            while (dir is not null && dir.Name != "apps")
            {
                dir = dir.Parent;
            }

            if (dir is null)
            {
                return Array.Empty<string>();
            }

            var list = new List<string>();
            foreach (var d in dir.EnumerateDirectories())
            {
                list.Add(d.Name);
            }

            return list;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return Array.Empty<string>();
        }
    }

    /// <summary>Validates one file from disk. <paramref name="displayPath"/> is what diagnostics print.</summary>
    public static ValuesFileResult ValidateFile(string displayPath, string fullPath, string? @namespace, string? explicitChartVersion, CancellationToken cancellationToken = default)
        => ValidateFile(displayPath, fullPath, @namespace, explicitChartVersion, null, out _, cancellationToken);

    /// <summary>
    /// Validates one file from disk; with <paramref name="baselineRef"/> also compares it with its version at that git
    /// ref (change detection). <paramref name="baselineSkipReason"/> says why change detection could not run.
    /// </summary>
    public static ValuesFileResult ValidateFile(string displayPath, string fullPath, string? @namespace, string? explicitChartVersion, string? baselineRef, out string? baselineSkipReason, CancellationToken cancellationToken = default)
    {
        baselineSkipReason = null;
        string? ns = string.IsNullOrWhiteSpace(@namespace) ? Model.PathConventions.NamespaceFromPath(Path.GetFullPath(fullPath)) : @namespace!.Trim();
        var settings = new ValuesFileSettings(displayPath, ns, explicitChartVersion);
        if (Directory.Exists(fullPath))
        {
            return Problem(settings, DiagnosticIds.PathIsDirectory, $"'{displayPath}' is a directory, not a values file; name the values.yaml inside it");
        }

        if (!File.Exists(fullPath))
        {
            string full = Path.GetFullPath(fullPath);
            return Problem(settings, DiagnosticIds.FileNotFound, full == displayPath ? $"Values file '{displayPath}' was not found" : $"Values file '{displayPath}' was not found (full path: {full})");
        }

        byte[] bytes;
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Length > ValuesValidator.MaxFileBytes)
            {
                // Not read at all: the size alone decides.
                return new ValuesFileResult(settings, null, new[] { ValuesValidator.TooLarge(info.Length, displayPath) }, false);
            }

            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return Problem(settings, DiagnosticIds.FileUnreadable, $"Values file '{displayPath}' cannot be read: {ex.Message}");
        }

        string? appText = null;
        string? appDisplay = null;
        string appPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(fullPath)) ?? ".", "application.yaml");
        try
        {
            if (File.Exists(appPath))
            {
                appText = File.ReadAllText(appPath);
                string? displayDir = Path.GetDirectoryName(displayPath);
                appDisplay = string.IsNullOrEmpty(displayDir) ? "application.yaml" : Path.Combine(displayDir, "application.yaml");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            appText = null;
        }

        string? baselineText = null;
        if (!string.IsNullOrWhiteSpace(baselineRef))
        {
            var baseline = GitBaseline.Read(Path.GetFullPath(fullPath), baselineRef!.Trim());
            baselineSkipReason = baseline.SkipReason;
            baselineText = baseline.Text;
        }

        settings = settings with
        {
            ApplicationYaml = appText,
            ApplicationYamlPath = appDisplay,
            KnownNamespaces = NamespacesOfRepository(Path.GetFullPath(fullPath)),
            BaselineText = baselineText,
            BaselineRef = baselineText is null ? null : baselineRef!.Trim(),
            RepositoryRoles = RepositoryLayout.RolesOf(Path.GetFullPath(fullPath), ns),
        };
        return ValuesValidator.Validate(bytes, settings, cancellationToken);
    }

    private static ValuesFileResult Problem(ValuesFileSettings settings, string id, string message)
        => new(settings, null, new[] { new Diagnostic(id, Severity.Error, message, settings.DisplayPath, SourceSpan.FileStart) }, false);
}
