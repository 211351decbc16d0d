using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace IdpDynamo.Schema.Yaml;

/// <summary>The YAML tree of a values file as Helm 3 sees it, or null when the file cannot be read as YAML.</summary>
internal sealed class YamlDocument
{
    public YamlDocument(YNode? root, bool hasDocument)
    {
        Root = root;
        HasDocument = hasDocument;
    }

    /// <summary>The first document's root; null if the file is empty, only comments, or not well-formed.</summary>
    public YNode? Root { get; }

    /// <summary>False for an empty file or a file of comments only.</summary>
    public bool HasDocument { get; }
}

/// <summary>
/// Reads YAML text into <see cref="YNode"/>s at the event level (YamlDotNet parser), resolving scalars the way Helm 3
/// does (YAML 1.1) and reporting the YAML-level rules: IDPDYN001 (syntax, encoding, .inf/.nan, alias bombs, nesting),
/// 002 (duplicate keys), 003 (several documents), 005 (aliases and merge keys) and 017 (explicit tags).
/// Never throws on any input; time and memory are linear in the input.
/// </summary>
internal static class YamlReader
{
    /// <summary>Deeper nesting is rejected: a values file is at most about eight levels deep.</summary>
    public const int MaxDepth = 1000;

    /// <summary>Aliases may not expand the document beyond this many nodes (go-yaml rejects excessive aliasing too).</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>Decodes bytes as Helm does: UTF-8 (BOM optional) or UTF-16 with a BOM; invalid UTF-8 is IDPDYN001.</summary>
    public static string? Decode(byte[] bytes, DiagnosticBag bag)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return DecodeUtf16(bytes, bigEndian: bytes[0] == 0xFE, bag);
        }

        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            int bad = FindInvalidUtf8(bytes, start);
            var (line, column) = PositionOfByte(bytes, start, bad);
            bag.Report(DiagnosticIds.InvalidYaml, SourceSpan.At(line, column),
                $"Invalid YAML: the file is not valid UTF-8 (byte 0x{bytes[bad]:X2} at offset {bad}); save it as UTF-8");
            return null;
        }
    }

    // UTF-16 is decoded by hand: lone surrogates are kept (CheckCharacters reports them at their position instead of a
    // silent U+FFFD), and a dangling odd byte is reported where it starts.
    private static string? DecodeUtf16(byte[] bytes, bool bigEndian, DiagnosticBag bag)
    {
        int pairs = (bytes.Length - 2) / 2;
        var chars = new char[pairs];
        for (int i = 0; i < pairs; i++)
        {
            byte a = bytes[2 + (2 * i)];
            byte b = bytes[3 + (2 * i)];
            chars[i] = (char)(bigEndian ? (a << 8) | b : (b << 8) | a);
        }

        string text = new(chars);
        if ((bytes.Length & 1) == 1)
        {
            var (line, column) = EndPosition(text);
            bag.Report(DiagnosticIds.InvalidYaml, SourceSpan.At(line, column), "Invalid YAML: incomplete UTF-16 character sequence at the end of the file");
            return null;
        }

        return text;
    }

    private static (int Line, int Column) EndPosition(string text)
    {
        int line = 1, column = 1;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                column = 1;
            }
            else if (text[i] != '\r')
            {
                column++;
            }
        }

        return (line, column);
    }

    public static YamlDocument Read(string text, DiagnosticBag bag, CancellationToken cancellationToken = default)
    {
        if (!CheckCharacters(text, bag))
        {
            return new YamlDocument(null, true);
        }

        // Values files are block-style YAML; BlockYamlScanner reads that subset directly and gives up on anything else
        // (flow collections across lines, anchors, tags, block scalars, tabs, ...), which YamlDotNet then reads. Both
        // produce the same events (tests/IdpDynamo.Schema.Tests/Yaml compare them). The scanner's result is kept only
        // when the scanner and the tree builder both finish; otherwise the text is read again with YamlDotNet, so every
        // problem is reported exactly as YamlDotNet's path reports it.
        var scratch = new DiagnosticBag(bag.File);
        var builder = new Builder(scratch, cancellationToken);
        try
        {
            if (BlockYamlScanner.TryScan(text, builder, cancellationToken))
            {
                var document = builder.Finish();
                foreach (var diagnostic in scratch.Items)
                {
                    bag.Add(diagnostic);
                }

                return document;
            }
        }
        catch (BuilderAbort)
        {
        }

        return ReadWithYamlDotNet(text, bag, cancellationToken);
    }

    /// <summary>The events YamlDotNet's parser produces for <paramref name="text"/> (tests compare them with the scanner's).</summary>
    internal static List<YamlEvent>? YamlDotNetEvents(string text)
    {
        var events = new List<YamlEvent>();
        try
        {
            var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
            while (parser.MoveNext())
            {
                if (Convert(parser.Current!) is { } ev)
                {
                    events.Add(ev);
                }
            }

            return events;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            return null;
        }
    }

    // Kept out of Read so that a file the scanner reads never loads YamlDotNet's parser (nor JIT-compiles it, nor runs
    // its scanner's static constructor, which builds a compiled regex).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static YamlDocument ReadWithYamlDotNet(string text, DiagnosticBag bag, CancellationToken cancellationToken)
    {
        var builder = new Builder(bag, cancellationToken);
        try
        {
            var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
            while (parser.MoveNext())
            {
                if (Convert(parser.Current!) is { } ev)
                {
                    builder.Handle(ev);
                }
            }

            return builder.Finish();
        }
        catch (YamlException ex)
        {
            var (line, column) = (Math.Max(1, (int)ex.Start.Line), Math.Max(1, (int)ex.Start.Column));
            string message = CleanMessage(ex.Message);
            if (message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                (line, column) = FindTabIndentation(text, line, column);
                message = "found a tab character used for indentation; YAML indentation must use spaces";
            }

            bag.Report(DiagnosticIds.InvalidYaml, SourceSpan.At(line, column), $"Invalid YAML: {message}");
            return new YamlDocument(null, true);
        }
        catch (BuilderAbort)
        {
            return new YamlDocument(null, true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            // YamlDotNet's scanner gives up on some malformed flow collections with a non-YAML exception; the last
            // event it produced tells where the document stopped making sense.
            var (line, column) = builder.LastPosition;
            bag.Report(DiagnosticIds.InvalidYaml, SourceSpan.At(line, column),
                "Invalid YAML: the document cannot be parsed after this point; check for an unclosed '[', '{' or quote");
            return new YamlDocument(null, true);
        }
    }

    private static YamlEvent? Convert(ParsingEvent ev)
    {
        var span = new SourceSpan((int)ev.Start.Line, (int)ev.Start.Column, (int)ev.End.Line, (int)ev.End.Column);
        return ev switch
        {
            DocumentStart => new YamlEvent(YamlEventKind.DocumentStart, span),
            DocumentEnd => new YamlEvent(YamlEventKind.DocumentEnd, span),
            Scalar scalar => new YamlEvent(YamlEventKind.Scalar, span, scalar.Value, StyleOf(scalar.Style), TagOf(scalar.Tag), AnchorOf(scalar.Anchor)),
            AnchorAlias alias => new YamlEvent(YamlEventKind.Alias, span, alias.Value.Value),
            SequenceStart seq => new YamlEvent(YamlEventKind.SequenceStart, span, null, ScalarStyle.Plain, TagOf(seq.Tag), AnchorOf(seq.Anchor)),
            MappingStart map => new YamlEvent(YamlEventKind.MappingStart, span, null, ScalarStyle.Plain, TagOf(map.Tag), AnchorOf(map.Anchor)),
            SequenceEnd or MappingEnd => new YamlEvent(YamlEventKind.End, span),
            _ => null,
        };
    }

    private static ScalarStyle StyleOf(YamlDotNet.Core.ScalarStyle style) => style switch
    {
        YamlDotNet.Core.ScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
        YamlDotNet.Core.ScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
        YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded => ScalarStyle.Block,
        _ => ScalarStyle.Plain,
    };

    private static string? AnchorOf(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

    /// <summary>The tag in short form (<c>!!int</c>, <c>!Ref</c>); null when there is none.</summary>
    private static string? TagOf(TagName tag)
    {
        if (tag.IsEmpty || tag.IsNonSpecific)
        {
            return null;
        }

        const string Standard = "tag:yaml.org,2002:";
        string value = tag.Value;
        return value.StartsWith(Standard, StringComparison.Ordinal) ? "!!" + value.Substring(Standard.Length) : value;
    }

    private static string CleanMessage(string message)
    {
        // YamlDotNet: "While scanning a quoted scalar, found unexpected end of stream." -> keep the sentence, lower-case start.
        message = message.Trim().TrimEnd('.');
        return message.Length > 0 ? char.ToLowerInvariant(message[0]) + message.Substring(1) : "syntax error";
    }

    // YAML allows TAB, LF, CR, printable characters, NEL and the non-surrogate ranges; go-yaml rejects the rest.
    private static bool CheckCharacters(string text, DiagnosticBag bag)
    {
        int line = 1, lineStart = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
                continue;
            }

            bool ok = c == '\t' || c == '\r' || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xFFFD && c != 0xFEFF);
            if (c == 0xFEFF && i == 0)
            {
                ok = true;
            }

            if (ok && char.IsHighSurrogate(c))
            {
                ok = i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                if (ok)
                {
                    i++;
                    continue;
                }
            }
            else if (ok && char.IsLowSurrogate(c))
            {
                ok = false;
            }

            if (c == 0xFEFF && i > 0)
            {
                // A zero-width no-break space inside the text is legal YAML content; IDPDYN018 reports it in names.
                ok = true;
            }

            if (!ok)
            {
                bag.Report(DiagnosticIds.InvalidYaml, SourceSpan.At(line, i - lineStart + 1),
                    $"Invalid YAML: control character U+{(int)c:X4} is not allowed in a YAML file");
                return false;
            }
        }

        return true;
    }

    private static (int Line, int Column) FindTabIndentation(string text, int fromLine, int fallbackColumn)
    {
        int line = 1;
        int i = 0;
        while (i < text.Length)
        {
            int col = 0;
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
            {
                if (text[i] == '\t' && line >= fromLine)
                {
                    int end = i;
                    while (end < text.Length && (text[end] == ' ' || text[end] == '\t'))
                    {
                        end++;
                    }

                    if (end < text.Length && text[end] != '\n' && text[end] != '\r' && text[end] != '#')
                    {
                        return (line, col + 1);
                    }
                }

                i++;
                col++;
            }

            while (i < text.Length && text[i] != '\n')
            {
                i++;
            }

            i++;
            line++;
        }

        return (fromLine, fallbackColumn);
    }

    private static int FindInvalidUtf8(byte[] bytes, int start)
    {
        int i = start;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            int need = b < 0x80 ? 0 : (b & 0xE0) == 0xC0 && b >= 0xC2 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 && b <= 0xF4 ? 3 : -1;
            if (need < 0 || i + need >= bytes.Length)
            {
                return i;
            }

            for (int k = 1; k <= need; k++)
            {
                if ((bytes[i + k] & 0xC0) != 0x80)
                {
                    return i;
                }
            }

            try
            {
                new UTF8Encoding(false, true).GetCharCount(bytes, i, need + 1);
            }
            catch (DecoderFallbackException)
            {
                return i;
            }

            i += need + 1;
        }

        return Math.Min(start, bytes.Length - 1);
    }

    private static (int Line, int Column) PositionOfByte(byte[] bytes, int start, int offset)
    {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < offset; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        // Count characters (not continuation bytes) between the line start and the offset.
        int column = 1;
        for (int i = lineStart; i < offset; i++)
        {
            if ((bytes[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line, column);
    }

    private sealed class BuilderAbort : Exception
    {
    }

    private sealed class Frame
    {
        public Frame(YNode node, string? anchor)
        {
            Node = node;
            Anchor = anchor;
        }

        public YNode Node { get; }

        public string? Anchor { get; }

        public YNode? PendingKey { get; set; }

        /// <summary>Entry index by key text, once the mapping has eight keys (see FindKey); for IDPDYN002.</summary>
        /// <remarks>Plain int values: a Dictionary over a value tuple has no precompiled code and would run unoptimized.</remarks>
        public Dictionary<string, int>? Seen { get; set; }

        /// <summary>The first key node of an entry whose key was repeated (the entry now holds the last one).</summary>
        public Dictionary<int, YNode>? FirstKeys { get; set; }

        /// <summary>Merge sources (<c>&lt;&lt;: *a</c>), applied when the mapping ends.</summary>
        public List<YMapping>? Merges { get; set; }
    }

    private sealed class Builder : IYamlEventSink
    {
        private readonly DiagnosticBag _bag;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<string, YNode> _anchors = new(StringComparer.Ordinal);
        private readonly List<Frame> _stack = new();
        private YNode? _root;
        private bool _rootSet;

        /// <summary>Start of the last event read (1-based), for errors the parser cannot locate itself.</summary>
        public (int Line, int Column) LastPosition { get; private set; } = (1, 1);

        public Builder(DiagnosticBag bag, CancellationToken cancellationToken)
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

            return new YamlDocument(_firstRoot, _documents > 0);
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
                    throw new BuilderAbort();
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
                throw new BuilderAbort();
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
                throw new BuilderAbort();
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
            if (_stack.Count >= MaxDepth)
            {
                _bag.Report(DiagnosticIds.InvalidYaml, node.Span, $"Invalid YAML: nesting is deeper than {MaxDepth} levels; a values file is a few levels deep");
                throw new BuilderAbort();
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

        private static long Saturate(long value) => value > MaxExpandedNodes * 4 ? MaxExpandedNodes * 4 : value;

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
            if (parent.Node.Weight > MaxExpandedNodes)
            {
                _bag.Report(DiagnosticIds.InvalidYaml, parent.Node.Span,
                    $"Invalid YAML: aliases expand this document to more than {MaxExpandedNodes:N0} nodes (excessive aliasing, a 'billion laughs' pattern)");
                throw new BuilderAbort();
            }

            if (parent.Node is YSequence sequence)
            {
                if (_stack.Count > 1 && _stack[_stack.Count - 2] is { Node: YMapping, PendingKey: YScalar { Text: "<<", IsImplicit: true } })
                {
                    // Items of a merge list: [*a, *b].
                    if (node is not YMapping)
                    {
                        _bag.Report(DiagnosticIds.InvalidYaml, node.Span, "Invalid YAML: a merge key '<<' list may only contain mappings");
                        throw new BuilderAbort();
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
                    throw new BuilderAbort();
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
}
