using System.Globalization;
using System.IO;
using System.Text;

namespace IdpDynamo.Cli;

/// <summary>A minimal JSON writer (no reflection, no serializer start-up cost).</summary>
internal static class JsonWriter
{
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
        return sb.ToString();
    }

    public static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static void Property(TextWriter w, string name, string value, bool comma = true)
    {
        w.Write(Quote(name));
        w.Write(':');
        w.Write(Quote(value));
        if (comma)
        {
            w.Write(',');
        }
    }
}
