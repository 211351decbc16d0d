using System.Collections.Generic;
using System.Linq;
using IdpDynamo.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IdpDynamo.Analyzers.Analyzers;

/// <summary>
/// IDPDYN204: a DataModel class with [DynamoDBTable] (also from a base class, also from referenced assemblies' base
/// types) whose derived key mapping disagrees with the values file: the hash or range key property maps to another
/// attribute name (renames and camelCase casing applied), its CLR type does not fit S/N/B, or the class lacks the
/// table's range key (or has one the table lacks).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
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
                if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || DynamoSdk.FindAttribute(type, sdk.TableAttribute) is not { } attribute
                    || sdk.TableNameOf(type) is not { } name || catalog.Match(name) is not { } table)
                {
                    return;
                }

                bool camelCase = IsCamelCase(attribute);
                var hash = KeyMembers(type, sdk.HashKeyAttribute).ToList();
                var range = KeyMembers(type, sdk.RangeKeyAttribute).ToList();
                if (hash.Count == 0 && range.Count == 0)
                {
                    return; // no key mapping to compare (metadata is then fetched at run time)
                }

                var typeLocation = type.Locations.FirstOrDefault();
                Compare(ctx, table, "hash", table.HashKey, hash, camelCase, sdk, typeLocation, type.Name);
                Compare(ctx, table, "range", table.RangeKey, range, camelCase, sdk, typeLocation, type.Name);
            },
            SymbolKind.NamedType);
    }

    private static void Compare(SymbolAnalysisContext ctx, CatalogTable table, string role, string? declared, List<(ISymbol Member, AttributeData Attribute)> members, bool camelCase, DynamoSdk sdk, Location? typeLocation, string typeName)
    {
        if (members.Count == 0)
        {
            if (declared is not null)
            {
                ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EntityKeyMismatch, typeLocation,
                    $"'{typeName}' maps table '{table.Name}' but has no [DynamoDB{Capital(role)}Key] member; the table's {role} key is '{declared}'"));
            }

            return;
        }

        var (member, attribute) = members[0];
        var location = attribute.ApplicationSyntaxReference?.GetSyntax(ctx.CancellationToken).GetLocation() ?? member.Locations.FirstOrDefault();
        string attributeName = AttributeName(member, attribute, sdk, camelCase);
        if (declared is null)
        {
            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EntityKeyMismatch, location,
                $"'{typeName}.{member.Name}' is a {role} key, but table '{table.Name}' has no {role} key in the values file ({table.File}:{table.Line})"));
            return;
        }

        if (attributeName != declared)
        {
            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EntityKeyMismatch, location,
                $"'{typeName}.{member.Name}' maps the {role} key to attribute '{attributeName}', but table '{table.Name}' has {role} key '{declared}' ({table.File}:{table.Line}); names are case-sensitive"));
            return;
        }

        bool hasConverter = attribute.NamedArguments.Any(a => a.Key == "Converter") || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Type);
        string? declaredType = table.TypeOf(declared);
        string? clrKind = hasConverter ? null : KindOf(member switch { IPropertySymbol p => p.Type, IFieldSymbol f => f.Type, _ => null });
        if (clrKind is not null && declaredType is "S" or "N" or "B" && clrKind != declaredType)
        {
            ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EntityKeyMismatch, location,
                $"'{typeName}.{member.Name}' is stored as type '{clrKind}', but the {role} key '{declared}' of table '{table.Name}' is declared as '{declaredType}'"));
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

    /// <summary>The attribute name: a rename on the key attribute or [DynamoDBProperty], else the member name (camelCase if configured).</summary>
    private static string AttributeName(ISymbol member, AttributeData keyAttribute, DynamoSdk sdk, bool camelCase)
    {
        if (Rename(keyAttribute) is { } renamed)
        {
            return renamed;
        }

        if (DynamoSdk.FindAttribute(member, sdk.PropertyAttribute) is { } property && Rename(property) is { } propertyName)
        {
            return propertyName;
        }

        return camelCase && member.Name.Length > 0 ? char.ToLowerInvariant(member.Name[0]) + member.Name.Substring(1) : member.Name;
    }

    private static string? Rename(AttributeData attribute)
    {
        if (attribute.ConstructorArguments.FirstOrDefault(a => a.Value is string).Value is string positional)
        {
            return positional;
        }

        return attribute.NamedArguments.FirstOrDefault(a => a.Key == "AttributeName").Value.Value as string;
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
            return "N";
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
