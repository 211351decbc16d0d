using IdpDynamo.Schema;

namespace IdpDynamo.Analyzers.Diagnostics;

/// <summary>Every diagnostic the Roslyn component reports. Ids and help links come from <see cref="DiagnosticIds"/>.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>IDPDYN201: "Table '{0}' is not declared in the values files of this project{1}".</summary>
    public static readonly DiagnosticDescriptor UnknownTable = Usage(
        DiagnosticIds.UnknownTable,
        "Table '{0}' is not declared in the values files of this project{1}",
        "The table this code names does not exist in any IdpDynamoValues file, so the call fails with ResourceNotFoundException.");

    /// <summary>IDPDYN202: "Index '{0}' is not declared on table '{1}'{2}".</summary>
    public static readonly DiagnosticDescriptor UnknownIndex = Usage(
        DiagnosticIds.UnknownIndex,
        "Index '{0}' is not declared on {1}{2}",
        "The index this code queries is not declared for the table in the values files, so DynamoDB rejects the request.");

    /// <summary>IDPDYN203: "ConsistentRead cannot be used with global secondary index '{0}' of table '{1}'".</summary>
    public static readonly DiagnosticDescriptor ConsistentReadOnGsi = Usage(
        DiagnosticIds.ConsistentReadOnGsi,
        "ConsistentRead cannot be used with global secondary index '{0}' of table '{1}'; DynamoDB rejects the query (only local secondary indexes support it)",
        "Global secondary indexes are eventually consistent; a query with ConsistentRead = true fails with a ValidationException.");

    /// <summary>IDPDYN204: entity key mapping differs from the values file ("{0}" is the full message).</summary>
    public static readonly DiagnosticDescriptor EntityKeyMismatch = Usage(
        DiagnosticIds.EntityKeyMismatch,
        "{0}",
        "The DataModel class maps its keys to attribute names or types the table does not have, so every Load and Save fails.");

    /// <summary>IDPDYN205: key dictionary differs from the key schema ("{0}" is the full message).</summary>
    public static readonly DiagnosticDescriptor KeyMismatch = Usage(
        DiagnosticIds.KeyMismatch,
        "{0}",
        "DynamoDB rejects a key whose attribute names or types differ from the table's key schema ('The provided key element does not match the schema').");

    /// <summary>IDPDYN206: key condition does not match the key schema ("{0}" is the full message).</summary>
    public static readonly DiagnosticDescriptor KeyConditionMismatch = Usage(
        DiagnosticIds.KeyConditionMismatch,
        "{0}",
        "A query's key condition must test the partition key of the table or index for equality and may only add one condition on its sort key.");

    /// <summary>IDPDYN207: the service role has no such access ("{0}" is the full message).</summary>
    public static readonly DiagnosticDescriptor AccessDenied = Usage(
        DiagnosticIds.AccessDenied,
        "{0}",
        "The values file grants the service's role (IdpDynamoServiceRole) only read access, or no access, to this table; the call fails with AccessDeniedException in the cluster.");

    /// <summary>IDPDYN208: wrong number of key values ("{0}" is the full message).</summary>
    public static readonly DiagnosticDescriptor KeyArity = Usage(
        DiagnosticIds.KeyArity,
        "{0}",
        "A table with a sort key needs both key values; a table without one needs only the partition key.");

    /// <summary>
    /// IDPDYN209: attributes an index does not project ("{0}" is the full message). Warning when DynamoDB rejects the
    /// request (Select = ALL_ATTRIBUTES on a GSI); the unprojected-attribute cases are reported as Info.
    /// </summary>
    public static readonly DiagnosticDescriptor IndexProjection = Usage(
        DiagnosticIds.IndexProjection,
        "{0}",
        "A global secondary index holds only the attributes it projects: Select = ALL_ATTRIBUTES fails on it unless its projection is ALL, and other attributes come back empty. A local secondary index fetches them from the table at extra read cost.");

    /// <summary>IDPDYN211: a placeholder used but undefined, defined but unused, or a reserved word as a bare attribute name ("{0}" is the full message).</summary>
    public static readonly DiagnosticDescriptor ExpressionPlaceholder = Usage(
        DiagnosticIds.ExpressionPlaceholder,
        "{0}",
        "DynamoDB rejects a request whose expressions use a #name or :value that ExpressionAttributeNames or ExpressionAttributeValues does not define, that defines one no expression uses, or that uses a reserved word as a bare attribute name.");

    /// <summary>IDPDYN212: a key attribute in a Query's FilterExpression or in an UpdateExpression ("{0}" is the full message).</summary>
    public static readonly DiagnosticDescriptor KeyAttributeInExpression = Usage(
        DiagnosticIds.KeyAttributeInExpression,
        "{0}",
        "A Query's FilterExpression cannot test the key attributes of the table or index it queries (they belong in the key condition), and an UpdateExpression cannot change a key attribute of the table.");

    /// <summary>IDPDYN210: "Use {0} instead of the string '{1}'".</summary>
    public static readonly DiagnosticDescriptor UseGeneratedAccessor = Create(
        DiagnosticIds.UseGeneratedAccessor,
        "Use {0} instead of the string '{1}'",
        "The generated accessors keep DynamoDB names in one place, checked against the values files at build time.");

    /// <summary>IDPDYN213: "'{0}' is the logical name of table '{0}'; the table in AWS is '{1}', so this request fails ...".</summary>
    public static readonly DiagnosticDescriptor LogicalTableName = Usage(
        DiagnosticIds.LogicalTableName,
        "'{0}' is the logical name of table '{0}'; the table in AWS is '{1}', so this request fails with ResourceNotFoundException; use {2}",
        "The chart creates each table as <namespace>-<name>. The low-level API sends the name as it is, so the logical name names no table; only the DataModel adds a TableNamePrefix.");

    /// <summary>IDPDYN214: "The key of table '{0}' ({1}) is used in a request to table '{2}' ({3}); ...".</summary>
    public static readonly DiagnosticDescriptor KeyOfAnotherTable = Usage(
        DiagnosticIds.KeyOfAnotherTable,
        "The key of table '{0}' ({1}) is used in a request to table '{2}' ({3}); DynamoDB rejects a key that does not match the table's key schema; use {4}",
        "A generated Key(...) builds the key of its own table. In a request to another table whose key attributes differ, DynamoDB answers with a ValidationException.");

    /// <summary>IDPDYN999: "Internal error in IdpDynamo.Build; this is a bug, please report it: {0}".</summary>
    public static readonly DiagnosticDescriptor InternalError = Create(
        DiagnosticIds.InternalError,
        "Internal error in IdpDynamo.Build; this is a bug, please report it: {0}",
        "An exception inside the generator or an analyzer was caught instead of crashing the compiler.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>
    /// IDPDYN999 as declared by an analyzer whose rules only suggest (<c>IdpDynamoSuggestionAnalyzer</c>): the same rule
    /// at Info, so that the compiler, which decides from the declared severities whether a build runs an analyzer,
    /// skips it where Info is not shown. When such an analyzer does run and fails, it reports <see cref="InternalError"/>
    /// (an error), like every other analyzer.
    /// </summary>
    public static readonly DiagnosticDescriptor InternalErrorOfSuggestions = AtInfo(InternalError);

    /// <summary><paramref name="descriptor"/> with Info as its default severity.</summary>
    private static DiagnosticDescriptor AtInfo(DiagnosticDescriptor descriptor)
        => new(descriptor.Id, descriptor.Title, descriptor.MessageFormat, descriptor.Category, DiagnosticSeverity.Info, descriptor.IsEnabledByDefault,
            descriptor.Description, descriptor.HelpLinkUri, descriptor.CustomTags.ToArray());

    /// <summary>A descriptor whose id, title, category, default severity and help link come from the catalog.</summary>
    private static DiagnosticDescriptor Create(string id, string message, string description, params string[] customTags)
    {
        var rule = DiagnosticIds.Get(id);
        return new DiagnosticDescriptor(
            id: rule.Id,
            title: rule.Title,
            messageFormat: message,
            category: rule.Category,
            defaultSeverity: rule.DefaultSeverity switch
            {
                Severity.Error => DiagnosticSeverity.Error,
                Severity.Warning => DiagnosticSeverity.Warning,
                _ => DiagnosticSeverity.Info,
            },
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: rule.HelpLink,
            customTags: customTags);
    }

    private static DiagnosticDescriptor Usage(string id, string message, string description) => Create(id, message, description);
}
