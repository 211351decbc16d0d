namespace IdpDynamo.Schema;

/// <summary>A diagnostic id with its documentation metadata. Severity is the default; some rules split by case.</summary>
internal sealed record RuleInfo(string Id, Severity DefaultSeverity, string Category, string Title, string SeverityText)
{
    /// <summary>The id's documentation page.</summary>
    public string HelpLink => DiagnosticIds.HelpLink(Id);
}

/// <summary>
/// The single place where IdpDynamo diagnostic ids, titles, default severities, categories and help links are defined.
/// Shared by the MSBuild task, the CLI, the generator and the analyzers (ids are a public contract). Code names an id
/// only through these constants, so a misspelt id does not compile; no other file of src/ spells an id as a literal
/// (a test scans for it).
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
    public const string IndexProjection = "IDPDYN209";
    public const string UseGeneratedAccessor = "IDPDYN210";
    public const string ExpressionPlaceholder = "IDPDYN211";
    public const string KeyAttributeInExpression = "IDPDYN212";
    public const string LogicalTableName = "IDPDYN213";
    public const string KeyOfAnotherTable = "IDPDYN214";

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

    // Keys and attributes.
    public const string HashKeyNotDeclared = "IDPDYN020";
    public const string RangeKeyNotDeclared = "IDPDYN021";
    public const string AttributeNotAKey = "IDPDYN022";
    public const string TtlAttributeDeclared = "IDPDYN023";
    public const string InvalidAttributeType = "IDPDYN024";
    public const string AttributeDeclaredTwice = "IDPDYN025";
    public const string HashKeyEqualsRangeKey = "IDPDYN026";
    public const string KeyNameTooLong = "IDPDYN027";
    public const string EmptyName = "IDPDYN028";
    public const string KeyMatchesOnlyByCase = "IDPDYN029";

    // Table names, regions, capacity and TTL.
    public const string TableNameLength = "IDPDYN030";
    public const string TableNameCharacters = "IDPDYN031";
    public const string TableNameEmpty = "IDPDYN032";
    public const string TableDefinedTwice = "IDPDYN033";
    public const string TableNamesDifferByCase = "IDPDYN034";
    public const string LegacyIdpPrefix = "IDPDYN035";
    public const string TableNameHasPrefix = "IDPDYN036";
    public const string InvalidRegion = "IDPDYN037";
    public const string NonDefaultRegion = "IDPDYN038";
    public const string TtlNotNumber = "IDPDYN039";
    public const string ProvisionedWithoutCapacity = "IDPDYN040";
    public const string CapacityBelowOne = "IDPDYN041";
    public const string CapacityAboveQuota = "IDPDYN042";
    public const string CapacityOnPayPerRequest = "IDPDYN043";
    public const string ProvisionedWithGsi = "IDPDYN044";
    public const string TtlNameTooLong = "IDPDYN045";

    // Change detection.
    public const string KeySchemaChanged = "IDPDYN046";
    public const string KeyTypeChanged = "IDPDYN047";
    public const string TableRenamed = "IDPDYN048";
    public const string TtlChanged = "IDPDYN049";

    // Local secondary indexes and projections.
    public const string LsiWithoutRangeKey = "IDPDYN050";
    public const string LsiRangeKeyNotDeclared = "IDPDYN051";
    public const string LsiSortsOnHashKey = "IDPDYN052";
    public const string LsiSameSortKey = "IDPDYN053";
    public const string TooManyLsis = "IDPDYN054";
    public const string LsisShareSortKey = "IDPDYN056";
    public const string LsisChanged = "IDPDYN057";
    public const string LsiItemCollectionLimit = "IDPDYN058";
    public const string ProjectedNameLength = "IDPDYN059";

    // Global secondary indexes.
    public const string GsiHashKeyNotDeclared = "IDPDYN060";
    public const string GsiRangeKeyNotDeclared = "IDPDYN061";
    public const string GsiHashKeyEqualsRangeKey = "IDPDYN062";
    public const string GsiWithoutRangeKey = "IDPDYN063";
    public const string TooManyGsis = "IDPDYN064";
    public const string GsiDuplicatesKeySchema = "IDPDYN065";
    public const string CapacityOnGsi = "IDPDYN066";
    public const string GsiRebuilt = "IDPDYN067";

    // Index names and projections.
    public const string IndexNameTwice = "IDPDYN070";
    public const string IndexNameLength = "IDPDYN071";
    public const string IndexNameCharacters = "IDPDYN072";
    public const string IncludeWithoutNonKeyAttributes = "IDPDYN073";
    public const string NonKeyAttributesNotAllowed = "IDPDYN074";
    public const string TooManyNonKeyAttributesInIndex = "IDPDYN075";
    public const string TooManyNonKeyAttributesInTable = "IDPDYN076";
    public const string AttributeProjectedTwice = "IDPDYN077";
    public const string KeyInNonKeyAttributes = "IDPDYN078";

    // Access roles.
    public const string RoleOfAnotherNamespace = "IDPDYN080";
    public const string RoleNotCreated = "IDPDYN081";
    public const string InvalidRoleName = "IDPDYN082";
    public const string RoleAsArn = "IDPDYN083";
    public const string NoAccessGranted = "IDPDYN084";
    public const string PolicyTooLarge = "IDPDYN085";
    public const string RoleNameUpperCase = "IDPDYN086";

    // Management and deletion policies.
    public const string ManagementPoliciesNotSet = "IDPDYN100";
    public const string ObserveOnly = "IDPDYN101";
    public const string DeletionPolicyNotSet = "IDPDYN102";
    public const string DeletionPolicyDelete = "IDPDYN103";
    public const string ObserveWithDelete = "IDPDYN104";
    public const string PointInTimeRecoveryDisabled = "IDPDYN105";
    public const string RemovedWithDelete = "IDPDYN106";
    public const string RemovedAndOrphaned = "IDPDYN107";
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
    public const string RoleChecksSkipped = "IDPDYN132";
    public const string InternalError = "IDPDYN999";

    /// <summary>Documentation page of an id (one page per id in docs/rules).</summary>
    public static string HelpLink(string id) => $"{RepositoryUrl}/blob/main/docs/rules/{id}.md";

    private static readonly Dictionary<string, RuleInfo> ById = new();

    /// <summary>Every id the validator implements, in id order.</summary>
    public static IReadOnlyList<RuleInfo> All { get; } = Build();

    public static RuleInfo? Find(string id) => ById.TryGetValue(id, out var info) ? info : null;

    /// <summary>The catalog entry of an id that code names through one of the constants above.</summary>
    public static RuleInfo Get(string id)
        => ById.TryGetValue(id, out var info) ? info : throw new System.ArgumentException($"'{id}' is not in the diagnostic catalog", nameof(id));

    private static List<RuleInfo> Build()
    {
        var list = new List<RuleInfo>();
        void S(string id, Severity sev, string title, string? severityText = null) => Add(list, id, sev, CategorySchema, title, severityText);
        void C(string id, Severity sev, string title) => Add(list, id, sev, CategoryConfiguration, title, null);

        S(InvalidYaml, Severity.Error, "Values file is not well-formed YAML");
        S(DuplicateKey, Severity.Error, "Duplicate key in a mapping");
        S(MultipleDocuments, Severity.Error, "More than one YAML document");
        S(NoTables, Severity.Warning, "No tables defined");
        S(AliasUsed, Severity.Info, "YAML alias or merge key used");
        S(Yaml11Scalar, Severity.Error, "Unquoted value read differently by Helm (YAML 1.1)");
        S(UnknownKey, Severity.Error, "Key not allowed by the chart schema");
        S(MissingKey, Severity.Error, "Required key missing");
        S(WrongType, Severity.Error, "Value has the wrong type");
        S(NotInEnum, Severity.Error, "Value not allowed");
        S(EmptyString, Severity.Error, "Empty string not allowed");
        S(DuplicateRole, Severity.Error, "Role listed twice");
        S(NullValue, Severity.Error, "Key has no value");
        S(UnknownChartVersion, Severity.Info, "Chart version unknown");
        S(PlatformKey, Severity.Warning, "Platform-injected key set in the values file", "Warning (idp_*) / Info (ingress, global)");
        S(ModelineMismatch, Severity.Warning, "Schema modeline version differs from chartVersion");
        S(ExplicitTag, Severity.Warning, "Explicit YAML tag");
        S(InvisibleCharacters, Severity.Warning, "Invisible or look-alike characters in a name");
        S(HashKeyNotDeclared, Severity.Error, "Table hashKey not declared in attributes");
        S(RangeKeyNotDeclared, Severity.Error, "Table rangeKey not declared in attributes");
        S(AttributeNotAKey, Severity.Error, "Attribute declared but not used as a key");
        S(TtlAttributeDeclared, Severity.Error, "TTL attribute declared in attributes");
        S(InvalidAttributeType, Severity.Error, "Invalid attribute type");
        S(AttributeDeclaredTwice, Severity.Error, "Attribute declared twice", "Error (different types) / Warning (identical)");
        S(HashKeyEqualsRangeKey, Severity.Error, "hashKey and rangeKey are the same attribute");
        S(KeyNameTooLong, Severity.Error, "Key attribute name too long");
        S(EmptyName, Severity.Error, "Empty key or attribute name");
        S(KeyMatchesOnlyByCase, Severity.Error, "Key matches an attribute only by case or whitespace");
        S(TableNameLength, Severity.Error, "Rendered table name too short or too long");
        S(TableNameCharacters, Severity.Error, "Table name contains invalid characters");
        S(TableNameEmpty, Severity.Error, "Table name is empty");
        S(TableDefinedTwice, Severity.Error, "Table defined twice", "Error (same region) / Warning (different regions)");
        S(TableNamesDifferByCase, Severity.Warning, "Table names differ only by case");
        S(LegacyIdpPrefix, Severity.Info, "Legacy useIdpPrefix");
        S(TableNameHasPrefix, Severity.Warning, "Table name already carries a prefix");
        S(InvalidRegion, Severity.Error, "Invalid AWS region", "Error (malformed / other partition) / Warning (unknown)");
        S(NonDefaultRegion, Severity.Info, "Non-default or opt-in region");
        S(TtlNotNumber, Severity.Warning, "TTL attribute is not a Number");
        S(ProvisionedWithoutCapacity, Severity.Error, "PROVISIONED table without capacity");
        S(CapacityBelowOne, Severity.Error, "Capacity below 1");
        S(CapacityAboveQuota, Severity.Warning, "Capacity above the default quota");
        S(CapacityOnPayPerRequest, Severity.Warning, "Capacity set on a PAY_PER_REQUEST table");
        S(ProvisionedWithGsi, Severity.Error, "PROVISIONED table with global secondary indexes");
        S(TtlNameTooLong, Severity.Error, "TTL attribute name too long");
        S(KeySchemaChanged, Severity.Error, "Key schema of an existing table changed");
        S(KeyTypeChanged, Severity.Error, "Type of a key attribute changed", "Error (table key) / Warning (GSI key)");
        S(TableRenamed, Severity.Warning, "Table renamed, moved or re-prefixed");
        S(TtlChanged, Severity.Warning, "TTL of an existing table changed");
        S(LsiWithoutRangeKey, Severity.Error, "Local secondary index on a table without rangeKey");
        S(LsiRangeKeyNotDeclared, Severity.Error, "LSI rangeKey not declared in attributes");
        S(LsiSortsOnHashKey, Severity.Error, "LSI sorts on the table hashKey");
        S(LsiSameSortKey, Severity.Warning, "LSI has the same sort key as the table");
        S(TooManyLsis, Severity.Error, "More than 5 local secondary indexes");
        S(LsisShareSortKey, Severity.Warning, "Two LSIs sort on the same attribute");
        S(LsisChanged, Severity.Error, "Local secondary indexes of an existing table changed");
        S(LsiItemCollectionLimit, Severity.Info, "Local secondary indexes limit item collections to 10 GB");
        S(ProjectedNameLength, Severity.Error, "Projected attribute name empty or too long");
        S(GsiHashKeyNotDeclared, Severity.Error, "GSI hashKey not declared in attributes");
        S(GsiRangeKeyNotDeclared, Severity.Error, "GSI rangeKey not declared in attributes");
        S(GsiHashKeyEqualsRangeKey, Severity.Error, "GSI hashKey equals its rangeKey");
        S(GsiWithoutRangeKey, Severity.Warning, "GSI without rangeKey");
        S(TooManyGsis, Severity.Error, "More than 20 global secondary indexes");
        S(GsiDuplicatesKeySchema, Severity.Warning, "GSI duplicates an existing key schema");
        S(CapacityOnGsi, Severity.Warning, "Capacity set on a global secondary index");
        S(GsiRebuilt, Severity.Info, "Global secondary index created, deleted or rebuilt");
        S(IndexNameTwice, Severity.Error, "Index name used twice");
        S(IndexNameLength, Severity.Error, "Index name too short or too long");
        S(IndexNameCharacters, Severity.Error, "Index name contains invalid characters");
        S(IncludeWithoutNonKeyAttributes, Severity.Error, "INCLUDE projection without nonKeyAttributes");
        S(NonKeyAttributesNotAllowed, Severity.Error, "nonKeyAttributes on an ALL or KEYS_ONLY index");
        S(TooManyNonKeyAttributesInIndex, Severity.Error, "More than 20 nonKeyAttributes in one index");
        S(TooManyNonKeyAttributesInTable, Severity.Error, "More than 100 nonKeyAttributes in one table");
        S(AttributeProjectedTwice, Severity.Error, "Attribute projected twice into one index", "Error (LSI) / Warning (GSI)");
        S(KeyInNonKeyAttributes, Severity.Error, "Key attribute listed in nonKeyAttributes");
        S(RoleOfAnotherNamespace, Severity.Error, "Role belongs to another namespace");
        S(RoleNotCreated, Severity.Warning, "No application in the repository creates the role");
        S(InvalidRoleName, Severity.Error, "Invalid IAM role name");
        S(RoleAsArn, Severity.Error, "Role given as ARN or path");
        S(NoAccessGranted, Severity.Info, "Table grants no access");
        S(PolicyTooLarge, Severity.Warning, "Generated IAM policy may exceed 6,144 characters");
        S(RoleNameUpperCase, Severity.Warning, "Role name with upper-case letters");
        S(ManagementPoliciesNotSet, Severity.Warning, "managementPolicies not set");
        S(ObserveOnly, Severity.Info, "managementPolicies: Observe");
        S(DeletionPolicyNotSet, Severity.Info, "deletionPolicy not set");
        S(DeletionPolicyDelete, Severity.Warning, "deletionPolicy: Delete");
        S(ObserveWithDelete, Severity.Warning, "Observe combined with deletionPolicy: Delete");
        S(PointInTimeRecoveryDisabled, Severity.Warning, "Point-in-time recovery disabled");
        S(RemovedWithDelete, Severity.Warning, "Table removed with deletionPolicy: Delete");
        S(RemovedAndOrphaned, Severity.Info, "Table removed and orphaned");

        C(FileNotFound, Severity.Error, "Values file not found");
        C(PathIsDirectory, Severity.Error, "Values path is a directory");
        C(FileUnreadable, Severity.Error, "Values file cannot be read");
        C(PatternMatchesNothing, Severity.Error, "Pattern matches no file");
        C(NotAValuesFile, Severity.Error, "Not an idp-dynamodb values file");
        C(NamespaceUnknown, Severity.Info, "Namespace could not be derived");
        C(EnvironmentsDisagree, Severity.Error, "Environments disagree on a table");
        C(TableMissingInEnvironment, Severity.Warning, "Table missing in some environments");
        C(ConflictingMetadata, Severity.Error, "Conflicting item metadata");
        C(IdentifierCollision, Severity.Warning, "Names map to the same generated identifier");
        C(FileTooLarge, Severity.Error, "File too large to be a values file");
        C(BaselineSkipped, Severity.Info, "Change detection skipped");
        C(RoleChecksSkipped, Severity.Warning, "Role checks cannot run");
        void U(string id, Severity sev, string title, string? severityText = null) => Add(list, id, sev, CategoryUsage, title, severityText);
        U(UnknownTable, Severity.Warning, "Table not declared in the values files");
        U(UnknownIndex, Severity.Warning, "Index not declared on the table");
        U(ConsistentReadOnGsi, Severity.Warning, "Consistent read on a global secondary index");
        U(EntityKeyMismatch, Severity.Warning, "Entity key mapping differs from the values file");
        U(KeyMismatch, Severity.Warning, "Key attributes differ from the table's key schema");
        U(KeyConditionMismatch, Severity.Warning, "Key condition does not match the key schema");
        U(AccessDenied, Severity.Warning, "The service role has no such access to the table");
        U(KeyArity, Severity.Warning, "Wrong number of key values for the table");
        U(IndexProjection, Severity.Warning, "Attributes not projected into the index", "Warning (ALL_ATTRIBUTES on a GSI) / Info (unprojected attributes)");
        U(UseGeneratedAccessor, Severity.Info, "Use the generated accessor");
        U(ExpressionPlaceholder, Severity.Warning, "Expression placeholder or reserved word");
        U(KeyAttributeInExpression, Severity.Warning, "Key attribute in a filter or update expression");
        U(LogicalTableName, Severity.Warning, "Logical table name in a low-level request");
        U(KeyOfAnotherTable, Severity.Warning, "Generated key of another table");
        C(InternalError, Severity.Error, "Internal error in IdpDynamo.Build");
        return list;
    }

    private static void Add(List<RuleInfo> list, string id, Severity severity, string category, string title, string? severityText)
    {
        var info = new RuleInfo(id, severity, category, title, severityText ?? (severity switch { Severity.Error => "Error", Severity.Warning => "Warning", _ => "Info" }));
        list.Add(info);
        ById[id] = info;
    }
}
