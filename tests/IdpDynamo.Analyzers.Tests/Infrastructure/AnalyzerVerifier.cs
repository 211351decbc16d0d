using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Infrastructure;
using IdpDynamo.Analyzers.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

/// <summary>Which DynamoDB SDK the test compilation sees.</summary>
internal enum SdkShape
{
    /// <summary>The real AWSSDK.DynamoDBv2 4.0.110 the test project references.</summary>
    V4,

    /// <summary>
    /// Small v3.7-shaped stubs (<see cref="DynamoV3Stubs"/>) instead: the registry here has no 3.7 package, and the
    /// analyzers match the SDK by metadata name, so stubs exercise the v3-only shapes.
    /// </summary>
    V3Stubs,

    /// <summary>No SDK at all: the analyzers must stay silent.</summary>
    None,
}

/// <summary>How an analyzer test compiles and configures the project (the MSBuild side of a real build).</summary>
internal sealed record VerifyOptions
{
    public static readonly VerifyOptions Default = new();

    /// <summary><c>build_property.IdpDynamoServiceRole</c>; <c>&lt;ns&gt;</c> stands for each values file's namespace.</summary>
    public string? ServiceRole { get; init; }

    /// <summary><c>build_property.RootNamespace</c>: the namespace of the generated DynamoTables class.</summary>
    public string RootNamespace { get; init; } = "Webshop.Orders";

    public SdkShape Sdk { get; init; } = SdkShape.V4;

    /// <summary>Runs the accessor generator before the analyzers, as the compiler does (so DynamoTables exists).</summary>
    public bool RunGenerator { get; init; } = true;

    /// <summary>Compiles an executable (for top-level statements) instead of a library.</summary>
    public bool Executable { get; init; }

    /// <summary>Whether the values files are marked IdpDynamoValues (false: plain AdditionalFiles, analyzers stay silent).</summary>
    public bool MarkValuesFiles { get; init; } = true;
}

/// <summary>Everything one analyzer run produced, for tests that look beyond the diagnostics (timing, messages).</summary>
internal sealed record AnalyzerRun(
    Compilation Compilation,
    ImmutableArray<Diagnostic> Diagnostics,
    IReadOnlyList<MarkupSource> Sources,
    IReadOnlyDictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo> Telemetry);

/// <summary>
/// Runs analyzers the way the compiler does, without Microsoft.CodeAnalysis.Testing (style.md §2.6): the markup
/// sources are compiled against the AWS SDK, the accessor generator runs first (its output must compile), then the
/// analyzers run through <see cref="CompilationWithAnalyzers"/> with the values files as AdditionalFiles and the MSBuild
/// properties as analyzer config options. Diagnostics are compared exactly (id, file, start and end) after sorting;
/// on a mismatch the sources are printed with the actual diagnostics marked up. Every run also asserts that no
/// analyzer threw (AD0001, IDPDYN999) and that nothing was reported inside generated code.
/// </summary>
internal static class AnalyzerVerifier
{
    /// <summary>The values file path of the apps-repository layout: namespace <c>webshop-test</c>.</summary>
    public const string ValuesPath = "/repo/apps/webshop-test/orders/dynamodb/values.yaml";

    /// <summary>One source, one values file at <see cref="ValuesPath"/>; <c>[|…|]</c> is <typeparamref name="TAnalyzer"/>'s first rule.</summary>
    public static Task<AnalyzerRun> VerifyAsync<TAnalyzer>(string markup, string yaml, VerifyOptions? options = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        => VerifyAsync<TAnalyzer>(new[] { markup }, new[] { (ValuesPath, yaml) }, options);

    /// <summary>Several sources (<c>Test0.cs</c>, <c>Test1.cs</c>…) and several named values files.</summary>
    public static Task<AnalyzerRun> VerifyAsync<TAnalyzer>(string[] markups, (string Path, string Yaml)[] values, VerifyOptions? options = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var analyzer = new TAnalyzer();
        string ruleUnderTest = analyzer.SupportedDiagnostics.First(d => d.Id != "IDPDYN999").Id;
        return VerifyAsync(new DiagnosticAnalyzer[] { analyzer }, ruleUnderTest, markups, values, options);
    }

    /// <summary>Every analyzer of the package at once; the markup must name ids (<c>{|IDPDYN201:…|}</c>).</summary>
    public static Task<AnalyzerRun> VerifyAllAsync(string[] markups, (string Path, string Yaml)[] values, VerifyOptions? options = null)
        => VerifyAsync(AllAnalyzers(), null, markups, values, options);

    /// <summary>A new instance of every analyzer the compiler loads from the analyzer assembly (those with [DiagnosticAnalyzer]).</summary>
    public static DiagnosticAnalyzer[] AllAnalyzers()
        => typeof(DynamoAnalyzerBase).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.IsDefined(typeof(DiagnosticAnalyzerAttribute), false))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToArray();

