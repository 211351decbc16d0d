using IdpDynamo.Schema.Model;

namespace IdpDynamo.Schema.Validation.Rules;

/// <summary>
/// The change-detection (Δ) rules: what the next sync cannot do or will destroy, found by comparing a values file with
/// its baseline (the same file at an earlier git ref). A table's identity is its rendered AWS name plus its region;
/// an entry whose identity changed while its keys and indexes stayed (or that kept its position) is a rename (048).
/// IDPDYN046, 047, 048, 049, 057, 067, 106, 107.
/// </summary>
internal static class ChangeRules
{
    public static void Run(RuleContext ctx, ValuesFile baseline, string baselineRef)
    {
        var current = ctx.File;
        string ns = current.Namespace ?? baseline.Namespace ?? "<namespace>";
        string Identity(TableSpec t) => t.RenderedName(ns) + "@" + t.EffectiveRegion;

        var oldByIdentity = new Dictionary<string, TableSpec>(StringComparer.Ordinal);
        foreach (var t in baseline.Tables.Where(t => t.Name is not null))
        {
            if (!oldByIdentity.ContainsKey(Identity(t)))
            {
                oldByIdentity[Identity(t)] = t;
            }
        }

        var matchedOld = new HashSet<TableSpec>();
        var unmatchedNew = new List<TableSpec>();
        foreach (var table in current.Tables.Where(t => t.Name is not null))
        {
            if (oldByIdentity.TryGetValue(Identity(table), out var old) && matchedOld.Add(old))
            {
                CompareExisting(ctx, old, table, ns, baselineRef);
            }
            else
            {
                unmatchedNew.Add(table);
            }
        }

        // A table that leaves this file is deleted or orphaned by its Crossplane resource as it was last applied, i.e.
        // with the baseline's deletionPolicy: a policy changed in the same change never reaches the removed resource.
        bool deletes = baseline.DeletionPolicy?.Value == "Delete";

        // 048: an entry whose identity changed. Same keys and indexes first, then the same position with the same hash key.
        var unmatchedOld = baseline.Tables.Where(t => t.Name is not null && !matchedOld.Contains(t)).ToList();
        foreach (var table in unmatchedNew)
        {
            var candidates = unmatchedOld.Where(o => SameShape(o, table)).ToList();
            var old = candidates.Count == 1 ? candidates[0]
                : candidates.FirstOrDefault(o => o.Ordinal == table.Ordinal)
                  ?? unmatchedOld.FirstOrDefault(o => o.Ordinal == table.Ordinal && o.HashKey?.Value == table.HashKey?.Value && candidates.Count == 0);
            if (old is null)
            {
                continue;
            }

            unmatchedOld.Remove(old);
            var (field, span) = old.Name!.Value != table.Name!.Value ? ("name", table.Name.Span)
                : old.UsesIdpPrefix != table.UsesIdpPrefix ? ("useIdpPrefix", table.UseIdpPrefix?.Span ?? table.Name.Span)
                : ("region", table.Region?.Span ?? table.Name.Span);
            ctx.Report(DiagnosticIds.TableRenamed, span,
                $"Changing {field} of '{old.RenderedName(ns)}' ({Where(old)}) creates a new empty table '{table.RenderedName(ns)}'{RegionText(table, old)}; the old table is {(deletes ? "DELETED with its data" : "orphaned (kept, unmanaged)")} (baseline {baselineRef})");
        }

        // 106/107: removed tables.
        foreach (var old in unmatchedOld)
        {
            string name = old.RenderedName(ns);
            if (deletes)
            {
                ctx.Report(DiagnosticIds.RemovedWithDelete, SourceSpan.FileStart,
                    $"Table '{name}' was removed from this file (it was on line {old.Span.Line} at {baselineRef}); with deletionPolicy: Delete it will be DELETED from AWS with all its data");
            }
            else
            {
                ctx.Report(DiagnosticIds.RemovedAndOrphaned, SourceSpan.FileStart,
                    $"Table '{name}' was removed from this file (it was on line {old.Span.Line} at {baselineRef}); it stays in AWS (orphaned, unmanaged, still billed)");
            }
        }
    }

    private static string Where(TableSpec t) => $"line {t.Span.Line}";

    private static string RegionText(TableSpec now, TableSpec old) => now.EffectiveRegion != old.EffectiveRegion ? $" in {now.EffectiveRegion}" : string.Empty;

