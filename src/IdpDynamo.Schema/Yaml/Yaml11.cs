using System.Globalization;

namespace IdpDynamo.Schema.Yaml;

/// <summary>
/// Plain-scalar resolution exactly as Helm 3 reads values (go-yaml v2 <c>resolve()</c> behind sigs.k8s.io/yaml):
/// YAML 1.1 booleans (<c>y</c>, <c>no</c>, <c>on</c>, ...), octal <c>012</c>, hex, binary, underscores, floats like <c>.5</c>
/// and <c>5.</c>. Timestamps stay strings (go-yaml v2 keeps them as strings for interface{} targets).
/// </summary>
internal static class Yaml11
{
    public readonly record struct Resolved(ScalarKind Kind, string Text, double Number, bool NotFinite);

    public static Resolved ResolvePlain(string text)
    {
        switch (text)
        {
            case "":
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return new Resolved(ScalarKind.Null, "null", 0, false);
            case "y":
            case "Y":
            case "yes":
            case "Yes":
            case "YES":
            case "on":
            case "On":
            case "ON":
            case "true":
            case "True":
            case "TRUE":
                return new Resolved(ScalarKind.Bool, "true", 1, false);
            case "n":
            case "N":
            case "no":
            case "No":
            case "NO":
            case "off":
            case "Off":
            case "OFF":
            case "false":
            case "False":
            case "FALSE":
                return new Resolved(ScalarKind.Bool, "false", 0, false);
            case ".inf":
            case ".Inf":
            case ".INF":
            case "+.inf":
            case "+.Inf":
            case "+.INF":
                return new Resolved(ScalarKind.Float, "+Inf", double.PositiveInfinity, true);
            case "-.inf":
            case "-.Inf":
            case "-.INF":
                return new Resolved(ScalarKind.Float, "-Inf", double.NegativeInfinity, true);
            case ".nan":
            case ".NaN":
            case ".NAN":
                return new Resolved(ScalarKind.Float, "NaN", double.NaN, true);
        }

        char c = text[0];
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.')
        {
            string plain = text.IndexOf('_') >= 0 ? text.Replace("_", "") : text;
            if (TryParseGoInt(plain, out double integer))
            {
                return new Resolved(ScalarKind.Int, FormatNumber(integer), integer, false);
            }

            if (IsYamlStyleFloat(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out double f))
            {
                if (double.IsInfinity(f))
                {
                    return new Resolved(ScalarKind.Float, f > 0 ? "+Inf" : "-Inf", f, true);
                }

                return new Resolved(ScalarKind.Float, FormatNumber(f), f, false);
            }
        }

        return new Resolved(ScalarKind.String, text, 0, false);
    }

    /// <summary>Resolution of a scalar with an explicit standard tag (<c>!!int "5"</c>). Returns false if the text does not fit the tag.</summary>
    public static bool TryResolveTagged(string tag, string text, out Resolved resolved)
    {
        resolved = new Resolved(ScalarKind.String, text, 0, false);
        switch (tag)
        {
            case "!!str":
            case "!!binary":
            case "!!timestamp":
                return true;
            case "!!null":
                resolved = new Resolved(ScalarKind.Null, "null", 0, false);
                return true;
            case "!!bool":
            case "!!int":
            case "!!float":
                var r = text.Length == 0 ? new Resolved(ScalarKind.Null, "null", 0, false) : ResolvePlain(text);
                if (tag == "!!bool" && r.Kind == ScalarKind.Bool)
                {
                    resolved = r;
                    return true;
                }

                if (tag == "!!int" && r.Kind == ScalarKind.Int)
                {
                    resolved = r;
                    return true;
                }

                if (tag == "!!float" && (r.Kind == ScalarKind.Float || r.Kind == ScalarKind.Int))
                {
                    resolved = r with { Kind = ScalarKind.Float };
                    return true;
                }

                return false;
            default:
                // Custom tags (!Ref, !Sub, ...) are dropped by Helm's parser: the value stays the written string.
                return true;
        }
    }

    public static string FormatNumber(double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e21)
        {
            return value.ToString("0", CultureInfo.InvariantCulture);
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    // strconv.ParseInt(s, 0, 64) / ParseUint: optional sign, 0x / 0o / 0b prefixes, a leading 0 means octal.
    private static bool TryParseGoInt(string s, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            i = 1;
        }

        if (i >= s.Length)
        {
            return false;
        }

        int radix = 10;
        if (s[i] == '0' && i + 1 < s.Length)
        {
            char p = s[i + 1];
            if (p == 'x' || p == 'X')
            {
                radix = 16;
                i += 2;
            }
            else if (p == 'o' || p == 'O')
            {
                radix = 8;
                i += 2;
            }
            else if (p == 'b' || p == 'B')
            {
                radix = 2;
                i += 2;
            }
            else
            {
                radix = 8;
                i += 1;
            }
        }

        if (i >= s.Length)
        {
            return false;
        }

        double acc = 0;
        for (; i < s.Length; i++)
        {
            int digit = Digit(s[i]);
            if (digit < 0 || digit >= radix)
            {
                return false;
            }

            acc = (acc * radix) + digit;
        }

        // ParseUint accepts up to 2^64-1; beyond that go-yaml falls through to float parsing.
        if (acc > 18446744073709551615d)
        {
            return false;
        }

        value = negative ? -acc : acc;
        return true;
    }

    private static int Digit(char c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }

        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }

        if (c >= 'A' && c <= 'F')
        {
            return c - 'A' + 10;
        }

        return -1;
    }

    // ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ (go-yaml v2 yamlStyleFloat)
    private static bool IsYamlStyleFloat(string s)
    {
        int i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            i++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            int start = i;
            while (i < s.Length && char.IsDigit(s[i]) && s[i] < 128)
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }
        else
        {
            int start = i;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }

            if (i < s.Length && s[i] == '.')
            {
                i++;
                while (i < s.Length && s[i] >= '0' && s[i] <= '9')
                {
                    i++;
                }
            }
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            int start = i;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        return i == s.Length;
    }
}