    public static async Task<AnalyzerRun> VerifyAsync(DiagnosticAnalyzer[] analyzers, string? ruleUnderTest, string[] markups, (string Path, string Yaml)[] values, VerifyOptions? options = null)
    {
        var sources = markups.Select((m, i) => MarkupParser.Parse(m, ruleUnderTest, $"Test{i}.cs")).ToList();
        var run = await RunAsync(analyzers, sources, values, options ?? VerifyOptions.Default);
        var expected = sources.SelectMany(s => s.Expected).OrderBy(d => d, Order).ToList();
        var actual = run.Diagnostics.Select(ToExpected).OrderBy(d => d, Order).ToList();

        bool same = expected.Count == actual.Count
            && expected.Zip(actual, (e, a) => e with { Message = null } == a with { Message = null } && (e.Message is null || e.Message == a.Message)).All(x => x);
        if (!same)
        {
            Assert.Fail(Describe(expected, actual, run));
        }

        return run;
    }

    /// <summary>Compiles, runs the generator and the analyzers; asserts only what must hold for any run.</summary>
    public static async Task<AnalyzerRun> RunAsync(DiagnosticAnalyzer[] analyzers, IReadOnlyList<MarkupSource> sources, (string Path, string Yaml)[] values, VerifyOptions options)
    {
        var compilation = CompilationFactory.Create(sources.Select(s => s.Source), options.Sdk == SdkShape.V4, usesGeneratedCode: true);
        if (options.Executable)
        {
            compilation = compilation.WithOptions(compilation.Options.WithOutputKind(OutputKind.ConsoleApplication));
        }

        if (options.Sdk == SdkShape.V3Stubs)
        {
            compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(DynamoV3Stubs.Source, CompilationFactory.ParseOptions, path: "DynamoV3Stubs.cs"));
        }

        var texts = values.Select(v => (AdditionalText)new InMemoryAdditionalText(v.Path, v.Yaml)).ToImmutableArray();
        var provider = new TestOptionsProvider().WithProperty("RootNamespace", options.RootNamespace);
        if (options.ServiceRole is { } role)
        {
            provider = provider.WithProperty("IdpDynamoServiceRole", role);
        }

        if (options.MarkValuesFiles)
        {
            foreach (var text in texts)
            {
                provider = provider.WithValuesFile(text.Path);
            }
        }

        Compilation output = compilation;
        if (options.RunGenerator)
        {
            output = GeneratorHarness.Run(compilation, texts, provider).OutputCompilation;
        }
        else
        {
            CompilationFactory.AssertNoErrors(compilation, "The test input does not compile");
        }

        var exceptions = new ConcurrentBag<string>();
        var withAnalyzers = output.WithAnalyzers(
            analyzers.ToImmutableArray(),
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(texts, provider),
                onAnalyzerException: (ex, analyzer, diagnostic) => exceptions.Add($"{analyzer.GetType().Name}: {ex}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();

        Assert.True(exceptions.IsEmpty, "An analyzer threw:\n" + string.Join("\n", exceptions));
        var crashes = diagnostics.Where(d => d.Id is "AD0001" or "IDPDYN999").ToList();
        Assert.True(crashes.Count == 0, "An analyzer failed:\n" + string.Join("\n", crashes));

        var userTrees = new HashSet<SyntaxTree>(compilation.SyntaxTrees);
        var inGenerated = diagnostics.Where(d => d.Location.SourceTree is { } tree && !userTrees.Contains(tree)).ToList();
        Assert.True(inGenerated.Count == 0, "Diagnostics were reported inside generated code:\n" + string.Join("\n", inGenerated));
        var inStubs = diagnostics.Where(d => d.Location.SourceTree?.FilePath == "DynamoV3Stubs.cs").ToList();
        Assert.True(inStubs.Count == 0, "Diagnostics were reported inside the SDK stubs:\n" + string.Join("\n", inStubs));

        var telemetry = new Dictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo>();
        foreach (var analyzer in analyzers)
        {
            telemetry[analyzer] = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);
        }

        return new AnalyzerRun(output, diagnostics, sources, telemetry);
    }

