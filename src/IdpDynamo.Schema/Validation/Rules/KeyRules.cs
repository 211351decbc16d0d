using IdpDynamo.Schema.Model;
using IdpDynamo.Schema.Text;

namespace IdpDynamo.Schema.Validation.Rules;

/// <summary>Keys and attribute definitions: IDPDYN020–029, 039, 045 and the declaration checks of index keys (051, 060, 061).</summary>
internal static class KeyRules
{
    private static readonly string[] KeyTypes = { "S", "N", "B" };

    public static void Run(RuleContext ctx)
    {
        foreach (var table in ctx.File.Tables)
        {
            RunTable(ctx, table);
        }
    }

    /// <summary>Every key reference of the table: (role in messages, field, rule id when undeclared).</summary>
    internal static IEnumerable<(string Id, Field<string> Field, Func<string, string> Message)> KeyReferences(TableSpec table)
    {
        string t = table.DisplayName;
        if (table.HashKey is { } h)
        {
            yield return (DiagnosticIds.HashKeyNotDeclared, h, a => $"hashKey '{a}' of table '{t}' is not declared in 'attributes'; add \"- name: {a}\" with type 'S', 'N' or 'B'");
        }

        if (table.RangeKey is { } r)
        {
            yield return (DiagnosticIds.RangeKeyNotDeclared, r, a => $"rangeKey '{a}' of table '{t}' is not declared in 'attributes'; add \"- name: {a}\" with type 'S', 'N' or 'B'");
        }

        foreach (var lsi in table.LocalIndexes)
        {
            string i = lsi.Name?.Value ?? $"localSecondaryIndex[{lsi.Ordinal}]";
            if (lsi.RangeKey is { } lr)
            {
                yield return (DiagnosticIds.LsiRangeKeyNotDeclared, lr, a => $"rangeKey '{a}' of local secondary index '{i}' is not declared in 'attributes'");
            }
        }

        foreach (var gsi in table.GlobalIndexes)
        {
            string i = gsi.Name?.Value ?? $"globalSecondaryIndex[{gsi.Ordinal}]";
            if (gsi.HashKey is { } gh)
            {
                yield return (DiagnosticIds.GsiHashKeyNotDeclared, gh, a => $"hashKey '{a}' of global secondary index '{i}' is not declared in 'attributes'");
            }

            if (gsi.RangeKey is { } gr)
            {
                yield return (DiagnosticIds.GsiRangeKeyNotDeclared, gr, a => $"rangeKey '{a}' of global secondary index '{i}' is not declared in 'attributes'");
            }
        }
    }

