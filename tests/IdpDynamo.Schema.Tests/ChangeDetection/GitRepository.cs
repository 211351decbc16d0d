using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using IdpDynamo.Schema.IO;
using IdpDynamo.Tests;

namespace IdpDynamo.Schema.Tests.ChangeDetection;

/// <summary>
/// A real git repository in a temp directory (an apps repository): files are written, committed with
/// <c>git -c user.email=t@t -c user.name=t commit</c>, changed, and validated with <see cref="ValuesFileLoader.ValidateFile(string, string, string?, string?, string?, out string?, System.Threading.CancellationToken)"/>.
/// Deleted on dispose.
/// </summary>
internal sealed class GitRepository : IDisposable
{
    /// <summary>The values file the tests commit and change.</summary>
    public const string ValuesPath = "apps/webshop-test/orders/dynamodb/values.yaml";

    private static readonly UTF8Encoding Utf8NoBom = new(false);

    public GitRepository(bool init = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "idpdyn-git-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        if (init)
        {
            Git("init", "--quiet");
        }
    }

    private GitRepository(string root)
    {
        Root = root;
    }

    public string Root { get; }

    /// <summary>Full path of a repository-relative path ('/' separators).</summary>
    public string FullPath(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public void Write(string relative, string text)
    {
        string full = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text, Utf8NoBom);
    }

    public void Delete(string relative) => File.Delete(FullPath(relative));

    /// <summary>Writes the values file.</summary>
    public void WriteValues(string yaml) => Write(ValuesPath, yaml);

    /// <summary><c>git add -A</c> and a commit.</summary>
    public void CommitAll(string message = "change")
    {
        Git("add", "-A");
        TestProcesses.GitCommit(Root, message);
    }

    /// <summary>Writes the values file and commits it (the baseline).</summary>
    public void CommitValues(string yaml)
    {
        WriteValues(yaml);
        CommitAll("baseline");
    }

    /// <summary>
    /// <c>git clone --depth 1 file://&lt;this&gt;</c>: a shallow clone with only the last commit (file:// so that git
    /// honours --depth for a local source).
    /// </summary>
    public GitRepository ShallowClone()
    {
        var clone = new GitRepository(Path.Combine(Path.GetTempPath(), "idpdyn-git-" + Guid.NewGuid().ToString("N")));
        TestProcesses.Git(Path.GetTempPath(), "clone", "--quiet", "--depth", "1", new Uri(Root).AbsoluteUri, clone.Root);
        return clone;
    }

    /// <summary>Validates the values file as the CLI does, against <paramref name="baselineRef"/>.</summary>
    public IReadOnlyList<Diagnostic> Validate(string? baselineRef, out string? skipReason, string relative = ValuesPath)
    {
        var result = ValuesFileLoader.ValidateFile(relative, FullPath(relative), null, "2.1.11", baselineRef, out skipReason);
        return result.Diagnostics;
    }

    /// <summary>Validates against HEAD and asserts that change detection ran (no skip reason).</summary>
    public IReadOnlyList<Diagnostic> ValidateAgainstHead(string relative = ValuesPath)
    {
        var diagnostics = Validate("HEAD", out string? skip, relative);
        Assert.True(skip is null, "change detection was skipped: " + skip);
        return diagnostics;
    }

    public string Git(params string[] args) => TestProcesses.Git(Root, args);

    public void Dispose()
    {
        try
        {
            // git makes its object files read-only; clear that so the delete works everywhere.
            TestProcesses.MakeWritable(Root);
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

/// <summary>The change-detection (Δ) ids, for assertions that no other Δ rule fired.</summary>
internal static class DeltaIds
{
    public static readonly string[] All = { "IDPDYN046", "IDPDYN047", "IDPDYN048", "IDPDYN049", "IDPDYN057", "IDPDYN067", "IDPDYN106", "IDPDYN107" };

    /// <summary>"ID(line,col)" of every Δ diagnostic, in report order.</summary>
    public static string[] Of(IEnumerable<Diagnostic> diagnostics)
        => diagnostics.Where(d => All.Contains(d.Id)).Select(d => $"{d.Id}({d.Span.Line},{d.Span.Column})").ToArray();
}
