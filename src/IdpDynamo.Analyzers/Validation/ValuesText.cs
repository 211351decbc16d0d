using System.Runtime.CompilerServices;
using System.Text;
using IdpDynamo.Schema;
using IdpDynamo.Schema.Yaml;
using Microsoft.CodeAnalysis.Text;

namespace IdpDynamo.Analyzers.Validation;

/// <summary>
/// The one read of an IdpDynamoValues <see cref="AdditionalText"/>: its text, the YAML document and what reading it
/// reported. Cached per <see cref="AdditionalText"/> (a changed file is a new one), so the generator's model, the
/// usage analyzers' catalog and live validation all use one parse, and a C# edit reads no YAML.
/// </summary>
internal sealed class ValuesText
{
    private static readonly ConditionalWeakTable<AdditionalText, ValuesText> Cache = new();

    private readonly IReadOnlyList<Schema.Diagnostic> _readDiagnostics;

    private ValuesText(string path, SourceText? source, string text, YamlDocument document, IReadOnlyList<Schema.Diagnostic> readDiagnostics)
    {
        Path = path;
        Source = source;
        Text = text;
        Document = document;
        _readDiagnostics = readDiagnostics;
    }

    /// <summary>The file's path, as the compiler was given it (the full path; diagnostics name it).</summary>
    public string Path { get; }

    /// <summary>The compiler's text of the file, or null when it could not be read.</summary>
    public SourceText? Source { get; }

    /// <summary>The text as a string (empty when it could not be read).</summary>
    public string Text { get; }

    /// <summary>The YAML document read from <see cref="Text"/>.</summary>
    public YamlDocument Document { get; }

    /// <summary>Reads <paramref name="text"/> once; later calls for the same instance return the same read.</summary>
    public static ValuesText Get(AdditionalText text, CancellationToken cancellationToken)
    {
        if (Cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var source = text.GetText(cancellationToken);
        string content = source?.ToString() ?? string.Empty;
        var bag = new DiagnosticBag(text.Path);
        var document = YamlReader.Read(content, bag, cancellationToken);
        var read = new ValuesText(text.Path, source, content, document, bag.Items);

        // Two callers racing both read; the first stored wins and both results are the same.
        return Cache.GetValue(text, _ => read);
    }

    /// <summary>
    /// The file's bytes as the validator expects them: the compiler decoded the file (UTF-8, UTF-16 by its byte order
    /// mark, else its fallback code page for invalid UTF-8); encoding the text again gives the bytes back, so the
    /// validator's own decoding reports what it reports for the file on disk (IDPDYN001 at an invalid UTF-8 byte).
    /// </summary>
    public byte[] Bytes()
    {
        var encoding = Source?.Encoding ?? Encoding.UTF8;
        byte[] body = encoding.GetBytes(Text);
        if (encoding.CodePage is 1200 or 1201)
        {
            // UTF-16 is recognised by its byte order mark, which the decoded text no longer holds.
            byte[] preamble = encoding.GetPreamble();
            var withMark = new byte[preamble.Length + body.Length];
            preamble.CopyTo(withMark, 0);
            body.CopyTo(withMark, preamble.Length);
            return withMark;
        }

        return body;
    }

    /// <summary>
    /// The parse the validator asks for (<see cref="Schema.Validation.YamlParse"/>): this read when the validator decoded
    /// the same text for the same path, else a read of its own.
    /// </summary>
    public YamlDocument Parse(string text, DiagnosticBag bag, CancellationToken cancellationToken)
    {
        if (bag.File != Path || !string.Equals(text, Text, System.StringComparison.Ordinal))
        {
            return YamlReader.Read(text, bag, cancellationToken);
        }

        foreach (var diagnostic in _readDiagnostics)
        {
            bag.Add(diagnostic);
        }

        return Document;
    }
}
