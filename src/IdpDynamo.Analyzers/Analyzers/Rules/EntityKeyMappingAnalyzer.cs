namespace IdpDynamo.Analyzers.Analyzers.Rules;

/// <summary>
/// IDPDYN204: a DataModel class mapped to a table by [DynamoDBTable] (its own or one inherited from a base class, also
/// from referenced assemblies) whose derived key mapping disagrees with the values file: the hash or range key property
/// maps to another attribute name (renames and camelCase casing applied, as the SDK does), its CLR type does not fit
/// S/N/B, or the class lacks the table's range key (or has one the table lacks).
/// </summary>
/// <remarks>
/// Each fact is reported once: a key member is reported by the class that declares it (on its attribute) when that
/// class is checked against the same table, otherwise by the checked class (on its name); a missing key by the first
/// concrete class without it. Abstract classes are never blamed for a key a derived class may declare.
/// </remarks>
public sealed class EntityKeyMappingAnalyzer : DynamoAnalyzerBase
{
    public EntityKeyMappingAnalyzer()
        : base(DiagnosticDescriptors.EntityKeyMismatch)
    {
    }

    private protected override void Register(DynamoStart start)
    {
        var catalog = start.Catalog;
        var sdk = start.Sdk;
        start.RegisterSymbolAction(
            ctx =>
            {
                var type = (INamedTypeSymbol)ctx.Symbol;
                if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || Mapping(type, sdk, catalog) is not { } mapping)
                {
                    return;
                }

                var hash = KeyMembers(type, sdk.HashKeyAttribute).ToList();
                var range = KeyMembers(type, sdk.RangeKeyAttribute).ToList();
                if (hash.Count == 0 && range.Count == 0)
                {
                    return; // no key mapping to compare (metadata is then fetched at run time)
                }

                Compare(ctx, type, mapping, "hash", mapping.Table.HashKey, hash, sdk, catalog);
                Compare(ctx, type, mapping, "range", mapping.Table.RangeKey, range, sdk, catalog);
            },
            SymbolKind.NamedType);
    }

    /// <summary>The table a class maps to and the casing of its attribute names, from the nearest [DynamoDBTable].</summary>
    private sealed record EntityMapping(CatalogTable Table, bool CamelCase);

    private static EntityMapping? Mapping(INamedTypeSymbol type, DynamoSdk sdk, DynamoCatalog catalog)
        => sdk.TableAttributeOf(type) is { } attribute && sdk.TableNameOf(type) is { } name && catalog.Match(name) is { } table
            ? new EntityMapping(table, IsCamelCase(attribute))
            : null;

    private static void Compare(SymbolAnalysisContext ctx, INamedTypeSymbol type, EntityMapping mapping, string role, string? declared, List<(ISymbol Member, AttributeData Attribute)> members, DynamoSdk sdk, DynamoCatalog catalog)
    {
        var table = mapping.Table;
        var typeLocation = type.Locations.FirstOrDefault();
        if (members.Count == 0)
        {
            // Reported by the first concrete class that lacks the key: an abstract base may leave it to its subclasses,
            // and a concrete base that lacks it too (and has the other key, so it is checked at all) reported it already.
            var missing = role == "hash" ? sdk.HashKeyAttribute : sdk.RangeKeyAttribute;
            var other = role == "hash" ? sdk.RangeKeyAttribute : sdk.HashKeyAttribute;
            bool reportedByBase = BaseTypes(type).Any(b => !b.IsAbstract && IsCheckedAs(b, mapping, sdk, catalog) && !KeyMembers(b, missing).Any() && KeyMembers(b, other).Any());
            if (declared is not null && !type.IsAbstract && !reportedByBase)
            {
                ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EntityKeyMismatch, typeLocation,
                    $"'{type.Name}' maps table '{table.Name}' but has no [DynamoDB{Capital(role)}Key] member; the table's {role} key is '{declared}'"));
            }

            return;
        }

        var (member, attribute) = members[0];
        Location? location;
        if (SymbolEqualityComparer.Default.Equals(member.ContainingType, type))
        {
            location = attribute.ApplicationSyntaxReference?.GetSyntax(ctx.CancellationToken).GetLocation() ?? member.Locations.FirstOrDefault();
        }
        else if (IsCheckedAs(member.ContainingType, mapping, sdk, catalog))
        {
            return; // the declaring class is checked against the same table and reports it
        }
        else
        {
            location = typeLocation;
        }

        if (declared is null)
        {
            // No such key in the YAML: the table's `- name:` line is where it would be declared.
            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EntityKeyMismatch, location, new[] { InValuesFile(table, table.Spec.Name!.Span) },
                $"'{type.Name}.{member.Name}' is a {role} key, but table '{table.Name}' has no {role} key in the values file ({table.File}:{table.Line})"));
            return;
        }

        var keyField = role == "hash" ? table.Spec.HashKey : table.Spec.RangeKey;

        if (AttributeName(member, mapping.CamelCase) is not { } attributeName)
        {
            return; // conflicting renames: the SDK's choice depends on attribute order, so say nothing
        }

        if (attributeName != declared)
        {
            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EntityKeyMismatch, location, new[] { InValuesFile(table, keyField!.Span) },
                $"'{type.Name}.{member.Name}' maps the {role} key to attribute '{attributeName}', but table '{table.Name}' has {role} key '{declared}' ({table.File}:{keyField.KeySpan.Line}); names are case-sensitive"));
            return;
        }

        string? declaredType = table.TypeOf(declared);
        string? clrKind = StoredAsIs(member) ? KindOf(member switch { IPropertySymbol p => p.Type, IFieldSymbol f => f.Type, _ => null }) : null;
        if (clrKind is not null && declaredType is "S" or "N" or "B" && clrKind != declaredType)
        {
            // The key's type is declared on its attributes[] entry.
            var typeSpan = table.Spec.Attributes.FirstOrDefault(a => a.Name?.Value == declared)?.Type?.Span ?? keyField!.Span;
            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EntityKeyMismatch, location, new[] { InValuesFile(table, typeSpan) },
                $"'{type.Name}.{member.Name}' is stored as type '{clrKind}', but the {role} key '{declared}' of table '{table.Name}' is declared as '{declaredType}'"));
        }
    }

    /// <summary>An additional location in the values file: where the key (or its type) the class disagrees with is written.</summary>
    private static Location InValuesFile(CatalogTable table, IdpDynamo.Schema.SourceSpan span) => IdpDynamo.Analyzers.Validation.ValuesFileAnalyzer.Locate(table.FullPath, span, null);

    /// <summary>Whether this analyzer also runs on <paramref name="type"/> (it is in source) with the same mapping.</summary>
    private static bool IsCheckedAs(INamedTypeSymbol type, EntityMapping mapping, DynamoSdk sdk, DynamoCatalog catalog)
        => type.Locations.Any(l => l.IsInSource) && Equals(Mapping(type, sdk, catalog), mapping);

    private static IEnumerable<INamedTypeSymbol> BaseTypes(INamedTypeSymbol type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            yield return t;
        }
    }

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s.Substring(1);

    /// <summary>Key members of the type and its base types (properties and fields), nearest first.</summary>
    private static IEnumerable<(ISymbol Member, AttributeData Attribute)> KeyMembers(INamedTypeSymbol type, INamedTypeSymbol? keyAttribute)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                if (member is IPropertySymbol or IFieldSymbol && DynamoSdk.FindAttribute(member, keyAttribute) is { } attribute)
                {
                    yield return (member, attribute);
                }
            }
        }
    }

    /// <summary>
    /// The attribute name as the SDK derives it: the member name, replaced by the AttributeName of any DynamoDB attribute
    /// on the member (DynamoDBRenamableAttribute: HashKey, Property, index keys...), then lower-camel-cased when the
    /// table says so (the SDK camel-cases renames too). Null when two attributes rename differently.
    /// </summary>
    private static string? AttributeName(ISymbol member, bool camelCase)
    {
        string name = member.Name;
        var renames = member.GetAttributes().Where(IsDynamoAttribute).Select(Rename).OfType<string>().Where(n => n.Length > 0).Distinct().ToList();
        if (renames.Count > 1)
        {
            return null;
        }

        if (renames.Count == 1)
        {
            name = renames[0];
        }

        return camelCase && name.Length > 0 ? char.ToLowerInvariant(name[0]) + name.Substring(1) : name;
    }

    private static bool IsDynamoAttribute(AttributeData attribute)
        => attribute.AttributeClass is { } c && DynamoSdk.IsDynamo(c) && c.ContainingNamespace.Name == "DataModel";

    private static string? Rename(AttributeData attribute)
    {
        if (attribute.NamedArguments.FirstOrDefault(a => a.Key == "AttributeName").Value.Value is string named)
        {
            return named;
        }

        // The positional string of HashKey/RangeKey/Property is the attribute name; the index key attributes take
        // index names positionally instead.
        string className = attribute.AttributeClass?.Name ?? string.Empty;
        if (className.IndexOf("SecondaryIndex", StringComparison.Ordinal) >= 0)
        {
            return null;
        }

        return attribute.AttributeConstructor?.Parameters.FirstOrDefault()?.Name == "attributeName"
               && attribute.ConstructorArguments.FirstOrDefault().Value is string positional ? positional : null;
    }

    /// <summary>
    /// No converter (per member, or the epoch storage of DateTime) changes how the SDK stores the member: a
    /// <c>Converter</c>/<c>Type</c> argument or <c>StoreAsEpoch[Long]</c> on any of its DynamoDB attributes.
    /// </summary>
    private static bool StoredAsIs(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes().Where(IsDynamoAttribute))
        {
            // TypedConstant.Value throws on arrays (the index attributes' params string[]): test the kind first.
            if (attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Type || (a.Kind == TypedConstantKind.Primitive && a.Value is true))
                || attribute.NamedArguments.Any(a => a.Key == "Converter" || (a.Key is "StoreAsEpoch" or "StoreAsEpochLong" && a.Value.Value is true)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>LowerCamelCaseProperties = true, or AttributeCasing = CaseMode.CamelCase, on [DynamoDBTable].</summary>
    private static bool IsCamelCase(AttributeData table)
    {
        foreach (var argument in table.ConstructorArguments.Concat(table.NamedArguments.Select(n => n.Value)))
        {
            if (argument.Value is true && argument.Type?.SpecialType == SpecialType.System_Boolean)
            {
                return true;
            }

            if (argument.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum, Name: "CaseMode" } caseMode && argument.Value is { } value)
            {
                var field = caseMode.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
                if (field?.Name == "CamelCase")
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>How the SDK stores a CLR type without a converter: S, N or B; null when unknown.</summary>
    private static string? KindOf(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type is null)
        {
            return null;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return null; // stored as N by default, but enums commonly carry converters and are best left alone
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Char:
                return "S";
            case SpecialType.System_Byte:
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                return "N";
        }

        if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte } || type.Name == "MemoryStream")
        {
            return "B";
        }

        return type.Name is "Guid" or "DateTime" or "DateTimeOffset" ? "S" : null;
    }
}
