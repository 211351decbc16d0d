namespace IdpDynamo.Schema.Yaml;

/// <summary>What a scalar means after Helm's YAML 1.1 resolution (go-yaml v2 via sigs.k8s.io/yaml).</summary>
internal enum ScalarKind
{
    Null,
    Bool,
    Int,
    Float,
    String,
}

/// <summary>How a scalar was written.</summary>
internal enum ScalarStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Block,
}

/// <summary>A node of the YAML tree with its position. Aliases share the node they refer to (a DAG, never expanded).</summary>
internal abstract class YNode(SourceSpan span, string? tag)
{
    /// <summary>Where the node is written (for an alias: where the anchored node is written).</summary>
    public SourceSpan Span { get; } = span;

    /// <summary>Explicit tag as written in short form (<c>!!int</c>, <c>!Ref</c>), or null.</summary>
    public string? Tag { get; } = tag;

    /// <summary>Number of nodes this node stands for when aliases are expanded (saturates; guards alias bombs).</summary>
    public long Weight { get; set; } = 1;

    /// <summary>The JSON type name Helm's schema validation sees: object, array, string, integer, number, boolean, null.</summary>
    public abstract string JsonType { get; }
}

internal sealed class YScalar(SourceSpan span, string? tag, string text, ScalarStyle style, ScalarKind kind, string resolvedText, double number)
    : YNode(span, tag)
{
    /// <summary>The characters of the scalar as written (after unquoting and unescaping).</summary>
    public string Text { get; } = text;

    public ScalarStyle Style { get; } = style;

    public ScalarKind Kind { get; } = kind;

    /// <summary>The resolved value as JSON would print it: <c>false</c>, <c>10</c>, <c>0.5</c>, or the string itself.</summary>
    public string ResolvedText { get; } = resolvedText;

    /// <summary>Numeric value for <see cref="ScalarKind.Int"/> and <see cref="ScalarKind.Float"/>.</summary>
    public double Number { get; } = number;

    /// <summary>Plain and untagged: the scalar whose meaning YAML 1.1 guesses from its text.</summary>
    public bool IsImplicit => Style == ScalarStyle.Plain && Tag is null;

    public bool IsString => Kind == ScalarKind.String;

    public bool IsNull => Kind == ScalarKind.Null;

    public bool IsIntegral => Kind == ScalarKind.Int || (Kind == ScalarKind.Float && Number == System.Math.Floor(Number) && !double.IsInfinity(Number));

    public override string JsonType => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Bool => "boolean",
        ScalarKind.Int => "integer",
        ScalarKind.Float => IsIntegral ? "integer" : "number",
        _ => "string",
    };
}

internal sealed class YSequence(SourceSpan span, string? tag) : YNode(span, tag)
{
    public List<YNode> Items { get; } = new();

    public override string JsonType => "array";
}

/// <summary>A key/value pair of a mapping. <see cref="KeyText"/> is the key as Helm sees it (resolved to a string).</summary>
internal sealed class YEntry(YNode key, string keyText, YNode value)
{
    public YNode Key { get; } = key;

    public string KeyText { get; } = keyText;

    public YNode Value { get; } = value;
}

internal sealed class YMapping(SourceSpan span, string? tag) : YNode(span, tag)
{
    /// <summary>The effective entries as Helm sees them: duplicate keys keep the last value, merge keys are applied.</summary>
    public List<YEntry> Entries { get; } = new();

    public override string JsonType => "object";

    public YEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.KeyText == key)
            {
                return entry;
            }
        }

        return null;
    }
}
