using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Infrastructure;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace IdpDynamo.CodeFixes.Tests.Infrastructure;

/// <summary>
/// Meziantou's VerifyFix without Microsoft.CodeAnalysis.Testing: an <see cref="AdhocWorkspace"/> project holding the
/// test source and the generator's output (added as an ordinary document, so the fixed code binds to DynamoTables),
/// the analyzer run with the values file and MSBuild options, and the fix applied through the same path an IDE takes
/// (<see cref="CodeFixContext"/>, then <see cref="CodeAction.GetOperationsAsync(CancellationToken)"/>, whose
/// post-processing runs the simplifier and the formatter, then <see cref="ApplyChangesOperation"/>).
/// </summary>
internal sealed class CodeFixVerifier
{
    public const string ValuesPath = "/repo/apps/webshop-test/orders/dynamodb/values.yaml";

    private readonly ImmutableArray<AdditionalText> _additionalTexts;
    private readonly TestOptionsProvider _options;
    private readonly string _yaml;

    public CodeFixVerifier(string yaml, string rootNamespace = "Webshop.Orders")
    {
        _yaml = yaml;
        _additionalTexts = ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText(ValuesPath, yaml));
        _options = new TestOptionsProvider().WithProperty("RootNamespace", rootNamespace).WithValuesFile(ValuesPath);
    }

    /// <summary>
    /// Checks that the markup's <c>[|…|]</c> spans are exactly the IDPDYN210 diagnostics, fixes them one at a time
    /// until none is left, and returns the fixed document after asserting that it compiles without errors.
    /// </summary>
    public async Task<string> FixOneByOneAsync(string markup)
    {
        var (document, expected) = await CreateDocumentAsync(markup);
        await AssertDiagnosticsAsync(document, expected);

        for (int round = 0; ; round++)
        {
            var diagnostics = await DiagnosticsAsync(document);
            if (diagnostics.Length == 0)
            {
                break;
            }

            Assert.True(round < 50, "The fix does not converge.");
            var actions = await RegisterAsync(document, diagnostics[0]);
            Assert.True(actions.Count == 1, $"Expected one code action for {diagnostics[0]}, got {actions.Count}.");
            document = await ApplyAsync(actions[0], document);
        }

        return await FinishAsync(document);
    }

    /// <summary>Applies Fix All in the document (the provider's <see cref="FixAllProvider"/>) in one step.</summary>
    public async Task<string> FixAllAsync(string markup, FixAllScope scope = FixAllScope.Document)
    {
        var (document, expected) = await CreateDocumentAsync(markup);
        await AssertDiagnosticsAsync(document, expected);

        var provider = new UseGeneratedAccessorCodeFix();
        var fixAll = provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        Assert.Contains(scope, fixAll!.GetSupportedFixAllScopes());

        var diagnostics = await DiagnosticsAsync(document);
        var context = new FixAllContext(
            document,
            provider,
            scope,
            "IDPDYN210",
            new[] { "IDPDYN210" },
            new DiagnosticProvider(this, diagnostics),
            CancellationToken.None);
        var action = await fixAll.GetFixAsync(context);
        Assert.NotNull(action);
        document = await ApplyAsync(action!, document);
        Assert.Empty(await DiagnosticsAsync(document));
        return await FinishAsync(document);
    }

    /// <summary>The code actions the provider registers for one diagnostic, and their titles.</summary>
    public async Task<IReadOnlyList<CodeAction>> ActionsForFirstAsync(string markup)
    {
        var (document, _) = await CreateDocumentAsync(markup);
        var diagnostics = await DiagnosticsAsync(document);
        return await RegisterAsync(document, diagnostics[0]);
    }

    private async Task<(Document Document, IReadOnlyList<ExpectedDiagnostic> Expected)> CreateDocumentAsync(string markup)
    {
        var parsed = MarkupParser.Parse(markup, "IDPDYN210");

        // The generator's output for this values file, run on the source as the compiler would.
        var compilation = CompilationFactory.Create(new[] { parsed.Source }, withAwsSdk: true, usesGeneratedCode: true);
        var run = GeneratorHarness.Run(compilation, _additionalTexts, _options);
        string generated = run.GeneratedText ?? throw new InvalidOperationException("The generator produced nothing.");

        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "TestProject",
                "TestProject",
                LanguageNames.CSharp,
                compilationOptions: CompilationFactory.Options,
                parseOptions: CompilationFactory.ParseOptions,
                metadataReferences: compilation.References))
            .AddDocument(DocumentId.CreateNewId(projectId), "IdpDynamo.Tables.g.cs", SourceText.From(generated), filePath: "IdpDynamo.Tables.g.cs");
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Test0.cs", SourceText.From(parsed.Source), filePath: "Test0.cs");
        Assert.True(workspace.TryApplyChanges(solution));
        var document = workspace.CurrentSolution.GetDocument(documentId)!;
        await AssertCompilesAsync(document, "The test input does not compile");
        return (document, parsed.Expected);
    }

    private async Task AssertDiagnosticsAsync(Document document, IReadOnlyList<ExpectedDiagnostic> expected)
    {
        var actual = (await DiagnosticsAsync(document))
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                return (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1);
            })
            .ToList();
        var wanted = expected.Select(e => (e.Line, e.Column, e.EndLine, e.EndColumn)).OrderBy(e => e).ToList();
        Assert.Equal(wanted, actual);
    }

    /// <summary>IDPDYN210 in the test document, in source order.</summary>
    public async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var tree = await document.GetSyntaxTreeAsync();
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new UseGeneratedAccessorAnalyzer()), new AnalyzerOptions(_additionalTexts, _options))
            .GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "IDPDYN999");
        return diagnostics.Where(d => d.Id == "IDPDYN210" && d.Location.SourceTree == tree).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private static async Task<List<CodeAction>> RegisterAsync(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new UseGeneratedAccessorCodeFix().RegisterCodeFixesAsync(context);
        return actions;
    }

    private static async Task<Document> ApplyAsync(CodeAction action, Document document)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = operations.OfType<ApplyChangesOperation>().Single();
        return apply.ChangedSolution.GetDocument(document.Id)!;
    }

    private static async Task<string> FinishAsync(Document document)
    {
        await AssertCompilesAsync(document, "The fixed code does not compile");
        return (await document.GetTextAsync()).ToString();
    }

    private static async Task AssertCompilesAsync(Document document, string what)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        string text = (await document.GetTextAsync()).ToString();
        Assert.True(errors.Count == 0, $"{what}:\n{string.Join("\n", errors)}\n\n{text}");
    }

    /// <summary>Hands Fix All the diagnostics computed for the document (project scope: the same ones).</summary>
    private sealed class DiagnosticProvider(CodeFixVerifier verifier, ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(Array.Empty<Diagnostic>());

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
        {
            var document = project.Documents.Single(d => d.Name == "Test0.cs");
            return await verifier.DiagnosticsAsync(document);
        }
    }
}