    public static ExpectedDiagnostic ToExpected(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return new ExpectedDiagnostic(
            diagnostic.Id,
            span.Path,
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            span.EndLinePosition.Line + 1,
            span.EndLinePosition.Character + 1,
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static readonly Comparer<ExpectedDiagnostic> Order = Comparer<ExpectedDiagnostic>.Create((a, b) =>
    {
        int c = string.CompareOrdinal(a.Path, b.Path);
        c = c != 0 ? c : a.Line.CompareTo(b.Line);
        c = c != 0 ? c : a.Column.CompareTo(b.Column);
        c = c != 0 ? c : a.EndLine.CompareTo(b.EndLine);
        c = c != 0 ? c : a.EndColumn.CompareTo(b.EndColumn);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    });

    private static string Describe(List<ExpectedDiagnostic> expected, List<ExpectedDiagnostic> actual, AnalyzerRun run)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Expected {expected.Count} diagnostic(s):");
        foreach (var d in expected)
        {
            sb.AppendLine("  " + d);
        }

        sb.AppendLine($"Actual {actual.Count} diagnostic(s):");
        foreach (var d in actual)
        {
            sb.AppendLine("  " + d);
        }

        foreach (var source in run.Sources)
        {
            sb.AppendLine().AppendLine($"{source.Path} with the actual diagnostics marked up:");
            sb.AppendLine(Annotate(source, actual.Where(d => d.Path == source.Path)));
        }

        return sb.ToString();
    }

    /// <summary>The source with <c>{|ID:…|}</c> around every diagnostic's span (the markup a passing test would need).</summary>
    public static string Annotate(MarkupSource source, IEnumerable<ExpectedDiagnostic> diagnostics)
    {
        var lines = source.Source.Split('\n');
        int Offset(int line, int column)
        {
            int offset = 0;
            for (int i = 0; i < line - 1 && i < lines.Length; i++)
            {
                offset += lines[i].Length + 1;
            }

            return offset + column - 1;
        }

        // Inserted from the end so earlier offsets stay valid; at one offset closing marks go before opening ones.
        var inserts = new List<(int Offset, int Order, string Text)>();
        foreach (var d in diagnostics)
        {
            inserts.Add((Offset(d.Line, d.Column), 1, $"{{|{d.Id}:"));
            inserts.Add((Offset(d.EndLine, d.EndColumn), 0, "|}"));
        }

        var text = new StringBuilder(source.Source);
        foreach (var (offset, _, insert) in inserts.OrderByDescending(i => i.Offset).ThenByDescending(i => i.Order))
        {
            text.Insert(Math.Min(offset, text.Length), insert);
        }

        return text.ToString();
    }
}

/// <summary>
/// A v3.7-shaped slice of AWSSDK.DynamoDBv2 (registry here serves no 3.7): <c>DynamoDBOperationConfig :
/// DynamoDBContextConfig</c>, <c>Table.LoadTable</c> returning <c>Table</c>, non-nullable request flags, the
/// <c>DynamoDBContext</c> constructor and the DataModel attributes. Names and namespaces are the SDK's, which is all
/// the analyzers look at.
/// </summary>
internal static class DynamoV3Stubs
{
    public const string Source = """
        #nullable disable
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Amazon.DynamoDBv2
        {
            public interface IAmazonDynamoDB
            {
                Task<Model.GetItemResponse> GetItemAsync(string tableName, Dictionary<string, Model.AttributeValue> key, CancellationToken cancellationToken = default);
                Task<Model.GetItemResponse> GetItemAsync(Model.GetItemRequest request, CancellationToken cancellationToken = default);
                Task<Model.PutItemResponse> PutItemAsync(string tableName, Dictionary<string, Model.AttributeValue> item, CancellationToken cancellationToken = default);
                Task<Model.QueryResponse> QueryAsync(Model.QueryRequest request, CancellationToken cancellationToken = default);
            }
        }

        namespace Amazon.DynamoDBv2.Model
        {
            public class AttributeValue
            {
                public AttributeValue() { }
                public AttributeValue(string s) { S = s; }
                public string S { get; set; }
                public string N { get; set; }
                public MemoryStream B { get; set; }
                public bool BOOL { get; set; }
                public bool NULL { get; set; }
            }

            public class GetItemRequest
            {
                public GetItemRequest() { }
                public GetItemRequest(string tableName, Dictionary<string, AttributeValue> key) { TableName = tableName; Key = key; }
                public string TableName { get; set; }
                public Dictionary<string, AttributeValue> Key { get; set; }
                public bool ConsistentRead { get; set; }
            }

            public class GetItemResponse { public Dictionary<string, AttributeValue> Item { get; set; } }

            public class PutItemResponse { }

            public class QueryRequest
            {
                public QueryRequest() { }
                public QueryRequest(string tableName) { TableName = tableName; }
                public string TableName { get; set; }
                public string IndexName { get; set; }
                public bool ConsistentRead { get; set; }
                public string KeyConditionExpression { get; set; }
                public Dictionary<string, string> ExpressionAttributeNames { get; set; }
                public Dictionary<string, AttributeValue> ExpressionAttributeValues { get; set; }
            }

            public class QueryResponse { public List<Dictionary<string, AttributeValue>> Items { get; set; } }
        }

        namespace Amazon.DynamoDBv2.DocumentModel
        {
            public class Table
            {
                public static Table LoadTable(IAmazonDynamoDB ddbClient, string tableName) => new Table();
                public string TableName { get; }
            }
        }

        namespace Amazon.DynamoDBv2.DataModel
        {
            public abstract class DynamoDBAttribute : System.Attribute { }

            [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Struct, Inherited = true, AllowMultiple = false)]
            public sealed class DynamoDBTableAttribute : DynamoDBAttribute
            {
                public DynamoDBTableAttribute(string tableName) { TableName = tableName; }
                public DynamoDBTableAttribute(string tableName, bool lowerCamelCaseProperties) { TableName = tableName; LowerCamelCaseProperties = lowerCamelCaseProperties; }
                public string TableName { get; set; }
                public bool LowerCamelCaseProperties { get; set; }
            }

            public abstract class DynamoDBRenamableAttribute : DynamoDBAttribute
            {
                protected DynamoDBRenamableAttribute() { }
                protected DynamoDBRenamableAttribute(string attributeName) { AttributeName = attributeName; }
                public string AttributeName { get; set; }
            }

            [System.AttributeUsage(System.AttributeTargets.Property | System.AttributeTargets.Field, Inherited = true, AllowMultiple = false)]
            public class DynamoDBPropertyAttribute : DynamoDBRenamableAttribute
            {
                public DynamoDBPropertyAttribute() { }
                public DynamoDBPropertyAttribute(string attributeName) : base(attributeName) { }
                public DynamoDBPropertyAttribute(System.Type converter) { Converter = converter; }
                public System.Type Converter { get; set; }
                public bool StoreAsEpoch { get; set; }
            }

            public class DynamoDBHashKeyAttribute : DynamoDBPropertyAttribute
            {
                public DynamoDBHashKeyAttribute() { }
                public DynamoDBHashKeyAttribute(string attributeName) : base(attributeName) { }
            }

            public class DynamoDBRangeKeyAttribute : DynamoDBPropertyAttribute
            {
                public DynamoDBRangeKeyAttribute() { }
                public DynamoDBRangeKeyAttribute(string attributeName) : base(attributeName) { }
            }

            public class DynamoDBGlobalSecondaryIndexHashKeyAttribute : DynamoDBHashKeyAttribute
            {
                public DynamoDBGlobalSecondaryIndexHashKeyAttribute(params string[] indexNames) { IndexNames = indexNames; }
                public string[] IndexNames { get; set; }
            }

            public class DynamoDBGlobalSecondaryIndexRangeKeyAttribute : DynamoDBRangeKeyAttribute
            {
                public DynamoDBGlobalSecondaryIndexRangeKeyAttribute(params string[] indexNames) { IndexNames = indexNames; }
                public string[] IndexNames { get; set; }
            }

            public class DynamoDBLocalSecondaryIndexRangeKeyAttribute : DynamoDBPropertyAttribute
            {
                public DynamoDBLocalSecondaryIndexRangeKeyAttribute(params string[] indexNames) { IndexNames = indexNames; }
                public string[] IndexNames { get; set; }
            }

            /// <summary>v3: the context configuration, and the base class of the operation configuration.</summary>
            public class DynamoDBContextConfig
            {
                public string TableNamePrefix { get; set; }
                public bool? ConsistentRead { get; set; }
            }

            /// <summary>v3: one configuration for every operation (v4 splits it into LoadConfig, QueryConfig...).</summary>
            public class DynamoDBOperationConfig : DynamoDBContextConfig
            {
                public string OverrideTableName { get; set; }
                public string IndexName { get; set; }
            }

            public class AsyncSearch<T> { }

            public class DynamoDBContext
            {
                public DynamoDBContext(IAmazonDynamoDB client) { }
                public DynamoDBContext(IAmazonDynamoDB client, DynamoDBContextConfig config) { }
                public Task<T> LoadAsync<T>(object hashKey, CancellationToken cancellationToken = default) => Task.FromResult(default(T));
                public Task<T> LoadAsync<T>(object hashKey, DynamoDBOperationConfig operationConfig, CancellationToken cancellationToken = default) => Task.FromResult(default(T));
                public Task<T> LoadAsync<T>(object hashKey, object rangeKey, CancellationToken cancellationToken = default) => Task.FromResult(default(T));
                public Task<T> LoadAsync<T>(object hashKey, object rangeKey, DynamoDBOperationConfig operationConfig, CancellationToken cancellationToken = default) => Task.FromResult(default(T));
                public Task SaveAsync<T>(T value, DynamoDBOperationConfig operationConfig = null, CancellationToken cancellationToken = default) => Task.CompletedTask;
                public AsyncSearch<T> QueryAsync<T>(object hashKeyValue, DynamoDBOperationConfig operationConfig = null) => new AsyncSearch<T>();
            }
        }
        """;
}
