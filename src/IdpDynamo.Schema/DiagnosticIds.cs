using System.Collections.Generic;

namespace IdpDynamo.Schema;

/// <summary>A diagnostic id with its documentation metadata. Severity is the default; some rules split by case.</summary>
internal sealed record RuleInfo(string Id, Severity DefaultSeverity, string Category, string Title, string SeverityText);

/// <summary>
/// The single place where IdpDynamo diagnostic ids, titles, default severities and help links are defined.
/// Shared by the MSBuild task, the CLI, the generator and the analyzers (ids are a public contract).
/// </summary>
internal static class DiagnosticIds
{
    public const string RepositoryUrl = "https://github.com/idp-dynamo/IdpDynamo.Build";

    public const string CategorySchema = "IdpDynamo.Schema";
    public const string CategoryConfiguration = "IdpDynamo.Configuration";
    public const string CategoryUsage = "IdpDynamo.Usage";

    public const string UnknownTable = "IDPDYN201";
    public const string UnknownIndex = "IDPDYN202";
    public const string ConsistentReadOnGsi = "IDPDYN203";
    public const string EntityKeyMismatch = "IDPDYN204";
    public const string KeyMismatch = "IDPDYN205";
    public const string KeyConditionMismatch = "IDPDYN206";
    public const string AccessDenied = "IDPDYN207";
    public const string KeyArity = "IDPDYN208";
    public const string UseGeneratedAccessor = "IDPDYN210";

    public const string InvalidYaml = "IDPDYN001";
    public const string DuplicateKey = "IDPDYN002";
    public const string MultipleDocuments = "IDPDYN003";
    public const string NoTables = "IDPDYN004";
    public const string AliasUsed = "IDPDYN005";
    public const string Yaml11Scalar = "IDPDYN006";
    public const string UnknownKey = "IDPDYN007";
    public const string MissingKey = "IDPDYN008";
    public const string WrongType = "IDPDYN009";
    public const string NotInEnum = "IDPDYN010";
    public const string EmptyString = "IDPDYN011";
    public const string DuplicateRole = "IDPDYN012";
    public const string NullValue = "IDPDYN013";
    public const string UnknownChartVersion = "IDPDYN014";
    public const string PlatformKey = "IDPDYN015";
    public const string ModelineMismatch = "IDPDYN016";
    public const string ExplicitTag = "IDPDYN017";
    public const string InvisibleCharacters = "IDPDYN018";

    public const string FileNotFound = "IDPDYN120";
    public const string PathIsDirectory = "IDPDYN121";
    public const string FileUnreadable = "IDPDYN122";
    public const string PatternMatchesNothing = "IDPDYN123";
    public const string NotAValuesFile = "IDPDYN124";
    public const string NamespaceUnknown = "IDPDYN125";
    public const string EnvironmentsDisagree = "IDPDYN126";
    public const string TableMissingInEnvironment = "IDPDYN127";
    public const string ConflictingMetadata = "IDPDYN128";
    public const string IdentifierCollision = "IDPDYN129";
    public const string FileTooLarge = "IDPDYN130";
    public const string BaselineSkipped = "IDPDYN131";
    public const string InternalError = "IDPDYN999";

    /// <summary>Documentation page of an id (one page per id in docs/rules).</summary>
    public static string HelpLink(string id) => $"{RepositoryUrl}/blob/main/docs/rules/{id}.md";

    private static readonly Dictionary<string, RuleInfo> ById = new();

    /// <summary>Every id the validator implements, in id order.</summary>
    public static IReadOnlyList<RuleInfo> All { get; } = Build();

    public static RuleInfo? Find(string id) => ById.TryGetValue(id, out var info) ? info : null;

