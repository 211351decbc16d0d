using IdpDynamo.Analyzers.Analyzers.Infrastructure;
using IdpDynamo.Analyzers.Analyzers.Rules;
using Microsoft.CodeAnalysis.Simplification;

namespace IdpDynamo.CodeFixes;

/// <summary>
/// Fixes IDPDYN210: replaces a string literal by the generated constant the analyzer named in the diagnostic's
/// properties (same value, so behaviour is unchanged). Fix All batches every occurrence.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseGeneratedAccessorCodeFix))]
[Shared]
public sealed class UseGeneratedAccessorCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UseGeneratedAccessor);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(UseGeneratedAccessorAnalyzer.AccessorKey, out var accessor) || accessor is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal)
            {
                continue;
            }

            string title = "Use " + Display(accessor);
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => ReplaceAsync(context.Document, literal, accessor, ct), equivalenceKey: DiagnosticIds.UseGeneratedAccessor),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, LiteralExpressionSyntax literal, string accessor, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // global::-qualified so it binds anywhere; the simplifier shortens it where usings allow.
        var replacement = SyntaxFactory.ParseExpression(accessor)
            .WithTriviaFrom(literal)
            .WithAdditionalAnnotations(Simplifier.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
    }

    /// <summary>The last three parts for the title: <c>CustomerOrders.Indexes.AmountIndex</c>.</summary>
    private static string Display(string accessor)
    {
        var parts = accessor.Split('.');
        return string.Join(".", parts.Skip(System.Math.Max(0, parts.Length - 3)));
    }
}
