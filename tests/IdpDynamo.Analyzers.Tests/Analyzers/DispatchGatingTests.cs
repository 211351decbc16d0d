using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Infrastructure;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// The package ships two C# analyzers, <see cref="IdpDynamoAnalyzer"/> (the rules that warn) and
/// <see cref="IdpDynamoSuggestionAnalyzer"/> (IDPDYN210, Info): each a set of rules behind one compilation start, one
/// semantic-model action and one symbol action. A compilation it cannot report on gets no action at all (the compiler's
/// own count of registered actions, <see cref="AnalyzerTelemetryInfo"/>, is read): no IdpDynamoValues file, no
/// AWSSDK.DynamoDBv2 reference; and IDPDYN207 registers nothing without IdpDynamoServiceRole.
/// </summary>
public class DispatchGatingTests
{
    /// <summary>
/// A case of five rules: a literal with a generated twin (210), an unknown table (201), a write the role may not do
/// (207) to a table named by its logical name (213), a key arity (208).
/// </summary>
    private const string Calls = Usings + """

        [DynamoDBTable({|IDPDYN210:"CustomerOrders"|})]
        public class Order
        {
            [DynamoDBHashKey] public string CustomerId { get; set; } = "";
            [DynamoDBRangeKey] public string OrderDate { get; set; } = "";
        }

        class Repo
        {
            async Task Run(IAmazonDynamoDB client, IDynamoDBContext context, Dictionary<string, AttributeValue> key)
            {
                await client.GetItemAsync({|IDPDYN201:"Ordrs"|}, key);
                await client.PutItemAsync({|IDPDYN207:{|IDPDYN213:"Products"|}|}, key);
                await {|IDPDYN208:context.LoadAsync<Order>("c")|};
            }
        }
        """;

    private static readonly VerifyOptions WithRole = new() { ServiceRole = ServiceRole };