    private static List<RuleInfo> Build()
    {
        var list = new List<RuleInfo>();
        void S(int n, Severity sev, string title, string? severityText = null) => Add(list, $"IDPDYN{n:000}", sev, CategorySchema, title, severityText);
        void C(int n, Severity sev, string title) => Add(list, $"IDPDYN{n:000}", sev, CategoryConfiguration, title, null);

        S(1, Severity.Error, "Values file is not well-formed YAML");
        S(2, Severity.Error, "Duplicate key in a mapping");
        S(3, Severity.Error, "More than one YAML document");
        S(4, Severity.Warning, "No tables defined");
        S(5, Severity.Info, "YAML alias or merge key used");
        S(6, Severity.Error, "Unquoted value read differently by Helm (YAML 1.1)");
        S(7, Severity.Error, "Key not allowed by the chart schema");
        S(8, Severity.Error, "Required key missing");
        S(9, Severity.Error, "Value has the wrong type");
        S(10, Severity.Error, "Value not allowed");
        S(11, Severity.Error, "Empty string not allowed");
        S(12, Severity.Error, "Role listed twice");
        S(13, Severity.Error, "Key has no value");
        S(14, Severity.Info, "Chart version unknown");
        S(15, Severity.Warning, "Platform-injected key set in the values file", "Warning (idp_*) / Info (ingress, global)");
        S(16, Severity.Warning, "Schema modeline version differs from chartVersion");
        S(17, Severity.Warning, "Explicit YAML tag");
        S(18, Severity.Warning, "Invisible or look-alike characters in a name");
        S(20, Severity.Error, "Table hashKey not declared in attributes");
        S(21, Severity.Error, "Table rangeKey not declared in attributes");
        S(22, Severity.Error, "Attribute declared but not used as a key");
        S(23, Severity.Error, "TTL attribute declared in attributes");
        S(24, Severity.Error, "Invalid attribute type");
        S(25, Severity.Error, "Attribute declared twice", "Error (different types) / Warning (identical)");
        S(26, Severity.Error, "hashKey and rangeKey are the same attribute");
        S(27, Severity.Error, "Key attribute name too long");
        S(28, Severity.Error, "Empty key or attribute name");
        S(29, Severity.Error, "Key matches an attribute only by case or whitespace");
        S(30, Severity.Error, "Rendered table name too short or too long");
        S(31, Severity.Error, "Table name contains invalid characters");
        S(32, Severity.Error, "Table name is empty");
        S(33, Severity.Error, "Table defined twice", "Error (same region) / Warning (different regions)");
        S(34, Severity.Warning, "Table names differ only by case");
        S(35, Severity.Info, "Legacy useIdpPrefix");
        S(36, Severity.Warning, "Table name already carries a prefix");
        S(37, Severity.Error, "Invalid AWS region", "Error (malformed / other partition) / Warning (unknown)");
        S(38, Severity.Info, "Non-default or opt-in region");
        S(39, Severity.Warning, "TTL attribute is not a Number");
        S(40, Severity.Error, "PROVISIONED table without capacity");
        S(41, Severity.Error, "Capacity below 1");
        S(42, Severity.Warning, "Capacity above the default quota");
        S(43, Severity.Warning, "Capacity set on a PAY_PER_REQUEST table");
        S(44, Severity.Error, "PROVISIONED table with global secondary indexes");
        S(45, Severity.Error, "TTL attribute name too long");
        S(46, Severity.Error, "Key schema of an existing table changed");
        S(47, Severity.Error, "Type of a key attribute changed", "Error (table key) / Warning (GSI key)");
        S(48, Severity.Warning, "Table renamed, moved or re-prefixed");
        S(49, Severity.Warning, "TTL of an existing table changed");
        S(50, Severity.Error, "Local secondary index on a table without rangeKey");
        S(51, Severity.Error, "LSI rangeKey not declared in attributes");
        S(52, Severity.Error, "LSI sorts on the table hashKey");
        S(53, Severity.Warning, "LSI has the same sort key as the table");
        S(54, Severity.Error, "More than 5 local secondary indexes");
        S(56, Severity.Warning, "Two LSIs sort on the same attribute");
        S(57, Severity.Error, "Local secondary indexes of an existing table changed");
        S(58, Severity.Info, "Local secondary indexes limit item collections to 10 GB");
        S(59, Severity.Error, "Projected attribute name empty or too long");
        S(60, Severity.Error, "GSI hashKey not declared in attributes");
        S(61, Severity.Error, "GSI rangeKey not declared in attributes");
        S(62, Severity.Error, "GSI hashKey equals its rangeKey");
        S(63, Severity.Warning, "GSI without rangeKey");
        S(64, Severity.Error, "More than 20 global secondary indexes");
        S(65, Severity.Warning, "GSI duplicates an existing key schema");
        S(66, Severity.Warning, "Capacity set on a global secondary index");
        S(67, Severity.Info, "Global secondary index created, deleted or rebuilt");
        S(70, Severity.Error, "Index name used twice");
        S(71, Severity.Error, "Index name too short or too long");
        S(72, Severity.Error, "Index name contains invalid characters");
        S(73, Severity.Error, "INCLUDE projection without nonKeyAttributes");
        S(74, Severity.Error, "nonKeyAttributes on an ALL or KEYS_ONLY index");
        S(75, Severity.Error, "More than 20 nonKeyAttributes in one index");
        S(76, Severity.Error, "More than 100 nonKeyAttributes in one table");
        S(77, Severity.Error, "Attribute projected twice into one index", "Error (LSI) / Warning (GSI)");
        S(78, Severity.Error, "Key attribute listed in nonKeyAttributes");
        S(80, Severity.Error, "Role belongs to another namespace");
        S(81, Severity.Warning, "No application in the repository creates the role");
        S(82, Severity.Error, "Invalid IAM role name");
        S(83, Severity.Error, "Role given as ARN or path");
        S(84, Severity.Info, "Table grants no access");
        S(85, Severity.Warning, "Generated IAM policy may exceed 6,144 characters");
        S(86, Severity.Warning, "Role name with upper-case letters");
        S(100, Severity.Warning, "managementPolicies not set");
        S(101, Severity.Info, "managementPolicies: Observe");
        S(102, Severity.Info, "deletionPolicy not set");
        S(103, Severity.Warning, "deletionPolicy: Delete");
        S(104, Severity.Warning, "Observe combined with deletionPolicy: Delete");
        S(105, Severity.Warning, "Point-in-time recovery disabled");
        S(106, Severity.Warning, "Table removed with deletionPolicy: Delete");
        S(107, Severity.Info, "Table removed and orphaned");

        C(120, Severity.Error, "Values file not found");
        C(121, Severity.Error, "Values path is a directory");
        C(122, Severity.Error, "Values file cannot be read");
        C(123, Severity.Error, "Pattern matches no file");
        C(124, Severity.Error, "Not an idp-dynamodb values file");
        C(125, Severity.Info, "Namespace could not be derived");
        C(126, Severity.Error, "Environments disagree on a table");
        C(127, Severity.Warning, "Table missing in some environments");
        C(128, Severity.Error, "Conflicting item metadata");
        C(129, Severity.Warning, "Names map to the same generated identifier");
        C(130, Severity.Error, "File too large to be a values file");
        C(131, Severity.Info, "Change detection skipped");
        void U(int n, Severity sev, string title) => Add(list, $"IDPDYN{n:000}", sev, CategoryUsage, title, null);
        U(201, Severity.Warning, "Table not declared in the values files");
        U(202, Severity.Warning, "Index not declared on the table");
        U(203, Severity.Warning, "Consistent read on a global secondary index");
        U(204, Severity.Warning, "Entity key mapping differs from the values file");
        U(205, Severity.Warning, "Key attributes differ from the table's key schema");
        U(206, Severity.Warning, "Key condition does not match the key schema");
        U(207, Severity.Warning, "The service role has no such access to the table");
        U(208, Severity.Warning, "Wrong number of key values for the table");
        U(210, Severity.Info, "Use the generated accessor");
        C(999, Severity.Error, "Internal error in IdpDynamo.Build");
        return list;
    }

    private static void Add(List<RuleInfo> list, string id, Severity severity, string category, string title, string? severityText)
    {
        var info = new RuleInfo(id, severity, category, title, severityText ?? (severity switch { Severity.Error => "Error", Severity.Warning => "Warning", _ => "Info" }));
        list.Add(info);
        ById[id] = info;
    }
}