    /// <summary>Same key schema (names and types) and the same index names: the rename heuristic of IDPDYN048.</summary>
    private static bool SameShape(TableSpec a, TableSpec b)
        => a.HashKey?.Value == b.HashKey?.Value && a.RangeKey?.Value == b.RangeKey?.Value
           && KeyType(a, a.HashKey) == KeyType(b, b.HashKey) && KeyType(a, a.RangeKey) == KeyType(b, b.RangeKey)
           && IndexNames(a).SequenceEqual(IndexNames(b));

    private static string? KeyType(TableSpec t, Field<string>? key) => key is null ? null : t.TypeOf(key.Value);

    private static IEnumerable<string> IndexNames(TableSpec t)
        => t.LocalIndexes.Concat(t.GlobalIndexes).Select(i => i.Name?.Value ?? string.Empty).OrderBy(n => n, StringComparer.Ordinal);

    private static void CompareExisting(RuleContext ctx, TableSpec old, TableSpec now, string ns, string baselineRef)
    {
        string name = now.RenderedName(ns);

        // 046: the key schema of a DynamoDB table is fixed at creation.
        if (old.HashKey?.Value != now.HashKey?.Value || (old.RangeKey?.Value ?? string.Empty) != (now.RangeKey?.Value ?? string.Empty))
        {
            var span = old.HashKey?.Value != now.HashKey?.Value ? now.HashKey?.Span ?? now.Name!.Span : now.RangeKey?.Span ?? now.Name!.Span;
            ctx.Report(DiagnosticIds.KeySchemaChanged, span,
                $"Table '{name}' already exists with key ({old.HashKey?.Value ?? "-"}, {old.RangeKey?.Value ?? "-"}) at {baselineRef}; the key schema of a DynamoDB table cannot be changed. Create a new table (new 'name') and migrate the data");
        }
        else
        {
            // 047: type of a key attribute of the table itself (hash, range and LSI sort keys: all fixed at creation).
            foreach (string key in TableKeys(now))
            {
                if (old.TypeOf(key) is { } before && TypeField(now, key) is { } after && after.Value != before)
                {
                    ctx.Report(DiagnosticIds.KeyTypeChanged, Severity.Error, after.Span,
                        $"Changing the type of key attribute '{key}' from '{before}' to '{after.Value}' is not possible for an existing table and will be silently ignored (baseline {baselineRef})");
                }
            }
        }

        Local(ctx, old, now, name, baselineRef);
        Global(ctx, old, now, name, baselineRef);
        Ttl(ctx, old, now, name, baselineRef);
    }

    /// <summary>The key attributes fixed at table creation: hashKey, rangeKey and the LSI sort keys, each once.</summary>
    private static IEnumerable<string> TableKeys(TableSpec t)
        => new[] { t.HashKey, t.RangeKey }.Concat(t.LocalIndexes.Select(i => i.RangeKey))
            .Where(k => k is { Value.Length: > 0 })
            .Select(k => k!.Value)
            .Distinct(StringComparer.Ordinal);

    private static Field<string>? TypeField(TableSpec t, string attribute)
        => t.Attributes.FirstOrDefault(a => a.Name?.Value == attribute)?.Type;

    /// <summary>Indexes by name, the first of a duplicated name winning (IDPDYN070 reports duplicates; this must not throw).</summary>
    private static Dictionary<string, IndexSpec> ByName(IEnumerable<IndexSpec> indexes)
    {
        var byName = new Dictionary<string, IndexSpec>(StringComparer.Ordinal);
        foreach (var index in indexes)
        {
            if (index.Name is { } name && !byName.ContainsKey(name.Value))
            {
                byName[name.Value] = index;
            }
        }

        return byName;
    }

    private static string Describe(IndexSpec i)
        => $"{i.HashKey?.Value}|{i.RangeKey?.Value}|{i.ProjectionType?.Value}|{string.Join(",", i.NonKeyAttributes.Select(a => a.Value).OrderBy(a => a, StringComparer.Ordinal))}";

