using System.Globalization;
using System.Threading;

namespace IdpDynamo.Schema.Yaml;

/// <summary>
/// Builds the <see cref="YNode"/> tree from parser events (the block scanner's or YamlDotNet's): anchors and aliases,
/// merge keys, duplicate keys (IDPDYN002), explicit tags (IDPDYN017), aliases and merges (IDPDYN005), several
/// documents (IDPDYN003), and the limits on nesting and alias expansion (IDPDYN001). Linear in the events.
/// </summary>
internal sealed class YamlTreeBuilder : IYamlEventSink
{
    /// <summary>Thrown after the builder reported why it stops (nesting, alias bombs); the document is then unreadable.</summary>
    internal sealed class Abort : Exception
    {
    }

    private sealed class Frame(YNode node, string? anchor)
    {
        public YNode Node { get; } = node;

        public string? Anchor { get; } = anchor;

        public YNode? PendingKey { get; set; }

        /// <summary>Entry index by key text, once the mapping has eight keys (see FindKey); for IDPDYN002.</summary>
        /// <remarks>Plain int values: a Dictionary over a value tuple has no precompiled code and would run unoptimized.</remarks>
        public Dictionary<string, int>? Seen { get; set; }

        /// <summary>The first key node of an entry whose key was repeated (the entry now holds the last one).</summary>
        public Dictionary<int, YNode>? FirstKeys { get; set; }

        /// <summary>Merge sources (<c>&lt;&lt;: *a</c>), applied when the mapping ends.</summary>
        public List<YMapping>? Merges { get; set; }
    }

    private readonly DiagnosticBag _bag;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, YNode> _anchors = new(StringComparer.Ordinal);
    private readonly List<Frame> _stack = new();
    private YNode? _root;
    private bool _rootSet;

    /// <summary>Start of the last event read (1-based), for errors the parser cannot locate itself.</summary>
    public (int Line, int Column) LastPosition { get; private set; } = (1, 1);

    public YamlTreeBuilder(DiagnosticBag bag, CancellationToken cancellationToken)
    {
        _bag = bag;
        _cancellationToken = cancellationToken;
    }

    private int _documents;
    private bool _laterContent;
    private SourceSpan _secondDocument;
    private YNode? _firstRoot;
    private int _eventsSinceCheck;

    public void Handle(in YamlEvent ev)
    {
        if (++_eventsSinceCheck == 4096)
        {
            _eventsSinceCheck = 0;
            _cancellationToken.ThrowIfCancellationRequested();
        }

        LastPosition = (ev.Span.Line, ev.Span.Column);
        switch (ev.Kind)
        {
            case YamlEventKind.DocumentStart:
                _documents++;
                _root = null;
                _rootSet = false;
                _anchors.Clear();
                if (_documents == 2)
                {
                    _secondDocument = ev.Span;
                }

                break;
            case YamlEventKind.DocumentEnd:
                bool hasContent = _root is not YScalar { IsNull: true, Style: ScalarStyle.Plain } || _root.Tag is not null;
                if (_documents == 1)
                {
                    _firstRoot = _root;
                }

                if (hasContent)
                {
                    _laterContent |= _documents > 1;
                }

                break;
            case YamlEventKind.Scalar:
                Attach(MakeScalar(ev), ev.Anchor);
                break;
            case YamlEventKind.Alias:
                Alias(ev);
                break;
            case YamlEventKind.SequenceStart:
                Push(new YSequence(ev.Span, CollectionTag(ev, "!!seq", "list")), ev.Anchor);
                break;
            case YamlEventKind.MappingStart:
                Push(new YMapping(ev.Span, CollectionTag(ev, "!!map", "mapping")), ev.Anchor);
                break;
            case YamlEventKind.End:
                Pop();
                break;
        }
    }

    public YamlDocument Finish()
    {
        // A later document with content: Helm 3 ignores it, Helm 4 merges it (even when the first one is empty).
        if (_laterContent)
        {
            _bag.Report(DiagnosticIds.MultipleDocuments, _secondDocument,
                $"The values file contains {_documents} YAML documents; Helm 3 ignores everything after the first '---' (line {_secondDocument.Line}); use one document");
        }

        return new YamlDocument(_firstRoot);
    }

