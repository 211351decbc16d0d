using IdpDynamo.Schema.Model;

namespace IdpDynamo.Schema.Validation;

/// <summary>
/// One service usually references one values file per environment (webshop-test, webshop-prod). The generated
/// accessors describe one definition per table, so the environments must agree: the same table with different keys,
/// key types or indexes is IDPDYN126 (error); a table missing in some environments is IDPDYN127 (warning).
/// </summary>
internal static class EnvironmentComparer
{
    /// <summary>What <see cref="Compare"/> can report.</summary>
    public static IEnumerable<string> ReportedIds => new[] { DiagnosticIds.EnvironmentsDisagree, DiagnosticIds.TableMissingInEnvironment };

    public static IReadOnlyList<Diagnostic> Compare(IReadOnlyList<ValuesFileResult> files)
    {
        var result = new List<Diagnostic>();
        var environments = files.Where(f => f.Model is not null && !f.Skipped).ToList();
        if (environments.Count < 2)
        {
            return result;
        }

        var byName = new Dictionary<string, List<(ValuesFileResult File, TableSpec Table)>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var file in environments)
        {
            foreach (var table in file.Model!.Tables)
            {
                if (table.Name is not { Value.Length: > 0 } name)
                {
                    continue;
                }

                if (!byName.TryGetValue(name.Value, out var list))
                {
                    byName[name.Value] = list = new List<(ValuesFileResult, TableSpec)>();
                    order.Add(name.Value);
                }

                if (!list.Any(x => ReferenceEquals(x.File, file)))
                {
                    list.Add((file, table));
                }
            }
        }

        foreach (var name in order)
        {
            var occurrences = byName[name];
            var first = occurrences[0];
            foreach (var other in occurrences.Skip(1))
            {
                if (Difference(first.Table, other.Table) is { } difference)
                {
                    result.Add(new Diagnostic(DiagnosticIds.EnvironmentsDisagree, Severity.Error,
                        $"Table '{name}' differs between environments: {difference} (compared with {Label(first.File)}, {first.File.Settings.DisplayPath}:{first.Table.Name!.Span.Line}); the generated accessors can describe only one definition",
                        other.File.Settings.DisplayPath, other.Table.Name!.Span));
                }
            }

            if (occurrences.Count < environments.Count)
            {
                var present = occurrences.Select(o => Label(o.File)).ToList();
                var missing = environments.Where(e => occurrences.All(o => !ReferenceEquals(o.File, e))).Select(Label).ToList();
                result.Add(new Diagnostic(DiagnosticIds.TableMissingInEnvironment, Severity.Warning,
                    $"Table '{name}' is declared in {string.Join(", ", present)} but not in {string.Join(", ", missing)}; code that uses it fails there",
                    first.File.Settings.DisplayPath, first.Table.Name!.Span));
            }
        }

        return result;
    }

    /// <summary>The environment of a file: its namespace, else its path.</summary>
    public static string Label(ValuesFileResult file) => file.Settings.Namespace ?? file.Settings.DisplayPath;

    /// <summary>The first difference in key schema or indexes, in words; null when the definitions agree.</summary>
    public static string? Difference(TableSpec a, TableSpec b)
    {
        string? d = Key("hashKey", a.HashKey?.Value, a, b.HashKey?.Value, b) ?? Key("rangeKey", a.RangeKey?.Value, a, b.RangeKey?.Value, b);
        if (d is not null)
        {
            return d;
        }

        foreach (var (kind, ia, ib) in new[] { ("local secondary index", a.LocalIndexes, b.LocalIndexes), ("global secondary index", a.GlobalIndexes, b.GlobalIndexes) })
        {
            var na = ia.Select(i => i.Name?.Value).Where(n => n is not null).ToList();
            var nb = ib.Select(i => i.Name?.Value).Where(n => n is not null).ToList();
            if (na.Except(nb).FirstOrDefault() is { } onlyA)
            {
                return $"{kind} '{onlyA}' is missing here";
            }

            if (nb.Except(na).FirstOrDefault() is { } onlyB)
            {
                return $"{kind} '{onlyB}' exists only here";
            }

            foreach (var x in ia)
            {
                var y = ib.FirstOrDefault(i => i.Name?.Value == x.Name?.Value);
                if (y is null)
                {
                    continue;
                }

                string index = $"{kind} '{x.Name?.Value}'";
                d = Key(index + " hashKey", x.HashKey?.Value, a, y.HashKey?.Value, b) ?? Key(index + " rangeKey", x.RangeKey?.Value, a, y.RangeKey?.Value, b);
                if (d is not null)
                {
                    return d;
                }

                if (x.ProjectionType?.Value != y.ProjectionType?.Value)
                {
                    return $"{index} projects {y.ProjectionType?.Value ?? "(none)"} here but {x.ProjectionType?.Value ?? "(none)"} there";
                }

                var px = string.Join(", ", x.NonKeyAttributes.Select(f => f.Value).OrderBy(s => s, StringComparer.Ordinal));
                var py = string.Join(", ", y.NonKeyAttributes.Select(f => f.Value).OrderBy(s => s, StringComparer.Ordinal));
                if (px != py)
                {
                    return $"{index} projects [{py}] here but [{px}] there";
                }
            }
        }

        return null;
    }

    private static string? Key(string what, string? x, TableSpec a, string? y, TableSpec b)
    {
        if (x != y)
        {
            return $"{what} is {Show(y)} here but {Show(x)} there";
        }

        if (x is not null && a.TypeOf(x) is { } tx && b.TypeOf(x) is { } ty && tx != ty)
        {
            return $"{what} '{x}' has type '{ty}' here but '{tx}' there";
        }

        return null;
    }

    private static string Show(string? value) => value is null ? "not set" : $"'{value}'";
}
