using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

/// <summary>
/// Snapshots of the generator's output, checked by Microsoft.CodeAnalysis.Testing (<see cref="VerifyAsync"/>): the
/// expected generated sources: <c>Snapshots/&lt;Class&gt;.&lt;Method&gt;.g.cs.txt</c> next to the calling test file.
/// On a mismatch the actual text is written beside it as <c>*.received.txt</c> (git-ignored) for diffing; with
/// <c>IDPDYN_UPDATE_SNAPSHOTS=1</c> the snapshot is rewritten instead. Snapshots are committed and reviewed like code.
/// </summary>
internal static partial class Snapshot
{
    /// <summary>
    /// The snapshot as the expected generated source of a <see cref="GeneratorVerifier"/> test on <paramref name="files"/>
    /// (the [GeneratedCode] version put back in). <paramref name="actual"/>, the same output from
    /// <see cref="GeneratorHarness"/>, is what an update writes and what a mismatch leaves in <c>*.received.txt</c>.
    /// </summary>
    public static async Task VerifyAsync(string actual, (string Path, string Yaml)[] files, VerifyOptions options, [CallerFilePath] string testFile = "", [CallerMemberName] string testName = "")
    {
        var (snapshotPath, receivedPath) = Paths(testFile, testName);
        if (Environment.GetEnvironmentVariable("IDPDYN_UPDATE_SNAPSHOTS") == "1" || !File.Exists(snapshotPath))
        {
            Match(actual, testFile, testName);
            return;
        }

        string expected = Scrub(File.ReadAllText(snapshotPath)).Replace(FixedVersion, $"GeneratedCode(\"IdpDynamo.Build\", \"{GeneratorVersion}\")", StringComparison.Ordinal);
        try
        {
            await GeneratorVerifier.VerifyAsync(expected, files, options);
            File.Delete(receivedPath);
        }
        catch
        {
            File.WriteAllText(receivedPath, Scrub(actual));
            throw;
        }
    }

    /// <summary>The version the generator writes into [GeneratedCode] (its assembly's, as X.Y.Z).</summary>
    private static string GeneratorVersion => typeof(IdpDynamo.Analyzers.Generation.DynamoAccessorsGenerator).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private const string FixedVersion = "GeneratedCode(\"IdpDynamo.Build\", \"FIXED\")";

    private static (string Snapshot, string Received) Paths(string testFile, string testName)
    {
        string directory = Path.Combine(Path.GetDirectoryName(SourcePath(testFile))!, "Snapshots");
        string baseName = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(testFile)}.{testName}");
        return (baseName + ".g.cs.txt", baseName + ".received.txt");
    }

    public static void Match(string actual, [CallerFilePath] string testFile = "", [CallerMemberName] string testName = "")
    {
        var (snapshotPath, receivedPath) = Paths(testFile, testName);
        string directory = Path.GetDirectoryName(snapshotPath)!;
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
