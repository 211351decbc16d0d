namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>How a call uses a table: IAM read or write, or table management (which the chart owns).</summary>
internal enum TableAccess
{
    Read,
    Write,
    Control,
}

/// <summary>
/// The AWS SDK for .NET (DynamoDBv2) as seen by the analyzers, matched by metadata name so v3.7 and v4 shapes both
/// work and nothing is referenced at compile time.
/// </summary>
internal sealed class DynamoSdk
{
    private DynamoSdk(INamedTypeSymbol attributeValue, Func<string, INamedTypeSymbol?> find)
    {
        AttributeValue = attributeValue;
        TableAttribute = find("Amazon.DynamoDBv2.DataModel.DynamoDBTableAttribute");
        HashKeyAttribute = find("Amazon.DynamoDBv2.DataModel.DynamoDBHashKeyAttribute");
        RangeKeyAttribute = find("Amazon.DynamoDBv2.DataModel.DynamoDBRangeKeyAttribute");
        PropertyAttribute = find("Amazon.DynamoDBv2.DataModel.DynamoDBPropertyAttribute");
        GsiHashKeyAttribute = find("Amazon.DynamoDBv2.DataModel.DynamoDBGlobalSecondaryIndexHashKeyAttribute");
        GsiRangeKeyAttribute = find("Amazon.DynamoDBv2.DataModel.DynamoDBGlobalSecondaryIndexRangeKeyAttribute");
        LsiRangeKeyAttribute = find("Amazon.DynamoDBv2.DataModel.DynamoDBLocalSecondaryIndexRangeKeyAttribute");
    }

    public INamedTypeSymbol AttributeValue { get; }

    public INamedTypeSymbol? TableAttribute { get; }

    public INamedTypeSymbol? HashKeyAttribute { get; }

    public INamedTypeSymbol? RangeKeyAttribute { get; }

    public INamedTypeSymbol? PropertyAttribute { get; }

    public INamedTypeSymbol? GsiHashKeyAttribute { get; }

    public INamedTypeSymbol? GsiRangeKeyAttribute { get; }

    public INamedTypeSymbol? LsiRangeKeyAttribute { get; }

    /// <summary>The name of the SDK's assembly (and of its file, without .dll).</summary>
    public const string AssemblyName = "AWSSDK.DynamoDBv2";

    /// <summary>Whether <paramref name="name"/>, an assembly's or a reference file's name without extension, is the SDK's.</summary>
    public static bool IsSdkAssembly(string? name) => string.Equals(name, AssemblyName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Null when the compilation does not reference AWSSDK.DynamoDBv2 (the analyzers then do nothing). The SDK's types
    /// are looked up in the project's own sources (stubs) and in the assembly named AWSSDK.DynamoDBv2 only, never by
    /// a search through every referenced assembly's namespaces.
    /// </summary>
    public static DynamoSdk? TryCreate(Compilation compilation)
    {
        IAssemblySymbol? sdk = null;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (IsSdkAssembly(assembly.Name))
            {
                sdk = assembly;
                break;
            }
        }

        INamedTypeSymbol? Find(string metadataName) => compilation.Assembly.GetTypeByMetadataName(metadataName) ?? sdk?.GetTypeByMetadataName(metadataName);
        return Find("Amazon.DynamoDBv2.Model.AttributeValue") is { } attributeValue ? new DynamoSdk(attributeValue, Find) : null;
    }

    /// <summary>Whether a symbol belongs to the SDK's <c>Amazon.DynamoDBv2</c> namespaces.</summary>
    public static bool IsDynamo(ISymbol? symbol)
    {
        var ns = symbol as INamespaceSymbol ?? symbol?.ContainingNamespace;
        INamespaceSymbol? previous = null;
        while (ns is { IsGlobalNamespace: false })
        {
            if (ns.ContainingNamespace is { IsGlobalNamespace: true })
            {
                return ns.Name == "Amazon" && previous?.Name == "DynamoDBv2";
            }

            previous = ns;
            ns = ns.ContainingNamespace;
        }

        return false;
    }

    /// <summary>Whether a type derives from System.Attribute (the DataModel attributes are entity metadata, not requests).</summary>
    public static bool IsAttribute(ITypeSymbol type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.Name == "Attribute" && t.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Response and description types carry table names as data, not as uses.</summary>
    public static bool IsSource(ITypeSymbol type)
        => type.Name.EndsWith("Response", StringComparison.Ordinal) || type.Name.EndsWith("Description", StringComparison.Ordinal)
           || type.Name.EndsWith("Summary", StringComparison.Ordinal) || type.Name.EndsWith("Details", StringComparison.Ordinal)
           || type.Name == "ConsumedCapacity";

    public static TableAccess AccessOfType(ITypeSymbol type) => AccessOfName(type.Name);

    /// <summary>
    /// The IAM action class of a request type, client method or DataModel operation config name (PutItemRequest,
    /// PutItemAsync, Put, SaveConfig, ...).
    /// </summary>
    public static TableAccess AccessOfName(string name)
    {
        string n = name.EndsWith("Async", StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : name;
        n = n.EndsWith("Request", StringComparison.Ordinal) ? n.Substring(0, n.Length - 7) : n;
        return n switch
        {
            "PutItem" or "UpdateItem" or "DeleteItem" or "BatchWriteItem" or "TransactWriteItems" or "Put" or "Update" or "Delete" or "StartBulkPutItems"
                or "SaveConfig" or "DeleteConfig" or "BatchWriteConfig" or "TransactWriteConfig" => TableAccess.Write,
            // Table management (control-plane calls and other places a table name is passed): the chart owns the tables,
            // so these are neither checked against the values files nor against the role's data access.
            "CreateTable" or "DeleteTable" or "UpdateTable" or "UpdateTimeToLive" or "UpdateContinuousBackups" or "CreateBackup" or "DescribeTable"
                or "DescribeTimeToLive" or "DescribeContinuousBackups" or "UpdateContributorInsights" or "DescribeContributorInsights"
                or "ListContributorInsights" or "ListBackups" or "TableCreationParameters" or "ImportTable"
                or "DescribeKinesisStreamingDestination" or "EnableKinesisStreamingDestination" or "DisableKinesisStreamingDestination"
                or "UpdateKinesisStreamingDestination" or "DescribeTableReplicaAutoScaling" or "UpdateTableReplicaAutoScaling" => TableAccess.Control,
            _ => TableAccess.Read,
        };
    }

    public static AttributeData? FindAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
        => attribute is null ? null : symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    /// <summary>[DynamoDBTable] of a type or its nearest base type (the attribute is inherited).</summary>
    public AttributeData? TableAttributeOf(ITypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (FindAttribute(t, TableAttribute) is { } attribute)
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The table name an entity maps to (its [DynamoDBTable] constant), or null.</summary>
    public string? TableNameOf(ITypeSymbol? type)
    {
        if (TableAttributeOf(type) is not { } attribute)
        {
            return null;
        }

        if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string name)
        {
            return name;
        }

        return attribute.NamedArguments.FirstOrDefault(a => a.Key == "TableName").Value.Value as string;
    }
}
