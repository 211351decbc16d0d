using System.IO;
using IdpDynamo.Schema;
using IdpDynamo.Schema.IO;

namespace IdpDynamo.Cli;

/// <summary>
/// The compiler/MSBuild line format, so CI logs and editors link to the YAML line, then a one-line summary. The
/// notices about files of other charts (not validated) are counted in the summary instead of listed, unless verbose:
/// in an apps repository they outnumber everything else. JSON, SARIF and github always carry them.
/// </summary>
internal static class TextOutput
{
    public static void Write(TextWriter output, PipelineRun run, bool verbose, bool color)
    {
        var diagnostics = run.Diagnostics;
        var notices = new HashSet<Diagnostic>(run.Files.Where(r => r.Skipped).SelectMany(r => r.Diagnostics), ReferenceEqualityComparer.Instance);
        var shown = verbose ? diagnostics : diagnostics.Where(d => !notices.Contains(d)).ToList();
        foreach (var d in shown)
        {
            string severity = Diagnostic.SeverityText(d.Severity);
            if (color)
            {
                string code = d.Severity switch
                {
                    Severity.Error => "\u001b[31m",
                    Severity.Warning => "\u001b[33m",
                    _ => "\u001b[36m",
                };
                severity = code + severity + "\u001b[0m";
            }

            output.WriteLine($"{d.File}({d.Span.Line},{d.Span.Column}): {severity} {d.Id}: {d.Message}");
        }

        WriteSummary(output, run, shown, skippedListed: verbose);
    }

    /// <summary>
    /// The one-line summary that ends the text and github formats. It counts <paramref name="shown"/>; files that were
    /// not read are not counted as validated; <paramref name="skippedListed"/> tells whether the notices about files of
    /// other charts were printed (otherwise the summary says --verbose lists them).
    /// </summary>
    public static void WriteSummary(TextWriter output, PipelineRun run, IReadOnlyList<Diagnostic> shown, bool skippedListed)
    {
        int errors = shown.Count(d => d.Severity == Severity.Error);
        int warnings = shown.Count(d => d.Severity == Severity.Warning);
        int infos = shown.Count(d => d.Severity == Severity.Info);
        var notes = new List<string>();
        if (run.UnreadCount > 0)
        {
            notes.Add($"{run.UnreadCount} not read");
        }

        if (run.SkippedCount > 0)
        {
            notes.Add(skippedListed ? $"{run.SkippedCount} skipped: other charts" : $"{run.SkippedCount} skipped: other charts, --verbose lists them");
        }

        string extra = notes.Count > 0 ? $" ({string.Join("; ", notes)})" : string.Empty;
        output.WriteLine($"idp-dynamo: {Plural(run.ValidatedCount, "file")} validated{extra}: {Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(infos, "info")}");
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
