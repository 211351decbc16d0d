using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using IdpDynamo.Analyzers.Generation;
using IdpDynamo.Analyzers.Tests.Generation;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using IdpDynamo.Tests.Robustness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace IdpDynamo.Analyzers.Tests.Robustness;

/// <summary>
/// Issue 7 item 2, Roslyn side: seeded mutations of valid values files (<see cref="ValuesMutator"/>, the same mutator as
/// the validator's MutationTests) through the accessor generator and every analyzer of the package, as a compilation
/// with the AWS SDK sees them. For each input:
/// <list type="bullet">
/// <item>the generator neither throws (CS8785) nor reports anything (IDPDYN999), and what it generates parses;</item>
/// <item>the output compiles with a consumer that names tables by string (it references no generated code);</item>
/// <item>a second consumer referencing every generated member the output has (constants, properties, Key(...), request
/// objects over TableName/Indexes, a [DynamoDBTable] entity per table) compiles too: a mutation that removes a table
/// removes its uses, so every error left is the generator's;</item>
/// <item>all analyzers run on that compilation without an exception (AD0001) or IDPDYN999;</item>
/// <item>all of it within <see cref="PerInputBound"/>.</item>
/// </list>
/// The count is IDPDYN_MUTATIONS_ROSLYN (CI default <see cref="DefaultCount"/>); IDPDYN_MUTATION_SEED=s picks another
/// sequence and IDPDYN_MUTATION_CASE=n runs case n alone.
/// </summary>
public class GeneratorAndAnalyzerMutationTests
{
    /// <summary>CI size: well under 60 s on the 2-core build machine.</summary>
    public const int DefaultCount = 200;

    public const int Seed = 20_261_122;

    /// <summary>A hang guard: one input is two compilations of a few hundred lines.</summary>
    private static readonly TimeSpan PerInputBound = TimeSpan.FromSeconds(10);

    private const string RootNamespace = "Webshop.Orders";

    /// <summary>Names tables, keys and indexes only by string: compiles whatever the generator produces.</summary>
    private const string LiteralConsumer = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.DataModel;
        using Amazon.DynamoDBv2.Model;

        namespace Webshop.Consumer
        {
            [DynamoDBTable("CustomerOrders")]
            public sealed class OrderEntity
            {
                [DynamoDBHashKey] public string CustomerId { get; set; } = "";
                [DynamoDBRangeKey] public string OrderDate { get; set; } = "";
                [DynamoDBGlobalSecondaryIndexHashKey("StatusIndex")] public string Status { get; set; } = "";
                [DynamoDBLocalSecondaryIndexRangeKey("AmountIndex")] public decimal TotalAmount { get; set; }
            }

            [DynamoDBTable("Products")]
            public sealed class ProductEntity
            {
                [DynamoDBHashKey("Sku")] public int Id { get; set; }
            }

            [DynamoDBTable("Ordrs")]
            public sealed class MisspeltEntity
            {
                [DynamoDBHashKey] public string Id { get; set; } = "";
            }

            public static class Literals
            {
                public static GetItemRequest Get(string c, string d) => new GetItemRequest
                {
                    TableName = "webshop-test-CustomerOrders",
                    Key = new Dictionary<string, AttributeValue> { ["CustomerId"] = new AttributeValue { S = c }, ["OrderDate"] = new AttributeValue { N = d } },
                };

                public static QueryRequest ByAmount(string c) => new QueryRequest
                {
                    TableName = "webshop-test-CustomerOrders",
                    IndexName = "AmountIndex",
                    ConsistentRead = true,
                    KeyConditionExpression = "#c = :c AND #a > :a",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#c"] = "CustomerId", ["#a"] = "TotalAmount" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":c"] = new AttributeValue { S = c }, [":a"] = new AttributeValue { N = "1" } },
                };

                public static QueryRequest ByStatus() => new QueryRequest
                {
                    TableName = "webshop-prod-CustomerOrders",
                    IndexName = "StatusIndex",
                    ConsistentRead = true,
                    KeyConditionExpression = "OrderDate = :d",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":d"] = new AttributeValue { S = "x" } },
                };

