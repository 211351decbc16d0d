namespace IdpDynamo.Schema.Model;

/// <summary>One table as the generated accessors present it: the first definition over all environments.</summary>
internal sealed record AccessorTable(
    string Name,
    string Identifier,
    TableSpec Table,
    string SourcePath,
    EquatableArray<string> Environments,
    EquatableArray<NamedMember> Indexes,
    EquatableArray<NamedMember> Attributes,
    EquatableArray<TableDeclaration> Declarations);

/// <summary>
/// One values file's definition of a table: its environment (null when no namespace can be derived), where it is
/// written and the roles it grants there (roles differ per environment, e.g. <c>orders-api-webshop-test</c>).
/// </summary>
internal sealed record TableDeclaration(string? Environment, string SourcePath, int Line, EquatableArray<string> ReadRoles, EquatableArray<string> WriteRoles);

/// <summary>A name whose identifier was already taken in its scope (IDPDYN129).</summary>
internal sealed record NameCollision(string Scope, string Name, string Identifier, string Other, string File, SourceSpan Span);

/// <summary>All tables of all values files of one project, merged for the generator (value-equatable, cacheable).</summary>
internal sealed record AccessorSchema(EquatableArray<AccessorTable> Tables, EquatableArray<string> Namespaces, int FileCount, EquatableArray<NameCollision> Collisions)
{
    /// <summary>Members of the generated root class a table class must not be named like.</summary>
    public static readonly string[] RootMembers =
    {
        "Namespace", "TableNamePrefix", "ResolveNamespace", "DeclaredNamespace",
    };

    /// <summary>Members of a generated table class, which a table class must not be named like.</summary>
    public static readonly string[] TableMembers =
    {
        "Name", "TableName", "TableNameIn", "HashKey", "RangeKey", "TimeToLiveAttribute", "Attributes", "Indexes", "Projections", "Key", "DeclaredTableName",
    };

    /// <summary>
    /// Merges the files (one per environment): tables sorted by name, each described by its first definition (files
    /// in path order), with the environments that declare it. <paramref name="className"/> is reserved too.
    /// </summary>
    public static AccessorSchema Build(IEnumerable<ValuesFile> files, string className)
    {
        var ordered = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var first = new Dictionary<string, (ValuesFile File, TableSpec Table)>(StringComparer.Ordinal);
        var environments = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var declarations = new Dictionary<string, List<TableDeclaration>>(StringComparer.Ordinal);
        foreach (var file in ordered)
        {
            var declaredHere = new HashSet<string>(StringComparer.Ordinal);
            foreach (var table in file.Tables)
            {
                if (table.Name is not { } name)
                {
                    continue;
                }

                if (!first.ContainsKey(name.Value))
                {
                    first[name.Value] = (file, table);
                    environments[name.Value] = new SortedSet<string>(StringComparer.Ordinal);
                    declarations[name.Value] = new List<TableDeclaration>();
                }

                environments[name.Value].Add(file.Namespace ?? PathConventions.ShortPath(file.Path));
                if (declaredHere.Add(name.Value))
                {
                    declarations[name.Value].Add(new TableDeclaration(
                        file.Namespace,
                        PathConventions.ShortPath(file.Path),
                        table.Span.Line,
                        new EquatableArray<string>(table.ReadRoles.Select(r => r.Value)),
                        new EquatableArray<string>(table.WriteRoles.Select(r => r.Value))));
                }
            }
        }

        var collisions = new List<NameCollision>();
        var names = first.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();
        // A table class sits among the root members and holds the table members (C# forbids a member named like its
        // enclosing type, CS0542), so neither set may name a table class.
        var tableIds = IdentifierNaming.Assign(names, RootMembers.Concat(TableMembers).Concat(new[] { className }),
            (name, id, other) => collisions.Add(new NameCollision("table", name, id, other, first[name].File.Path, first[name].Table.Name!.Span)));

        var tables = new List<AccessorTable>();
        foreach (var member in tableIds)
        {
            var (file, table) = first[member.Name];
            // Index and attribute constants live in the nested classes Indexes and Attributes: only the name of their
            // own class is taken there (an attribute called Name stays Attributes.Name).
            var indexNames = table.LocalIndexes.Concat(table.GlobalIndexes).Select(i => i.Name?.Value).OfType<string>().Distinct().ToList();
            var indexes = IdentifierNaming.Assign(indexNames, new[] { "Indexes" },
                (name, id, other) => collisions.Add(new NameCollision($"index of table '{member.Name}'", name, id, other, file.Path, table.Name!.Span)));
            // The declared attributes, then the TTL attribute (never a key, so usually not declared).
            var attributeNames = table.Attributes.Select(a => a.Name?.Value).Append(table.Ttl?.AttributeName?.Value is { Length: > 0 } ttl ? ttl : null)
                .OfType<string>().Distinct().ToList();
            var attributes = IdentifierNaming.Assign(attributeNames, new[] { "Attributes" },
                (name, id, other) => collisions.Add(new NameCollision($"attribute of table '{member.Name}'", name, id, other, file.Path, table.Name!.Span)));
            tables.Add(new AccessorTable(
                member.Name,
                member.Identifier,
                table,
                PathConventions.ShortPath(file.Path),
                new EquatableArray<string>(environments[member.Name].ToArray()),
                new EquatableArray<NamedMember>(indexes.ToArray()),
                new EquatableArray<NamedMember>(attributes.ToArray()),
                new EquatableArray<TableDeclaration>(declarations[member.Name].ToArray())));
        }

        var namespaces = ordered.Select(f => f.Namespace).OfType<string>().Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();
        return new AccessorSchema(
            new EquatableArray<AccessorTable>(tables.ToArray()),
            new EquatableArray<string>(namespaces),
            ordered.Count,
            new EquatableArray<NameCollision>(collisions.ToArray()));
    }
}