    private static void RunTable(RuleContext ctx, TableSpec table)
    {
        var declared = new Dictionary<string, AttributeSpec>(StringComparer.Ordinal);
        foreach (var a in table.Attributes)
        {
            if (a.Name is { } n && !declared.ContainsKey(n.Value))
            {
                declared[n.Value] = a;
            }
        }

        // 028: empty names the schema does not catch.
        Empty(ctx, table.HashKey, $"tables[{table.Ordinal}].hashKey", false);
        Empty(ctx, table.RangeKey, $"tables[{table.Ordinal}].rangeKey", true);
        for (int i = 0; i < table.Attributes.Count; i++)
        {
            Empty(ctx, table.Attributes[i].Name, $"tables[{table.Ordinal}].attributes[{i}].name", false);
        }

        // 020/021/051/060/061 and 029: key references must name a declared attribute exactly.
        var nearMisses = new HashSet<string>(StringComparer.Ordinal);
        var keyNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, field, message) in KeyReferences(table))
        {
            string name = field.Value;
            keyNames.Add(name);
            if (name.Length == 0 || declared.ContainsKey(name))
            {
                continue;
            }

            var near = table.Attributes.FirstOrDefault(a => a.Name is { } n && n.Value.Length > 0 &&
                (string.Equals(n.Value, name, StringComparison.OrdinalIgnoreCase) || string.Equals(n.Value.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)));
            if (near?.Name is { } match)
            {
                nearMisses.Add(match.Value);
                ctx.Report(DiagnosticIds.KeyMatchesOnlyByCase, field.Span,
                    $"'{name}' does not match any attribute; did you mean '{match.Value}' (line {match.Span.Line})? Names are case-sensitive");
            }
            else
            {
                ctx.Report(id, field.Span, message(name));
            }

            // 027 is checked below for every reference, declared or not.
        }

        foreach (var (_, field, _) in KeyReferences(table))
        {
            int bytes = RuleContext.Utf8Length(field.Value);
            if (bytes > 255)
            {
                ctx.Report(DiagnosticIds.KeyNameTooLong, field.Span,
                    $"Key attribute name '{RuleContext.Short(field.Value)}' is {bytes} bytes; DynamoDB allows at most 255 bytes for key attribute names");
            }
        }

        // 022/023: declared attributes that no key uses.
        string? ttlName = table.Ttl?.AttributeName?.Value;
        foreach (var a in table.Attributes)
        {
            if (a.Name is not { } n || n.Value.Length == 0 || keyNames.Contains(n.Value) || nearMisses.Contains(n.Value))
            {
                continue;
            }

            if (n.Value == ttlName)
            {
                ctx.Report(DiagnosticIds.TtlAttributeDeclared, n.Span,
                    $"TTL attribute '{n.Value}' must not be declared in 'attributes' unless it is also a key; remove it (TTL needs no attribute definition)");
            }
            else
            {
                ctx.Report(DiagnosticIds.AttributeNotAKey, n.Span,
                    $"Attribute '{n.Value}' is declared but is not a key of table '{table.DisplayName}' or of any of its indexes; DynamoDB rejects unused attribute definitions. Remove it (non-key attributes are never declared)");
            }
        }

        // 024: key attribute types.
        foreach (var a in table.Attributes)
        {
            if (a.Type is not { } type || KeyTypes.Contains(type.Value))
            {
                continue;
            }

            string hint = type.Value switch
            {
                "SS" or "NS" or "BS" or "L" or "M" or "NULL" or "BOOL" or "BOOLEAN" or "Boolean" or "bool" => "; set, list, map, null and boolean types are not allowed for keys",
                _ => Suggestions.DidYouMean(type.Value, KeyTypes),
            };
            ctx.Report(DiagnosticIds.InvalidAttributeType, type.Span,
                $"Attribute type '{type.Value}' of '{a.Name?.Value ?? "?"}' is invalid; key attributes must be 'S' (string), 'N' (number) or 'B' (binary){hint}");
        }

        // 025: the same attribute twice.
        var first = new Dictionary<string, AttributeSpec>(StringComparer.Ordinal);
        foreach (var a in table.Attributes)
        {
            if (a.Name is not { } n)
            {
                continue;
            }

            if (!first.TryGetValue(n.Value, out var earlier))
            {
                first[n.Value] = a;
                continue;
            }

            string t1 = earlier.Type?.Value ?? "?";
            string t2 = a.Type?.Value ?? "?";
            if (t1 != t2)
            {
                ctx.Report(DiagnosticIds.AttributeDeclaredTwice, Severity.Error, n.Span,
                    $"Attribute '{n.Value}' is declared twice (line {earlier.Span.Line}) with different types '{t1}' and '{t2}'");
            }
            else
            {
                ctx.Report(DiagnosticIds.AttributeDeclaredTwice, Severity.Warning, n.Span, $"Attribute '{n.Value}' is declared twice (line {earlier.Span.Line})");
            }
        }

        // 026: the sort key must differ from the partition key.
        if (table.HashKey is { } hash && table.RangeKey is { } range && hash.Value.Length > 0 && hash.Value == range.Value)
        {
            ctx.Report(DiagnosticIds.HashKeyEqualsRangeKey, range.Span,
                $"hashKey and rangeKey of table '{table.DisplayName}' are both '{hash.Value}'; the sort key must be a different attribute (or omit rangeKey)");
        }

        if (table.Ttl?.AttributeName is { } ttl)
        {
            // 039: TTL only deletes items whose TTL attribute is a Number.
            if (keyNames.Contains(ttl.Value) && declared.TryGetValue(ttl.Value, out var ttlAttribute) && ttlAttribute.Type?.Value is "S" or "B")
            {
                ctx.Report(DiagnosticIds.TtlNotNumber, ttl.Span,
                    $"TTL attribute '{ttl.Value}' is declared as type '{ttlAttribute.Type.Value}'; DynamoDB TTL ignores items whose TTL value is not a Number (epoch seconds)");
            }

            // 045: TTL attribute name length.
            if (ttl.Value.Length > 255)
            {
                ctx.Report(DiagnosticIds.TtlNameTooLong, ttl.Span, $"TTL attribute name is {ttl.Value.Length} characters; DynamoDB allows at most 255");
            }
        }
    }

    private static void Empty(RuleContext ctx, Field<string>? field, string path, bool isRangeKey)
    {
        if (field is { Value.Length: 0 })
        {
            ctx.Report(DiagnosticIds.EmptyName, field.Span,
                path + " is empty" + (isRangeKey ? "; remove the key instead (an empty rangeKey silently creates a table without a sort key)" : string.Empty));
        }
    }
}
