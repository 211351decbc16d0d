using System.IO;
using System.Text;
using IdpDynamo.Schema;
using IdpDynamo.Schema.IO;

namespace IdpDynamo.Cli;

/// <summary>
/// <c>--format github</c>: one GitHub Actions workflow command per finding, which the runner turns into an annotation on
/// the file and line of the pull request (no code scanning needed), then the summary line of the text format:
/// <c>::error file=apps/x/values.yaml,line=12,col=18,endLine=12,endColumn=26,title=IDPDYN010::message</c>.
/// Errors are <c>::error</c>, warnings <c>::warning</c>, infos <c>::notice</c>. Files are relative to the working
/// directory (where the workflow step runs, the repository root in a checkout), with '/' separators.
/// </summary>
internal static class GitHubOutput
{
    public static void Write(TextWriter output, PipelineRun run, string currentDirectory)
    {
        var diagnostics = run.Diagnostics;
        var line = new StringBuilder();
        foreach (var d in diagnostics)
        {
            line.Clear();
            line.Append("::").Append(Command(d.Severity)).Append(' ');
            AppendProperty(line, "file", RelativePath(d.File, currentDirectory)).Append(',');
            AppendProperty(line, "line", Number(d.Span.Line)).Append(',');
            AppendProperty(line, "col", Number(d.Span.Column));
            // endLine/endColumn name the last character (the span's end is the character after it), and only when the
            // finding covers more than one character.
            int endLine = d.Span.EndLine;
            int endColumn = d.Span.EndColumn - 1;
            if (endColumn >= 1 && (endLine > d.Span.Line || (endLine == d.Span.Line && endColumn > d.Span.Column)))
            {
                line.Append(',');
                AppendProperty(line, "endLine", Number(endLine)).Append(',');
                AppendProperty(line, "endColumn", Number(endColumn));
            }

            line.Append(',');
            AppendProperty(line, "title", d.Id).Append("::");
            AppendData(line, d.Message);
            output.WriteLine(line.ToString());
        }

        TextOutput.WriteSummary(output, run, diagnostics, skippedListed: true);
    }

    private static string Command(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "notice",
    };

    /// <summary>
    /// The path relative to <paramref name="currentDirectory"/>, '/'-separated; a path outside it keeps its '../' steps
    /// (the runner resolves it like any relative path).
    /// </summary>
    internal static string RelativePath(string file, string currentDirectory)
    {
        string full = Path.GetFullPath(Path.Combine(currentDirectory, file));
        return Path.GetRelativePath(currentDirectory, full).Replace('\\', '/');
    }

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A message: '%', CR and LF percent-encoded, so that one finding stays one command.</summary>
    internal static StringBuilder AppendData(StringBuilder sb, string value)
    {
        foreach (char c in value)
        {
            _ = c switch
            {
                '%' => sb.Append("%25"),
                '\r' => sb.Append("%0D"),
                '\n' => sb.Append("%0A"),
                _ => sb.Append(c),
            };
        }

        return sb;
    }

    /// <summary>A property value: as a message, and ':' and ',' too (they end a value).</summary>
    internal static StringBuilder AppendProperty(StringBuilder sb, string name, string value)
    {
        sb.Append(name).Append('=');
        foreach (char c in value)
        {
            _ = c switch
            {
                '%' => sb.Append("%25"),
                '\r' => sb.Append("%0D"),
                '\n' => sb.Append("%0A"),
                ':' => sb.Append("%3A"),
                ',' => sb.Append("%2C"),
                _ => sb.Append(c),
            };
        }

        return sb;
    }
}