    /// <summary>
    /// Indexes of one kind compared by name: <paramref name="present"/> for each named index of the current file (with
    /// its baseline version, or null when it is new), then <paramref name="removed"/> for each name only the baseline has.
    /// </summary>
    private static void CompareIndexes(IEnumerable<IndexSpec> old, IEnumerable<IndexSpec> now, Action<IndexSpec, IndexSpec?> present, Action<string> removed)
    {
        var before = ByName(old);
        var after = ByName(now);
        foreach (var index in now.Where(i => i.Name is not null))
        {
            present(index, before.TryGetValue(index.Name!.Value, out var was) ? was : null);
        }

        foreach (var name in before.Keys.Where(k => !after.ContainsKey(k)))
        {
            removed(name);
        }
    }

    private static void Local(RuleContext ctx, TableSpec old, TableSpec now, string name, string baselineRef)
        => CompareIndexes(old.LocalIndexes, now.LocalIndexes,
            (lsi, was) =>
            {
                string? change = was is null ? $"'{lsi.Name!.Value}' added" : Describe(was) != Describe(lsi) ? $"'{lsi.Name!.Value}' changed" : null;
                if (change is not null)
                {
                    ctx.Report(DiagnosticIds.LsisChanged, lsi.Span,
                        $"Local secondary indexes of '{name}' cannot be changed after the table exists ({change} since {baselineRef}); create a new table to change LSIs");
                }
            },
            removed => ctx.Report(DiagnosticIds.LsisChanged, now.LocalIndexesKey ?? now.Name!.Span,
                $"Local secondary indexes of '{name}' cannot be changed after the table exists ('{removed}' removed since {baselineRef}); create a new table to change LSIs"));

    private static void Global(RuleContext ctx, TableSpec old, TableSpec now, string name, string baselineRef)
        => CompareIndexes(old.GlobalIndexes, now.GlobalIndexes,
            (gsi, was) =>
            {
                string? what = was is null ? "created" : Describe(was) != Describe(gsi) ? "rebuilt" : null;
                if (was is not null)
                {
                    // 047 (warning): a GSI key attribute changed type; the index is rebuilt. A key of the table itself
                    // changing type is the error above (the change cannot be applied at all), not reported again here.
                    var tableKeys = new HashSet<string>(TableKeys(now), StringComparer.Ordinal);
                    foreach (var key in new[] { gsi.HashKey, gsi.RangeKey })
                    {
                        if (key is { Value.Length: > 0 } && !tableKeys.Contains(key.Value) && old.TypeOf(key.Value) is { } t0 && TypeField(now, key.Value) is { } t1 && t1.Value != t0)
                        {
                            ctx.Report(DiagnosticIds.KeyTypeChanged, Severity.Warning, t1.Span,
                                $"Changing the type of key attribute '{key.Value}' from '{t0}' to '{t1.Value}' rebuilds index '{gsi.Name!.Value}' (it is unavailable while it backfills; baseline {baselineRef})");
                            what ??= "rebuilt";
                        }
                    }
                }

                if (what is not null)
                {
                    ctx.Report(DiagnosticIds.GsiRebuilt, gsi.Span,
                        $"Global secondary index '{gsi.Name!.Value}' will be {what} on the existing table '{name}'; it is unavailable until the backfill finishes (baseline {baselineRef})");
                }
            },
            removed => ctx.Report(DiagnosticIds.GsiRebuilt, now.GlobalIndexesKey ?? now.Name!.Span,
                $"Global secondary index '{removed}' will be deleted on the existing table '{name}' (baseline {baselineRef})"));

    private static void Ttl(RuleContext ctx, TableSpec old, TableSpec now, string name, string baselineRef)
    {
        bool wasOn = old.Ttl?.Enabled?.Value == true;
        bool isOn = now.Ttl?.Enabled?.Value == true;
        string? oldAttribute = old.Ttl?.AttributeName?.Value;
        string? newAttribute = now.Ttl?.AttributeName?.Value;
        string? change = wasOn != isOn ? (isOn ? "TTL enabled" : "TTL disabled")
            : isOn && oldAttribute != newAttribute ? $"attribute '{oldAttribute}' → '{newAttribute}'"
            : null;
        if (change is not null)
        {
            ctx.Report(DiagnosticIds.TtlChanged, now.Ttl?.KeySpan ?? now.Name!.Span,
                $"Changing TTL of '{name}' ({change} since {baselineRef}) needs TTL disabled first and at most one TTL change per hour; expect a failed sync otherwise");
        }
    }
}
