using System.Text;
using System.Threading;

namespace IdpDynamo.Schema.Yaml;

/// <summary>
/// Reads the YAML that values files (and the bundled JSON schemas) are written in straight into the events YamlDotNet's
/// parser produces for it, with the same positions, several times faster and without loading YamlDotNet at all:
/// block mappings and sequences (indentless ones too), single-line plain and quoted scalars, comments, one leading
/// <c>---</c>, and flow collections (across lines only at the top level, which is how JSON is written).
/// Anything else — anchors, aliases, tags, block scalars, multi-line scalars, directives, several documents, tabs,
/// characters outside the Basic Multilingual Plane, or any input that is not well-formed — makes
/// <see cref="TryScan"/> return false, and <see cref="YamlReader"/> reads the file with YamlDotNet, which also words
/// the error. Nothing is reported here; the reader discards what its sink built before a give-up.
/// tests/IdpDynamo.Schema.Tests/Yaml compare both event streams on real, mutated and generated inputs.
/// </summary>
internal sealed class BlockYamlScanner
{
    private readonly string _text;
    private readonly IYamlEventSink _sink;
    private readonly CancellationToken _cancellationToken;
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private int _indent;
    private bool _eof;
    private bool _started;
    private int _linesSinceCheck;
    private StringBuilder? _buffer;

    private BlockYamlScanner(string text, IYamlEventSink sink, CancellationToken cancellationToken)
    {
        _text = text;
        _sink = sink;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Sends the events of <paramref name="text"/> to <paramref name="sink"/>; false when the text is outside the subset,
    /// possibly after some events (the caller then discards what the sink built).
    /// </summary>
    public static bool TryScan(string text, IYamlEventSink sink, CancellationToken cancellationToken = default)
    {
        if (!HasSubsetAlphabet(text))
        {
            return false;
        }

        try
        {
            new BlockYamlScanner(text, sink, cancellationToken).Stream();
            return true;
        }
        catch (GiveUp)
        {
            return false;
        }
    }

    // Tabs, lone CRs, NEL, U+2028/2029 (line breaks in YAML 1.1), BOMs and control characters are left to YamlDotNet.
    // Other characters of the Basic Multilingual Plane count one column each, for YamlDotNet as here; surrogate pairs
    // (where the two might count differently) make the scanner give up.
    private static bool HasSubsetAlphabet(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if ((c >= ' ' && c < 0x7F) || c == '\n' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                || (c >= 0xA0 && c != 0x2028 && c != 0x2029 && c != 0xFEFF))
            {
                continue;
            }

            return false;
        }

        return true;
    }

    private void Stream()
    {
        if (!NextContentLine())
        {
            return; // empty, or comments only: YamlDotNet produces no document either
        }

        _started = true; // from here on, a line starting with '---' or '...' is another document: give up
        if (_indent == 0 && StartsWithMarker("---"))
        {
            int line = _line;
            _pos += 3;
            EndOfLine();
            _sink.Handle(new YamlEvent(YamlEventKind.DocumentStart, new SourceSpan(line, 1, line, 4)));
            if (!NextContentLine())
            {
                throw GiveUp.Instance; // an explicit empty document
            }
        }
        else
        {
            _sink.Handle(new YamlEvent(YamlEventKind.DocumentStart, SourceSpan.At(_line, _indent + 1)));
        }

        Node(blockIndent: -1, afterKey: false, depth: 0);
        if (!_eof)
        {
            throw GiveUp.Instance; // less indented content after the root (an error) or a second document
        }

        _sink.Handle(new YamlEvent(YamlEventKind.DocumentEnd, default));
    }

