using IdpDynamo.Analyzers.Expressions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdpDynamo.Analyzers.Analyzers.Rules;

/// <summary>
/// IDPDYN209, IDPDYN211 and IDPDYN212 on every SDK object that carries DynamoDB expressions: the low-level requests
/// (QueryRequest, ScanRequest, GetItemRequest, PutItemRequest, UpdateItemRequest, DeleteItemRequest), BatchGetItem's
/// KeysAndAttributes, the transaction items (Get, Put, Update, Delete, ConditionCheck) and the Document model's
/// Expression. This class only resolves the request (<see cref="ExpressionRequest"/>); the checks are
/// <see cref="ExpressionChecks"/>.
/// </summary>
public sealed class RequestExpressionAnalyzer : DynamoAnalyzerBase
{
    /// <summary>Every member whose presence makes the creation worth resolving.</summary>
    private static readonly string[] Triggers =
    {
        "KeyConditionExpression", "FilterExpression", "ProjectionExpression", "ConditionExpression", "UpdateExpression",
        "ExpressionStatement", "ExpressionAttributeNames", "ExpressionAttributeValues", "Select", "AttributesToGet",
    };

    private static readonly (string Member, ExpressionKind Kind)[] ExpressionMembers =
    {
        ("KeyConditionExpression", ExpressionKind.KeyCondition),
        ("FilterExpression", ExpressionKind.Condition),
        ("ConditionExpression", ExpressionKind.Condition),
        ("ProjectionExpression", ExpressionKind.Projection),
        ("UpdateExpression", ExpressionKind.Update),
    };

    private static readonly string[] ExpressionMemberNames =
        { "KeyConditionExpression", "FilterExpression", "ConditionExpression", "ProjectionExpression", "UpdateExpression", "ExpressionStatement" };

    /// <summary>What the checks compare with each other: all must be the values sent.</summary>
    private static readonly string[] FinalMembers =
    {
        "TableName", "IndexName", "KeyConditionExpression", "FilterExpression", "ProjectionExpression", "ConditionExpression",
        "UpdateExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "Select", "AttributesToGet",
    };

    /// <summary>The Amazon.DynamoDBv2.Model types whose expressions DynamoDB validates as one request.</summary>
    private static readonly HashSet<string> RequestTypes = new(System.StringComparer.Ordinal)
    {
        "QueryRequest", "ScanRequest", "GetItemRequest", "PutItemRequest", "UpdateItemRequest", "DeleteItemRequest",
        "KeysAndAttributes", "Get", "Put", "Update", "Delete", "ConditionCheck",
    };

    /// <summary>The dispatch's pre-filter: creations of the carrier types (<see cref="RequestTypes"/> and the Document model's Expression).</summary>
    private static readonly NodeFilter Carriers = NodeFilter.Create(types: new[]
    {
        "QueryRequest", "ScanRequest", "GetItemRequest", "PutItemRequest", "UpdateItemRequest", "DeleteItemRequest",
        "KeysAndAttributes", "Get", "Put", "Update", "Delete", "ConditionCheck", "Expression",
    });

    public RequestExpressionAnalyzer()
        : base(DiagnosticDescriptors.IndexProjection, DiagnosticDescriptors.ExpressionPlaceholder, DiagnosticDescriptors.KeyAttributeInExpression)
    {
    }

    private protected override void Register(DynamoStart start)
    {
        var catalog = start.Catalog;
        start.RegisterOperationAction(
            Carriers,
            ctx =>
            {
                var creation = (IObjectCreationOperation)ctx.Operation;
                if (Carrier(creation.Type) is not { } carrier || !RequestContext.Sets(creation, Triggers)
                    || RequestContext.From(ctx, catalog) is not { } context)
                {
                    return;
                }

                var request = carrier == "Expression"
                    ? FromDocumentExpression(context, ctx.CancellationToken)
                    : FromRequest(carrier, context, ctx.CancellationToken);
                ExpressionChecks.Run(request, ctx.ReportDiagnostic);
            },
            OperationKind.ObjectCreation);
    }

    /// <summary>The name of an expression-carrying SDK type, or null for anything else.</summary>
    private static string? Carrier(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { ContainingNamespace: { } ns } named || !DynamoSdk.IsDynamo(named))
        {
            return null;
        }

