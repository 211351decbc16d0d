using System.Collections.Immutable;
using IdpDynamo.Schema.Model;

namespace IdpDynamo.Analyzers.Expressions;

/// <summary>
/// The request checks on a resolved <see cref="ExpressionRequest"/>: IDPDYN209 (index projections), IDPDYN211
/// (placeholders and reserved words) and IDPDYN212 (key attributes in a Query's filter or in an update). Each check
/// uses only what the request marks as known and is silent otherwise.
/// </summary>
internal static class ExpressionChecks
{
    /// <summary>The diagnostic property with the reserved word an IDPDYN211 diagnostic is about (for the code fix).</summary>
    public const string ReservedWordKey = "ReservedWord";

    /// <summary>The diagnostic property with the expression member of the reserved word (for the code fix).</summary>
    public const string MemberKey = "Member";

    public static void Run(ExpressionRequest request, Action<Diagnostic> report)
    {
        CheckPlaceholders(request, report);
        CheckReservedWords(request, report);
        if (request.IsFinal && request.Table is { } table)
        {
            CheckProjection(request, table, report);
            CheckKeyAttributes(request, table, report);
        }
    }

    // ---- IDPDYN211: placeholders

    private static void CheckPlaceholders(ExpressionRequest request, Action<Diagnostic> report)
    {
        if (!request.IsFinal)
        {
            return;
        }

        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var usedValues = new HashSet<string>(StringComparer.Ordinal);
        bool allRead = request.AllExpressionsKnown;
        foreach (var source in request.Expressions)
        {
            if (source.Readable is not { } expression)
            {
                allRead = false;
                continue;
            }

            // A key condition's undefined #name is IDPDYN206's to report when the table is declared (it checks the
            // key condition there); reporting it twice would say the same thing twice.
            bool namesChecked = request.Names.IsKnown && !(source.Kind == ExpressionKind.KeyCondition && request.Table is not null);
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in expression.Names)
            {
                usedNames.Add(name.Text);
                if (namesChecked && !request.Names.Entries.ContainsKey(name.Text) && reported.Add(name.Text))
                {
                    report(Diagnostic.Create(
                        DiagnosticDescriptors.ExpressionPlaceholder,
                        source.Locate(name.Offset, name.Text.Length),
                        $"{source.Member} uses '{name.Text}', which ExpressionAttributeNames does not define; DynamoDB rejects the request"));
                }
            }

            foreach (var value in expression.Values)
            {
                usedValues.Add(value.Text);
                if (request.Values.IsKnown && !request.Values.Entries.ContainsKey(value.Text) && reported.Add(value.Text))
                {
                    report(Diagnostic.Create(
                        DiagnosticDescriptors.ExpressionPlaceholder,
                        source.Locate(value.Offset, value.Text.Length),
                        $"{source.Member} uses '{value.Text}', which ExpressionAttributeValues does not define; DynamoDB rejects the request"));
                }
            }
        }

        // Unused needs every expression of the request: one that is not known may use the placeholder.
        if (!allRead)
        {
            return;
        }

