using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>
/// Values that reach a sink through a parameter. A parameter of a private or internal method, local function or
/// constructor takes the argument of each call in this compilation (no caller outside it can call such a method;
/// a public or protected method's callers may be anywhere, so its parameters stay unresolved); each caller whose
/// argument resolves gives one value, reported at that argument. A helper call in the sink's expression
/// (<c>TableName = Table("Shipments")</c> with <c>string Table(string name) =&gt; _prefix + name</c>) is read
/// through: its returned expression, with the parameters taking this call's arguments. A readonly field that
/// constructors assign (<c>_table = table;</c>) takes each assigned value. Callers are found lazily: a private
/// method's in its type's declarations, an internal one's through <see cref="SyntaxIndex"/>, and only the calls that
/// carry the method's name are bound.
/// </summary>
internal static class ParameterValues
{
    /// <summary>At most this many calls carrying a method's name are bound to find its callers.</summary>
    private const int MaxCandidates = 64;

    /// <summary>The values of a parameter: the argument of the helper call being read through, else of each caller.</summary>
    public static IReadOnlyList<SourcedString> OfParameter(IParameterReferenceOperation reference, ValueSources sources, ParameterFrame? frame, int level, ImmutableStack active, CancellationToken cancellationToken)
    {
        var parameter = reference.Parameter;
        if (parameter.ContainingSymbol is not IMethodSymbol method)
        {
            return Array.Empty<SourcedString>();
        }

        if (frame is not null && SymbolEqualityComparer.Default.Equals(frame.Method, method))
        {
            return IsUnchanged(parameter, method, cancellationToken) && frame.Arguments.TryGetValue(parameter.Ordinal, out var argument)
                ? At(sources.ValuesOf(argument, frame.Caller, level + 1, active, cancellationToken), argument)
                : Array.Empty<SourcedString>();
        }

        if (!HasOnlyKnownCallers(method) || active.Contains(method) || !IsUnchanged(parameter, method, cancellationToken))
        {
            return Array.Empty<SourcedString>();
        }

        var values = new List<SourcedString>();
        foreach (var call in CallSites(method, reference.SemanticModel, sources, cancellationToken))
        {
            var arguments = call switch
            {
                IInvocationOperation invocation => invocation.Arguments,
                IObjectCreationOperation creation => creation.Arguments,
                _ => default,
            };
            var argument = arguments.IsDefault ? null : arguments.FirstOrDefault(a => a.ArgumentKind == ArgumentKind.Explicit && a.Parameter?.Ordinal == parameter.Ordinal);
            if (argument is not null)
            {
                values.AddRange(At(sources.ValuesOf(argument.Value, null, level + 1, active.Push(method), cancellationToken), argument.Value));
            }

            if (values.Count > ValueSources.MaxValues)
            {
                break;
            }
        }

        return values;
    }

