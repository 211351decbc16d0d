using System.Globalization;
using System.IO;
using IdpDynamo.Schema.Text;

namespace IdpDynamo.Cli;

/// <summary>A minimal JSON writer (no reflection, no serializer start-up cost).</summary>
internal static class JsonWriter
{
    public static string Quote(string value) => QuotedString.Json(value);

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
