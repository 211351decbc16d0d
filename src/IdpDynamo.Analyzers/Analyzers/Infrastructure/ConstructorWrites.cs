using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>
/// The writes to a readonly field or get-only auto-property outside its initializer: in C# only its type's
/// constructors can write it, so its values are the initializer's and those constructors' assignments.
/// </summary>
internal static class ConstructorWrites
{
    /// <summary>
    /// For every write to an identifier named like <paramref name="member"/> in its type's declarations: the assigned
    /// expression when the write is <c>m = v;</c> or <c>this.m = v;</c>, a statement of the body of an instance
    /// constructor of the type (so it runs whenever that constructor does), else null (a write that cannot be read:
    /// in a branch, a loop, a lambda, by ref, to another object's member of the same name, or a second write in one
    /// constructor, which replaces the first).
    /// </summary>
    public static IEnumerable<ExpressionSyntax?> Of(ISymbol member, CancellationToken cancellationToken)
    {
        var constructors = new HashSet<SyntaxNode>();
        foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
        {
            var type = reference.GetSyntax(cancellationToken);
            foreach (var node in type.DescendantNodes())
            {
                var target = StringResolver.WriteTarget(node);

                if (target is null || !target.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == member.Name))
                {
                    continue;
                }

                yield return node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                    && IsMember(assignment.Left, member.Name) && Constructor(assignment, type) is { } constructor && constructors.Add(constructor)
                    ? assignment.Right
                    : null;
            }
        }
    }

    private static bool IsMember(ExpressionSyntax left, string name)
        => left switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText == name,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax id } => id.Identifier.ValueText == name,
            _ => false,
        };

    /// <summary>A statement of an instance constructor's block (not nested in a branch) or its expression body.</summary>
    private static ConstructorDeclarationSyntax? Constructor(AssignmentExpressionSyntax assignment, SyntaxNode type)
    {
        var constructor = assignment.Parent switch
        {
            ExpressionStatementSyntax { Parent: BlockSyntax { Parent: ConstructorDeclarationSyntax c } } => c,
            ArrowExpressionClauseSyntax { Parent: ConstructorDeclarationSyntax c } => c,
            _ => null,
        };

        return constructor is not null && constructor.Parent == type && !constructor.Modifiers.Any(SyntaxKind.StaticKeyword) ? constructor : null;
    }
}
