using IdpDynamo.Schema.Model;

namespace IdpDynamo.Schema.Validation.Rules;

/// <summary>Local and global secondary indexes and projections: IDPDYN050–078 (declaration checks live in <see cref="KeyRules"/>).</summary>
internal static class IndexRules
{
    public static void Run(RuleContext ctx)
    {
        foreach (var table in ctx.File.Tables)
        {
            Local(ctx, table);
            Global(ctx, table);
            Names(ctx, table);
            Projections(ctx, table);
        }
    }

    private static string NameOf(IndexSpec index)
        => index.Name?.Value ?? (index.Kind == IndexKind.Local ? $"localSecondaryIndex[{index.Ordinal}]" : $"globalSecondaryIndex[{index.Ordinal}]");

    private static void Local(RuleContext ctx, TableSpec table)
    {
        var lsis = table.LocalIndexes;
        if (lsis.Count == 0)
        {
            return;
        }

        if (table.RangeKey is null || table.RangeKey.Value.Length == 0)
        {
            ctx.Report(DiagnosticIds.LsiWithoutRangeKey, table.LocalIndexesKey!.Value,
                $"Table '{table.DisplayName}' has local secondary indexes but no rangeKey; an LSI needs a table with a sort key");
        }

        ctx.Report(DiagnosticIds.LsiItemCollectionLimit, table.LocalIndexesKey!.Value,
            "Tables with local secondary indexes limit each partition key value (table items + LSI entries) to 10 GB");

        if (lsis.Count > 5)
        {
            ctx.Report(DiagnosticIds.TooManyLsis, lsis[5].Span, $"Table '{table.DisplayName}' has {lsis.Count} local secondary indexes; DynamoDB allows at most 5");
        }

        var bySortKey = new Dictionary<string, IndexSpec>(StringComparer.Ordinal);
        foreach (var lsi in lsis)
        {
            if (lsi.RangeKey is not { Value.Length: > 0 } range)
            {
                continue;
            }

            if (range.Value == table.HashKey?.Value)
            {
                ctx.Report(DiagnosticIds.LsiSortsOnHashKey, range.Span,
                    $"Local secondary index '{NameOf(lsi)}' uses the table's hashKey '{range.Value}' as its sort key; choose another attribute");
            }
            else if (range.Value == table.RangeKey?.Value)
            {
                ctx.Report(DiagnosticIds.LsiSameSortKey, range.Span,
                    $"Local secondary index '{NameOf(lsi)}' has the same sort key as the table ('{range.Value}') and is redundant");
            }

            if (bySortKey.TryGetValue(range.Value, out var earlier))
            {
                ctx.Report(DiagnosticIds.LsisShareSortKey, lsi.Span, $"Local secondary indexes '{NameOf(earlier)}' and '{NameOf(lsi)}' both sort on '{range.Value}'");
            }
            else
            {
                bySortKey[range.Value] = lsi;
            }
        }
    }

    private static void Global(RuleContext ctx, TableSpec table)
    {
        var gsis = table.GlobalIndexes;
        if (gsis.Count > 20)
        {
            ctx.Report(DiagnosticIds.TooManyGsis, gsis[20].Span, $"Table '{table.DisplayName}' has {gsis.Count} global secondary indexes; the default DynamoDB quota is 20 per table");
        }

        var keySchemas = new List<(string Hash, string? Range, string Owner)>();
        if (table.HashKey is { } th)
        {
            keySchemas.Add((th.Value, table.RangeKey?.Value, "the table"));
        }

        bool payPerRequest = table.BillingMode?.Value == "PAY_PER_REQUEST";
        foreach (var gsi in gsis)
        {
            string name = NameOf(gsi);
            if (gsi.HashKey is { Value.Length: > 0 } hash && gsi.RangeKey is { Value.Length: > 0 } range && hash.Value == range.Value)
            {
                ctx.Report(DiagnosticIds.GsiHashKeyEqualsRangeKey, range.Span, $"Global secondary index '{name}' uses '{hash.Value}' as both hashKey and rangeKey");
            }

            if (gsi.RangeKey is null)
            {
                ctx.Report(DiagnosticIds.GsiWithoutRangeKey, gsi.Span,
                    $"Global secondary index '{name}' has no rangeKey; the idp-dynamodb chart expects one (provider versions affected by provider-upjet-aws#2093 fail with 'Unmatched indexes: [\"\"]')");
            }

            if (gsi.HashKey is { } h)
            {
                string? r = gsi.RangeKey?.Value;
                foreach (var (hash2, range2, owner) in keySchemas)
                {
                    if (hash2 == h.Value && range2 == r)
                    {
                        ctx.Report(DiagnosticIds.GsiDuplicatesKeySchema, gsi.Span, $"Global secondary index '{name}' has the same keys as {owner}; it duplicates data without adding an access pattern");
                        break;
                    }
                }

                keySchemas.Add((h.Value, r, $"index '{name}'"));
            }

            foreach (var (key, field) in new[] { ("readCapacity", gsi.ReadCapacity), ("writeCapacity", gsi.WriteCapacity) })
            {
                if (field is not null)
                {
                    ctx.Report(DiagnosticIds.CapacityOnGsi, field.KeySpan,
                        $"{key} on global secondary index '{name}' is not used by the chart{(payPerRequest ? " and is not allowed with PAY_PER_REQUEST" : string.Empty)}");
                }
            }
        }
    }