    /// <summary>
    /// The node that starts at <see cref="_pos"/>, inside a block whose entries are indented <paramref name="blockIndent"/>
    /// spaces (-1 for the root). On return the scanner stands on the next content line (or at the end).
    /// </summary>
    private void Node(int blockIndent, bool afterKey, int depth)
    {
        if (depth >= YamlReader.MaxDepth)
        {
            throw GiveUp.Instance; // YamlDotNet's path reports the nesting limit
        }

        int column = _pos - _lineStart;
        char c = _text[_pos];
        if (c == '-' && IsBlank(_pos + 1))
        {
            if (afterKey)
            {
                throw GiveUp.Instance; // "key: - item" is not YAML
            }

            Sequence(column, indentless: false, depth);
            return;
        }

        if (c is '[' or '{')
        {
            bool multiLine = blockIndent < 0;
            if (c == '[')
            {
                FlowSequence(multiLine, depth);
            }
            else
            {
                FlowMapping(multiLine, depth);
            }

            AfterInlineValue(blockIndent);
            return;
        }

        var scalar = Scalar(flow: false, out bool isKey);
        if (isKey)
        {
            if (afterKey)
            {
                throw GiveUp.Instance; // "a: b: c"
            }

            Mapping(column, scalar, depth);
            return;
        }

        if (blockIndent < 0)
        {
            throw GiveUp.Instance; // a document that is a single scalar
        }

        _sink.Handle(scalar);
        AfterInlineValue(blockIndent);
    }

    /// <summary>After a scalar or flow collection: the rest of the line is a comment, and the value does not go on.</summary>
    private void AfterInlineValue(int blockIndent)
    {
        EndOfLine();
        if (NextContentLine() && _indent > blockIndent)
        {
            throw GiveUp.Instance; // a multi-line plain scalar, or an error
        }
    }

    /// <summary>A block mapping whose keys start at <paramref name="column"/>; <paramref name="key"/> has just been read.</summary>
    private void Mapping(int column, YamlEvent key, int depth)
    {
        _sink.Handle(new YamlEvent(YamlEventKind.MappingStart, SourceSpan.At(key.Span.Line, key.Span.Column)));
        while (true)
        {
            _sink.Handle(key);
            Value(column, afterKey: true, depth);

            if (_eof || _indent < column)
            {
                break;
            }

            if (_indent > column)
            {
                throw GiveUp.Instance;
            }

            key = Scalar(flow: false, out bool isKey);
            if (!isKey)
            {
                throw GiveUp.Instance; // a scalar among the keys (an error)
            }
        }

        _sink.Handle(new YamlEvent(YamlEventKind.End, default));
    }

    /// <summary>A block sequence whose dashes stand at <paramref name="column"/>; the scanner is on the first dash.</summary>
    private void Sequence(int column, bool indentless, int depth)
    {
        // YamlDotNet: a sequence in a mapping at the mapping's own indentation starts with its first '-' token.
        var span = indentless ? new SourceSpan(_line, column + 1, _line, column + 2) : SourceSpan.At(_line, column + 1);
        _sink.Handle(new YamlEvent(YamlEventKind.SequenceStart, span));
        while (true)
        {
            _pos++;
            Value(column, afterKey: false, depth);

            if (_eof || _indent < column)
            {
                break;
            }

            if (_indent > column)
            {
                throw GiveUp.Instance;
            }

            if (!IsSequenceEntry())
            {
                if (indentless)
                {
                    break; // the next key of the mapping that holds the sequence
                }

                throw GiveUp.Instance;
            }
        }

        _sink.Handle(new YamlEvent(YamlEventKind.End, default));
    }

    /// <summary>
    /// The value after a key's ':' or an entry's '-' (the scanner stands right after it) in a block at
    /// <paramref name="column"/>: on the same line, on the more indented lines below, an indentless sequence (a key's
    /// value only), or an empty scalar where YamlDotNet puts it, just after the indicator.
    /// </summary>
    private void Value(int column, bool afterKey, int depth)
    {
        int line = _line;
        int afterIndicator = _pos - _lineStart + 1;
        SkipSpaces();
        if (!AtEndOfLine())
        {
            Node(column, afterKey, depth + 1);
            return;
        }

        EndOfLine();
        if (NextContentLine() && _indent > column)
        {
            Node(column, afterKey: false, depth + 1);
        }
        else if (afterKey && !_eof && _indent == column && IsSequenceEntry())
        {
            Sequence(column, indentless: true, depth + 1);
        }
        else
        {
            _sink.Handle(EmptyScalar(line, afterIndicator));
        }
    }

