using System.Collections.Generic;
using System.IO;
using System.Linq;
using IdpDynamo.Schema;

namespace IdpDynamo.Cli;

/// <summary>The compiler/MSBuild line format, so CI logs and editors link to the YAML line, then a one-line summary.</summary>
internal static class TextOutput
{
    public static void Write(TextWriter output, IReadOnlyList<Diagnostic> diagnostics, int fileCount, int skippedCount, bool color)
    {
        foreach (var d in diagnostics)
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

        WriteSummary(output, diagnostics, fileCount, skippedCount);
    }

    /// <summary>The one-line summary that ends the text and github formats.</summary>
    public static void WriteSummary(TextWriter output, IReadOnlyList<Diagnostic> diagnostics, int fileCount, int skippedCount)
    {
        int errors = diagnostics.Count(d => d.Severity == Severity.Error);
        int warnings = diagnostics.Count(d => d.Severity == Severity.Warning);
        int infos = diagnostics.Count(d => d.Severity == Severity.Info);
        string skipped = skippedCount > 0 ? $" ({skippedCount} skipped: other charts)" : string.Empty;
        output.WriteLine($"idp-dynamo: {Plural(fileCount, "file")} validated{skipped}: {Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(infos, "info")}");
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