    private string? CollectionTag(in YamlEvent ev, string harmless, string kind)
    {
        if (ev.Tag is { } shortTag && shortTag != harmless)
        {
            _bag.Report(DiagnosticIds.ExplicitTag, ev.Span, $"YAML tag '{shortTag}' is ignored by Helm; the value becomes the {kind} as written");
        }

        return ev.Tag;
    }

    private YScalar MakeScalar(in YamlEvent scalar)
    {
        var span = scalar.Span;
        string? tag = scalar.Tag;
        var style = scalar.Style;
        string value = scalar.Value!;

        Yaml11.Resolved resolved;
        if (tag is not null)
        {
            if (!Yaml11.TryResolveTagged(tag, value, out resolved))
            {
                _bag.Report(DiagnosticIds.InvalidYaml, span, $"Invalid YAML: '{value}' cannot be read as {tag}");
                throw new Abort();
            }

            if (tag != "!!str")
            {
                string becomes = resolved.Kind == ScalarKind.String ? $"'{resolved.Text}'" : resolved.Text;
                _bag.Report(DiagnosticIds.ExplicitTag, span, $"YAML tag '{tag}' is ignored by Helm; the value becomes {becomes}");
            }
        }
        else if (style == ScalarStyle.Plain)
        {
            resolved = Yaml11.ResolvePlain(value);
        }
        else
        {
            resolved = new Yaml11.Resolved(ScalarKind.String, value, 0, false);
        }

        if (resolved.NotFinite)
        {
            _bag.Report(DiagnosticIds.InvalidYaml, span,
                $"Invalid YAML: '{value}' is read as {resolved.Text}, which Helm cannot convert to JSON (json: unsupported value); quote it if a string is meant");
            throw new Abort();
        }

        return new YScalar(span, tag, value, style, resolved.Kind, resolved.Text, resolved.Number);
    }

    private void Alias(in YamlEvent alias)
    {
        var span = alias.Span;
        string name = alias.Value!;
        if (!_anchors.TryGetValue(name, out var target))
        {
            _bag.Report(DiagnosticIds.InvalidYaml, span, $"Invalid YAML: unknown anchor '{name}' referenced");
            throw new Abort();
        }

        bool isMergeValue = _stack.Count > 0 && _stack[_stack.Count - 1] is { Node: YMapping, PendingKey: YScalar { Text: "<<", IsImplicit: true } };
        bool inMergeList = _stack.Count > 1 && _stack[_stack.Count - 1].Node is YSequence && _stack[_stack.Count - 2] is { Node: YMapping, PendingKey: YScalar { Text: "<<", IsImplicit: true } };
        if (!isMergeValue && !inMergeList)
        {
            _bag.Report(DiagnosticIds.AliasUsed, span,
                $"YAML alias '*{name}' used; values are copied from line {target.Span.Line}. Make sure merged tables get their own 'name'");
        }

        Attach(target, null);
    }

    private void Push(YNode node, string? anchor)
    {
        if (_stack.Count >= YamlReader.MaxDepth)
        {
            _bag.Report(DiagnosticIds.InvalidYaml, node.Span, $"Invalid YAML: nesting is deeper than {YamlReader.MaxDepth} levels; a values file is a few levels deep");
            throw new Abort();
        }

        _stack.Add(new Frame(node, anchor));
    }

    private void Pop()
    {
        var frame = _stack[_stack.Count - 1];
        _stack.RemoveAt(_stack.Count - 1);
        if (frame.Node is YMapping mapping && frame.Merges is { } merges)
        {
            ApplyMerges(mapping, merges);
        }

        Attach(frame.Node, frame.Anchor, alreadyWeighed: false);
    }

