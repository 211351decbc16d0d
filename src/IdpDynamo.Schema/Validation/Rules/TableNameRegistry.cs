using IdpDynamo.Schema.Model;

namespace IdpDynamo.Schema.Validation.Rules;

/// <summary>
/// IDPDYN033, decided in one place for the tables of one file and for the files of one namespace: a rendered name
/// seen before in the same region is an error (AWS cannot create the second table); in another region a warning (the
/// tables are distinct in AWS, the Kubernetes objects the chart renders for them may collide).
/// </summary>
internal sealed class TableNameRegistry
{
    private readonly Dictionary<string, (string File, TableSpec Table)> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string File, TableSpec Table)> _byNameAndRegion = new(StringComparer.Ordinal);

    /// <summary>
    /// The IDPDYN033 diagnostic for <paramref name="table"/> of <paramref name="file"/> (rendered as
    /// <paramref name="rendered"/>, registered under <paramref name="key"/>), or null when its name is new.
    /// </summary>
    public Diagnostic? Check(string key, string rendered, string file, TableSpec table)
    {
        if (table.Name is not { } name)
        {
            return null;
        }

        if (_byNameAndRegion.TryGetValue(RegionKey(key, table), out var same))
        {
            return new Diagnostic(DiagnosticIds.TableDefinedTwice, Severity.Error,
                $"Table '{rendered}' is defined twice (first at {same.File}:{same.Table.Name!.Span.Line}); each table needs a unique name",
                file, name.Span);
        }

        if (_byName.TryGetValue(key, out var other))
        {
            return new Diagnostic(DiagnosticIds.TableDefinedTwice, Severity.Warning,
                $"Table '{rendered}' is defined twice (first at {other.File}:{other.Table.Name!.Span.Line}), in regions '{other.Table.EffectiveRegion}' and '{table.EffectiveRegion}'; these are distinct AWS tables, but the rendered Kubernetes objects may collide",
                file, name.Span);
        }

        return null;
    }

    /// <summary>Remembers <paramref name="table"/> under <paramref name="key"/>; the first registration of a name stays.</summary>
    public void Add(string key, string file, TableSpec table)
    {
        if (!_byName.ContainsKey(key))
        {
            _byName[key] = (file, table);
        }

        string regionKey = RegionKey(key, table);
        if (!_byNameAndRegion.ContainsKey(regionKey))
        {
            _byNameAndRegion[regionKey] = (file, table);
        }
    }

    /// <summary>The key a diagnostic of <see cref="Check"/> was found under: reported once per file and key.</summary>
    public static string ReportedKey(Diagnostic diagnostic, string key, TableSpec table)
        => diagnostic.Severity == Severity.Error ? RegionKey(key, table) : key;

    private static string RegionKey(string key, TableSpec table) => key + "\n" + table.EffectiveRegion;
}