    private void FlowSequence(bool multiLine, int depth)
    {
        FlowStart(YamlEventKind.SequenceStart, depth);
        SkipFlowSpace(multiLine);
        if (Current == ']')
        {
            _pos++;
        }
        else
        {
            while (true)
            {
                FlowItem(multiLine, depth);
                SkipFlowSpace(multiLine);
                if (Current == ',')
                {
                    _pos++;
                    SkipFlowSpace(multiLine);
                    if (Current == ']')
                    {
                        throw GiveUp.Instance; // a trailing comma
                    }

                    continue;
                }

                if (Current != ']')
                {
                    throw GiveUp.Instance;
                }

                _pos++;
                break;
            }
        }

        _sink.Handle(new YamlEvent(YamlEventKind.End, default));
    }

    private void FlowMapping(bool multiLine, int depth)
    {
        FlowStart(YamlEventKind.MappingStart, depth);
        SkipFlowSpace(multiLine);
        if (Current == '}')
        {
            _pos++;
        }
        else
        {
            while (true)
            {
                if (Current is '[' or '{')
                {
                    throw GiveUp.Instance; // a complex key
                }

                var key = Scalar(flow: true, out _);
                if (Current != ':' || !IsBlank(_pos + 1))
                {
                    throw GiveUp.Instance; // "{a}", "{"a":1}" and other forms YamlDotNet reads its own way
                }

                _sink.Handle(key);
                _pos++;
                SkipFlowSpace(multiLine);
                FlowItem(multiLine, depth);
                SkipFlowSpace(multiLine);
                if (Current == ',')
                {
                    _pos++;
                    SkipFlowSpace(multiLine);
                    if (Current == '}')
                    {
                        throw GiveUp.Instance;
                    }

                    continue;
                }

                if (Current != '}')
                {
                    throw GiveUp.Instance;
                }

                _pos++;
                break;
            }
        }

        _sink.Handle(new YamlEvent(YamlEventKind.End, default));
    }

    private void FlowStart(YamlEventKind kind, int depth)
    {
        if (depth >= YamlReader.MaxDepth)
        {
            throw GiveUp.Instance;
        }

        _sink.Handle(new YamlEvent(kind, SourceSpan.At(_line, _pos - _lineStart + 1)));
        _pos++;
    }

    /// <summary>An item of a flow sequence or a value of a flow mapping.</summary>
    private void FlowItem(bool multiLine, int depth)
    {
        switch (Current)
        {
            case '[':
                FlowSequence(multiLine, depth + 1);
                return;
            case '{':
                FlowMapping(multiLine, depth + 1);
                return;
        }

        var scalar = Scalar(flow: true, out bool isPair);
        if (isPair)
        {
            throw GiveUp.Instance; // "[a: b]" (a single-pair mapping) or "{a: b: c}"
        }

        _sink.Handle(scalar);
    }

    /// <summary>
    /// A single-line plain or quoted scalar at <see cref="_pos"/>. <paramref name="isKey"/>: it is followed by ':' and a
    /// space or the end of the line, and <see cref="_pos"/> then stands after that ':' (block context; in flow context the
    /// ':' is left for the caller).
    /// </summary>
    private YamlEvent Scalar(bool flow, out bool isKey)
    {
        int start = _pos;
        string value;
        ScalarStyle style;
        char c = Current;
        if (c is '"' or '\'')
        {
            value = Quoted(c);
            style = c == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted;
        }
        else
        {
            value = Plain(flow);
            style = ScalarStyle.Plain;
        }

        int end = _pos;
        var span = new SourceSpan(_line, start - _lineStart + 1, _line, end - _lineStart + 1);
        int after = _pos;
        while (after < _text.Length && _text[after] == ' ')
        {
            after++;
        }

        isKey = after < _text.Length && _text[after] == ':' && (IsBlank(after + 1) || (flow && after + 1 < _text.Length && _text[after + 1] is ',' or ']' or '}'));
        if (isKey && !flow)
        {
            if (end - start > 1024 || (after != end && style == ScalarStyle.Plain))
            {
                throw GiveUp.Instance; // over YAML's simple-key length, or "key : value" (left to YamlDotNet)
            }

            _pos = after + 1;
        }
        else if (isKey)
        {
            _pos = after;
        }

        return new YamlEvent(YamlEventKind.Scalar, span, value, style);
    }