    private static void ApplyMerges(YMapping mapping, List<YMapping> merges)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in mapping.Entries)
        {
            present.Add(e.KeyText);
        }

        foreach (var source in merges)
        {
            foreach (var e in source.Entries)
            {
                if (present.Add(e.KeyText))
                {
                    mapping.Entries.Add(e);
                    mapping.Weight = Saturate(mapping.Weight + e.Value.Weight + 1);
                }
            }
        }
    }

    private static long Saturate(long value) => value > YamlReader.MaxExpandedNodes * 4 ? YamlReader.MaxExpandedNodes * 4 : value;

    private void Attach(YNode node, string? anchor, bool alreadyWeighed = true)
    {
        if (anchor is not null)
        {
            _anchors[anchor] = node;
        }

        if (_stack.Count == 0)
        {
            if (!_rootSet)
            {
                _root = node;
                _rootSet = true;
            }

            return;
        }

        var parent = _stack[_stack.Count - 1];
        parent.Node.Weight = Saturate(parent.Node.Weight + node.Weight);
        if (parent.Node.Weight > YamlReader.MaxExpandedNodes)
        {
            _bag.Report(DiagnosticIds.InvalidYaml, parent.Node.Span,
                $"Invalid YAML: aliases expand this document to more than {YamlReader.MaxExpandedNodes:N0} nodes (excessive aliasing, a 'billion laughs' pattern)");
            throw new Abort();
        }

        if (parent.Node is YSequence sequence)
        {
            if (_stack.Count > 1 && _stack[_stack.Count - 2] is { Node: YMapping, PendingKey: YScalar { Text: "<<", IsImplicit: true } })
            {
                // Items of a merge list: [*a, *b].
                if (node is not YMapping)
                {
                    _bag.Report(DiagnosticIds.InvalidYaml, node.Span, "Invalid YAML: a merge key '<<' list may only contain mappings");
                    throw new Abort();
                }
            }

            sequence.Items.Add(node);
            return;
        }

        var mappingFrame = parent;
        var mapping = (YMapping)parent.Node;
        if (mappingFrame.PendingKey is null)
        {
            mappingFrame.PendingKey = node;
            return;
        }

        var key = mappingFrame.PendingKey;
        mappingFrame.PendingKey = null;

        if (key is YScalar { Text: "<<", IsImplicit: true } mergeKey)
        {
            var sources = new List<YMapping>();
            if (node is YMapping m)
            {
                sources.Add(m);
            }
            else if (node is YSequence s)
            {
                foreach (var item in s.Items)
                {
                    sources.Add((YMapping)item);
                }
            }
            else
            {
                _bag.Report(DiagnosticIds.InvalidYaml, node.Span, "Invalid YAML: the merge key '<<' needs a mapping or a list of mappings");
                throw new Abort();
            }

            _bag.Report(DiagnosticIds.AliasUsed, mergeKey.Span,
                $"YAML merge key '<<' used; values are copied from line {(sources.Count > 0 ? sources[0].Span.Line : node.Span.Line)}. Make sure merged tables get their own 'name'");
            (mappingFrame.Merges ??= new List<YMapping>()).AddRange(sources);
            return;
        }

        string keyText = KeyText(key);
        int index = FindKey(mappingFrame, mapping, keyText);
        if (index >= 0)
        {
            var first = mappingFrame.FirstKeys is { } firstKeys && firstKeys.TryGetValue(index, out var original) ? original : mapping.Entries[index].Key;
            _bag.Report(DiagnosticIds.DuplicateKey, key.Span,
                $"Duplicate key '{keyText}' (first defined on line {first.Span.Line}); Helm silently uses the last value");

            // Helm keeps the last value; the entry keeps its slot (and the first key is remembered for the next message).
            (mappingFrame.FirstKeys ??= new Dictionary<int, YNode>())[index] = first;
            mapping.Entries[index] = new YEntry(key, keyText, node);
            return;
        }

        mappingFrame.Seen?.Add(keyText, mapping.Entries.Count);
        mapping.Entries.Add(new YEntry(key, keyText, node));
    }

    /// <summary>
    /// The index of the entry with this key, or -1. Small mappings (most of a values file) are searched directly; from
    /// eight keys on an index keeps lookups O(1).
    /// </summary>
    private static int FindKey(Frame frame, YMapping mapping, string keyText)
    {
        var entries = mapping.Entries;
        if (frame.Seen is null && entries.Count >= 8)
        {
            frame.Seen = new Dictionary<string, int>(entries.Count * 2, StringComparer.Ordinal);
            for (int i = 0; i < entries.Count; i++)
            {
                frame.Seen[entries[i].KeyText] = i;
            }
        }

        if (frame.Seen is { } seen)
        {
            return seen.TryGetValue(keyText, out int found) ? found : -1;
        }

        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i].KeyText == keyText)
            {
                return i;
            }
        }

        return -1;
    }

    private static string KeyText(YNode key) => key switch
    {
        YScalar s => s.ResolvedText,
        _ => $"<complex key at line {key.Span.Line.ToString(CultureInfo.InvariantCulture)}, column {key.Span.Column.ToString(CultureInfo.InvariantCulture)}>",
    };
}
