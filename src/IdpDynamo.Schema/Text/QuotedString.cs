using System.Globalization;
using System.Text;

namespace IdpDynamo.Schema.Text;

/// <summary>Double-quoted string literals with backslash escapes: the C# literals of the generated code and JSON strings.</summary>
internal static class QuotedString
{
    /// <summary>
    /// A C# string literal; every character outside printable ASCII is escaped (<c>\uXXXX</c>), so no YAML text can end
    /// the literal.
    /// </summary>
    public static string CSharp(string value) => Quote(value, shortEscapes: false, hex: "X4", c => c < 0x20 || c > 0x7E);

    /// <summary>A JSON string: <c>\n \r \t</c>, and <c>\uxxxx</c> for other controls, U+2028/2029 and surrogates.</summary>
    public static string Json(string value) => Quote(value, shortEscapes: true, hex: "x4", c => c < 0x20 || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c));

    private static string Quote(string value, bool shortEscapes, string hex, Func<char, bool> escape)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (char c in value)
        {
            string? shortForm = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' when shortEscapes => "\\n",
                '\r' when shortEscapes => "\\r",
                '\t' when shortEscapes => "\\t",
                _ => null,
            };
            if (shortForm is not null)
            {
                sb.Append(shortForm);
            }
            else if (escape(c))
            {
                sb.Append("\\u").Append(((int)c).ToString(hex, CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append('"');
        return sb.ToString();
    }
}
