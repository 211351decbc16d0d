using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdpDynamo.Analyzers.Analyzers.Configuration;

/// <summary>
/// The configuration key a string expression reads, as the binder and the configuration indexer compose it:
/// <c>configuration["A:B"]</c>, <c>configuration.GetValue&lt;string&gt;("A:B")</c>, <c>GetSection("A")["B"]</c>,
/// <c>GetSection("A").GetValue&lt;string&gt;("B")</c>, <c>GetSection("A:B").Value</c>, and a string property of an
/// options type bound in this compilation (<see cref="ConfigurationBinding"/>) read through
/// <c>IOptions&lt;T&gt;.Value</c>, <c>IOptionsSnapshot&lt;T&gt;.Value</c> or <c>IOptionsMonitor&lt;T&gt;.CurrentValue</c>,
/// directly or through a readonly field, a get-only property or a local that holds that value (nested option
/// objects add their property's key, <c>[ConfigurationKeyName]</c> renames). An <c>IConfiguration</c> that is not a
/// section is taken to be the application's root configuration (what dependency injection hands out).
/// </summary>
internal static class ConfigurationKeys
{
    private const int MaxHops = 8;

    /// <summary>The key <paramref name="operation"/> reads, or null when it reads none that can be named.</summary>
    public static string? KeyOf(IOperation operation, ValueSources sources, CancellationToken cancellationToken)
    {
        var types = sources.Configuration;
        if (types.Configuration is null || operation.Type?.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        switch (operation)
        {
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when types.IsConfiguration(indexer.Instance?.Type):
                return Join(PathOf(indexer.Instance!, types), Constant(indexer.Arguments[0].Value));
            case IPropertyReferenceOperation { Property.Name: "Value" } value when types.IsSection(value.Property.ContainingType) && value.Instance is not null:
                return PathOf(value.Instance, types) is { Length: > 0 } path ? path : null;
            case IInvocationOperation { TargetMethod.Name: "GetValue", TargetMethod.IsGenericMethod: true } getValue
                when ConfigurationTypes.Is(getValue.TargetMethod.ContainingType, types.Binder) && getValue.Arguments.Length >= 2:
                var key = getValue.Arguments.FirstOrDefault(a => a.Parameter?.Name == "key");
                return key is null ? null : Join(PathOf(getValue.Arguments[0].Value, types), Constant(key.Value));
            case IPropertyReferenceOperation { Property.IsIndexer: false } property when types.Options is not null:
                return OptionsKey(property, sources, cancellationToken);
            default:
                return null;
        }
    }

    /// <summary>
    /// The section path of a configuration expression: <c>""</c> for the root, <c>"A:B"</c> for
    /// <c>GetSection("A").GetSection("B")</c> or <c>GetSection("A:B")</c>; null when not known.
    /// </summary>
    public static string? PathOf(IOperation configuration, ConfigurationTypes types)
    {
        configuration = RequestContext.Unwrap(configuration);
        if (configuration is IInvocationOperation { TargetMethod.Name: "GetSection" or "GetRequiredSection" } section)
        {
            var receiver = section.Instance ?? (section.TargetMethod.IsExtensionMethod && section.Arguments.Length > 0 ? section.Arguments[0].Value : null);
            var key = section.Arguments.FirstOrDefault(a => a.Parameter?.Name == "key");
            return receiver is null || key is null || !types.IsConfiguration(receiver.Type) ? null : Join(PathOf(receiver, types), Constant(key.Value));
        }

        return types.IsConfiguration(configuration.Type) && !types.IsSection(configuration.Type) ? string.Empty : null;
    }

    /// <summary>A key or section name the code spells out (a literal, a constant, a readonly field with a literal, nameof).</summary>
    private static string? Constant(IOperation value) => StringResolver.Resolve(value, CancellationToken.None).Exact is { Length: > 0 } s ? s : null;

    private static string? Join(string? path, string? key) => path is null || key is null ? null : path.Length == 0 ? key : path + ":" + key;

    /// <summary><c>options.Value.Tables.Orders</c>: the keys of the property chain under the options type's section.</summary>
    private static string? OptionsKey(IPropertyReferenceOperation property, ValueSources sources, CancellationToken cancellationToken)
    {
        var types = sources.Configuration;
        if (property.Property.SetMethod is not { DeclaredAccessibility: Accessibility.Public } || property.Instance is null)
        {
            return null;   // the binder sets public writable properties only
        }

        var keys = new List<string> { types.KeyOf(property.Property) };
        var current = RequestContext.Unwrap(property.Instance);
        for (int hop = 0; hop < MaxHops; hop++)
        {
            if (OptionsRoot(current, sources, 0, cancellationToken) is { } options)
            {
                return sources.Bindings(cancellationToken).SectionOf(options) is { } section ? Join(section, string.Join(":", keys)) : null;
            }

            if (current is IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } instance } nested
                && nested.Property.GetMethod is { DeclaredAccessibility: Accessibility.Public } && nested.Type is { TypeKind: TypeKind.Class, SpecialType: SpecialType.None })
            {
                keys.Insert(0, types.KeyOf(nested.Property));
                current = RequestContext.Unwrap(instance);
                continue;
            }

            return null;
        }

