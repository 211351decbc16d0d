namespace IdpDynamo.Analyzers.Expressions;

/// <summary>What a token of a DynamoDB expression is.</summary>
internal enum TokenKind
{
    /// <summary>A bare word: an attribute name, a keyword (AND, SET, BETWEEN…) or a function name.</summary>
    Word,

    /// <summary><c>#name</c>: an expression attribute name.</summary>
    NamePlaceholder,

    /// <summary><c>:value</c>: an expression attribute value.</summary>
    ValuePlaceholder,

    /// <summary>Digits, only meaningful as a list index (<c>a[0]</c>).</summary>
    Number,

    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Comma,
    Dot,

    /// <summary><c>=</c>, <c>&lt;&gt;</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>.</summary>
    Comparator,

    Plus,
    Minus,
}

/// <summary>One token: its kind, its text and where it starts in the expression string.</summary>
internal readonly record struct ExpressionToken(TokenKind Kind, string Text, int Offset)
{
    public int End => Offset + Text.Length;

    public bool IsKeyword(string keyword) => Kind == TokenKind.Word && string.Equals(Text, keyword, System.StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Splits a DynamoDB expression into tokens. Attribute names are letters, digits and <c>_</c> starting with a letter or
/// <c>_</c>; placeholders are <c>#</c> or <c>:</c> followed by such characters. Anything else (quotes, <c>-</c> inside a
/// name, unknown symbols) makes the expression unreadable: <see cref="Tokenize"/> returns null.
/// </summary>
internal static class ExpressionTokenizer
{
    public static List<ExpressionToken>? Tokenize(string text)
    {
        var tokens = new List<ExpressionToken>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            int start = i;
            switch (c)
            {
                case '(':
                    tokens.Add(new ExpressionToken(TokenKind.OpenParen, "(", i++));
                    continue;
                case ')':
                    tokens.Add(new ExpressionToken(TokenKind.CloseParen, ")", i++));
                    continue;
                case '[':
                    tokens.Add(new ExpressionToken(TokenKind.OpenBracket, "[", i++));
                    continue;
                case ']':
                    tokens.Add(new ExpressionToken(TokenKind.CloseBracket, "]", i++));
                    continue;
                case ',':
                    tokens.Add(new ExpressionToken(TokenKind.Comma, ",", i++));
                    continue;
                case '.':
                    tokens.Add(new ExpressionToken(TokenKind.Dot, ".", i++));
                    continue;
                case '+':
                    tokens.Add(new ExpressionToken(TokenKind.Plus, "+", i++));
                    continue;
                case '-':
                    tokens.Add(new ExpressionToken(TokenKind.Minus, "-", i++));
                    continue;
                case '=':
                    tokens.Add(new ExpressionToken(TokenKind.Comparator, "=", i++));
                    continue;
                case '<':
                case '>':
                    i++;
                    if (i < text.Length && (text[i] == '=' || (c == '<' && text[i] == '>')))
                    {
                        i++;
                    }

                    tokens.Add(new ExpressionToken(TokenKind.Comparator, text.Substring(start, i - start), start));
                    continue;
                case '#':
                case ':':
                    i++;
                    while (i < text.Length && IsNameChar(text[i]))
                    {
                        i++;
                    }

                    if (i == start + 1)
                    {
                        return null;
                    }

                    tokens.Add(new ExpressionToken(c == '#' ? TokenKind.NamePlaceholder : TokenKind.ValuePlaceholder, text.Substring(start, i - start), start));
                    continue;
            }

            if (c >= '0' && c <= '9')
            {
                while (i < text.Length && text[i] >= '0' && text[i] <= '9')
                {
                    i++;
                }

                if (i < text.Length && IsNameChar(text[i]))
                {
                    return null;   // 1abc: not a name DynamoDB accepts bare
                }

                tokens.Add(new ExpressionToken(TokenKind.Number, text.Substring(start, i - start), start));
                continue;
            }

            if (IsNameStart(c))
            {
                while (i < text.Length && IsNameChar(text[i]))
                {
                    i++;
                }

                tokens.Add(new ExpressionToken(TokenKind.Word, text.Substring(start, i - start), start));
                continue;
            }

            return null;
        }

        return tokens;
    }

    private static bool IsNameStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    private static bool IsNameChar(char c) => IsNameStart(c) || (c >= '0' && c <= '9');
}
