using IdpDynamo.Schema.Yaml;

namespace IdpDynamo.Schema.Model;

/// <summary>Reads the YAML tree into the <see cref="ValuesFile"/> model, leniently: wrong-typed values become null.</summary>
internal static class ValuesModelBuilder
{
    public static ValuesFile Build(string path, string? @namespace, string chartVersion, YNode? root)
    {
        var map = root as YMapping;
        var tables = new List<TableSpec>();
        YEntry? tablesEntry = map?.Find("tables");
        if (tablesEntry?.Value is YSequence seq)
        {
            for (int i = 0; i < seq.Items.Count; i++)
            {
                if (seq.Items[i] is YMapping table)
                {
                    tables.Add(Table(i, table));
                }
            }
        }

        return new ValuesFile(
            path,
            @namespace,
            chartVersion,
            Str(map, "managementPolicies"),
            Str(map, "deletionPolicy"),
            tablesEntry?.Key.Span,
            new EquatableArray<TableSpec>(tables.ToArray()));
    }

    private static TableSpec Table(int ordinal, YMapping map)
    {
        var attributes = new List<AttributeSpec>();
        var attributesEntry = map.Find("attributes");
        if (attributesEntry?.Value is YSequence attrs)
        {
            foreach (var item in attrs.Items)
            {
                if (item is YMapping a)
                {
                    attributes.Add(new AttributeSpec(Str(a, "name"), Str(a, "type"), a.Span));
                }
            }
        }

        TtlSpec? ttl = null;
        var ttlEntry = map.Find("ttl");
        if (ttlEntry?.Value is YMapping t)
        {
            ttl = new TtlSpec(ttlEntry.Key.Span, Str(t, "attributeName"), Bool(t, "enabled"));
        }

        var lsiEntry = map.Find("localSecondaryIndex");
        var gsiEntry = map.Find("globalSecondaryIndex");
        return new TableSpec(
            ordinal,
            map.Span,
            Str(map, "name"),
            Str(map, "hashKey"),
            Str(map, "rangeKey"),
            Str(map, "billingMode"),
            Int(map, "readCapacity"),
            Int(map, "writeCapacity"),
            Str(map, "region"),
            Bool(map, "useIdpPrefix"),
            Bool(map, "pointInTimeRecovery"),
            attributesEntry?.Key.Span,
            new EquatableArray<AttributeSpec>(attributes.ToArray()),
            ttl,
            lsiEntry?.Key.Span,
            Indexes(IndexKind.Local, lsiEntry),
            gsiEntry?.Key.Span,
            Indexes(IndexKind.Global, gsiEntry),
            Strings(map, "serviceAccountReadRoles"),
            Strings(map, "serviceAccountWriteRoles"),
            map.Find("readCapacity") is not null,
            map.Find("writeCapacity") is not null);
    }

    private static EquatableArray<IndexSpec> Indexes(IndexKind kind, YEntry? entry)
    {
        var list = new List<IndexSpec>();
        if (entry?.Value is YSequence seq)
        {
            for (int i = 0; i < seq.Items.Count; i++)
            {
                if (seq.Items[i] is not YMapping m)
                {
                    continue;
                }

                var nka = m.Find("nonKeyAttributes");
                list.Add(new IndexSpec(
                    kind,
                    i,
                    m.Span,
                    Str(m, "name"),
                    kind == IndexKind.Global ? Str(m, "hashKey") : null,
                    Str(m, "rangeKey"),
                    Str(m, "projectionType"),
                    nka?.Key.Span,
                    Strings(m, "nonKeyAttributes"),
                    Int(m, "readCapacity"),
                    Int(m, "writeCapacity")));
            }
        }

        return new EquatableArray<IndexSpec>(list.ToArray());
    }

    private static Field<string>? Str(YMapping? map, string key)
        => map?.Find(key) is { Value: YScalar { IsString: true } s } e ? new Field<string>(s.Text, e.Key.Span, s.Span) : null;

    private static Field<bool>? Bool(YMapping map, string key)
        => map.Find(key) is { Value: YScalar { Kind: ScalarKind.Bool } s } e ? new Field<bool>(s.ResolvedText == "true", e.Key.Span, s.Span) : null;

    private static Field<long>? Int(YMapping map, string key)
        => map.Find(key) is { Value: YScalar { IsIntegral: true } s } e && s.Number is >= long.MinValue and <= long.MaxValue
            ? new Field<long>((long)s.Number, e.Key.Span, s.Span)
            : null;

    private static EquatableArray<Field<string>> Strings(YMapping map, string key)
    {
        var list = new List<Field<string>>();
        if (map.Find(key) is { Value: YSequence seq } e)
        {
            foreach (var item in seq.Items)
            {
                if (item is YScalar { IsString: true } s)
                {
                    list.Add(new Field<string>(s.Text, e.Key.Span, s.Span));
                }
            }
        }

        return new EquatableArray<Field<string>>(list.ToArray());
    }
}
