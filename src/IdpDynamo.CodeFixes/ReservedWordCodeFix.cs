using IdpDynamo.Analyzers.Expressions;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace IdpDynamo.CodeFixes;

/// <summary>
/// Fixes the reserved-word case of IDPDYN211: the bare word in the expression literal becomes <c>#Word</c>, and
/// <c>["#Word"] = "Word"</c> is added to the request's inline ExpressionAttributeNames (created when the request sets
/// none). Offered only where the edit is certain: the expression is a plain literal of an object initializer, and the
/// names dictionary is absent or built inline without a different <c>#Word</c>. Fix All rewrites each request once,
/// so several words (and several expressions) of one request share one dictionary.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReservedWordCodeFix))]
[Shared]
public sealed class ReservedWordCodeFix : CodeFixProvider
{
    private const string NamesMember = "ExpressionAttributeNames";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ExpressionPlaceholder);

    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create(async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Occurrence.From(root, diagnostic) is not { } occurrence || !occurrence.CanAddName())
            {
                continue;
            }

            string placeholder = "#" + occurrence.Word;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use '{placeholder}' in ExpressionAttributeNames",
                    ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct),
                    equivalenceKey: DiagnosticIds.ExpressionPlaceholder + ".ReservedWord"),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var occurrences = diagnostics.Select(d => Occurrence.From(root, d)).Where(o => o is not null && o.CanAddName()).Select(o => o!).ToList();
        if (occurrences.Count == 0)
        {
            return document;
        }

        // Per request: the new text of each literal, then the names to add to its dictionary.
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var request in occurrences.GroupBy(o => o.Initializer))
        {
            var initializer = request.Key;
            var newLiterals = new Dictionary<LiteralExpressionSyntax, LiteralExpressionSyntax>();
            foreach (var literal in request.GroupBy(o => o.Literal))
            {
                string text = literal.Key.Token.Text;
                foreach (var occurrence in literal.OrderByDescending(o => o.Span.Start).GroupBy(o => o.Span).Select(g => g.First()))
                {
                    int at = occurrence.Span.Start - literal.Key.Token.SpanStart;
                    text = text.Substring(0, at) + "#" + occurrence.Word + text.Substring(at + occurrence.Span.Length);
                }

                newLiterals[literal.Key] = ((LiteralExpressionSyntax)SyntaxFactory.ParseExpression(text)).WithTriviaFrom(literal.Key);
            }

            var words = request.Select(o => o.Word).Distinct(System.StringComparer.Ordinal).ToList();
            var updated = initializer.ReplaceNodes(newLiterals.Keys, (original, _) => newLiterals[original]);
            replacements[initializer] = AddNames(updated, words);
        }

        return document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]));
    }

    /// <summary>Adds <c>["#w"] = "w"</c> for each word not yet defined, to the inline dictionary or a new one.</summary>
    private static InitializerExpressionSyntax AddNames(InitializerExpressionSyntax initializer, List<string> words)
    {
        if (Occurrence.NamesAssignment(initializer) is { } assignment)
        {
            var dictionary = ((BaseObjectCreationExpressionSyntax)assignment.Right).Initializer!;
            var existing = Occurrence.Keys(dictionary) ?? new Dictionary<string, string?>();
            bool braces = dictionary.Expressions.FirstOrDefault() is InitializerExpressionSyntax;
            var entries = words.Where(w => !existing.ContainsKey("#" + w)).Select(w => Entry(w, braces)).ToList();
            return entries.Count == 0 ? initializer : initializer.ReplaceNode(dictionary, Append(dictionary, entries));
        }

        string pairs = string.Join(", ", words.Select(w => $"[{Literal("#" + w)}] = {Literal(w)}"));
        var member = (AssignmentExpressionSyntax)SyntaxFactory.ParseExpression($"{NamesMember} = new global::System.Collections.Generic.Dictionary<string, string> {{ {pairs} }}");
        var creation = (ObjectCreationExpressionSyntax)member.Right;
        member = member.WithRight(creation.WithType(creation.Type.WithAdditionalAnnotations(Simplifier.Annotation)));
        return Append(initializer, new List<ExpressionSyntax> { member });
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary><c>["#w"] = "w"</c>, or <c>{ "#w", "w" }</c> when the dictionary already uses that form.</summary>
    private static ExpressionSyntax Entry(string word, bool braces)
    {
        string entry = braces ? $"{{ {Literal("#" + word)}, {Literal(word)} }}" : $"[{Literal("#" + word)}] = {Literal(word)}";
        var parsed = (ObjectCreationExpressionSyntax)SyntaxFactory.ParseExpression($"new D {{ {entry} }}");
        return parsed.Initializer!.Expressions[0].WithoutTrivia();
    }

    /// <summary>
    /// Appends elements in the initializer's own layout: on their own lines, with a trailing comma, when it is written
    /// that way; else after <c>", "</c> on the same line.
    /// </summary>
    private static InitializerExpressionSyntax Append(InitializerExpressionSyntax initializer, List<ExpressionSyntax> elements)
    {
        var nodes = initializer.Expressions.ToList();
        var separators = initializer.Expressions.GetSeparators().ToList();
        var comma = SyntaxFactory.Token(SyntaxKind.CommaToken);
        if (nodes.Count == 0)
        {
            return initializer.WithExpressions(SyntaxFactory.SeparatedList(
                elements.Select(e => e.WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
                Enumerable.Repeat(comma, elements.Count - 1)));
        }

        var lastNode = nodes[nodes.Count - 1];
        var leading = lastNode.GetLeadingTrivia();
        if (separators.Count == nodes.Count)
        {
            // Trailing comma: each new element like the last one, with its comma and line end.
            var end = separators[separators.Count - 1].TrailingTrivia;
            foreach (var element in elements)
            {
                nodes.Add(element.WithLeadingTrivia(leading));
                separators.Add(comma.WithTrailingTrivia(end));
            }
        }
        else
        {
            var trailing = lastNode.GetTrailingTrivia();
            bool ownLines = trailing.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            nodes[nodes.Count - 1] = lastNode.WithoutTrailingTrivia();
            for (int i = 0; i < elements.Count; i++)
            {
                separators.Add(ownLines ? comma.WithTrailingTrivia(trailing) : comma.WithTrailingTrivia(SyntaxFactory.Space));
                var element = ownLines ? elements[i].WithLeadingTrivia(leading) : elements[i];
                nodes.Add(i == elements.Count - 1 ? element.WithTrailingTrivia(trailing) : element);
            }
        }

        return initializer.WithExpressions(SyntaxFactory.SeparatedList(nodes, separators));
    }

    /// <summary>One reserved word to replace: where it is, in which literal, of which request initializer.</summary>
    private sealed record Occurrence(string Word, TextSpan Span, LiteralExpressionSyntax Literal, InitializerExpressionSyntax Initializer)
    {
        public static Occurrence? From(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(ExpressionChecks.ReservedWordKey, out var word) || word is null)
            {
                return null;
            }

            var span = diagnostic.Location.SourceSpan;
            var token = root.FindToken(span.Start);
            if (!token.IsKind(SyntaxKind.StringLiteralToken) && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken)
                || !token.Span.Contains(span) || span.Length != word.Length || token.Text.Substring(span.Start - token.SpanStart, span.Length) != word
                || token.Parent is not LiteralExpressionSyntax literal
                || literal.Parent is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax, Parent: InitializerExpressionSyntax initializer } assignment
                || assignment.Right != literal
                || !initializer.IsKind(SyntaxKind.ObjectInitializerExpression) || initializer.Parent is not BaseObjectCreationExpressionSyntax)
            {
                return null;
            }

            return new Occurrence(word, span, literal, initializer);
        }

        /// <summary>
        /// Whether <c>#Word</c> can be defined: no names member, or an inline one without a different <c>#Word</c>, and
        /// no later statement that sets the request's names instead (<c>request.ExpressionAttributeNames = names;</c>:
        /// the analyzers read such a request together with its later statements, the fix would be overwritten).
        /// </summary>
        public bool CanAddName()
        {
            if (NamesAssignedLater())
            {
                return false;
            }

            if (NamesAssignment(Initializer) is not { } assignment)
            {
                return true;
            }

            if (assignment.Right is not BaseObjectCreationExpressionSyntax { Initializer: { } dictionary } creation
                || creation.ArgumentList is { Arguments.Count: > 0 }
                || Keys(dictionary) is not { } keys)
            {
                return false;
            }

            return !keys.TryGetValue("#" + Word, out var value) || value == Word;
        }

        /// <summary>Whether the request is a local whose names member the code assigns anywhere in the local's scope.</summary>
        private bool NamesAssignedLater()
        {
            if (Initializer.Parent?.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                || declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax or CompilationUnitSyntax) is not { } scope)
            {
                return false;
            }

            string local = declarator.Identifier.ValueText;
            return scope.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(a =>
                a.Left is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target, Name.Identifier.ValueText: NamesMember }
                && target.Identifier.ValueText == local);
        }

        public static AssignmentExpressionSyntax? NamesAssignment(InitializerExpressionSyntax initializer)
            => initializer.Expressions.OfType<AssignmentExpressionSyntax>()
                .FirstOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: NamesMember });

        /// <summary>The literal keys and values of an inline dictionary (<c>["k"] = "v"</c> or <c>{ "k", "v" }</c>); null when an entry is anything else.</summary>
        public static Dictionary<string, string?>? Keys(InitializerExpressionSyntax dictionary)
        {
            var keys = new Dictionary<string, string?>(System.StringComparer.Ordinal);
            foreach (var element in dictionary.Expressions)
            {
                (ExpressionSyntax? key, ExpressionSyntax? value) = element switch
                {
                    AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax { ArgumentList.Arguments: { Count: 1 } arguments } } a => (arguments[0].Expression, a.Right),
                    InitializerExpressionSyntax { Expressions: { Count: 2 } pair } => (pair[0], pair[1]),
                    _ => (null, null),
                };

                if (key is not LiteralExpressionSyntax { Token.Value: string k })
                {
                    return null;   // a computed key may already be '#Word'
                }

                keys[k] = value is LiteralExpressionSyntax { Token.Value: string v } ? v : null;
            }

            return keys;
        }
    }
}
