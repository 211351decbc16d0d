using System.Text;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>
/// A string value known at compile time: exactly (<see cref="Exact"/>), or only its constant tail after a
/// non-constant head (<see cref="Tail"/>, as in <c>$"{ns}-Orders"</c>).
/// </summary>
internal readonly record struct ResolvedString(string? Exact, string? Tail, bool IsLiteral)
{
    public bool IsKnown => Exact is not null || Tail is not null;
}

/// <summary>
/// Resolves string expressions without guessing (an analyzer that is not sure stays silent): constants and literals, locals assigned once,
/// readonly fields and get-only expression-bodied properties with a constant initializer, and interpolation or
/// concatenation skeletons. Anything else is unresolved, and unresolved values are never reported; with a
/// <see cref="ResolutionScope"/> (<see cref="ValueSources"/>), what this class cannot read itself (parameters,
/// configuration keys, constructor-assigned fields, helper calls) is asked of the scope instead.
/// </summary>
internal static class StringResolver
{
    private const int MaxDepth = 8;

    /// <summary>
    /// Resolves <paramref name="operation"/>. Initializers in the operation's own tree are read with the operation's
    /// semantic model (the one of the analysis), passed down explicitly; other trees are read from syntax only.
    /// </summary>
    public static ResolvedString Resolve(IOperation? operation, CancellationToken cancellationToken)
        => Resolve(operation, operation?.SemanticModel, 0, cancellationToken, null);

    /// <summary>
    /// <see cref="Resolve(IOperation?, CancellationToken)"/>, asking <paramref name="scope"/> for the values this class
    /// cannot read itself (parameters, configuration, constructor-assigned fields: <see cref="ValueSources"/>).
    /// </summary>
    internal static ResolvedString Resolve(IOperation? operation, ResolutionScope scope, CancellationToken cancellationToken)
        => Resolve(operation, operation?.SemanticModel, 0, cancellationToken, scope);

    private static ResolvedString Resolve(IOperation? operation, SemanticModel? model, int depth, CancellationToken cancellationToken, ResolutionScope? scope)
    {
        if (operation is null || depth > MaxDepth)
        {
            return default;
        }

        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        if (operation.ConstantValue is { HasValue: true, Value: string constant })
        {
            return new ResolvedString(constant, null, operation is ILiteralOperation);
        }

        switch (operation)
        {
            case ILocalReferenceOperation local:
                return ResolveLocal(local, model, depth, cancellationToken, scope);
            case IFieldReferenceOperation field when field.Field.IsReadOnly:
                return ResolveInitializer(field.Field, model, depth, cancellationToken, scope) is { IsKnown: true } initialized ? initialized : Leaf(operation, scope, cancellationToken);
            case IFieldReferenceOperation field when field.Field.IsStatic && !IsAssignedAnywhere(field.Field, operation.SemanticModel?.Compilation, cancellationToken):
                return ResolveInitializer(field.Field, model, depth, cancellationToken, scope);
            case IPropertyReferenceOperation property when IsSealedGetOnly(property.Property):
                return ResolveProperty(property.Property, model, depth, cancellationToken, scope) is { IsKnown: true } read ? read : Leaf(operation, scope, cancellationToken);
            case IInterpolatedStringOperation interpolated:
                return Skeleton(interpolated.Parts.Select(p => p is IInterpolatedStringTextOperation t ? Resolve(t.Text, model, depth + 1, cancellationToken, scope) : Resolve(((IInterpolationOperation)p).Expression, model, depth + 1, cancellationToken, scope)).ToArray());
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                return Skeleton(new[] { Resolve(binary.LeftOperand, model, depth + 1, cancellationToken, scope), Resolve(binary.RightOperand, model, depth + 1, cancellationToken, scope) });
            default:
                return Leaf(operation, scope, cancellationToken);
        }
    }

    /// <summary>A value only a <see cref="ResolutionScope"/> can give (a parameter, a configuration key...); unknown without one.</summary>
    private static ResolvedString Leaf(IOperation operation, ResolutionScope? scope, CancellationToken cancellationToken)
        => scope is null ? default : scope.Leaf(operation, cancellationToken);

    /// <summary>Joins parts: all exact gives an exact value; otherwise the exact parts after the last unknown part are the tail.</summary>
    private static ResolvedString Skeleton(ResolvedString[] parts)
    {
        var tail = new StringBuilder();
        bool allExact = true;
        for (int i = parts.Length - 1; i >= 0; i--)
        {
            if (parts[i].Exact is { } exact)
            {
                tail.Insert(0, exact);
                continue;
            }

            allExact = false;
            if (parts[i].Tail is { } t)
            {
                tail.Insert(0, t);
            }

            break;
        }

        return allExact ? new ResolvedString(tail.ToString(), null, false) : new ResolvedString(null, tail.Length > 0 ? tail.ToString() : null, false);
    }

    private static ResolvedString ResolveLocal(ILocalReferenceOperation reference, SemanticModel? analysisModel, int depth, CancellationToken cancellationToken, ResolutionScope? scope)
    {
        var local = reference.Local;
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1 || reference.SemanticModel is not { } model)
        {
            return default;
        }

