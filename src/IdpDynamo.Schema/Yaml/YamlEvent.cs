namespace IdpDynamo.Schema.Yaml;

internal enum YamlEventKind : byte
{
    DocumentStart,
    DocumentEnd,
    Scalar,
    Alias,
    SequenceStart,
    MappingStart,

    /// <summary>The end of the innermost open sequence or mapping.</summary>
    End,
}

/// <summary>
/// One parser event, as YamlDotNet's parser or <see cref="BlockYamlScanner"/> produces it: the input of the tree
/// builder. Positions are 1-based, as YamlDotNet's marks; the spans of ends are not used.
/// </summary>
internal readonly record struct YamlEvent(
    YamlEventKind Kind,
    SourceSpan Span,
    string? Value = null,
    ScalarStyle Style = ScalarStyle.Plain,
    string? Tag = null,
    string? Anchor = null);

/// <summary>Receives parser events in document order (the tree builder; in tests, a list).</summary>
internal interface IYamlEventSink
{
    void Handle(in YamlEvent ev);
}