    private string Plain(bool flow)
    {
        int start = _pos;
        char first = Current;
        bool indicator = first is '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`';
        if (first == '-' && !IsBlank(_pos + 1) && !(flow && _text[_pos + 1] is ',' or '[' or ']' or '{' or '}'))
        {
            indicator = false; // "-1", "-x"
        }

        if (indicator || first == ' ' || char.IsSurrogate(first))
        {
            throw GiveUp.Instance;
        }

        int i = _pos;
        int end = i;
        while (i < _text.Length)
        {
            char ch = _text[i];
            if (ch is '\n' or '\r' || (ch == '#' && _text[i - 1] == ' '))
            {
                break;
            }

            if (ch == ':' && (IsBlank(i + 1) || (flow && i + 1 < _text.Length && _text[i + 1] is ',' or '[' or ']' or '{' or '}')))
            {
                break;
            }

            if (flow && ch is ',' or '[' or ']' or '{' or '}')
            {
                break;
            }

            if (char.IsSurrogate(ch))
            {
                throw GiveUp.Instance;
            }

            i++;
            if (ch != ' ')
            {
                end = i;
            }
        }

        _pos = end;
        if (flow && !IsFlowFollower(i))
        {
            throw GiveUp.Instance; // continues on the next line, or a comment inside the collection
        }

        return _text.Substring(start, end - start);
    }

    /// <summary>
    /// In a flow collection, whether a plain scalar that stopped at <paramref name="i"/> ends there for good: at an
    /// indicator, or at a line end when the next thing written is one (otherwise the next line would continue it).
    /// </summary>
    private bool IsFlowFollower(int i)
    {
        while (i < _text.Length && _text[i] is ' ' or '\n' or '\r')
        {
            i++;
        }

        return i < _text.Length && _text[i] is ',' or ']' or '}' or ':';
    }

    private string Quoted(char quote)
    {
        int i = _pos + 1;
        int segment = i;
        StringBuilder? buffer = null;
        while (true)
        {
            if (i >= _text.Length)
            {
                throw GiveUp.Instance;
            }

            char ch = _text[i];
            if (ch is '\n' or '\r' || char.IsSurrogate(ch))
            {
                throw GiveUp.Instance; // multi-line quoted scalars fold: left to YamlDotNet
            }

            if (ch == quote)
            {
                if (quote == '\'' && i + 1 < _text.Length && _text[i + 1] == '\'')
                {
                    buffer = Buffer(buffer).Append(_text, segment, i - segment + 1);
                    i += 2;
                    segment = i;
                    continue;
                }

                break;
            }

            if (ch == '\\' && quote == '"')
            {
                buffer = Buffer(buffer).Append(_text, segment, i - segment);
                i++;
                char escaped = i < _text.Length ? _text[i] : '\0';
                switch (escaped)
                {
                    case '\\' or '"' or '/':
                        buffer.Append(escaped);
                        break;
                    case 'n':
                        buffer.Append('\n');
                        break;
                    case 't':
                        buffer.Append('\t');
                        break;
                    case 'r':
                        buffer.Append('\r');
                        break;
                    case 'u' when i + 4 < _text.Length && TryHex(i + 1, out char unicode):
                        buffer.Append(unicode);
                        i += 4;
                        break;
                    default:
                        throw GiveUp.Instance;
                }

                i++;
                segment = i;
                continue;
            }

            i++;
        }

        string value = buffer is null ? _text.Substring(_pos + 1, i - _pos - 1) : buffer.Append(_text, segment, i - segment).ToString();
        _pos = i + 1;
        return value;
    }