        ReportUnused(request.Names, usedNames, "ExpressionAttributeNames", report);
        ReportUnused(request.Values, usedValues, "ExpressionAttributeValues", report);
    }

    private static void ReportUnused(PlaceholderDictionary dictionary, HashSet<string> used, string member, Action<Diagnostic> report)
    {
        if (!dictionary.IsKnown)
        {
            return;
        }

        foreach (var entry in dictionary.Entries)
        {
            if (!used.Contains(entry.Key))
            {
                report(Diagnostic.Create(
                    DiagnosticDescriptors.ExpressionPlaceholder,
                    entry.Value.Key,
                    $"{member} defines '{entry.Key}', which no expression of the request uses; DynamoDB rejects the request"));
            }
        }
    }

    // ---- IDPDYN211: reserved words

    private static void CheckReservedWords(ExpressionRequest request, Action<Diagnostic> report)
    {
        if (!request.ExpressionsNotReassigned)
        {
            return;
        }

        foreach (var source in request.Expressions)
        {
            if (source.Readable is not { } expression)
            {
                continue;
            }

            foreach (var name in expression.BareNames)
            {
                if (!ReservedWords.IsReserved(name.Text))
                {
                    continue;
                }

                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(ReservedWordKey, name.Text)
                    .Add(MemberKey, source.Member);
                report(Diagnostic.Create(
                    DiagnosticDescriptors.ExpressionPlaceholder,
                    source.Locate(name.Offset, name.Text.Length),
                    properties,
                    $"'{name.Text}' in {source.Member} is a DynamoDB reserved word; use a placeholder such as '#{name.Text}' defined in ExpressionAttributeNames"));
            }
        }
    }

    // ---- IDPDYN209: index projections

    private static void CheckProjection(ExpressionRequest request, CatalogTable table, Action<Diagnostic> report)
    {
        if (!request.IsQueryOrScan || request.Index is not { Name.Value: { } indexName } index
            || index.ProjectionType?.Value is not ("KEYS_ONLY" or "INCLUDE" or "ALL") || index.ProjectionType.Value == "ALL")
        {
            return;
        }

        string projection = index.ProjectionType.Value;
        bool global = index.Kind == IndexKind.Global;
        if (global && request.Select is { Value: "ALL_ATTRIBUTES" } select)
        {
            report(Diagnostic.Create(
                DiagnosticDescriptors.IndexProjection,
                select.Location,
                $"Select = ALL_ATTRIBUTES is not supported on global secondary index '{indexName}' of table '{table.Name}' because its projection is {projection}; DynamoDB rejects the request (use ALL_PROJECTED_ATTRIBUTES or name the attributes)"));
        }

        if (table.HashKey is not { } tableHash)
        {
            return;
        }

        var projected = new HashSet<string>(StringComparer.Ordinal) { tableHash };
        AddIfSet(projected, table.RangeKey);
        AddIfSet(projected, index.HashKey?.Value);
        AddIfSet(projected, index.RangeKey?.Value);
        if (projection == "INCLUDE")
        {
            foreach (var attribute in index.NonKeyAttributes)
            {
                AddIfSet(projected, attribute.Value);
            }
        }

        var attributes = new List<(string Name, Location Location)>();
        foreach (var source in request.Expressions)
        {
            if (source.Kind != ExpressionKind.Projection || source.Readable is not { } expression)
            {
                continue;
            }

            foreach (var path in expression.Paths)
            {
                if (Attribute(path.First, request) is { } name)
                {
                    attributes.Add((name, source.Locate(path.First.Offset, path.First.Text.Length)));
                }
            }
        }

        if (request.AttributesToGet is { } attributesToGet)
        {
            attributes.AddRange(attributesToGet);
        }

        string operation = request.Operation == "QueryRequest" ? "query" : "scan";
        foreach (var (name, location) in attributes)
        {
            if (projected.Contains(name))
            {
                continue;
            }

            string message = global
                ? $"'{name}' is not projected into global secondary index '{indexName}' of table '{table.Name}' (projection {projection}); the {operation} returns it empty"
                : $"'{name}' is not projected into local secondary index '{indexName}' of table '{table.Name}' (projection {projection}); DynamoDB fetches it from the table at extra read cost";
            report(Diagnostic.Create(DiagnosticDescriptors.IndexProjection, location, DiagnosticSeverity.Info, null, null, message));
        }
    }

    // ---- IDPDYN212: key attributes

    private static void CheckKeyAttributes(ExpressionRequest request, CatalogTable table, Action<Diagnostic> report)
    {
        if (request.IsQuery)
        {
            // The key schema the query runs against: the table's, or the index's (an LSI has the table's partition key).
            string? hash = table.HashKey, range = table.RangeKey, target = $"table '{table.Name}'";
            if (request.HasIndexName)
            {
                if (request.Index is not { Name.Value: { } indexName } index)
                {
                    return;
                }

                hash = index.Kind == IndexKind.Local ? table.HashKey : index.HashKey?.Value;
                range = index.RangeKey?.Value;
                target = $"index '{indexName}' of table '{table.Name}'";
            }

            foreach (var source in request.Expressions)
            {
                if (source.Member != "FilterExpression" || source.Readable is not { } filter)
                {
                    continue;
                }

                foreach (var path in filter.Paths)
                {
                    if (Attribute(path.First, request) is { } name && (name == hash || name == range))
                    {
                        report(Diagnostic.Create(
                            DiagnosticDescriptors.KeyAttributeInExpression,
                            source.Locate(path.First.Offset, path.First.Text.Length),
                            $"FilterExpression tests '{name}', a key attribute of {target}; a Query cannot filter on it (test it in KeyConditionExpression)"));
                    }
                }
            }
        }

        if (request.IsUpdate)
        {
            foreach (var source in request.Expressions)
            {
                if (source.Kind != ExpressionKind.Update || source.Readable is not { } update)
                {
                    continue;
                }

                foreach (var action in update.Actions)
                {
                    var first = action.Target.First;
                    if (Attribute(first, request) is { } name && (name == table.HashKey || name == table.RangeKey))
                    {
                        report(Diagnostic.Create(
                            DiagnosticDescriptors.KeyAttributeInExpression,
                            source.Locate(first.Offset, first.Text.Length),
                            $"UpdateExpression {action.Clause.ToString().ToUpperInvariant()} changes '{name}', a key attribute of table '{table.Name}'; DynamoDB rejects the update (a key cannot be updated; write a new item instead)"));
                    }
                }
            }
        }
    }

    /// <summary>The attribute a path element names: the bare name, or the placeholder's value when known; else null.</summary>
    private static string? Attribute(PathElement element, ExpressionRequest request)
    {
        if (!element.IsPlaceholder)
        {
            return element.Text;
        }

        return request.Names.IsKnown && request.Names.Entries.TryGetValue(element.Text, out var entry) ? entry.Value : null;
    }

    private static void AddIfSet(HashSet<string> set, string? value)
    {
        if (value is { Length: > 0 })
        {
            set.Add(value);
        }
    }
}