                public static PutItemRequest Put(string sku) => new PutItemRequest
                {
                    TableName = "Products",
                    Item = new Dictionary<string, AttributeValue> { ["Sku"] = new AttributeValue { N = sku } },
                };

                public static DeleteItemRequest Delete(string sku) => new DeleteItemRequest("idp-webshop-test-Products", new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = sku } });

                public static BatchWriteItemRequest Batch() => new BatchWriteItemRequest
                {
                    RequestItems = new Dictionary<string, List<WriteRequest>> { ["webshop-test-Products"] = new List<WriteRequest>(), ["webshop-test-Nope"] = new List<WriteRequest>() },
                };

                public static Task<GetItemResponse> Convenience(IAmazonDynamoDB client, string sku)
                    => client.GetItemAsync("webshop-test-Products", new Dictionary<string, AttributeValue> { ["Sku"] = new AttributeValue { S = sku } });

                public static Task<OrderEntity> Load(IDynamoDBContext context, string c) => context.LoadAsync<OrderEntity>(c);

                public static Task Remove(IDynamoDBContext context, int sku) => context.DeleteAsync<ProductEntity>(sku, "range");

                public static QueryRequest WrongKeyCondition() => new QueryRequest
                {
                    TableName = "webshop-test-CustomerOrders",
                    KeyConditionExpression = "#s = :s AND begins_with(Sku, :p)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = "Status" },
                };

                public static BatchGetItemRequest BatchGet() => new BatchGetItemRequest
                {
                    RequestItems = new Dictionary<string, KeysAndAttributes>
                    {
                        ["webshop-test-CustomerOrders"] = new KeysAndAttributes
                        {
                            Keys = new List<Dictionary<string, AttributeValue>> { new Dictionary<string, AttributeValue> { ["CustomerId"] = new AttributeValue { N = "1" } } },
                        },
                    },
                };

                public static Task<QueryResponse> QueryByStatus(IAmazonDynamoDB client)
                {
                    var request = new QueryRequest { TableName = "webshop-test-CustomerOrders", KeyConditionExpression = "Status = :s" };
                    return client.QueryAsync(request);
                }

                public static QueryRequest Unknown() => new QueryRequest { TableName = "webshop-test-Ordrs", IndexName = "NoSuchIndex" };

                public static ScanRequest Interpolated(string ns) => new ScanRequest { TableName = $"{ns}-CustomerOrders", IndexName = "AmountIndex" };

                public static ScanRequest Concatenated(string ns) => new ScanRequest(ns + "-" + "Products");
            }
        }

        """;

    private static readonly Lazy<CSharpCompilation> BaseCompilation = new(() => CompilationFactory.Create(new[] { LiteralConsumer }, withAwsSdk: true));

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> Analyzers = new(() => typeof(DynamoAccessorsGenerator).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray());

    private readonly ITestOutputHelper _output;

    public GeneratorAndAnalyzerMutationTests(ITestOutputHelper output) => _output = output;

    /// <summary>The samples' values files and the generator tests' valid files.</summary>
    private static IReadOnlyList<(string Name, string Text)> Corpus()
    {
        string root = IdpDynamo.Tests.RepositoryRoot.Path;
        var corpus = Directory.GetDirectories(Path.Combine(root, "samples", "apps"))
            .Select(dir => Path.Combine(dir, "orders", "dynamodb", "values.yaml"))
            .Where(File.Exists)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (Name: Path.GetRelativePath(root, p).Replace('\\', '/'), Text: File.ReadAllText(p)))
            .ToList();
        Assert.True(corpus.Count >= 2, "expected the samples' values files under samples/apps/*/orders/dynamodb");
        corpus.Add(("ValuesFiles.LocalIndexes", ValuesFiles.LocalIndexes));
        corpus.Add(("ValuesFiles.GlobalIndexes", ValuesFiles.GlobalIndexes));
        return corpus;
    }

    private static string PathFor(string origin) => origin.Contains("webshop-prod", StringComparison.Ordinal) ? ValuesFiles.ProdPath : ValuesFiles.TestPath;

    [Fact]
    public void Every_analyzer_of_the_package_takes_part()
    {
        // The package ships one analyzer that runs every rule.
        var ids = Analyzers.Value.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().ToList();
        Assert.True(ids.Count >= 10, "rule ids found: " + string.Join(", ", ids));
        Assert.Contains("IDPDYN201", ids);
        Assert.Contains("IDPDYN210", ids);
    }

    [Fact]
    public void The_unmutated_corpus_generates_compiling_code_that_the_analyzers_check()
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text) in Corpus())
        {
            var outcome = RunOne(text, PathFor(name), CancellationToken.None);
            Assert.True(outcome.Problem is null, $"{name}: {outcome.Problem}");
            Assert.True(outcome.GeneratedMembers > 10, $"{name}: only {outcome.GeneratedMembers} generated members were used");
            reported.UnionWith(outcome.AnalyzerIds);
        }

        _output.WriteLine("analyzer ids on the corpus: " + string.Join(", ", reported.OrderBy(x => x, StringComparer.Ordinal)));

        // The consumers do reach the analyzers (unknown table, unknown index, consistent read on a GSI, key mismatches, ...).
        Assert.True(reported.Count >= 5, "analyzer ids reported on the corpus: " + string.Join(", ", reported));
    }

    [Fact]
    public void Mutated_values_files_never_break_the_generator_the_analyzers_or_the_build()
    {
        int count = ValuesMutator.CountFromEnvironment("IDPDYN_MUTATIONS_ROSLYN", DefaultCount);
        int? only = Environment.GetEnvironmentVariable("IDPDYN_MUTATION_CASE") is { Length: > 0 } c ? int.Parse(c, System.Globalization.CultureInfo.InvariantCulture) : null;
        var corpus = Corpus();
        int seed = ValuesMutator.CountFromEnvironment("IDPDYN_MUTATION_SEED", Seed);
        var mutator = new ValuesMutator(corpus, seed);

        // Warm up: JIT, metadata of ~200 framework references, the SDK.
        foreach (var (name, text) in corpus)
        {
            RunOne(text, PathFor(name), CancellationToken.None);
        }

        var failures = new List<string>();
        int generated = 0, members = 0, hangs = 0, withTables = 0, tables = 0;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        TimeSpan slowest = TimeSpan.Zero;
        int slowestCase = -1;
        var total = Stopwatch.StartNew();
        foreach (int i in only is { } one ? new[] { one } : Enumerable.Range(0, count))
        {
            var mutant = mutator.Create(i);
            string text = Decode(mutant.Bytes);
            var (outcome, elapsed) = Guarded(text, PathFor(mutant.Origin));
            if (elapsed > slowest)
            {
                slowest = elapsed;
                slowestCase = i;
            }

            string? problem = outcome.Problem ?? (elapsed > PerInputBound ? $"SLOW: {elapsed.TotalMilliseconds:F0} ms (bound {PerInputBound.TotalMilliseconds:F0} ms)" : null);
            if (problem is not null)
            {
                failures.Add($"{mutant.Describe()}\n  {problem}\n  input:\n{mutant.Escaped()}\n");
                if (problem.StartsWith("HANG", StringComparison.Ordinal) && ++hangs >= 3)
                {
                    failures.Add($"stopped after {hangs} hangs (case {i} of {count})");
                    break;
                }

                continue;
            }

            if (outcome.GeneratedMembers > 0)
            {
                generated++;
                members += outcome.GeneratedMembers;
            }

            if (outcome.Tables > 0)
            {
                withTables++;
                tables += outcome.Tables;
            }

            foreach (var id in outcome.AnalyzerIds)
            {
                ids[id] = ids.GetValueOrDefault(id) + 1;
            }
        }

        total.Stop();
        string summary = $"{(only is null ? count : 1)} mutants (seed {seed}) in {total.Elapsed.TotalSeconds:F1} s; {Analyzers.Value.Length} analyzers; generated code used in {generated} " +
                         $"(avg {(generated == 0 ? 0 : members / generated)} members), with table classes in {withTables} (avg {(withTables == 0 ? 0 : (double)tables / withTables):F1} tables); slowest case {slowestCase}: {slowest.TotalMilliseconds:F0} ms; failures {failures.Count}\n" +
                         "analyzer ids (inputs reporting each): " + string.Join(", ", ids.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}×{p.Value}"));
        _output.WriteLine(summary);
        Console.WriteLine("[GeneratorAndAnalyzerMutationTests] " + summary);

        Assert.True(failures.Count == 0, $"{failures.Count} of {count} mutants failed (rerun one with IDPDYN_MUTATION_SEED={seed} IDPDYN_MUTATION_CASE=<case>):\n\n" + string.Join("\n", failures.Take(10)));
    }

    /// <summary>The text a compiler reads from the bytes: UTF-8 (a BOM is dropped), invalid sequences as U+FFFD.</summary>
    private static string Decode(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
    }

    private sealed record Outcome(string? Problem, int GeneratedMembers, IReadOnlyCollection<string> AnalyzerIds, int Tables = 0);

    /// <summary>Runs <see cref="RunOne"/> on a 1 MiB stack with a cancellation deadline; a run that ignores it is abandoned.</summary>
    private static (Outcome Outcome, TimeSpan Elapsed) Guarded(string text, string path)
    {
        Outcome? outcome = null;
        Exception? thrown = null;
        using var cancellation = new CancellationTokenSource(PerInputBound + PerInputBound);
        var stopwatch = Stopwatch.StartNew();
        var thread = new Thread(
            () =>
            {
                try
                {
                    outcome = RunOne(text, path, cancellation.Token);
                }
                catch (Exception ex)
                {
                    thrown = ex;
                }
            },
            maxStackSize: 1024 * 1024)
        {
            IsBackground = true,
        };
        thread.Start();
        bool finished = thread.Join(PerInputBound * 3);
        stopwatch.Stop();
        if (!finished)
        {
            return (new Outcome($"HANG: no result after {stopwatch.Elapsed.TotalSeconds:F1} s (cancellation not honoured)", 0, Array.Empty<string>()), stopwatch.Elapsed);
        }

        if (thrown is OperationCanceledException)
        {
            return (new Outcome($"HANG: cancelled after {stopwatch.Elapsed.TotalSeconds:F1} s", 0, Array.Empty<string>()), stopwatch.Elapsed);
        }

        if (thrown is not null)
        {
            return (new Outcome($"EXCEPTION in the test pipeline: {thrown}", 0, Array.Empty<string>()), stopwatch.Elapsed);
        }

        return (outcome!, stopwatch.Elapsed);
    }

    /// <summary>Generator, then both consumers, then every analyzer; the first problem found, or null.</summary>
    private static Outcome RunOne(string yaml, string path, CancellationToken cancellationToken)
    {
        var additional = new AdditionalText[] { new InMemoryAdditionalText(path, yaml) };
        var options = new TestOptionsProvider()
            .WithProperty("RootNamespace", RootNamespace)
            .WithProperty("IdpDynamoServiceRole", "orders-api-<ns>")
            .WithValuesFile(path);

        // 1. The generator.
        var driver = GeneratorHarness.CreateDriver(additional, options)
            .RunGeneratorsAndUpdateCompilation(BaseCompilation.Value, out var output, out var driverDiagnostics, cancellationToken);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            return Fail($"CS8785: the generator threw {result.Exception}");
        }

        var generatorDiagnostics = driverDiagnostics.Concat(result.Diagnostics).ToList();
        if (generatorDiagnostics.Count > 0)
        {
            return Fail("the generator reported (it owns no diagnostic; IDPDYN999/CS8785 mean a bug):\n" + string.Join("\n", generatorDiagnostics));
        }

        var tree = result.GeneratedSources.Select(s => s.SyntaxTree).SingleOrDefault();
        if (tree is not null && tree.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList() is { Count: > 0 } syntax)
        {
            return Fail("the generated tree has syntax errors:\n" + string.Join("\n", syntax.Take(10)) + "\n" + tree.GetText(cancellationToken));
        }

        // 2. The output with the string-only consumer: every error is in generated code.
        var errors = output.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            return Fail("the generated code does not compile:\n" + string.Join("\n", errors.Take(10)) + "\n" + tree?.GetText(cancellationToken));
        }

        // 3. A consumer of everything that was generated.
        var (consumer, members, tables) = GeneratedCodeConsumer(output);
        var compilation = consumer is null ? output : output.AddSyntaxTrees(CSharpSyntaxTree.ParseText(consumer, CompilationFactory.ParseOptions, "UsesGenerated.cs", cancellationToken: cancellationToken));

        // 4. All analyzers (compiler diagnostics included).
        var exceptions = new List<string>();
        var analyzerOptions = new AnalyzerOptions(additional.ToImmutableArray(), options);
        var withAnalyzers = compilation.WithAnalyzers(
            Analyzers.Value,
            new CompilationWithAnalyzersOptions(analyzerOptions, (ex, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {ex}"); } }, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var all = withAnalyzers.GetAllDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
        if (exceptions.Count > 0)
        {
            return Fail("AD0001: an analyzer threw:\n" + string.Join("\n", exceptions.Take(3)));
        }

        var broken = all.Where(d => d.Id is "AD0001" or "IDPDYN999" or "CS8785").ToList();
        if (broken.Count > 0)
        {
            return Fail(string.Join("\n", broken.Take(5)));
        }

        var compileErrors = all.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (compileErrors.Count > 0)
        {
            return Fail("the consumer of the generated accessors does not compile:\n" + string.Join("\n", compileErrors.Take(10)) + "\n--- consumer ---\n" + consumer + "\n--- generated ---\n" + tree?.GetText(cancellationToken));
        }

        var ids = all.Where(d => d.Id.StartsWith("IDPDYN", StringComparison.Ordinal)).Select(d => d.Id).Distinct(StringComparer.Ordinal).ToList();
        return new Outcome(null, members, ids, tables);

        static Outcome Fail(string problem) => new(problem, 0, Array.Empty<string>());
    }

    /// <summary>
    /// C# that uses every public static member of the generated root class and its nested classes, built from the output
    /// compilation's symbols (so it names only what the mutated file still generates), plus SDK requests and a DataModel
    /// entity per table over those accessors. Null when nothing was generated.
    /// </summary>
    private static (string? Source, int Members, int Tables) GeneratedCodeConsumer(Compilation output)
    {
        var root = output.GetTypeByMetadataName(RootNamespace + ".DynamoTables");
        if (root is null)
        {
            return (null, 0, 0);
        }

        var format = SymbolDisplayFormat.FullyQualifiedFormat;
        var body = new StringBuilder();
        var entities = new StringBuilder();
        int members = 0, entity = 0;

        void Visit(INamedTypeSymbol type)
        {
            string typeName = type.ToDisplayString(format);
            ISymbol? Member(string name) => type.GetMembers(name).FirstOrDefault(m => m.IsStatic && m.DeclaredAccessibility == Accessibility.Public);
            foreach (var member in type.GetMembers().Where(m => m.IsStatic && m.DeclaredAccessibility == Accessibility.Public && !m.IsImplicitlyDeclared))
            {
                switch (member)
                {
                    case IFieldSymbol field:
                        body.Append("        _ = ").Append(typeName).Append('.').Append(Escape(field.Name)).Append(";\n");
                        members++;
                        break;
                    case IPropertySymbol { GetMethod: not null, Parameters.Length: 0 } property:
                        body.Append("        _ = ").Append(typeName).Append('.').Append(Escape(property.Name)).Append(";\n");
                        members++;
                        break;
                    case IMethodSymbol { MethodKind: MethodKind.Ordinary, IsGenericMethod: false } method when method.Parameters.All(p => p.RefKind == RefKind.None):
                        string call = $"{typeName}.{Escape(method.Name)}({string.Join(", ", method.Parameters.Select(Default))})";
                        body.Append("        ").Append(method.ReturnsVoid ? call : "_ = " + call).Append(";\n");
                        members++;
                        break;
                }
            }

            // Requests and an entity over the accessors, as a service would write them.
            if (Member("TableName") is IPropertySymbol && Member("Key") is IMethodSymbol key
                && key.ReturnType.ToDisplayString(format) == "global::System.Collections.Generic.Dictionary<string, global::Amazon.DynamoDBv2.Model.AttributeValue>")
            {
                body.Append("        _ = new global::Amazon.DynamoDBv2.Model.GetItemRequest { TableName = ").Append(typeName).Append(".TableName, Key = ")
                    .Append(typeName).Append(".Key(").Append(string.Join(", ", key.Parameters.Select(Default))).Append(") };\n");
                body.Append("        _ = new global::Amazon.DynamoDBv2.Model.DeleteItemRequest(").Append(typeName).Append(".TableName, ")
                    .Append(typeName).Append(".Key(").Append(string.Join(", ", key.Parameters.Select(Default))).Append("));\n");
            }

            if (Member("TableName") is IPropertySymbol && type.GetTypeMembers("Indexes").FirstOrDefault() is { } indexes)
            {
                foreach (var index in indexes.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst && f.DeclaredAccessibility == Accessibility.Public))
                {
                    body.Append("        _ = new global::Amazon.DynamoDBv2.Model.QueryRequest { TableName = ").Append(typeName).Append(".TableName, IndexName = ")
                        .Append(indexes.ToDisplayString(format)).Append('.').Append(Escape(index.Name)).Append(", ConsistentRead = true");
                    if (Member("HashKey") is IFieldSymbol { IsConst: true } hashKey)
                    {
                        body.Append(", KeyConditionExpression = \"#h = :h\", ExpressionAttributeNames = new() { [\"#h\"] = ").Append(typeName).Append('.').Append(Escape(hashKey.Name)).Append(" }");
                    }

                    body.Append(" };\n");
                }
            }

            if (Member("Name") is IFieldSymbol { IsConst: true } name && Member("HashKey") is IFieldSymbol { IsConst: true } hash)
            {
                entities.Append("[global::Amazon.DynamoDBv2.DataModel.DynamoDBTable(").Append(typeName).Append('.').Append(Escape(name.Name)).Append(")]\n")
                    .Append("public sealed class Entity").Append(entity++).Append("\n{\n")
                    .Append("    [global::Amazon.DynamoDBv2.DataModel.DynamoDBHashKey(").Append(typeName).Append('.').Append(Escape(hash.Name)).Append(")] public string Hash { get; set; } = \"\";\n");
                if (Member("RangeKey") is IFieldSymbol { IsConst: true } range)
                {
                    entities.Append("    [global::Amazon.DynamoDBv2.DataModel.DynamoDBRangeKey(").Append(typeName).Append('.').Append(Escape(range.Name)).Append(")] public decimal Range { get; set; }\n");
                }

                entities.Append("}\n\n");
            }

            foreach (var nested in type.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public))
            {
                Visit(nested);
            }
        }

        Visit(root);
        string source = "namespace Webshop.Consumer.Generated;\n\n" + entities +
                        "public static class UsesGenerated\n{\n    public static void Use()\n    {\n" + body + "    }\n}\n";
        return (source, members, entity);

        static string Default(IParameterSymbol p) => p.Type.IsReferenceType
            ? $"default({p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})!"
            : $"default({p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})";

        static string Escape(string identifier) => SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
    }
}
