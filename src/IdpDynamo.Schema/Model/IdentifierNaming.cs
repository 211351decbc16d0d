using System.Text;

namespace IdpDynamo.Schema.Model;

/// <summary>A YAML name and the C# identifier it maps to.</summary>
internal sealed record NamedMember(string Name, string Identifier);

/// <summary>
/// Maps table, index and attribute names to valid, stable C# identifiers: characters that cannot appear in an
/// identifier become '_' (<c>IpAccessAgreement-v2</c> → <c>IpAccessAgreement_v2</c>, <c>Orders.v2</c> → <c>Orders_v2</c>),
/// a leading digit gets a '_' prefix, keywords get '@' (<c>class</c> → <c>@class</c>). Within one scope a name that maps
/// to an identifier already taken gets a numeric suffix (<c>_2</c>) and is reported (IDPDYN129).
/// </summary>
internal static class IdentifierNaming
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>The identifier for one name (without uniqueness).</summary>
    public static string ToIdentifier(string name)
    {
        var sb = new StringBuilder(name.Length + 1);
        foreach (char c in name)
        {
            sb.Append(IsIdentifierPart(c) ? c : '_');
        }

        if (sb.Length == 0 || !IsIdentifierStart(sb[0]))
        {
            sb.Insert(0, '_');
        }

        string id = sb.ToString();
        return Keywords.Contains(id) ? "@" + id : id;
    }

    /// <summary>
    /// Assigns unique identifiers in one scope; reserved names are never used. A name that already is an identifier
    /// keeps it (so adding <c>Orders-v2</c> never renames the accessor of an existing <c>Orders_v2</c>); the other
    /// names are mapped in the order given, a taken identifier getting the first free <c>_2</c>, <c>_3</c>… suffix.
    /// </summary>
    public static List<NamedMember> Assign(IEnumerable<string> names, IEnumerable<string> reserved, Action<string, string, string>? onCollision = null)
    {
        var list = new List<string>(names);
        var used = new HashSet<string>(reserved, StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new string?[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            string name = list[i];
            if (ToIdentifier(name) == name && used.Add(name))
            {
                owner[name] = name;
                ids[i] = name;
            }
        }

        var result = new List<NamedMember>(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            string name = list[i];
            string? id = ids[i];
            if (id is null)
            {
                id = ToIdentifier(name);
                string bare = id.TrimStart('@');
                if (used.Contains(bare))
                {
                    string other = owner.TryGetValue(bare, out var o) ? o : "a generated member";
                    int n = 2;
                    while (used.Contains(bare + "_" + n))
                    {
                        n++;
                    }

                    bare += "_" + n;
                    id = bare;
                    onCollision?.Invoke(name, id, other);
                }

                used.Add(bare);
                owner[bare] = name;
            }

            result.Add(new NamedMember(name, id));
        }

        return result;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c)
    {
        if (c == '_' || char.IsLetterOrDigit(c))
        {
            return true;
        }

        var category = char.GetUnicodeCategory(c);
        return category is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark
            or System.Globalization.UnicodeCategory.ConnectorPunctuation or System.Globalization.UnicodeCategory.LetterNumber;
    }
}
