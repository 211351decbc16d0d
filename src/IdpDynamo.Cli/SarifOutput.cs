using System.IO;
using IdpDynamo.Schema;

namespace IdpDynamo.Cli;

/// <summary><c>--format sarif</c>: SARIF 2.1.0 with rule metadata and help links, for code-scanning UIs.</summary>
internal static class SarifOutput
{
    public static void Write(TextWriter w, IReadOnlyList<Diagnostic> diagnostics)
    {
        var rules = DiagnosticIds.All;
        var index = new Dictionary<string, int>();
        for (int i = 0; i < rules.Count; i++)
        {
            index[rules[i].Id] = i;
        }

        string version = typeof(SarifOutput).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        w.Write("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n");
        w.Write("      \"tool\": {\n        \"driver\": {\n");
        w.Write($"          \"name\": \"idp-dynamo\",\n          \"version\": {JsonWriter.Quote(version)},\n");
        w.Write($"          \"informationUri\": {JsonWriter.Quote(DiagnosticIds.RepositoryUrl)},\n          \"rules\": [");
        for (int i = 0; i < rules.Count; i++)
        {
            var r = rules[i];
            w.Write(i == 0 ? "\n" : ",\n");
            w.Write($"            {{\"id\": {JsonWriter.Quote(r.Id)}, \"name\": {JsonWriter.Quote(Name(r.Title))}, ");
            w.Write($"\"shortDescription\": {{\"text\": {JsonWriter.Quote(r.Title)}}}, ");
            w.Write($"\"helpUri\": {JsonWriter.Quote(DiagnosticIds.HelpLink(r.Id))}, ");
            w.Write($"\"defaultConfiguration\": {{\"level\": {JsonWriter.Quote(Level(r.DefaultSeverity))}}}, ");
            w.Write($"\"properties\": {{\"category\": {JsonWriter.Quote(r.Category)}}}}}");
        }

        w.Write("\n          ]\n        }\n      },\n      \"results\": [");
        for (int i = 0; i < diagnostics.Count; i++)
        {
            var d = diagnostics[i];
            w.Write(i == 0 ? "\n" : ",\n");
            w.Write($"        {{\"ruleId\": {JsonWriter.Quote(d.Id)}, ");
            if (index.TryGetValue(d.Id, out int ruleIndex))
            {
                w.Write($"\"ruleIndex\": {JsonWriter.Number(ruleIndex)}, ");
            }

            w.Write($"\"level\": {JsonWriter.Quote(Level(d.Severity))}, \"message\": {{\"text\": {JsonWriter.Quote(d.Message)}}}, ");
            w.Write("\"locations\": [{\"physicalLocation\": {");
            w.Write($"\"artifactLocation\": {{\"uri\": {JsonWriter.Quote(Uri(d.File))}}}, ");
            w.Write($"\"region\": {{\"startLine\": {JsonWriter.Number(d.Span.Line)}, \"startColumn\": {JsonWriter.Number(d.Span.Column)}}}}}}}]}}");
        }

        w.Write(diagnostics.Count == 0 ? "]\n    }\n  ]\n}\n" : "\n      ]\n    }\n  ]\n}\n");
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    /// <summary>A relative URI reference (SARIF §3.10): '/' separators, each segment percent-encoded.</summary>
    private static string Uri(string path)
        => string.Join("/", path.Replace('\\', '/').Split('/').Select(segment => System.Uri.EscapeDataString(segment)));

    private static string Name(string title) => string.Concat(title.Split(' ', '-', ',', ':', '(', ')', '\'').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
}
