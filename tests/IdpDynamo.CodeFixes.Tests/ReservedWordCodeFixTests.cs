using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace IdpDynamo.CodeFixes.Tests;

/// <summary>
/// The IDPDYN211 reserved-word fix: the word becomes <c>#Word</c> and ExpressionAttributeNames gets
/// <c>["#Word"] = "Word"</c> (created when missing, in the dictionary's own entry style when present); one fix at a
/// time and Fix All give the same code, which compiles and which the analyzer no longer reports. No fix where the edit
/// is not certain.
/// </summary>
public class ReservedWordCodeFixTests
{
    private const string ValuesPath = "/repo/apps/webshop-test/orders/dynamodb/values.yaml";

    private const string Yaml = """
        managementPolicies: Control
        tables:
          - name: Items
            hashKey: Pk
            attributes:
              - name: Pk
                type: 'S'
            billingMode: PAY_PER_REQUEST
        """;

    private const string Header = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.Model;

        """;

    [Fact]
    public async Task Creates_the_dictionary_when_the_request_has_none()
    {
        const string source = Header + """
            class Repo
            {
                Task Run(IAmazonDynamoDB client) => client.ScanAsync(new ScanRequest
                {
                    TableName = "Items",
                    FilterExpression = "Status = :s AND Year > :y",
                    ProjectionExpression = "Pk, Status",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new AttributeValue("x"), [":y"] = new AttributeValue { N = "1" } },
                });
            }
            """;
        const string expected = Header + """
            class Repo
            {
                Task Run(IAmazonDynamoDB client) => client.ScanAsync(new ScanRequest
                {
                    TableName = "Items",
                    FilterExpression = "#Status = :s AND #Year > :y",
                    ProjectionExpression = "Pk, #Status",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new AttributeValue("x"), [":y"] = new AttributeValue { N = "1" } },
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#Status"] = "Status", ["#Year"] = "Year" },
                });
            }
            """;
        Assert.Equal(3, (await DiagnosticsAsync(await CreateAsync(source))).Length);
        Assert.Equal(expected.ReplaceLineEndings(), (await FixAllAsync(source)).ReplaceLineEndings());
        string oneByOne = await FixOneByOneAsync(source);
        Assert.Contains("FilterExpression = \"#Status = :s AND #Year > :y\"", oneByOne);
        Assert.Contains("ProjectionExpression = \"Pk, #Status\"", oneByOne);
        Assert.Contains("[\"#Status\"] = \"Status\"", oneByOne);
        Assert.Contains("[\"#Year\"] = \"Year\"", oneByOne);
    }

    [Fact]
    public async Task Adds_to_an_inline_dictionary_in_its_style()
    {
        const string source = Header + """
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = "Items",
                        KeyConditionExpression = "#p = :p",
                        FilterExpression = @"Name = :p",
                        ExpressionAttributeNames = new Dictionary<string, string> { { "#p", "Pk" } },
                        ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") },
                    });
                    await client.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = "Items",
                        UpdateExpression = "SET #Count = :c, Size = :c",
                        ExpressionAttributeNames = new() { ["#Count"] = "Count" },
                        ExpressionAttributeValues = new() { [":c"] = new AttributeValue { N = "1" } },
                    });
                }
            }
            """;
        const string expected = Header + """
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = "Items",
                        KeyConditionExpression = "#p = :p",
                        FilterExpression = @"#Name = :p",
                        ExpressionAttributeNames = new Dictionary<string, string> { { "#p", "Pk" }, { "#Name", "Name" } },
                        ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") },
                    });
                    await client.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = "Items",
                        UpdateExpression = "SET #Count = :c, #Size = :c",
                        ExpressionAttributeNames = new() { ["#Count"] = "Count", ["#Size"] = "Size" },
                        ExpressionAttributeValues = new() { [":c"] = new AttributeValue { N = "1" } },
                    });
                }
            }
            """;
        Assert.Equal(expected.ReplaceLineEndings(), (await FixOneByOneAsync(source)).ReplaceLineEndings());
        Assert.Equal(expected.ReplaceLineEndings(), (await FixAllAsync(source)).ReplaceLineEndings());
    }

    [Fact]
    public async Task Reuses_a_placeholder_already_defined_for_the_word()
    {
        const string source = Header + """
            class Repo
            {
                Task Run(IAmazonDynamoDB client) => client.ScanAsync(new ScanRequest
                {
                    TableName = "Items",
                    FilterExpression = "#Status = :s OR Status = :t",
                    ExpressionAttributeNames = new() { ["#Status"] = "Status" },
                    ExpressionAttributeValues = new() { [":s"] = new AttributeValue("x"), [":t"] = new AttributeValue("y") },
                });
            }
            """;
        string fixedText = await FixOneByOneAsync(source);
        Assert.Contains("FilterExpression = \"#Status = :s OR #Status = :t\"", fixedText);
        Assert.Contains("ExpressionAttributeNames = new() { [\"#Status\"] = \"Status\" }", fixedText);
    }

    [Fact]
    public async Task No_fix_where_the_edit_is_not_certain()
    {
        const string source = Header + """
            class Repo
            {
                private const string Filter = "Status = :s";

                async Task Run(IAmazonDynamoDB client, Dictionary<string, string> names)
                {
                    // The expression is a constant declared elsewhere; the dictionary is filled elsewhere; '#Status' means something else.
                    await client.ScanAsync(new ScanRequest { TableName = "Items", FilterExpression = Filter, ExpressionAttributeValues = new() { [":s"] = new AttributeValue("x") } });
                    await client.ScanAsync(new ScanRequest { TableName = "Items", FilterExpression = "Status = :s", ExpressionAttributeNames = names, ExpressionAttributeValues = new() { [":s"] = new AttributeValue("x") } });
                    await client.ScanAsync(new ScanRequest { TableName = "Items", FilterExpression = "Status = :s AND #Status = :s", ExpressionAttributeNames = new() { ["#Status"] = "State" }, ExpressionAttributeValues = new() { [":s"] = new AttributeValue("x") } });
                    await client.ScanAsync(new ScanRequest { TableName = "Items", FilterExpression = "Status\u0020= :s", ExpressionAttributeValues = new() { [":s"] = new AttributeValue("x") } });
                }
            }
            """;
        var document = await CreateAsync(source);
        var diagnostics = await DiagnosticsAsync(document);
        Assert.Equal(4, diagnostics.Length);
        foreach (var diagnostic in diagnostics)
        {
            Assert.Empty(await RegisterAsync(document, diagnostic));
        }
    }

    private static async Task<string> FixOneByOneAsync(string source)
    {
        var document = await CreateAsync(source);
        for (int round = 0; ; round++)
        {
            var diagnostics = await DiagnosticsAsync(document);
            if (diagnostics.Length == 0)
            {
                break;
            }

            Assert.True(round < 20, "The fix does not converge.");
            var actions = await RegisterAsync(document, diagnostics[0]);
            var action = Assert.Single(actions);
            document = await ApplyAsync(action, document);
        }

        return await FinishAsync(document);
    }

    private static async Task<string> FixAllAsync(string source)
    {
        var document = await CreateAsync(source);
        var provider = new ReservedWordCodeFix();
        var fixAll = provider.GetFixAllProvider();
        var diagnostics = await DiagnosticsAsync(document);
        var context = new FixAllContext(
            document,
            provider,
            FixAllScope.Document,
            "IDPDYN211.ReservedWord",
            new[] { "IDPDYN211" },
            new Provider(diagnostics),
            CancellationToken.None);
        var action = await fixAll.GetFixAsync(context);
        Assert.NotNull(action);
        document = await ApplyAsync(action!, document);
        Assert.Empty(await DiagnosticsAsync(document));
        return await FinishAsync(document);
    }

    private static async Task<Document> CreateAsync(string source)
    {
        var compilation = CompilationFactory.Create(new[] { source }, withAwsSdk: true);
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "TestProject", "TestProject", LanguageNames.CSharp,
                compilationOptions: CompilationFactory.Options, parseOptions: CompilationFactory.ParseOptions, metadataReferences: compilation.References))
            .AddDocument(documentId, "Test0.cs", SourceText.From(source), filePath: "Test0.cs");
        Assert.True(workspace.TryApplyChanges(solution));
        var document = workspace.CurrentSolution.GetDocument(documentId)!;
        await AssertCompilesAsync(document, "The test input does not compile");
        return document;
    }

    /// <summary>The reserved-word IDPDYN211 diagnostics of the document, in source order.</summary>
    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var options = new TestOptionsProvider().WithProperty("RootNamespace", "Webshop.Orders").WithValuesFile(ValuesPath);
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RequestExpressionAnalyzer()), new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText(ValuesPath, Yaml)), options))
            .GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "IDPDYN999");
        Assert.All(diagnostics, d => Assert.True(d.Properties.ContainsKey("ReservedWord"), $"not a reserved-word diagnostic: {d}"));
        return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private static async Task<List<CodeAction>> RegisterAsync(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await new ReservedWordCodeFix().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    private static async Task<Document> ApplyAsync(CodeAction action, Document document)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
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
        Assert.True(errors.Count == 0, $"{what}:\n{string.Join("\n", errors)}\n\n{await document.GetTextAsync()}");
    }

    private sealed class Provider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(System.Array.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
