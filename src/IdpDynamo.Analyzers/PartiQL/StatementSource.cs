using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace IdpDynamo.Analyzers.PartiQL;

/// <summary>
/// The text of a <c>Statement</c> value as far as it is known at compile time, with
/// <see cref="PartiQLTokenizer.HoleMark"/> for each unknown part, and where an offset of the text is in the source.
/// </summary>
/// <remarks>
/// Known: what <see cref="StringResolver"/> resolves (constants, literals, locals assigned once, readonly fields…),
/// and the parts of an interpolated string or a concatenation written at the sink, each resolved the same way. Offsets
/// are located inside the literal only when the value is one regular string literal (<c>"…"</c>, escapes mapped back);
/// for a verbatim, raw or interpolated string and a constant defined elsewhere, every location is the whole value.
/// </remarks>
internal sealed class StatementSource
{
    private const int MaxParts = 64;

    private readonly Location _whole;
    private readonly int[]? _offsets;

    private StatementSource(string text, Location whole, int[]? offsets)
    {
        Text = text;
        _whole = whole;
        _offsets = offsets;
    }

    public string Text { get; }

    /// <summary>The source of <paramref name="value"/>, or null when nothing of it is known or its known text holds a hole mark itself.</summary>
    public static StatementSource? From(IOperation value, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        int parts = 0;
        if (!Append(value, text, ref parts, cancellationToken) || text.ToString().Trim(PartiQLTokenizer.HoleMark).Length == 0)
        {
            return null;
        }

        var syntax = value.Syntax;
        int[]? offsets = syntax is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal
            && literal.Token.IsKind(SyntaxKind.StringLiteralToken) && literal.Token.Text.StartsWith("\"", System.StringComparison.Ordinal)
            ? RegularLiteralOffsets(literal.Token, text.Length)
            : null;
        return new StatementSource(text.ToString(), syntax.GetLocation(), offsets);
    }

    /// <summary>Where the text between <paramref name="start"/> and <paramref name="end"/> is written.</summary>
    public Location Locate(int start, int end)
        => _offsets is { } offsets && _whole.SourceTree is { } tree && end < offsets.Length && start <= end
            ? Location.Create(tree, TextSpan.FromBounds(offsets[start], offsets[end]))
            : _whole;

    /// <summary>Appends the known text of <paramref name="value"/> and a hole for each unknown part; false when a known part contains the hole mark itself (or the value has too many parts).</summary>
    private static bool Append(IOperation value, StringBuilder text, ref int parts, CancellationToken cancellationToken)
    {
        if (++parts > MaxParts)
        {
            return false;
        }

        var resolved = StringResolver.Resolve(value, cancellationToken);
        if (resolved.Exact is { } exact)
        {
            text.Append(exact);
            return exact.IndexOf(PartiQLTokenizer.HoleMark) < 0;
        }

        switch (RequestContext.Unwrap(value))
        {
            case IParenthesizedOperation parenthesized:
                return Append(parenthesized.Operand, text, ref parts, cancellationToken);
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    // A formatted or aligned interpolation ({x:D}, {x,8}) is not the value's plain text: unknown.
                    bool readable = part switch
                    {
                        IInterpolatedStringTextOperation t => Append(t.Text, text, ref parts, cancellationToken),
                        IInterpolationOperation { Alignment: null, FormatString: null } hole => Append(hole.Expression, text, ref parts, cancellationToken),
                        _ => AppendHole(text),
                    };
                    if (!readable)
                    {
                        return false;
                    }
                }

                return true;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                return Append(binary.LeftOperand, text, ref parts, cancellationToken) && Append(binary.RightOperand, text, ref parts, cancellationToken);
            default:
                // Unknown (a parameter, a call): a tail, when known, follows the hole.
                text.Append(PartiQLTokenizer.HoleMark);
                if (resolved.Tail is { } tail)
                {
                    text.Append(tail);
                    return tail.IndexOf(PartiQLTokenizer.HoleMark) < 0;
                }

                return true;
        }
    }

    private static bool AppendHole(StringBuilder text)
    {
        text.Append(PartiQLTokenizer.HoleMark);
        return true;
    }

    /// <summary>
    /// For each character of a regular string literal's value, the source position of the character or escape
    /// sequence that writes it, and one more entry for the closing quote; null when the value does not match.
    /// </summary>
    private static int[]? RegularLiteralOffsets(SyntaxToken token, int valueLength)
    {
        string source = token.Text;
        var offsets = new System.Collections.Generic.List<int>(valueLength + 1);
        int i = 1;
        while (i < source.Length - 1)
        {
            int start = token.SpanStart + i;
            if (source[i] != '\\')
            {
                offsets.Add(start);
                i++;
                continue;
            }

            char escape = i + 1 < source.Length ? source[i + 1] : '\0';
            int length = escape switch
            {
                'u' => 6,
                'U' => 10,
                'x' => 2 + HexDigits(source, i + 2, 4),
                _ => 2,
            };

            // \U beyond the BMP writes a surrogate pair: two characters from one escape.
            bool pair = escape == 'U' && i + 10 <= source.Length && int.TryParse(source.Substring(i + 2, 8), System.Globalization.NumberStyles.HexNumber, null, out int code) && code > 0xFFFF;
            offsets.Add(start);
            if (pair)
            {
                offsets.Add(start);
            }

            i += length;
        }

        offsets.Add(token.SpanStart + source.Length - 1);
        return offsets.Count == valueLength + 1 ? offsets.ToArray() : null;
    }

    private static int HexDigits(string source, int start, int max)
    {
        int n = 0;
        while (n < max && start + n < source.Length - 1 && IsHexDigit(source[start + n]))
        {
            n++;
        }

        return n;
    }

    private static bool IsHexDigit(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
}