        if (local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: { } initializer } declarator)
        {
            return default;
        }

        // Written only by its initializer: no assignment, increment, out/ref argument or deconstruction anywhere in the body.
        // A top-level statement's local lives in the whole compilation unit, not in its own global statement.
        var body = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax);
        if (body is null || IsWritten(body, local.Name, s => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(s, cancellationToken).Symbol, local)))
        {
            return default;
        }

        return Resolve(model.GetOperation(initializer.Value, cancellationToken), analysisModel, depth + 1, cancellationToken, scope);
    }

    private static ResolvedString ResolveInitializer(IFieldSymbol field, SemanticModel? model, int depth, CancellationToken cancellationToken, ResolutionScope? scope)
    {
        if (field.DeclaringSyntaxReferences.Length != 1)
        {
            return default;
        }

        var syntax = field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        if (syntax is not VariableDeclaratorSyntax { Initializer: { } initializer })
        {
            return default;
        }

        // A readonly field can still be assigned in a constructor of its type.
        foreach (var typeSyntax in field.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)))
        {
            if (IsWritten(typeSyntax, field.Name, null))
            {
                return default;
            }
        }

        return ResolveIn(syntax.SyntaxTree, initializer.Value, model, depth, cancellationToken, scope);
    }

    /// <summary>
    /// A get-only property declared once in source whose getter is the one that runs: virtual, abstract, override and
    /// interface properties may be replaced by another implementation at run time, so their body proves nothing.
    /// </summary>
    private static bool IsSealedGetOnly(IPropertySymbol property)
        => property.IsReadOnly && property.DeclaringSyntaxReferences.Length == 1 && !property.IsIndexer
           && !property.IsVirtual && !property.IsAbstract && !property.IsOverride && !property.IsExtern
           && property.ContainingType?.TypeKind is TypeKind.Class or TypeKind.Struct;

    private static ResolvedString ResolveProperty(IPropertySymbol property, SemanticModel? model, int depth, CancellationToken cancellationToken, ResolutionScope? scope)
    {
        var syntax = property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        ExpressionSyntax? value = syntax switch
        {
            PropertyDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
            PropertyDeclarationSyntax { Initializer: { } init, AccessorList: { } list } when list.Accessors.All(a => a.Body is null && a.ExpressionBody is null && a.Keyword.Text == "get") => init.Value,
            _ => null,
        };

        // A get-only auto-property is assignable in its type's constructors, like a readonly field: the initializer
        // is the value only when nothing in the type assigns the property.
        if (value is not null && syntax is PropertyDeclarationSyntax { Initializer: not null }
            && property.ContainingType.DeclaringSyntaxReferences.Any(r => IsWritten(r.GetSyntax(cancellationToken), property.Name, null)))
        {
            return default;
        }

        return value is null ? default : ResolveIn(syntax.SyntaxTree, value, model, depth, cancellationToken, scope);
    }

    /// <summary>
    /// Resolves an initializer. In the tree being analyzed the semantic model of the analysis is used; in another tree
    /// only a plain string literal is trusted (analyzers must not create semantic models, RS1030).
    /// </summary>
    private static ResolvedString ResolveIn(SyntaxTree tree, ExpressionSyntax expression, SemanticModel? model, int depth, CancellationToken cancellationToken, ResolutionScope? scope)
    {
        if (model is not null && model.SyntaxTree == tree)
        {
            return Resolve(model.GetOperation(expression, cancellationToken), model, depth + 1, cancellationToken, scope);
        }

        return expression is LiteralExpressionSyntax literal && literal.Token.Value is string text ? new ResolvedString(text, null, true) : default;
    }

    private static bool IsAssignedAnywhere(IFieldSymbol field, Compilation? compilation, CancellationToken cancellationToken)
    {
        // A non-readonly static is trusted only when no assignment to a member of that name exists in its own type
        // (other types cannot be scanned cheaply, so public mutable statics stay unresolved).
        if (field.DeclaredAccessibility != Accessibility.Private)
        {
            return true;
        }

        return field.ContainingType.DeclaringSyntaxReferences.Any(r => IsWritten(r.GetSyntax(cancellationToken), field.Name, null));
    }

    /// <summary>What <paramref name="node"/> writes (assignment, ++/--, out/ref argument, ref alias), or null when it writes nothing.</summary>
    internal static SyntaxNode? WriteTarget(SyntaxNode node) => node switch
    {
        AssignmentExpressionSyntax a => a.Left,
        PostfixUnaryExpressionSyntax p => p.Operand,
        PrefixUnaryExpressionSyntax p when p.OperatorToken.Text is "++" or "--" => p.Operand,
        ArgumentSyntax { RefKindKeyword.Text: "out" or "ref" } arg => arg.Expression,
        RefExpressionSyntax reference => reference.Expression,   // ref var alias = ref x; alias = ...
        _ => null,
    };

    /// <summary>Whether <paramref name="scope"/> writes an identifier called <paramref name="name"/> (assignment, ++/--, out/ref, deconstruction).</summary>
    internal static bool IsWritten(SyntaxNode scope, string name, System.Func<SyntaxNode, bool>? isTarget)
    {
        foreach (var node in scope.DescendantNodes())
        {
            var target = WriteTarget(node);

            if (target is null)
            {
                continue;
            }

            // An index only reads: [prefix + "Orders"] = ... (a RequestItems entry) does not write prefix.
            foreach (var id in target.DescendantNodesAndSelf(n => n is not BracketedArgumentListSyntax || n.Parent is not (ElementAccessExpressionSyntax or ImplicitElementAccessSyntax)).OfType<IdentifierNameSyntax>())
            {
                if (id.Identifier.ValueText == name && (isTarget is null || isTarget(id)))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
