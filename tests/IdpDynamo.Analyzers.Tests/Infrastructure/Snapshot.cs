using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

/// <summary>
/// Verify-style snapshots: <c>Snapshots/&lt;Class&gt;.&lt;Method&gt;.g.cs.txt</c> next to the calling test file.
/// On a mismatch the actual text is written beside it as <c>*.received.txt</c> (git-ignored) for diffing; with
/// <c>IDPDYN_UPDATE_SNAPSHOTS=1</c> the snapshot is rewritten instead. Snapshots are committed and reviewed like code.
/// </summary>
internal static partial class Snapshot
{
    public static void Match(string actual, [CallerFilePath] string testFile = "", [CallerMemberName] string testName = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(SourcePath(testFile))!, "Snapshots");
        string baseName = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(testFile)}.{testName}");
        string snapshotPath = baseName + ".g.cs.txt";
        string receivedPath = baseName + ".received.txt";
        string normalized = Scrub(actual);

        if (Environment.GetEnvironmentVariable("IDPDYN_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(snapshotPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        string? expected = File.Exists(snapshotPath) ? Scrub(File.ReadAllText(snapshotPath)) : null;
        if (expected == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalized);
        Assert.Fail(expected is null
            ? $"No snapshot {snapshotPath}; the output is in {receivedPath}. Review it, then run with IDPDYN_UPDATE_SNAPSHOTS=1."
            : $"The output differs from {snapshotPath}; see {receivedPath}. If the change is intended, run with IDPDYN_UPDATE_SNAPSHOTS=1.");
    }

    /// <summary>
    /// The test file on disk. CI builds (ContinuousIntegrationBuild) map source paths to <c>/_/…</c>; those are
    /// resolved against the repository root, the folder of IdpDynamo.Build.sln above the test's output folder.
    /// </summary>
    private static string SourcePath(string callerFile)
    {
        if (File.Exists(callerFile))
        {
            return callerFile;
        }

        string relative = callerFile.Replace('\\', '/');
        relative = relative.StartsWith("/_/", StringComparison.Ordinal) ? relative[3..] : relative.TrimStart('/');
        return Path.Combine(IdpDynamo.Tests.RepositoryRoot.Path, relative);
    }

    /// <summary>LF line endings, and the package version in [GeneratedCode] replaced by FIXED.</summary>
    public static string Scrub(string text)
        => GeneratedCodeVersion().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "GeneratedCode(\"IdpDynamo.Build\", \"FIXED\")");

    [GeneratedRegex("""GeneratedCode\("IdpDynamo\.Build", "[^"]*"\)""")]
    private static partial Regex GeneratedCodeVersion();
}
