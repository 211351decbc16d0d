using System.IO;
using IdpDynamo.Schema;

namespace IdpDynamo.Cli;

/// <summary>
/// <c>--format json</c>: exactly a JSON array on stdout, one object per diagnostic:
/// <c>{"id","severity","file","line","column","message"}</c> (the CLI's documented contract).
/// </summary>
internal static class JsonOutput
{
    public static void Write(TextWriter output, IReadOnlyList<Diagnostic> diagnostics)
    {
        output.Write('[');
        for (int i = 0; i < diagnostics.Count; i++)
        {
            var d = diagnostics[i];
            output.Write(i == 0 ? "\n  {" : ",\n  {");
            JsonWriter.Property(output, "id", d.Id);
            JsonWriter.Property(output, "severity", Diagnostic.SeverityText(d.Severity));
            JsonWriter.Property(output, "file", d.File);
            output.Write("\"line\":" + JsonWriter.Number(d.Span.Line) + ",");
            output.Write("\"column\":" + JsonWriter.Number(d.Span.Column) + ",");
            JsonWriter.Property(output, "message", d.Message, comma: false);
            output.Write('}');
        }

        output.Write(diagnostics.Count == 0 ? "]\n" : "\n]\n");
    }
}
