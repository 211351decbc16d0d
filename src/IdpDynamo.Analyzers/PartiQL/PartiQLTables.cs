namespace IdpDynamo.Analyzers.PartiQL;

/// <summary>
/// How a table or index name of a PartiQL statement matches the values files: as a request's TableName does (logical,
/// rendered or ARN; a constant tail by the prefix rules), except that an unquoted name differing from a declared one
/// only in case is not judged, since whether DynamoDB folds the case of unquoted identifiers is not something this
/// package has verified.
/// </summary>
internal static class PartiQLTables
{
    /// <summary>The declared table the statement names, or null when unresolved, undeclared or ambiguous.</summary>
    public static CatalogTable? Resolve(PartiQLName table, DynamoCatalog catalog)
        => table.Exact is { } exact ? catalog.Match(exact)
            : table.Tail is { } tail && table.IsQuoted ? catalog.TailTable(tail)
            : null;

    /// <summary>
    /// The name to report when the statement's table is certainly not declared (IDPDYN201's message argument:
    /// the name, or <c>…tail</c>), else null.
    /// </summary>
    public static string? Undeclared(PartiQLName table, DynamoCatalog catalog)
    {
        if (table.Exact is { } exact)
        {
            if (catalog.Match(exact) is not null || (!table.IsQuoted && catalog.Tables.Any(t => MatchesIgnoringCase(exact, t.Name))))
            {
                return null;
            }

            return exact;
        }

        return table.Tail is { } tail && table.IsQuoted && !catalog.TailMatches(tail, out _) ? "…" + tail : null;
    }

    /// <summary>Whether an unquoted index name differs from <paramref name="declared"/> only in case (then it is not judged).</summary>
    public static bool DiffersOnlyInCase(PartiQLName index, string declared)
        => !index.IsQuoted && index.Exact is { } exact && string.Equals(exact, declared, StringComparison.OrdinalIgnoreCase);

    private static bool MatchesIgnoringCase(string value, string name)
        => string.Equals(value, name, StringComparison.OrdinalIgnoreCase) || value.EndsWith("-" + name, StringComparison.OrdinalIgnoreCase);
}
