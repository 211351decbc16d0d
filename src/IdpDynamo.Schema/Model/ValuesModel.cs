namespace IdpDynamo.Schema.Model;

/// <summary>A value read from the file with where its key and its value are written.</summary>
internal sealed record Field<T>(T Value, SourceSpan KeySpan, SourceSpan Span);

/// <summary>One <c>attributes[]</c> entry.</summary>
internal sealed record AttributeSpec(Field<string>? Name, Field<string>? Type, SourceSpan Span);

internal enum IndexKind
{
    Local,
    Global,
}

/// <summary>One <c>localSecondaryIndex[]</c> or <c>globalSecondaryIndex[]</c> entry. LSIs have no HashKey of their own.</summary>
internal sealed record IndexSpec(
    IndexKind Kind,
    int Ordinal,
    SourceSpan Span,
    Field<string>? Name,
    Field<string>? HashKey,
    Field<string>? RangeKey,
    Field<string>? ProjectionType,
    SourceSpan? NonKeyAttributesKey,
    EquatableArray<Field<string>> NonKeyAttributes,
    Field<long>? ReadCapacity,
    Field<long>? WriteCapacity);

/// <summary>The <c>ttl</c> block of a table.</summary>
internal sealed record TtlSpec(SourceSpan KeySpan, Field<string>? AttributeName, Field<bool>? Enabled);

/// <summary>One <c>tables[]</c> entry as Helm sees it. Fields with the wrong type are null (IDPDYN009 reports them).</summary>
internal sealed record TableSpec(
    int Ordinal,
    SourceSpan Span,
    Field<string>? Name,
    Field<string>? HashKey,
    Field<string>? RangeKey,
    Field<string>? BillingMode,
    Field<long>? ReadCapacity,
    Field<long>? WriteCapacity,
    Field<string>? Region,
    Field<bool>? UseIdpPrefix,
    Field<bool>? PointInTimeRecovery,
    SourceSpan? AttributesKey,
    EquatableArray<AttributeSpec> Attributes,
    TtlSpec? Ttl,
    SourceSpan? LocalIndexesKey,
    EquatableArray<IndexSpec> LocalIndexes,
    SourceSpan? GlobalIndexesKey,
    EquatableArray<IndexSpec> GlobalIndexes,
    EquatableArray<Field<string>> ReadRoles,
    EquatableArray<Field<string>> WriteRoles,
    bool HasReadCapacityKey = false,
    bool HasWriteCapacityKey = false)
{
    /// <summary><c>name</c> as written, or <c>tables[i]</c> when it is missing.</summary>
    public string DisplayName => Name?.Value ?? $"tables[{Ordinal}]";

    public bool UsesIdpPrefix => UseIdpPrefix?.Value == true;

    /// <summary>The AWS table name the chart renders: <c>[idp-]&lt;namespace&gt;-&lt;name&gt;</c>.</summary>
    public string RenderedName(string @namespace) => (UsesIdpPrefix ? "idp-" : string.Empty) + @namespace + "-" + (Name?.Value ?? string.Empty);

    /// <summary>The region the table lives in (the chart's default is eu-west-1).</summary>
    public string EffectiveRegion => Region?.Value ?? "eu-west-1";

    public string? TypeOf(string attribute)
    {
        foreach (var a in Attributes)
        {
            if (a.Name?.Value == attribute)
            {
                return a.Type?.Value;
            }
        }

        return null;
    }
}

/// <summary>
/// A values file read into the model shared by the validator, the MSBuild task and the source generator.
/// Value-equatable (records and <see cref="EquatableArray{T}"/>), holds no Roslyn or YamlDotNet objects.
/// </summary>
internal sealed record ValuesFile(
    string Path,
    string? Namespace,
    string ChartVersion,
    Field<string>? ManagementPolicies,
    Field<string>? DeletionPolicy,
    SourceSpan? TablesKey,
    EquatableArray<TableSpec> Tables);