    /// <summary>The values a call of a private or internal helper returns, read from its single returned expression.</summary>
    public static IReadOnlyList<SourcedString> OfHelperCall(IInvocationOperation invocation, ValueSources sources, ParameterFrame? frame, int level, ImmutableStack active, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod.OriginalDefinition;
        if (!HasOnlyKnownCallers(method) || method.MethodKind == MethodKind.Constructor || method.ReturnType.SpecialType != SpecialType.System_String
            || active.Contains(method) || ReturnedExpression(method, cancellationToken) is not { } returned)
        {
            return Array.Empty<SourcedString>();
        }

        var arguments = new Dictionary<int, IOperation>();
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } p && argument.ArgumentKind == ArgumentKind.Explicit)
            {
                arguments[p.Ordinal] = argument.Value;
            }
        }

        var body = sources.Model(returned.SyntaxTree, invocation.SemanticModel).GetOperation(returned, cancellationToken);
        return sources.ValuesOf(body, new ParameterFrame(method, arguments, frame), level + 1, active.Push(method), cancellationToken);
    }

    /// <summary>
    /// The values a readonly instance field, or a get-only auto-property, gets from its type's constructors (its
    /// initializer, if any, is not one of them: <see cref="StringResolver"/> reads that when nothing else writes it).
    /// </summary>
    public static IReadOnlyList<SourcedString> OfConstructorMember(ISymbol member, SemanticModel? analysis, ValueSources sources, int level, ImmutableStack active, CancellationToken cancellationToken)
    {
        bool assignable = member switch
        {
            IFieldSymbol field => field.IsReadOnly,
            IPropertySymbol property => property.SetMethod is null && !property.IsIndexer && !property.IsVirtual && !property.IsAbstract && !property.IsOverride
                && property.DeclaringSyntaxReferences.Length == 1 && property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } list }
                && list.Accessors.All(a => a.Body is null && a.ExpressionBody is null),
            _ => false,
        };
        if (!assignable || member.IsStatic || member.DeclaringSyntaxReferences.Length != 1 || active.Contains(member))
        {
            return Array.Empty<SourcedString>();
        }

        var values = new List<SourcedString>();
        foreach (var write in ConstructorWrites.Of(member, cancellationToken))
        {
            if (write is null)
            {
                return Array.Empty<SourcedString>();
            }

            var value = sources.Model(write.SyntaxTree, analysis).GetOperation(write, cancellationToken);
            if (value is not null)
            {
                values.AddRange(At(sources.ValuesOf(value, null, level + 1, active.Push(member), cancellationToken), value));
            }
        }

        return values;
    }

    /// <summary>Sets the report location of values that have none yet to <paramref name="argument"/> (the outermost one a value passed through stays).</summary>
    private static IReadOnlyList<SourcedString> At(IReadOnlyList<SourcedString> values, IOperation argument)
        => values.Select(v => v.At is null ? v with { At = argument.Syntax.GetLocation() } : v).ToList();

    /// <summary>
    /// A method whose every caller is in this compilation and binds to it: private or internal, a local function or
    /// a constructor of either; not virtual, abstract, an override, extern or partial, declared once in source.
    /// </summary>
    private static bool HasOnlyKnownCallers(IMethodSymbol method)
        => method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.Constructor
           && (method.MethodKind == MethodKind.LocalFunction || method.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal)
           && !method.IsVirtual && !method.IsAbstract && !method.IsOverride && !method.IsExtern
           && method.PartialDefinitionPart is null && method.PartialImplementationPart is null
           && method.DeclaringSyntaxReferences.Length == 1 && method.ContainingType is { TypeKind: TypeKind.Class or TypeKind.Struct };

    /// <summary>A by-value parameter the method never assigns, so the argument is what reaches the sink.</summary>
    private static bool IsUnchanged(IParameterSymbol parameter, IMethodSymbol method, CancellationToken cancellationToken)
        => parameter.RefKind is RefKind.None or RefKind.In && !parameter.IsParams && method.DeclaringSyntaxReferences.Length == 1
           && !StringResolver.IsWritten(method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken), parameter.Name, null);

    /// <summary><c>=&gt; expression</c> or a body that is one <c>return expression;</c>.</summary>
    private static ExpressionSyntax? ReturnedExpression(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var (arrow, block) = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) switch
        {
            MethodDeclarationSyntax m => (m.ExpressionBody, m.Body),
            LocalFunctionStatementSyntax f => (f.ExpressionBody, f.Body),
            _ => (null, null),
        };

        return arrow?.Expression ?? (block is { Statements.Count: 1 } && block.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);
    }

    /// <summary>The bound calls of <paramref name="method"/> in this compilation (creations and <c>: this(...)</c> for a constructor), found once per method.</summary>
    public static IReadOnlyList<IOperation> CallSites(IMethodSymbol method, SemanticModel? analysis, ValueSources sources, CancellationToken cancellationToken)
        => sources.CallSites.GetOrAdd(method, m => FindCallSites(m, analysis, sources, cancellationToken));

    private static IReadOnlyList<IOperation> FindCallSites(IMethodSymbol method, SemanticModel? analysis, ValueSources sources, CancellationToken cancellationToken)
    {
        bool constructor = method.MethodKind == MethodKind.Constructor;
        string name = constructor ? method.ContainingType.Name : method.Name;
        IEnumerable<SyntaxNode> candidates;
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            // A local function is called only inside the member that declares it.
            var declaration = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            var member = declaration.Parent?.FirstAncestorOrSelf<SyntaxNode>(n => n is MemberDeclarationSyntax or CompilationUnitSyntax) ?? declaration;
            candidates = Named(member.DescendantNodes(), name);
        }
        else
        {
            var types = method.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).ToList();
            candidates = method.DeclaredAccessibility == Accessibility.Private
                ? Named(types.SelectMany(t => t.DescendantNodes()), name)
                : sources.Index.Calls(name);
            if (constructor)
            {
                // new(...) and : this(...) name no type; those in the type's own declarations are bound too.
                candidates = candidates.Concat(types.SelectMany(t => t.DescendantNodes()).Where(n => n is ImplicitObjectCreationExpressionSyntax or ConstructorInitializerSyntax));
            }
        }

        // A name as common as Get or Add may be carried by many calls of other methods, each binding its member: past
        // a bound, the callers are not looked for (the parameter stays unresolved).
        var nodes = candidates.Distinct().Take(MaxCandidates + 1).ToList();
        if (nodes.Count > MaxCandidates)
        {
            return Array.Empty<IOperation>();
        }

        var calls = new List<IOperation>();
        foreach (var node in nodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var operation = sources.Model(node.SyntaxTree, analysis).GetOperation(node, cancellationToken);
            var target = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                _ => null,
            };

            if (target is not null && SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method.OriginalDefinition))
            {
                calls.Add(operation!);
            }
        }

        return calls;
    }

    private static IEnumerable<SyntaxNode> Named(IEnumerable<SyntaxNode> nodes, string name)
        => nodes.Where(n => n is InvocationExpressionSyntax or ObjectCreationExpressionSyntax && DynamoStart.Classify(n, out string? called) != NodeCategory.None && called == name);
}