        return ns.Name switch
        {
            "Model" when RequestTypes.Contains(named.Name) => named.Name,
            "DocumentModel" when named.Name == "Expression" => "Expression",
            _ => null,
        };
    }

    private static ExpressionRequest FromRequest(string operation, RequestContext context, CancellationToken cancellationToken)
    {
        var request = new ExpressionRequest(
            operation,
            Dictionary(context, "ExpressionAttributeNames", withValues: true, cancellationToken),
            Dictionary(context, "ExpressionAttributeValues", withValues: false, cancellationToken))
        {
            Table = context.Table,
            IsFinal = context.IsFinal(cancellationToken, FinalMembers),
            ExpressionsNotReassigned = context.IsNotReassigned(cancellationToken, ExpressionMemberNames),
        };

        foreach (var (member, kind) in ExpressionMembers)
        {
            if (context.Members.TryGetValue(member, out var value))
            {
                var source = Source(member, kind, value, cancellationToken);
                request.AllExpressionsKnown &= source.Text is not null;
                request.Expressions.Add(source);
            }
        }

        if (context.Members.TryGetValue("IndexName", out var indexValue))
        {
            request.HasIndexName = true;
            if (context.Table is { } table && StringResolver.Resolve(indexValue, cancellationToken).Exact is { } indexName
                && table.Indexes.TryGetValue(indexName, out var index))
            {
                request.Index = index;
            }
        }

        if (context.Members.TryGetValue("Select", out var select))
        {
            if (SelectValue(select, cancellationToken) is { } value)
            {
                request.Select = (value, select.Syntax.GetLocation());
            }
            else
            {
                request.SelectUnknown = true;
            }
        }

        if (context.Members.TryGetValue("AttributesToGet", out var attributes))
        {
            request.AttributesToGet = StringList(attributes, cancellationToken);
        }

        return request;
    }

    /// <summary>
    /// A Document-model <c>Expression</c>: its statement's grammar depends on where it is used (key condition, filter,
    /// condition, projection, update), and the SDK merges its dictionaries with the other expressions of the call, so only
    /// the reserved-word check, which needs neither, runs on it.
    /// </summary>
    private static ExpressionRequest FromDocumentExpression(RequestContext context, CancellationToken cancellationToken)
    {
        var request = new ExpressionRequest("Expression", PlaceholderDictionary.Unknown, PlaceholderDictionary.Unknown)
        {
            IsFinal = false,
            ExpressionsNotReassigned = context.IsNotReassigned(cancellationToken, "ExpressionStatement"),
        };

        if (context.Members.TryGetValue("ExpressionStatement", out var value))
        {
            // Whichever grammar reads it: the same text cannot be read by two of them.
            foreach (var kind in new[] { ExpressionKind.Condition, ExpressionKind.Update, ExpressionKind.Projection })
            {
                var source = Source("ExpressionStatement", kind, value, cancellationToken);
                if (source.Text is null || source.Readable is not null)
                {
                    request.Expressions.Add(source);
                    break;
                }
            }
        }

        return request;
    }

    private static ExpressionSource Source(string member, ExpressionKind kind, IOperation value, CancellationToken cancellationToken)
    {
        string? text = StringResolver.Resolve(value, cancellationToken).Exact;
        int literalStart = -1;
        if (text is not null && RequestContext.Unwrap(value).Syntax is LiteralExpressionSyntax literal)
        {
            literalStart = LiteralStart(literal.Token, text);
        }

        return new ExpressionSource(member, kind, text, value.Syntax.GetLocation(), literalStart);
    }

    /// <summary>
    /// Where the text of a one-line string literal starts when its characters are the value one for one ("…", @"…",
    /// """…"""): then a diagnostic can point at a word inside it and a fix can edit it. -1 otherwise (escapes, multi-line raw).
    /// </summary>
    internal static int LiteralStart(SyntaxToken token, string value)
    {
        string text = token.Text;
        int prefix;
        int suffix;
        if (token.IsKind(SyntaxKind.StringLiteralToken))
        {
            prefix = text.StartsWith("@", System.StringComparison.Ordinal) ? 2 : 1;
            suffix = 1;
        }
        else if (token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
        {
            prefix = 0;
            while (prefix < text.Length && text[prefix] == '"')
            {
                prefix++;
            }

            suffix = prefix;
        }
        else
        {
            return -1;
        }

        return text.Length - prefix - suffix == value.Length && string.CompareOrdinal(text, prefix, value, 0, value.Length) == 0
            ? token.SpanStart + prefix
            : -1;
    }

    /// <summary>
    /// The placeholders a dictionary member defines: none when the member is not set; unknown unless it is built inline
    /// with constant keys. For names, the attribute each stands for (null when not constant).
    /// </summary>
    private static PlaceholderDictionary Dictionary(RequestContext context, string member, bool withValues, CancellationToken cancellationToken)
    {
        if (!context.Members.TryGetValue(member, out var value))
        {
            return new PlaceholderDictionary(true, null);
        }

        if (!Sinks.IsFullyInline(value))
        {
            return PlaceholderDictionary.Unknown;
        }

        var dictionary = new PlaceholderDictionary(true, value.Syntax.GetLocation());
        foreach (var (key, entry) in Sinks.DictionaryEntries(value))
        {
            if (StringResolver.Resolve(key, cancellationToken).Exact is not { } placeholder || dictionary.Entries.ContainsKey(placeholder))
            {
                return PlaceholderDictionary.Unknown;
            }

            string? attribute = withValues ? StringResolver.Resolve(entry, cancellationToken).Exact : null;
            dictionary.Entries[placeholder] = (attribute, key.Syntax.GetLocation());
        }

        return dictionary;
    }

    /// <summary><c>Select.ALL_ATTRIBUTES</c> (the SDK's constant) or a constant string converted to Select; null otherwise.</summary>
    private static string? SelectValue(IOperation value, CancellationToken cancellationToken)
    {
        var unwrapped = RequestContext.Unwrap(value);
        if (unwrapped is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field } && field.ContainingType?.Name == "Select" && DynamoSdk.IsDynamo(field.ContainingType))
        {
            return field.Name;
        }

        if (unwrapped is IConversionOperation { OperatorMethod: not null } conversion)
        {
            unwrapped = conversion.Operand;
        }

        return unwrapped.Type?.SpecialType == SpecialType.System_String ? StringResolver.Resolve(unwrapped, cancellationToken).Exact : null;
    }

    /// <summary>The strings of a list built inline (<c>new List&lt;string&gt; { "a", "b" }</c>); null when not all are known.</summary>
    private static List<(string, Location)>? StringList(IOperation value, CancellationToken cancellationToken)
    {
        if (RequestContext.Unwrap(value) is not IObjectCreationOperation { Initializer: { } initializer } creation || creation.Arguments.Length != 0)
        {
            return null;
        }

        var list = new List<(string, Location)>();
        foreach (var element in initializer.Initializers)
        {
            if (element is not IInvocationOperation { Arguments.Length: 1 } add || StringResolver.Resolve(add.Arguments[0].Value, cancellationToken).Exact is not { } name)
            {
                return null;
            }

            list.Add((name, add.Arguments[0].Value.Syntax.GetLocation()));
        }

        return list;
    }
}
