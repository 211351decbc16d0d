namespace IdpDynamo.Analyzers.PartiQL;

/// <summary>What a token of a PartiQL statement is.</summary>
internal enum PartiQLTokenKind
{
    /// <summary>An unquoted word: a keyword (SELECT, FROM…) or a name.</summary>
    Identifier,

    /// <summary><c>"name"</c>: a name as written, case and all (<c>""</c> stands for one quote).</summary>
    QuotedIdentifier,

    /// <summary><c>'text'</c>: a string value (<c>''</c> stands for one quote).</summary>
    String,

    /// <summary>Digits (with a point or an exponent): a number value.</summary>
    Number,

    /// <summary><c>?</c>: a parameter of the statement.</summary>
    Parameter,

    /// <summary>Any other single character: <c>.</c>, <c>,</c>, <c>(</c>, <c>=</c>, <c>*</c>…</summary>
    Punctuation,

    /// <summary>A part of the C# string that is not known at compile time, standing alone.</summary>
    Hole,
}

/// <summary>
/// One token: its kind, its value (a name without quotes and with <c>""</c> unescaped; <see cref="PartiQLTokenizer.HoleMark"/>
/// where an unknown part lies inside it), and where its value starts and ends in the statement text (for a quoted
/// identifier, inside the quotes).
/// </summary>
internal readonly record struct PartiQLToken(PartiQLTokenKind Kind, string Value, int Start, int End)
{
    public bool HasHole => Value.IndexOf(PartiQLTokenizer.HoleMark) >= 0;

    public bool IsKeyword(string keyword) => Kind == PartiQLTokenKind.Identifier && string.Equals(Value, keyword, System.StringComparison.OrdinalIgnoreCase);

    public bool IsPunctuation(char c) => Kind == PartiQLTokenKind.Punctuation && Value.Length == 1 && Value[0] == c;
}

/// <summary>
/// Splits a PartiQL statement (DynamoDB's dialect) into tokens: unquoted identifiers (letters, digits, <c>_</c>,
/// <c>$</c>), double-quoted identifiers, single-quoted strings, numbers, <c>?</c> parameters and single-character
/// punctuation; whitespace, <c>--</c> line comments and <c>/* */</c> block comments are skipped. A string, quoted
/// identifier or block comment that is not closed makes the statement unreadable (null).
/// </summary>
/// <remarks>
/// The text may contain <see cref="HoleMark"/>, one per part of the C# value that is unknown at compile time (an
/// interpolated parameter, say). Inside a string, a quoted identifier or a comment it stays part of that token; next to
/// an unquoted identifier it joins the identifier; on its own it is a <see cref="PartiQLTokenKind.Hole"/>.
/// </remarks>
internal static class PartiQLTokenizer
{
    /// <summary>A private-use character standing for an unknown part; a statement whose known text has one is not read.</summary>
    public const char HoleMark = '\uE000';

    public static List<PartiQLToken>? Tokenize(string text)
    {
        var tokens = new List<PartiQLToken>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && At(text, i + 1, '-'))
            {
                while (i < text.Length && text[i] != '\n' && text[i] != '\r')
                {
                    i++;
                }
            }
            else if (c == '/' && At(text, i + 1, '*'))
            {
                int close = text.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                if (close < 0)
                {
                    return null;
                }

                i = close + 2;
            }
            else if (c is '"' or '\'')
            {
                if (Quoted(text, i, c) is not { } token)
                {
                    return null;
                }

                tokens.Add(token);
                i = token.End + 1;
            }
            else if (IsWordStart(c))
            {
                int start = i;
                while (i < text.Length && IsWordPart(text[i]))
                {
                    i++;
                }

                string word = text.Substring(start, i - start);
                var kind = word.Trim(HoleMark).Length == 0 ? PartiQLTokenKind.Hole : PartiQLTokenKind.Identifier;
                tokens.Add(new PartiQLToken(kind, word, start, i));
            }
            else if (c is >= '0' and <= '9')
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '.'
                    || ((text[i] == '+' || text[i] == '-') && (text[i - 1] == 'e' || text[i - 1] == 'E'))))
                {
                    i++;
                }

                tokens.Add(new PartiQLToken(PartiQLTokenKind.Number, text.Substring(start, i - start), start, i));
            }
            else
            {
                tokens.Add(new PartiQLToken(c == '?' ? PartiQLTokenKind.Parameter : PartiQLTokenKind.Punctuation, c.ToString(), i, i + 1));
                i++;
            }
        }

        return tokens;
    }

    /// <summary>A quoted identifier or string starting at <paramref name="open"/>; a doubled quote is one quote. Null when not closed.</summary>
    private static PartiQLToken? Quoted(string text, int open, char quote)
    {
        var value = new System.Text.StringBuilder();
        int i = open + 1;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (!At(text, i + 1, quote))
                {
                    var kind = quote == '"' ? PartiQLTokenKind.QuotedIdentifier : PartiQLTokenKind.String;
                    return new PartiQLToken(kind, value.ToString(), open + 1, i);
                }

                i++;
            }

            value.Append(text[i]);
            i++;
        }

        return null;
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    private static bool IsWordStart(char c) => char.IsLetter(c) || c is '_' or '$' or HoleMark;

    private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or HoleMark;
}
