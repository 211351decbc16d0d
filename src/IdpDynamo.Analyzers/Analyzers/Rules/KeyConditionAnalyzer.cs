using IdpDynamo.Analyzers.Expressions;
using IdpDynamo.Schema.Model;

namespace IdpDynamo.Analyzers.Analyzers.Rules;

/// <summary>
/// IDPDYN206: a query's <c>KeyConditionExpression</c> (with <c>#name</c> placeholders from an inline
/// <c>ExpressionAttributeNames</c>) or legacy <c>KeyConditions</c> that does not fit the key schema of the table or of
/// the index in <c>IndexName</c>: no equality on the partition key, a condition on a non-key attribute, two
/// conditions on the sort key, begins_with on a number key, or OR/NOT/IN.
/// </summary>
public sealed class KeyConditionAnalyzer : DynamoAnalyzerBase
{
    public KeyConditionAnalyzer()
        : base(DiagnosticDescriptors.KeyConditionMismatch)
    {
    }

    private protected override void Register(DynamoStart start)
    {
        var catalog = start.Catalog;
        start.RegisterOperationAction(
            QueryRequests,
            ctx =>
            {
                var creation = (IObjectCreationOperation)ctx.Operation;
                if (creation.Type?.Name != "QueryRequest" || !RequestContext.Sets(creation, "KeyConditionExpression", "KeyConditions") || RequestContext.From(ctx, catalog) is not { Table: { } table } request)
                {
                    return;
                }

                // The index, the expression and its names are compared with each other: all must be the ones sent.
                if (!request.IsFinal(ctx.CancellationToken, "TableName", "IndexName", "KeyConditionExpression", "ExpressionAttributeNames", "KeyConditions"))
                {
                    return;
                }

                // The key schema the query runs against: the table, or the index it names.
                string? hash = table.HashKey, range = table.RangeKey, target = $"table '{table.Name}'";
                if (request.Members.ContainsKey("IndexName"))
                {
                    if (request.Exact("IndexName", ctx.CancellationToken) is not { } indexName || !table.Indexes.TryGetValue(indexName, out var index))
                    {
                        return;
                    }

                    hash = index.Kind == IndexKind.Local ? table.HashKey : index.HashKey?.Value;
                    range = index.RangeKey?.Value;
                    target = $"index '{indexName}' of table '{table.Name}'";
                }

                if (hash is null)
                {
                    return;
                }

                if (request.Members.TryGetValue("KeyConditionExpression", out var expressionValue)
                    && StringResolver.Resolve(expressionValue, ctx.CancellationToken).Exact is { } expression)
                {
                    var names = Names(request, ctx.CancellationToken);
                    var parsed = ExpressionReader.Read(expression, ExpressionKind.KeyCondition).KeyConditions;
                    string? problem = parsed is null ? null : parsed.Error is { } e ? $"{e}; {target}" : Check(parsed.Conditions, names, hash, range, table, target);
                    if (problem is not null)
                    {
                        ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KeyConditionMismatch, expressionValue.Syntax.GetLocation(), problem));
                    }
                }
                else if (request.Members.TryGetValue("KeyConditions", out var legacy) && Sinks.IsFullyInline(legacy))
                {
                    var keys = Sinks.DictionaryKeys(legacy).Select(k => StringResolver.Resolve(k, ctx.CancellationToken).Exact).ToList();
                    if (keys.All(k => k is not null))
                    {
                        var conditions = keys.Select(k => new KeyCondition(k!, k == hash ? "=" : "?")).ToList();
                        if (Check(conditions, new Dictionary<string, string>(), hash, range, table, target) is { } problem)
                        {
                            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KeyConditionMismatch, legacy.Syntax.GetLocation(), problem));
                        }
                    }
                }
            },
            OperationKind.ObjectCreation);
    }

    /// <summary>The callback's first check: a QueryRequest (or a using alias, or a target-typed new).</summary>
    private static readonly NodeFilter QueryRequests = NodeFilter.Create(types: new[] { "QueryRequest" });

    /// <summary>#placeholder → attribute; null when placeholders cannot be resolved (then expressions using them are skipped).</summary>
    private static Dictionary<string, string>? Names(RequestContext request, System.Threading.CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(System.StringComparer.Ordinal);
        if (!request.Members.TryGetValue("ExpressionAttributeNames", out var value))
        {
            return names;
        }

        if (!Sinks.IsFullyInline(value))
        {
            return null;
        }

        foreach (var (key, attribute) in Sinks.DictionaryEntries(value))
        {
            if (StringResolver.Resolve(key, cancellationToken).Exact is not { } k || StringResolver.Resolve(attribute, cancellationToken).Exact is not { } a)
            {
                return null;
            }

            names[k] = a;
        }

        return names;
    }

    private static string? Check(List<KeyCondition> conditions, Dictionary<string, string>? names, string hash, string? range, CatalogTable table, string target)
    {
        var resolved = new List<KeyCondition>(conditions.Count);
        foreach (var condition in conditions)
        {
            string attribute = condition.Path;
            if (attribute.StartsWith("#", System.StringComparison.Ordinal))
            {
                if (names is null)
                {
                    return null;
                }

                if (!names.TryGetValue(attribute, out var real))
                {
                    return $"The key condition uses '{attribute}', which ExpressionAttributeNames does not define; DynamoDB rejects the query";
                }

                attribute = real;
            }

            resolved.Add(new KeyCondition(attribute, condition.Operator));
        }

        string keys = range is null ? $"partition key '{hash}'" : $"partition key '{hash}' and sort key '{range}'";
        int onHash = 0, onRange = 0;
        string? hashOperator = null, rangeOperator = null;
        foreach (var (attribute, op) in resolved)
        {
            if (attribute == hash)
            {
                onHash++;
                hashOperator = op;
            }
            else if (attribute == range)
            {
                onRange++;
                rangeOperator = op;
            }
            else
            {
                return $"The key condition tests '{attribute}', which is not a key of {target} (its {keys}); move it to FilterExpression";
            }
        }

        if (onHash == 0)
        {
            return $"The key condition does not test the partition key '{hash}' of {target}; a query needs '{hash} = :value'";
        }

        if (onHash > 1 || hashOperator != "=")
        {
            return $"The key condition must test the partition key '{hash}' of {target} with exactly one '='";
        }

        if (onRange > 1)
        {
            return $"The key condition tests the sort key '{range}' of {target} more than once; use one comparison, BETWEEN or begins_with";
        }

        if (onRange == 1 && rangeOperator == "begins_with" && table.TypeOf(range!) == "N")
        {
            return $"begins_with cannot be used on the number sort key '{range}' of {target}";
        }

        return null;
    }
}
