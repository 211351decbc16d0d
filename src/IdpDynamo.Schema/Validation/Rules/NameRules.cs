using System.Globalization;
using IdpDynamo.Schema.Model;

namespace IdpDynamo.Schema.Validation.Rules;

/// <summary>IDPDYN018: whitespace, invisible characters and look-alike letters in names, roles and keys.</summary>
internal static class NameRules
{
    public static void Run(RuleContext ctx)
    {
        foreach (var table in ctx.File.Tables)
        {
            Check(ctx, table.Name);
            Check(ctx, table.HashKey);
            Check(ctx, table.RangeKey);
            Check(ctx, table.Ttl?.AttributeName);
            foreach (var a in table.Attributes)
            {
                Check(ctx, a.Name);
            }

            foreach (var index in Concat(table.LocalIndexes, table.GlobalIndexes))
            {
                Check(ctx, index.Name);
                Check(ctx, index.HashKey);
                Check(ctx, index.RangeKey);
                foreach (var n in index.NonKeyAttributes)
                {
                    Check(ctx, n);
                }
            }

            foreach (var r in table.ReadRoles)
            {
                Check(ctx, r);
            }

            foreach (var r in table.WriteRoles)
            {
                Check(ctx, r);
            }
        }
    }

    /// <summary>The LSIs and GSIs of a table in file order (so "second occurrence" anchors follow the file).</summary>
    internal static IEnumerable<IndexSpec> Concat(EquatableArray<IndexSpec> a, EquatableArray<IndexSpec> b)
    {
        var all = new List<IndexSpec>(a.Count + b.Count);
        all.AddRange(a);
        all.AddRange(b);
        all.Sort((x, y) => x.Span.Line != y.Span.Line ? x.Span.Line.CompareTo(y.Span.Line) : x.Span.Column.CompareTo(y.Span.Column));
        return all;
    }

    private static void Check(RuleContext ctx, Field<string>? field)
    {
        if (field is null || field.Value.Length == 0)
        {
            return;
        }

        string v = field.Value;
        string? what = null;
        int pos = 0;
        if (char.IsWhiteSpace(v[0]))
        {
            what = "leading whitespace";
        }
        else if (char.IsWhiteSpace(v[v.Length - 1]))
        {
            what = "trailing whitespace";
            pos = v.Length - 1;
        }
        else
        {
            bool hasLatin = false;
            for (int i = 0; i < v.Length; i++)
            {
                hasLatin |= (v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z');
            }

            for (int i = 0; i < v.Length && what is null; i++)
            {
                char c = v[i];
                if (c == '\t')
                {
                    what = "a tab";
                }
                else if (c == '\u00A0')
                {
                    what = "a no-break space (U+00A0)";
                }
                else if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD')
                {
                    what = $"an invisible character (U+{(int)c:X4})";
                }
                else if (hasLatin && IsLookAlike(c))
                {
                    what = $"the non-ASCII look-alike letter '{c}' (U+{(int)c:X4})";
                }

                pos = i;
            }
        }

        if (what is not null)
        {
            ctx.Report(DiagnosticIds.InvisibleCharacters, field.Span,
                $"'{v}' contains {what} at position {(pos + 1).ToString(CultureInfo.InvariantCulture)}; names are compared exactly");
        }
    }

    // Cyrillic and Greek letters mixed into a Latin name are almost always homoglyph slips (О vs O).
    private static bool IsLookAlike(char c) => (c >= '\u0370' && c <= '\u03FF') || (c >= '\u0400' && c <= '\u04FF');
}