    [Fact]
    public void The_package_ships_the_warning_rules_in_one_analyzer_and_the_info_rule_in_another()
    {
        // Beside them the package ships only the values-file analyzer (live validation), which checks YAML, not C#.
        var shipped = DynamoProject.AllAnalyzers().Where(a => a is not IdpDynamo.Analyzers.Validation.ValuesFileAnalyzer).ToArray();
        Assert.Equal(new[] { typeof(IdpDynamoAnalyzer), typeof(IdpDynamoSuggestionAnalyzer) }, shipped.Select(a => a.GetType()));
        var ruleIds = typeof(DynamoAnalyzerBase).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DynamoAnalyzerBase).IsAssignableFrom(t))
            .SelectMany(t => ((DiagnosticAnalyzer)System.Activator.CreateInstance(t)!).SupportedDiagnostics.Select(d => d.Id))
            .Distinct()
            .OrderBy(id => id, System.StringComparer.Ordinal);
        Assert.Equal(ruleIds, shipped.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, System.StringComparer.Ordinal));
        Assert.Equal(11, typeof(DynamoAnalyzerBase).Assembly.GetTypes().Count(t => !t.IsAbstract && typeof(DynamoAnalyzerBase).IsAssignableFrom(t)));

        // The compiler skips an analyzer whose diagnostics a build would not show: the suggestion analyzer declares only
        // Info (IDPDYN999 too), the other no Info at all.
        Assert.Equal(new[] { ("IDPDYN210", DiagnosticSeverity.Info), ("IDPDYN999", DiagnosticSeverity.Info) },
            shipped[1].SupportedDiagnostics.Select(d => (d.Id, d.DefaultSeverity)));
        Assert.DoesNotContain(shipped[0].SupportedDiagnostics, d => d.DefaultSeverity < DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task All_rules_share_one_semantic_model_action_and_one_symbol_action()
    {
        var run = await AnalyzerRunner.RunAsync(DynamoProject.AllAnalyzers(), new[] { Calls }, new[] { (DynamoProject.ValuesPath, Yaml) }, WithRole);

        var telemetry = Assert.Single(run.Telemetry, t => t.Key is IdpDynamoAnalyzer).Value;
        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(1, telemetry.SemanticModelActionsCount);
        Assert.Equal(1, telemetry.SymbolActionsCount);
        Assert.Equal(0, telemetry.SyntaxNodeActionsCount);
        Assert.Equal(0, telemetry.OperationActionsCount);
        Assert.Equal(new[] { ("IDPDYN210", 8, 16), ("IDPDYN201", 19, 35), ("IDPDYN207", 20, 35), ("IDPDYN213", 20, 35), ("IDPDYN208", 21, 15) },
            run.Diagnostics.Select(Position).OrderBy(d => d.Line).ThenBy(d => d.Id, System.StringComparer.Ordinal).Select(d => (d.Id, d.Line, d.Column)));
    }

    [Fact]
    public async Task Without_an_IdpDynamoValues_file_nothing_is_registered_or_reported()
    {
        var run = await AnalyzerRunner.RunAsync(Analyzers(), new[] { Calls },
            new[] { (DynamoProject.ValuesPath, Yaml) }, WithRole with { MarkValuesFiles = false });

        Assert.Empty(run.Diagnostics);
        AssertNothingRegistered(run);
    }

    [Fact]
    public async Task Without_the_AWS_SDK_nothing_is_registered_or_reported()
    {
        // The SDK's names in the application's own types: nothing binds to Amazon.DynamoDBv2.
        const string lookalike = """
            namespace Shop;

            public sealed class GetItemRequest { public string TableName { get; set; } = ""; }

            public sealed class Context { public object LoadAsync<T>(string hashKey) => hashKey; }

            public static class Repo
            {
                public static object Run(Context context) => new GetItemRequest { TableName = "Ordrs" }.TableName + context.LoadAsync<GetItemRequest>("c");
            }
            """;
        var run = await AnalyzerRunner.RunAsync(Analyzers(), new[] { lookalike },
            new[] { (DynamoProject.ValuesPath, Yaml) }, WithRole with { Sdk = SdkShape.None });

        Assert.Empty(run.Diagnostics);
        AssertNothingRegistered(run);
    }

    [Fact]
    public async Task Without_a_service_role_the_access_rule_registers_nothing()
    {
        var alone = await AnalyzerRunner.RunAsync(new DiagnosticAnalyzer[] { new AccessAnalyzer() }, new[] { Calls },
            new[] { (DynamoProject.ValuesPath, Yaml) }, VerifyOptions.Default);
        Assert.Empty(alone.Diagnostics);
        AssertNothingRegistered(alone);

        // The other rules still report, through the shipped analyzer; IDPDYN207 is gone.
        var shipped = await AnalyzerRunner.RunAsync(DynamoProject.AllAnalyzers(), new[] { Calls },
            new[] { (DynamoProject.ValuesPath, Yaml) }, VerifyOptions.Default);
        Assert.Equal(new[] { ("IDPDYN210", 8, 16), ("IDPDYN201", 19, 35), ("IDPDYN213", 20, 35), ("IDPDYN208", 21, 15) },
            shipped.Diagnostics.Select(Position).OrderBy(d => d.Line).ThenBy(d => d.Id, System.StringComparer.Ordinal).Select(d => (d.Id, d.Line, d.Column)));

        // With the role the same rule alone registers its dispatch and reports the write.
        var withRole = await AnalyzerRunner.RunAsync(new DiagnosticAnalyzer[] { new AccessAnalyzer() }, new[] { Calls },
            new[] { (DynamoProject.ValuesPath, Yaml) }, WithRole);
        Assert.Equal(1, Assert.Single(withRole.Telemetry).Value.SemanticModelActionsCount);
        Assert.Equal(new[] { ("IDPDYN207", 20, 35) }, withRole.Diagnostics.Select(Position).Select(d => (d.Id, d.Line, d.Column)));
    }

    /// <summary>The shipped analyzer and every rule on its own.</summary>
    private static DiagnosticAnalyzer[] Analyzers()
        => DynamoProject.AllAnalyzers().Concat(new DiagnosticAnalyzer[]
        {
            new AccessAnalyzer(), new EntityKeyMappingAnalyzer(), new KeyArityAnalyzer(), new KeyConditionAnalyzer(),
            new KeyDictionaryAnalyzer(), new UnknownIndexAnalyzer(), new UnknownTableAnalyzer(), new UseGeneratedAccessorAnalyzer(),
            new LogicalTableNameAnalyzer(), new KeyOfAnotherTableAnalyzer(),
        }).ToArray();

    /// <summary>A reported diagnostic's id and 1-based start line and column.</summary>
    private static (string Id, int Line, int Column) Position(Microsoft.CodeAnalysis.Diagnostic diagnostic)
    {
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        return (diagnostic.Id, start.Line + 1, start.Character + 1);
    }

    private static void AssertNothingRegistered(AnalyzerRun run)
    {
        foreach (var (analyzer, t) in run.Telemetry)
        {
            int registered = t.SyntaxNodeActionsCount + t.SymbolActionsCount + t.SymbolStartActionsCount + t.OperationActionsCount
                + t.OperationBlockActionsCount + t.OperationBlockStartActionsCount + t.CodeBlockActionsCount + t.CodeBlockStartActionsCount
                + t.SemanticModelActionsCount + t.SyntaxTreeActionsCount + t.CompilationActionsCount + t.CompilationEndActionsCount;
            Assert.True(registered == 0, $"{analyzer.GetType().Name} registered {registered} action(s)");
            Assert.Equal(1, t.CompilationStartActionsCount);
        }
    }
}