    private static void Names(RuleContext ctx, TableSpec table)
    {
        var seen = new Dictionary<string, Field<string>>(StringComparer.Ordinal);
        foreach (var index in NameRules.Concat(table.LocalIndexes, table.GlobalIndexes))
        {
            if (index.Name is not { Value.Length: > 0 } name)
            {
                continue;
            }

            if (seen.TryGetValue(name.Value, out var first))
            {
                ctx.Report(DiagnosticIds.IndexNameTwice, name.Span, $"Index name '{name.Value}' is used twice in table '{table.DisplayName}' (first at line {first.Span.Line})");
            }
            else
            {
                seen[name.Value] = name;
            }

            if (name.Value.Length < 3 || name.Value.Length > 255)
            {
                ctx.Report(DiagnosticIds.IndexNameLength, name.Span, $"Index name '{RuleContext.Short(name.Value, 40)}' has {name.Value.Length} characters; DynamoDB index names need 3–255");
            }

            for (int i = 0; i < name.Value.Length; i++)
            {
                if (!TableRules.IsNameChar(name.Value[i]))
                {
                    ctx.Report(DiagnosticIds.IndexNameCharacters, RuleContext.CharacterSpan(name, i),
                        $"Index name '{name.Value}' contains '{name.Value[i]}'; only a-z, A-Z, 0-9, '_', '-' and '.' are allowed");
                    break;
                }
            }
        }
    }

    private static void Projections(RuleContext ctx, TableSpec table)
    {
        int total = 0;
        bool reportedTotal = false;
        foreach (var index in NameRules.Concat(table.LocalIndexes, table.GlobalIndexes))
        {
            string name = NameOf(index);
            string? projection = index.ProjectionType?.Value;
            var attributes = index.NonKeyAttributes;
            if (projection == "INCLUDE" && attributes.Count == 0)
            {
                ctx.Report(DiagnosticIds.IncludeWithoutNonKeyAttributes, index.ProjectionType!.Span,
                    $"Index '{name}' uses projectionType INCLUDE but lists no nonKeyAttributes; add the attributes to project or use KEYS_ONLY/ALL");
            }
            else if (projection is "ALL" or "KEYS_ONLY" && attributes.Count > 0)
            {
                ctx.Report(DiagnosticIds.NonKeyAttributesNotAllowed, index.NonKeyAttributesKey!.Value,
                    $"Index '{name}' uses projectionType {projection}; nonKeyAttributes must be empty (only INCLUDE projects named attributes)");
            }

            if (attributes.Count > 20)
            {
                ctx.Report(DiagnosticIds.TooManyNonKeyAttributesInIndex, attributes[20].Span, $"Index '{name}' projects {attributes.Count} nonKeyAttributes; DynamoDB allows at most 20 per index");
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            AddKey(keys, table.HashKey);
            AddKey(keys, table.RangeKey);
            AddKey(keys, index.HashKey);
            AddKey(keys, index.RangeKey);
            var seen = new Dictionary<string, Field<string>>(StringComparer.Ordinal);
            foreach (var attribute in attributes)
            {
                if (projection == "INCLUDE")
                {
                    total++;
                    if (total > 100 && !reportedTotal)
                    {
                        reportedTotal = true;
                        int sum = CountIncluded(table);
                        ctx.Report(DiagnosticIds.TooManyNonKeyAttributesInTable, attribute.Span,
                            $"Table '{table.DisplayName}' projects {sum} nonKeyAttributes across its indexes; DynamoDB allows at most 100 per table (an attribute projected into two indexes counts twice)");
                    }
                }

                int bytes = RuleContext.Utf8Length(attribute.Value);
                if (bytes > 255)
                {
                    ctx.Report(DiagnosticIds.ProjectedNameLength, attribute.Span, $"Projected attribute name '{RuleContext.Short(attribute.Value)}' is {bytes} bytes; DynamoDB allows 1–255");
                }

                if (seen.TryGetValue(attribute.Value, out var first))
                {
                    var severity = index.Kind == IndexKind.Local ? Severity.Error : Severity.Warning;
                    ctx.Report(DiagnosticIds.AttributeProjectedTwice, severity, attribute.Span,
                        $"'{attribute.Value}' is listed twice in nonKeyAttributes of index '{name}' (first at line {first.Span.Line})");
                }
                else
                {
                    seen[attribute.Value] = attribute;
                }

                if (keys.Contains(attribute.Value))
                {
                    ctx.Report(DiagnosticIds.KeyInNonKeyAttributes, attribute.Span,
                        $"'{attribute.Value}' is a key attribute and is always projected; remove it from nonKeyAttributes of index '{name}'");
                }
            }
        }
    }

    private static void AddKey(HashSet<string> keys, Field<string>? field)
    {
        if (field is { Value.Length: > 0 })
        {
            keys.Add(field.Value);
        }
    }

    private static int CountIncluded(TableSpec table)
    {
        int n = 0;
        foreach (var index in NameRules.Concat(table.LocalIndexes, table.GlobalIndexes))
        {
            if (index.ProjectionType?.Value == "INCLUDE")
            {
                n += index.NonKeyAttributes.Count;
            }
        }

        return n;
    }
}
