using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace IdpDynamo.Analyzers.Analyzers.Configuration;

/// <summary>A string value of an appsettings file under its flattened key (<c>Shipping:ShipmentsTable</c>), with the span of the JSON string.</summary>
internal readonly record struct JsonSetting(string Key, string Value, TextSpan Span);

/// <summary>
/// Reads an appsettings file as the JSON configuration provider does: the top level is an object, nested objects
/// flatten to <c>A:B</c>, array elements to <c>A:0</c>, and <c>//</c> and <c>/* */</c> comments and trailing commas
/// are allowed. Keys that repeat (case-insensitively) make the provider throw at startup, so such a file yields
/// nothing, as does anything that is not well-formed. Only string values are kept (a table or index name is a
/// string). The analyzer targets netstandard2.0 and ships no JSON library, hence this small reader; it never throws.
/// </summary>
internal sealed class JsonSettingsReader
{
    private const int MaxDepth = 64;

    private readonly string _text;
    private readonly List<JsonSetting> _settings = new();
    private readonly HashSet<string> _keys = new(StringComparer.OrdinalIgnoreCase);
    private int _position;

    private JsonSettingsReader(string text) => _text = text;

    /// <summary>The string settings of <paramref name="text"/>, or null when the file is not a configuration file the provider accepts.</summary>
    public static IReadOnlyList<JsonSetting>? Read(string text)
    {
        var reader = new JsonSettingsReader(text);
        try
        {
            reader.SkipTrivia();
            if (!reader.Peek('{') || !reader.ReadValue(string.Empty, 0))
            {
                return null;
            }

            reader.SkipTrivia();
            return reader._position == text.Length ? reader._settings : null;
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            return null;
        }
    }

    private bool Peek(char c) => _position < _text.Length && _text[_position] == c;

    private bool ReadValue(string key, int depth)
    {
        if (depth > MaxDepth || _position >= _text.Length)
        {
            return false;
        }

        switch (_text[_position])
        {
            case '{':
                return ReadObject(key, depth);
            case '[':
                return ReadArray(key, depth);
            case '"':
                int start = _position;
                if (ReadString() is not { } value)
                {
                    return false;
                }

                return Add(key, value, TextSpan.FromBounds(start, _position));
            default:
                return ReadLiteral() && Add(key, null, default);
        }
    }

    /// <summary>Records a leaf; a key seen before (the provider compares keys ignoring case) makes the file invalid.</summary>
    private bool Add(string key, string? value, TextSpan span)
    {
        if (!_keys.Add(key))
        {
            return false;
        }

        if (value is not null && key.Length > 0)
        {
            _settings.Add(new JsonSetting(key, value, span));
        }

        return true;
    }

    private bool ReadObject(string prefix, int depth)
    {
        _position++;
        SkipTrivia();
        if (Peek('}'))
        {
            _position++;
            return Add(prefix, null, default);
        }

        while (true)
        {
            SkipTrivia();
            if (Peek('}'))
            {
                _position++;   // a trailing comma
                return true;
            }

            if (!Peek('"') || ReadString() is not { } name)
            {
                return false;
            }

            SkipTrivia();
            if (!Peek(':'))
            {
                return false;
            }

            _position++;
            SkipTrivia();
            if (!ReadValue(prefix.Length == 0 ? name : prefix + ":" + name, depth + 1))
            {
                return false;
            }

            SkipTrivia();
            if (Peek(','))
            {
                _position++;
                continue;
            }

            if (Peek('}'))
            {
                _position++;
                return true;
            }

            return false;
        }
    }

    private bool ReadArray(string prefix, int depth)
    {
        _position++;
        int index = 0;
        while (true)
        {
            SkipTrivia();
            if (Peek(']'))
            {
                _position++;
                return true;
            }

            if (!ReadValue(prefix + ":" + index.ToString(System.Globalization.CultureInfo.InvariantCulture), depth + 1))
            {
                return false;
            }

            index++;
            SkipTrivia();
            if (Peek(','))
            {
                _position++;
                continue;
            }

            if (Peek(']'))
            {
                _position++;
                return true;
            }

            return false;
        }
    }

    /// <summary>A number, true, false or null: only checked to be one of them (their values name no table).</summary>
    private bool ReadLiteral()
    {
        int start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '-' or '+' or '.'))
        {
            _position++;
        }

        string word = _text.Substring(start, _position - start);
        return word is "true" or "false" or "null" || (word.Length > 0 && (char.IsDigit(word[0]) || word[0] == '-')
            && double.TryParse(word, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    private string? ReadString()
    {
        _position++;
        var value = new StringBuilder();
        while (_position < _text.Length)
        {
            char c = _text[_position++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c < ' ')
            {
                return null;
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                return null;
            }

            char escape = _text[_position++];
            switch (escape)
            {
                case '"' or '\\' or '/':
                    value.Append(escape);
                    break;
                case 'b':
                    value.Append('\b');
                    break;
                case 'f':
                    value.Append('\f');
                    break;
                case 'n':
                    value.Append('\n');
                    break;
                case 'r':
                    value.Append('\r');
                    break;
                case 't':
                    value.Append('\t');
                    break;
                case 'u' when _position + 4 <= _text.Length
                    && int.TryParse(_text.Substring(_position, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out int code):
                    value.Append((char)code);
                    _position += 4;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Whitespace, <c>// line</c> and <c>/* block */</c> comments (an unterminated block comment ends the text).</summary>
    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
            {
                _position++;
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
            {
                int end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                _position = end < 0 ? _text.Length + 1 : end + 2;
            }
            else
            {
                return;
            }
        }
    }
}