        return null;
    }

    /// <summary>
    /// The options type whose bound value <paramref name="operation"/> is: <c>x.Value</c> of IOptions&lt;T&gt; (and
    /// IOptionsSnapshot&lt;T&gt;), <c>x.CurrentValue</c> of IOptionsMonitor&lt;T&gt;, or a member or local that holds one.
    /// </summary>
    private static ITypeSymbol? OptionsRoot(IOperation operation, ValueSources sources, int depth, CancellationToken cancellationToken)
    {
        var types = sources.Configuration;
        operation = RequestContext.Unwrap(operation);
        if (operation is ICoalesceOperation coalesce && RequestContext.Unwrap(coalesce.WhenNull) is IThrowOperation)
        {
            operation = RequestContext.Unwrap(coalesce.Value);
        }

        switch (operation)
        {
            case IPropertyReferenceOperation { Property.Name: "Value" } value when ConfigurationTypes.Is(value.Property.ContainingType, types.Options):
                return value.Type;
            case IPropertyReferenceOperation { Property.Name: "CurrentValue" } current when ConfigurationTypes.Is(current.Property.ContainingType, types.OptionsMonitor):
                return current.Type;
        }

        if (depth >= 2)
        {
            return null;
        }

        ITypeSymbol? held = null;
        foreach (var written in HeldValues(operation, sources, cancellationToken))
        {
            var root = written is null ? null : OptionsRoot(written, sources, depth + 1, cancellationToken);
            if (root is null || (held is not null && !SymbolEqualityComparer.Default.Equals(root, held)))
            {
                return null;
            }

            held = root;
        }

        return held;
    }

    /// <summary>
    /// Every value a holder of options can have: a readonly field's or get-only property's initializer and constructor
    /// assignments, an expression-bodied property's expression, a local's only initializer. A null element means a
    /// write that cannot be read; empty means <paramref name="operation"/> is not such a holder.
    /// </summary>
    private static IEnumerable<IOperation?> HeldValues(IOperation operation, ValueSources sources, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case IFieldReferenceOperation { Field: { IsReadOnly: true, IsStatic: false } field }:
                return MemberWrites(field, field.DeclaringSyntaxReferences, sources, cancellationToken);
            case IPropertyReferenceOperation { Property: { IsIndexer: false, IsVirtual: false, IsAbstract: false, IsOverride: false, IsStatic: false } property }
                when property.SetMethod is null && property.DeclaringSyntaxReferences.Length == 1:
                var syntax = property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
                if (syntax is PropertyDeclarationSyntax { ExpressionBody: { } arrow })
                {
                    return new[] { sources.Model(syntax.SyntaxTree, operation.SemanticModel).GetOperation(arrow.Expression, cancellationToken) };
                }

                return syntax is PropertyDeclarationSyntax { AccessorList: { } list } && list.Accessors.All(a => a.Body is null && a.ExpressionBody is null)
                    ? MemberWrites(property, property.DeclaringSyntaxReferences, sources, cancellationToken)
                    : new IOperation?[] { null };
            case ILocalReferenceOperation { Local: { IsRef: false } local } when local.DeclaringSyntaxReferences.Length == 1 && operation.SemanticModel is { } model:
                if (local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: { } initializer } declarator
                    || declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax) is not { } body
                    || StringResolver.IsWritten(body, local.Name, s => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(s, cancellationToken).Symbol, local)))
                {
                    return new IOperation?[] { null };
                }

                return new[] { model.GetOperation(initializer.Value, cancellationToken) };
            default:
                return System.Array.Empty<IOperation?>();
        }
    }

    /// <summary>The initializer and the constructor assignments of a field or auto-property (null for a write anywhere else).</summary>
    private static IEnumerable<IOperation?> MemberWrites(ISymbol member, System.Collections.Immutable.ImmutableArray<SyntaxReference> declarations, ValueSources sources, CancellationToken cancellationToken)
    {
        foreach (var reference in declarations)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            ExpressionSyntax? initializer = syntax switch
            {
                VariableDeclaratorSyntax { Initializer: { } init } => init.Value,
                PropertyDeclarationSyntax { Initializer: { } init } => init.Value,
                _ => null,
            };
            if (initializer is not null)
            {
                yield return sources.Model(syntax.SyntaxTree, null).GetOperation(initializer, cancellationToken);
            }
        }

        foreach (var write in ConstructorWrites.Of(member, cancellationToken))
        {
            yield return write is null ? null : sources.Model(write.SyntaxTree, null).GetOperation(write, cancellationToken);
        }
    }
}
