using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
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

        var builder = new Builder(bag, cancellationToken);
        try
        {
            return builder.Run(text);
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

        /// <summary>Explicit keys seen so far (key text -> key node, entry index) for IDPDYN002.</summary>
        public Dictionary<string, (YNode Key, int Index)>? Seen { get; set; }

        /// <summary>Merge sources (<c>&lt;&lt;: *a</c>), applied when the mapping ends.</summary>
        public List<YMapping>? Merges { get; set; }
    }

    private sealed class Builder
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

        public YamlDocument Run(string text)
        {
            var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
            int documents = 0;
            int contentDocuments = 0;
            bool laterContent = false;
            SourceSpan secondDocument = default;
            YNode? firstRoot = null;
            int eventsSinceCheck = 0;

            while (parser.MoveNext())
            {
                if (++eventsSinceCheck == 4096)
                {
                    eventsSinceCheck = 0;
                    _cancellationToken.ThrowIfCancellationRequested();
                }

                var ev = parser.Current!;
                LastPosition = ((int)ev.Start.Line, (int)ev.Start.Column);
                switch (ev)
                {
                    case DocumentStart:
                        documents++;
                        _root = null;
                        _rootSet = false;
                        _anchors.Clear();
                        if (documents == 2)
                        {
                            secondDocument = SpanOf(ev);
                        }

                        break;
                    case DocumentEnd:
                        bool hasContent = _root is not YScalar { IsNull: true, Style: ScalarStyle.Plain } || _root.Tag is not null;
                        if (documents == 1)
                        {
                            firstRoot = _root;
                        }

                        if (hasContent)
                        {
                            contentDocuments++;
                            laterContent |= documents > 1;
                        }

                        break;
                    case Scalar scalar:
                        Attach(MakeScalar(scalar), scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value);
                        break;
                    case AnchorAlias alias:
                        Alias(alias);
                        break;
                    case SequenceStart seq:
                        Push(new YSequence(SpanOf(seq), CollectionTag(seq.Tag, seq, "!!seq", "list")), seq.Anchor.IsEmpty ? null : seq.Anchor.Value);
                        break;
                    case MappingStart map:
                        Push(new YMapping(SpanOf(map), CollectionTag(map.Tag, map, "!!map", "mapping")), map.Anchor.IsEmpty ? null : map.Anchor.Value);
                        break;
                    case SequenceEnd:
                    case MappingEnd:
                        Pop();
                        break;
                }
            }

            // A later document with content: Helm 3 ignores it, Helm 4 merges it (even when the first one is empty).
            if (laterContent)
            {
                _bag.Report(DiagnosticIds.MultipleDocuments, secondDocument,
                    $"The values file contains {documents} YAML documents; Helm 3 ignores everything after the first '---' (line {secondDocument.Line}); use one document");
            }

            return new YamlDocument(firstRoot, documents > 0);
        }

        private static SourceSpan SpanOf(ParsingEvent ev)
            => new((int)ev.Start.Line, (int)ev.Start.Column, (int)ev.End.Line, (int)ev.End.Column);

        private string? TagOf(TagName tag, ParsingEvent ev)
        {
            if (tag.IsEmpty || tag.IsNonSpecific)
            {
                return null;
            }

            string value = tag.Value;
            const string Standard = "tag:yaml.org,2002:";
            string shortTag = value.StartsWith(Standard, StringComparison.Ordinal) ? "!!" + value.Substring(Standard.Length) : value;
            return shortTag;
        }

        /// <summary>A tag on a list or mapping (CloudFormation's <c>!Join [...]</c>) is dropped by Helm: IDPDYN017.</summary>
        private string? CollectionTag(TagName tag, ParsingEvent ev, string harmless, string kind)
        {
            string? shortTag = TagOf(tag, ev);
            if (shortTag is not null && shortTag != harmless)
            {
                _bag.Report(DiagnosticIds.ExplicitTag, SpanOf(ev), $"YAML tag '{shortTag}' is ignored by Helm; the value becomes the {kind} as written");
            }

            return shortTag;
        }

        private YScalar MakeScalar(Scalar scalar)
        {
            var span = SpanOf(scalar);
            string? tag = TagOf(scalar.Tag, scalar);
            var style = scalar.Style switch
            {
                YamlDotNet.Core.ScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
                YamlDotNet.Core.ScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
                YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded => ScalarStyle.Block,
                _ => ScalarStyle.Plain,
            };

            Yaml11.Resolved resolved;
            if (tag is not null)
            {
                if (!Yaml11.TryResolveTagged(tag, scalar.Value, out resolved))
                {
                    _bag.Report(DiagnosticIds.InvalidYaml, span, $"Invalid YAML: '{scalar.Value}' cannot be read as {tag}");
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
                resolved = Yaml11.ResolvePlain(scalar.Value);
            }
            else
            {
                resolved = new Yaml11.Resolved(ScalarKind.String, scalar.Value, 0, false);
            }

            if (resolved.NotFinite)
            {
                _bag.Report(DiagnosticIds.InvalidYaml, span,
                    $"Invalid YAML: '{scalar.Value}' is read as {resolved.Text}, which Helm cannot convert to JSON (json: unsupported value); quote it if a string is meant");
                throw new BuilderAbort();
            }

            return new YScalar(span, tag, scalar.Value, style, resolved.Kind, resolved.Text, resolved.Number);
        }

        private void Alias(AnchorAlias alias)
        {
            var span = SpanOf(alias);
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                _bag.Report(DiagnosticIds.InvalidYaml, span, $"Invalid YAML: unknown anchor '{alias.Value.Value}' referenced");
                throw new BuilderAbort();
            }

            bool isMergeValue = _stack.Count > 0 && _stack[_stack.Count - 1] is { Node: YMapping, PendingKey: YScalar { Text: "<<", IsImplicit: true } };
            bool inMergeList = _stack.Count > 1 && _stack[_stack.Count - 1].Node is YSequence && _stack[_stack.Count - 2] is { Node: YMapping, PendingKey: YScalar { Text: "<<", IsImplicit: true } };
            if (!isMergeValue && !inMergeList)
            {
                _bag.Report(DiagnosticIds.AliasUsed, span,
                    $"YAML alias '*{alias.Value.Value}' used; values are copied from line {target.Span.Line}. Make sure merged tables get their own 'name'");
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
            mappingFrame.Seen ??= new Dictionary<string, (YNode, int)>(StringComparer.Ordinal);
            if (mappingFrame.Seen.TryGetValue(keyText, out var first))
            {
                _bag.Report(DiagnosticIds.DuplicateKey, key.Span,
                    $"Duplicate key '{keyText}' (first defined on line {first.Key.Span.Line}); Helm silently uses the last value");

                // Helm keeps the last value; the entry keeps its slot so lookups stay O(1).
                mapping.Entries[first.Index] = new YEntry(key, keyText, node);
                return;
            }

            mappingFrame.Seen[keyText] = (key, mapping.Entries.Count);
            mapping.Entries.Add(new YEntry(key, keyText, node));
        }

        private static string KeyText(YNode key) => key switch
        {
            YScalar s => s.ResolvedText,
            _ => $"<complex key at line {key.Span.Line.ToString(CultureInfo.InvariantCulture)}, column {key.Span.Column.ToString(CultureInfo.InvariantCulture)}>",
        };
    }
}