    private bool TryHex(int at, out char value)
    {
        int code = 0;
        for (int k = 0; k < 4; k++)
        {
            char h = _text[at + k];
            int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (digit < 0)
            {
                value = '\0';
                return false;
            }

            code = (code * 16) + digit;
        }

        value = (char)code;
        return code >= 0x20 && code < 0x7F; // other code points: YamlDotNet decides (surrogates, controls)
    }

    private StringBuilder Buffer(StringBuilder? buffer)
    {
        if (buffer is not null)
        {
            return buffer;
        }

        _buffer ??= new StringBuilder();
        _buffer.Clear();
        return _buffer;
    }

    private static YamlEvent EmptyScalar(int line, int column)
        => new(YamlEventKind.Scalar, SourceSpan.At(line, column), string.Empty, ScalarStyle.Plain);

    private char Current => _pos < _text.Length ? _text[_pos] : '\0';

    private bool IsBlank(int i) => i >= _text.Length || _text[i] is ' ' or '\n' or '\r';

    private bool IsSequenceEntry() => _text[_pos] == '-' && IsBlank(_pos + 1);

    private bool StartsWithMarker(string marker)
        => string.CompareOrdinal(_text, _pos, marker, 0, 3) == 0 && IsBlank(_pos + 3);

    private void SkipSpaces()
    {
        while (_pos < _text.Length && _text[_pos] == ' ')
        {
            _pos++;
        }
    }

    /// <summary>Inside a multi-line flow collection: spaces, line breaks and comment lines; otherwise spaces only.</summary>
    private void SkipFlowSpace(bool multiLine)
    {
        SkipSpaces();
        while (multiLine && _pos < _text.Length && _text[_pos] is '\n' or '\r')
        {
            NewLine();
            SkipSpaces();
            if (Current == '#')
            {
                throw GiveUp.Instance;
            }
        }
    }

    private bool AtEndOfLine() => _pos >= _text.Length || _text[_pos] is '\n' or '\r' || (_text[_pos] == '#' && _text[_pos - 1] == ' ');

    /// <summary>Spaces and an optional comment up to the end of the line, then past the line break.</summary>
    private void EndOfLine()
    {
        SkipSpaces();
        if (_pos < _text.Length && _text[_pos] == '#')
        {
            if (_text[_pos - 1] != ' ')
            {
                throw GiveUp.Instance; // "a"#b
            }

            int newline = _text.IndexOf('\n', _pos);
            _pos = newline < 0 ? _text.Length : newline;
            if (_pos > 0 && _text[_pos - 1] == '\r')
            {
                _pos--;
            }
        }

        if (_pos < _text.Length)
        {
            if (_text[_pos] is not ('\n' or '\r'))
            {
                throw GiveUp.Instance;
            }

            NewLine();
        }
    }

    /// <summary>From a line break (LF or CRLF) to the start of the next line.</summary>
    private void NewLine()
    {
        _pos += _text[_pos] == '\r' ? 2 : 1;
        _line++;
        _lineStart = _pos;
        if (++_linesSinceCheck == 4096)
        {
            _linesSinceCheck = 0;
            _cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// From the start of a line, skips blank and comment lines; stands on the first character of the next content line
    /// (its indentation in <see cref="_indent"/>) and returns true, or returns false at the end of the text.
    /// </summary>
    private bool NextContentLine()
    {
        while (_pos < _text.Length)
        {
            int i = _pos;
            while (i < _text.Length && _text[i] == ' ')
            {
                i++;
            }

            if (i < _text.Length && _text[i] is not ('\n' or '\r' or '#'))
            {
                _indent = i - _lineStart;
                _pos = i;
                if (_indent == 0 && _started && (StartsWithMarker("---") || StartsWithMarker("...")))
                {
                    throw GiveUp.Instance; // a second document or an explicit document end
                }

                return true;
            }

            int newline = _text.IndexOf('\n', i);
            if (newline < 0)
            {
                _pos = _text.Length;
                break;
            }

            _pos = newline;
            NewLine();
        }

        _eof = true;
        _indent = -1;
        return false;
    }

    private sealed class GiveUp : Exception
    {
        public static readonly GiveUp Instance = new();
    }
}
