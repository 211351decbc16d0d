using IdpDynamo.Schema;
using IdpDynamo.Schema.Model;

namespace IdpDynamo.Analyzers.Generation;

/// <summary>
/// Exactly what the emitted source depends on, and nothing else: names, types, settings and roles, but no line,
/// column or order of keys in the YAML. Two values files that differ only in comments, blank lines or the order of a
/// table's keys give equal models, so the generator's output step stays cached.
/// </summary>
internal sealed record GeneratedTables(
    EquatableArray<GeneratedTable> Tables,
    EquatableArray<string> Namespaces,
    GenerationOptions Options,
    bool HasFiles)
{
    /// <summary>Nothing to generate: no values file, or none could be merged.</summary>
    public static GeneratedTables None(GenerationOptions options)
        => new(EquatableArray<GeneratedTable>.Empty, EquatableArray<string>.Empty, options, false);

    public static GeneratedTables From(AccessorSchema schema, GenerationOptions options)
        => new(
            new EquatableArray<GeneratedTable>(schema.Tables.Select(GeneratedTable.From).ToArray()),
            schema.Namespaces,
            options,
            schema.FileCount > 0);
}

/// <summary>One table class: the first definition over all environments, and each environment's file and roles.</summary>
internal sealed record GeneratedTable(
    string Name,
    string Identifier,
    bool IdpPrefix,
    string? HashKey,
    string? HashType,
    string? RangeKey,
    string? RangeType,
    string? BillingMode,
    long? ReadCapacity,
    long? WriteCapacity,
    string Region,
    bool PointInTimeRecovery,
    string? TimeToLive,
    bool TimeToLiveEnabled,
    EquatableArray<GeneratedAttribute> Attributes,
    EquatableArray<GeneratedIndex> Indexes,
    EquatableArray<GeneratedDeclaration> Declarations)
{
    public static GeneratedTable From(AccessorTable accessor)
    {
        var t = accessor.Table;
        string? hash = t.HashKey is { Value.Length: > 0 } h ? h.Value : null;
        string? range = t.RangeKey is { Value.Length: > 0 } r ? r.Value : null;
        string? ttl = t.Ttl?.AttributeName is { Value.Length: > 0 } a ? a.Value : null;
        var specs = t.LocalIndexes.Concat(t.GlobalIndexes).ToList();

        // Projections.<Index> classes sit next to each other in Projections, so their names are assigned in that scope.
        var projected = specs.Where(i => i.Name is not null && i.NonKeyAttributes.Count > 0).Select(i => i.Name!.Value).Distinct().ToList();
        var projectionIds = IdentifierNaming.Assign(projected, new[] { "Projections" }).ToDictionary(m => m.Name, m => m.Identifier, StringComparer.Ordinal);

        var indexes = new List<GeneratedIndex>();
        foreach (var member in accessor.Indexes)
        {
            var index = specs.First(i => i.Name?.Value == member.Name);
            string? classId = projectionIds.TryGetValue(member.Name, out var id) ? id : null;
            var nonKey = classId is null
                ? EquatableArray<NamedMember>.Empty
                : new EquatableArray<NamedMember>(IdentifierNaming.Assign(index.NonKeyAttributes.Select(n => n.Value).Distinct(), new[] { classId.TrimStart('@') }).ToArray());
            indexes.Add(new GeneratedIndex(
                member.Name,
                member.Identifier,
                index.Kind == IndexKind.Local,
                index.Kind == IndexKind.Local ? hash : index.HashKey?.Value,
                index.RangeKey is { Value.Length: > 0 } ir ? ir.Value : null,
                index.ProjectionType?.Value,
                classId,
                nonKey));
        }

        return new GeneratedTable(
            accessor.Name,
            accessor.Identifier,
            t.UsesIdpPrefix,
            hash,
            hash is null ? null : t.TypeOf(hash),
            range,
            range is null ? null : t.TypeOf(range),
            t.BillingMode?.Value,
            t.ReadCapacity?.Value,
            t.WriteCapacity?.Value,
            t.EffectiveRegion,
            t.PointInTimeRecovery?.Value != false,
            ttl,
            t.Ttl?.Enabled?.Value == true,
            new EquatableArray<GeneratedAttribute>(accessor.Attributes.Select(m => new GeneratedAttribute(m.Name, m.Identifier, t.TypeOf(m.Name))).ToArray()),
            new EquatableArray<GeneratedIndex>(indexes.ToArray()),
            new EquatableArray<GeneratedDeclaration>(accessor.Declarations.Select(d => new GeneratedDeclaration(d.Environment, d.SourcePath, d.ReadRoles, d.WriteRoles)).ToArray()));
    }
}

/// <summary>A constant of the table's Attributes class; <see cref="Type"/> is null for an attribute with no type (TTL).</summary>
internal sealed record GeneratedAttribute(string Name, string Identifier, string? Type);

/// <summary>
/// A secondary index. <see cref="ProjectionClass"/> names its Projections class (null when it projects no non-key
/// attribute), whose constants are <see cref="NonKeyAttributes"/>.
/// </summary>
internal sealed record GeneratedIndex(
    string Name,
    string Identifier,
    bool IsLocal,
    string? HashKey,
    string? RangeKey,
    string? Projection,
    string? ProjectionClass,
    EquatableArray<NamedMember> NonKeyAttributes);

/// <summary>One environment's definition of a table: where it is written and the roles it grants there.</summary>
internal sealed record GeneratedDeclaration(string? Environment, string SourcePath, EquatableArray<string> ReadRoles, EquatableArray<string> WriteRoles);
