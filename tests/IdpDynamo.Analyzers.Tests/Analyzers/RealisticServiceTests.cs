using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit.Abstractions;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// A realistic orders service (modelled on samples/Webshop.Orders/OrderStore.cs and the common ways services name tables): options-bound
/// names, constants, entities with index attributes, low-level requests on the LSI and the GSI, a paging loop, batch
/// and transaction calls, the DataModel and the Document model, spread over five files. Every analyzer runs at once.
/// Everything it uses is declared, so the only diagnostics are the IDPDYN210 suggestions for its few literals; then
/// one table and one index are taken out of the values file and exactly their resolvable uses are reported.
/// </summary>
public partial class RealisticServiceTests(ITestOutputHelper output)
{
    private static readonly VerifyOptions Options = new() { ServiceRole = ServiceRole };

    private const string Configuration = """
        namespace Webshop.Orders.Data;

        public interface IOptions<out T> where T : class { T Value { get; } }

        /// <summary>Bound from the "Dynamo" configuration section at startup.</summary>
        public sealed class DynamoOptions
        {
            public string Namespace { get; set; } = "webshop-test";
            public string ProductsTable { get; set; } = "Products";
        }

        public static class TableNames
        {
            public const string CustomerOrders = "CustomerOrders";
            public const string Orders = "Orders";
            public const string Products = "Products";
            public const string Notifications = "Notifications";
        }

        public static class IndexNames
        {
            public const string ByStatus = "StatusIndex";
            public const string ByAmount = "AmountIndex";
        }

        public static class Attr
        {
            public const string CustomerId = "CustomerId";
            public const string OrderDate = "OrderDate";
            public const string Status = "Status";
            public const string TotalAmount = "TotalAmount";
        }
        """;

    private const string Entities = """
        using System;
        using Amazon.DynamoDBv2.DataModel;

        namespace Webshop.Orders.Data;

        [DynamoDBTable(TableNames.CustomerOrders)]
        public class CustomerOrder
        {
            [DynamoDBHashKey] public string CustomerId { get; set; } = "";
            [DynamoDBRangeKey, DynamoDBGlobalSecondaryIndexRangeKey(IndexNames.ByStatus)] public string OrderDate { get; set; } = "";
            [DynamoDBLocalSecondaryIndexRangeKey(IndexNames.ByAmount)] public decimal TotalAmount { get; set; }
            [DynamoDBGlobalSecondaryIndexHashKey(IndexNames.ByStatus)] public string Status { get; set; } = "";
            public string? Note { get; set; }
        }

        [DynamoDBTable({|IDPDYN210:"Orders"|})]
        public class OrderSummary
        {
            [DynamoDBHashKey("Id")] public Guid OrderId { get; set; }
            public decimal Total { get; set; }
        }

        [DynamoDBTable(TableNames.Notifications, AttributeCasing = CaseMode.CamelCase)]
        public class Notification
        {
            [DynamoDBHashKey] public Guid TargetId { get; set; }
            [DynamoDBRangeKey] public string Id { get; set; } = "";
            public string Text { get; set; } = "";
        }
        """;

    private const string OrderRepository = """
        using System.Collections.Generic;
        using System.Globalization;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.Model;

        namespace Webshop.Orders.Data;

        /// <summary>Low-level access to CustomerOrders: keys, the status GSI, the amount LSI, paging.</summary>
        public sealed class OrderRepository(IAmazonDynamoDB client)
        {
            private const string Table = TableNames.CustomerOrders;

            public Task<GetItemResponse> GetAsync(string customerId, string orderDate)
                => client.GetItemAsync(new GetItemRequest
                {
                    TableName = {|IDPDYN213:Table|},
                    Key = new() { [Attr.CustomerId] = new AttributeValue { S = customerId }, [Attr.OrderDate] = new AttributeValue { S = orderDate } },
                    ConsistentRead = true,
                });

            public Task PutAsync(string customerId, string orderDate, decimal amount)
                => client.PutItemAsync(new PutItemRequest
                {
                    TableName = {|IDPDYN213:Table|},
                    Item = new()
                    {
                        [Attr.CustomerId] = new AttributeValue { S = customerId },
                        [Attr.OrderDate] = new AttributeValue { S = orderDate },
                        [Attr.TotalAmount] = new AttributeValue { N = amount.ToString(CultureInfo.InvariantCulture) },
                        [Attr.Status] = new AttributeValue { S = "NEW" },
                        ["Note"] = new AttributeValue { S = "" },
                    },
                    ConditionExpression = "attribute_not_exists(CustomerId)",
                });

            public async Task<List<Dictionary<string, AttributeValue>>> WithStatusAsync(string status, string since)
            {
                var request = new QueryRequest
                {
                    TableName = {|IDPDYN213:Table|},
                    IndexName = IndexNames.ByStatus,
                    KeyConditionExpression = "#s = :s AND OrderDate > :since",
                    ExpressionAttributeNames = new() { ["#s"] = Attr.Status },
                    ExpressionAttributeValues = new() { [":s"] = new AttributeValue { S = status }, [":since"] = new AttributeValue { S = since } },
                };
                var items = new List<Dictionary<string, AttributeValue>>();
                QueryResponse response;
                do
                {
                    response = await client.QueryAsync(request);
                    items.AddRange(response.Items);
                    request.ExclusiveStartKey = response.LastEvaluatedKey;
                }
                while (response.LastEvaluatedKey is { Count: > 0 });
                return items;
            }

            public Task<QueryResponse> AboveAmountAsync(string customerId, decimal amount)
                => client.QueryAsync(new QueryRequest
                {
                    TableName = {|IDPDYN213:Table|},
                    IndexName = {|IDPDYN210:"AmountIndex"|},
                    KeyConditionExpression = "CustomerId = :c AND TotalAmount > :a",
                    ExpressionAttributeValues = new()
                    {
                        [":c"] = new AttributeValue { S = customerId },
                        [":a"] = new AttributeValue { N = amount.ToString(CultureInfo.InvariantCulture) },
                    },
                    ConsistentRead = true,
                });

            public Task DeleteAsync(string customerId, string orderDate)
                => client.DeleteItemAsync({|IDPDYN213:Table|}, new Dictionary<string, AttributeValue>
                {
                    [Attr.CustomerId] = new AttributeValue { S = customerId },
                    [Attr.OrderDate] = new AttributeValue { S = orderDate },
                });
        }
        """;

    private const string ProductCatalog = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.Model;

        namespace Webshop.Orders.Data;

        /// <summary>Reads the catalog service's Products table (this service may only read it).</summary>
        public sealed class ProductCatalog
        {
            private readonly IAmazonDynamoDB _client;
            private readonly string _productsTable;

            public ProductCatalog(IAmazonDynamoDB client, IOptions<DynamoOptions> options)
            {
                _client = client;
                _productsTable = options.Value.ProductsTable;
            }

            public Task<GetItemResponse> GetAsync(string sku)
                => _client.GetItemAsync(_productsTable, new Dictionary<string, AttributeValue> { ["Sku"] = new AttributeValue { S = sku } });

            public Task<GetItemResponse> GetDirectAsync(string sku)
                => _client.GetItemAsync({|IDPDYN213:"Products"|}, new Dictionary<string, AttributeValue> { ["Sku"] = new AttributeValue { S = sku } });

            public Task<BatchGetItemResponse> GetManyAsync(IEnumerable<string> skus)
                => _client.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new Dictionary<string, KeysAndAttributes>
                    {
                        [{|IDPDYN213:TableNames.Products|}] = new KeysAndAttributes
                        {
                            Keys = skus.Select(s => new Dictionary<string, AttributeValue> { ["Sku"] = new AttributeValue { S = s } }).ToList(),
                        },
                    },
                });
        }
        """;

    private const string CheckoutService = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.DataModel;
        using Amazon.DynamoDBv2.DocumentModel;
        using Amazon.DynamoDBv2.Model;

        namespace Webshop.Orders.Data;

        /// <summary>Checkout: a transaction over three tables, a batch of notifications, and the DataModel and Document APIs.</summary>
        public sealed class CheckoutService
        {
            private readonly IAmazonDynamoDB _client;
            private readonly IDynamoDBContext _context;

            public CheckoutService(IAmazonDynamoDB client, IOptions<DynamoOptions> options)
            {
                _client = client;
                _context = new DynamoDBContextBuilder()
                    .WithDynamoDBClient(() => client)
                    .ConfigureContext(c => c.TableNamePrefix = options.Value.Namespace + "-")
                    .Build();
            }

            public Task CheckoutAsync(string customerId, string orderDate, Guid orderId, string sku)
                => _client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems = new List<TransactWriteItem>
                    {
                        new()
                        {
                            Put = new Put
                            {
                                TableName = {|IDPDYN213:TableNames.CustomerOrders|},
                                Item = new() { [Attr.CustomerId] = new AttributeValue { S = customerId }, [Attr.OrderDate] = new AttributeValue { S = orderDate } },
                            },
                        },
                        new()
                        {
                            Update = new Update
                            {
                                TableName = {|IDPDYN213:TableNames.Orders|},
                                Key = new() { [{|IDPDYN210:"Id"|}] = new AttributeValue { S = orderId.ToString() } },
                                UpdateExpression = "SET #t = :t",
                                ExpressionAttributeNames = new() { ["#t"] = "Total" },
                                ExpressionAttributeValues = new() { [":t"] = new AttributeValue { N = "0" } },
                            },
                        },
                        new()
                        {
                            ConditionCheck = new ConditionCheck
                            {
                                TableName = {|IDPDYN213:TableNames.Products|},
                                Key = new() { [{|IDPDYN210:"Sku"|}] = new AttributeValue { S = sku } },
                                ConditionExpression = "attribute_exists(Sku)",
                            },
                        },
                    },
                });

            public Task NotifyAsync(Guid targetId, IEnumerable<string> messages)
            {
                var writes = new List<WriteRequest>();
                foreach (var message in messages)
                {
                    writes.Add(new WriteRequest(new PutRequest
                    {
                        Item = new() { ["targetId"] = new AttributeValue { S = targetId.ToString() }, ["id"] = new AttributeValue { S = Guid.NewGuid().ToString() }, ["text"] = new AttributeValue { S = message } },
                    }));
                }

                return _client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [{|IDPDYN213:TableNames.Notifications|}] = writes } });
            }

            public Task<CustomerOrder> LoadAsync(string customerId, string orderDate) => _context.LoadAsync<CustomerOrder>(customerId, orderDate);

            public Task<OrderSummary> SummaryAsync(Guid id) => _context.LoadAsync<OrderSummary>(id);

            public Task SaveAsync(CustomerOrder order) => _context.SaveAsync(order);

            public Task<List<CustomerOrder>> ByStatusAsync(string status)
                => _context.QueryAsync<CustomerOrder>(status, new QueryConfig { IndexName = IndexNames.ByStatus }).GetRemainingAsync();

            public Task<List<Notification>> NotificationsAsync(Guid targetId) => _context.QueryAsync<Notification>(targetId).GetRemainingAsync();

            public Task<List<Document>> LargeOrdersAsync(string customerId)
            {
                var table = new TableBuilder(_client, options().Namespace + "-" + TableNames.CustomerOrders)
                    .AddHashKey(Attr.CustomerId, DynamoDBEntryType.String)
                    .AddRangeKey(Attr.OrderDate, DynamoDBEntryType.String)
                    .AddLocalSecondaryIndex(IndexNames.ByAmount, Attr.TotalAmount, DynamoDBEntryType.Numeric)
                    .Build();
                var search = table.Query(new QueryOperationConfig
                {
                    IndexName = IndexNames.ByAmount,
                    KeyExpression = new Expression
                    {
                        ExpressionStatement = "CustomerId = :c AND TotalAmount > :a",
                        ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry> { [":c"] = customerId, [":a"] = 100 },
                    },
                });
                return search.GetRemainingAsync();

                static DynamoOptions options() => new DynamoOptions();
            }
        }
        """;

    private static string[] Sources => new[] { Configuration, Entities, OrderRepository, ProductCatalog, CheckoutService };

    [Fact]
    public async Task Every_use_is_declared_so_only_the_accessor_suggestions_and_the_logical_names_remain()
    {
        // The service names its tables by their logical names in low-level requests (TableNames.X = "X"): in the
        // cluster they are <namespace>-X, so each such request is IDPDYN213 (11); the rest are IDPDYN210 suggestions.
        // With the library's generated-code and suppression passes: marked <auto-generated>, the sources get no
        // diagnostic; under #pragma warning disable, each diagnostic is suppressed.
        var test = new AllAnalyzersTest { Options = Options, TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck };
        var run = await AnalyzerVerifier<EmptyDiagnosticAnalyzer>.RunAsync(test, Sources, new[] { (DynamoProject.ValuesPath, Yaml) }, Array.Empty<DiagnosticResult>());
        Assert.Equal(4, run.Diagnostics.Count(d => d.Id == "IDPDYN210" && d.Severity == DiagnosticSeverity.Info));
        Assert.Equal(11, run.Diagnostics.Count(d => d.Id == "IDPDYN213"));
        Assert.Equal(15, run.Diagnostics.Length);
    }

    [Fact]
    public async Task Removing_a_table_flags_exactly_its_resolvable_uses()
    {
        string withoutProducts = RemoveBlock(Yaml, "  - name: Products", "  - name: Counters");
        var run = await RunAsync(withoutProducts);

        // The options-bound name (_productsTable) is not resolvable and stays silent; the literal, the constant in
        // RequestItems and the transaction's ConditionCheck are reported. The suggestions for "Products" and "Sku"
        // go away with the table.
        Assert.Equal(
            new[]
            {
                "Test1.cs(16,16): IDPDYN210 \"Orders\"",
                "Test2.cs(17,25): IDPDYN213 Table",
                "Test2.cs(25,25): IDPDYN213 Table",
                "Test2.cs(41,25): IDPDYN213 Table",
                "Test2.cs(62,25): IDPDYN213 Table",
                "Test2.cs(63,25): IDPDYN210 \"AmountIndex\"",
                "Test2.cs(74,35): IDPDYN213 Table",
                "Test3.cs(25,33): IDPDYN201 \"Products\"",
                "Test3.cs(32,18): IDPDYN201 TableNames.Products",
                "Test4.cs(35,37): IDPDYN213 TableNames.CustomerOrders",
                "Test4.cs(43,37): IDPDYN213 TableNames.Orders",
                "Test4.cs(44,40): IDPDYN210 \"Id\"",
                "Test4.cs(54,37): IDPDYN201 TableNames.Products",
                "Test4.cs(73,96): IDPDYN213 TableNames.Notifications",
            },
            Describe(run));
    }

    [Fact]
    public async Task Removing_an_index_flags_exactly_its_resolvable_uses()
    {
        string withoutAmountIndex = RemoveBlock(Yaml, "    localSecondaryIndex:", "    globalSecondaryIndex:");
        var run = await RunAsync(withoutAmountIndex);

        // The entity's LSI attribute, the low-level query (the literal is no longer a declared name, so no suggestion)
        // and the Document-model query config. The key condition on the missing index is not judged (IDPDYN206 needs
        // the index's key schema). The TableBuilder's AddLocalSecondaryIndex is not a checked sink.
        Assert.Equal(
            new[]
            {
                "Test1.cs(11,6): IDPDYN202 DynamoDBLocalSecondaryIndexRangeKey(IndexNames.ByAmount)",
                "Test1.cs(16,16): IDPDYN210 \"Orders\"",
                "Test2.cs(17,25): IDPDYN213 Table",
                "Test2.cs(25,25): IDPDYN213 Table",
                "Test2.cs(41,25): IDPDYN213 Table",
                "Test2.cs(62,25): IDPDYN213 Table",
                "Test2.cs(63,25): IDPDYN202 \"AmountIndex\"",
                "Test2.cs(74,35): IDPDYN213 Table",
                "Test3.cs(25,33): IDPDYN213 \"Products\"",
                "Test3.cs(32,18): IDPDYN213 TableNames.Products",
                "Test4.cs(35,37): IDPDYN213 TableNames.CustomerOrders",
                "Test4.cs(43,37): IDPDYN213 TableNames.Orders",
                "Test4.cs(44,40): IDPDYN210 \"Id\"",
                "Test4.cs(54,37): IDPDYN213 TableNames.Products",
                "Test4.cs(55,40): IDPDYN210 \"Sku\"",
                "Test4.cs(73,96): IDPDYN213 TableNames.Notifications",
                "Test4.cs(96,25): IDPDYN202 IndexNames.ByAmount",
            },
            Describe(run));
    }

    [Fact]
    public async Task A_read_only_role_flags_the_writes()
    {
        // The same service with a role that may only read CustomerOrders: every resolvable write is flagged (the
        // DataModel SaveAsync<CustomerOrder> is not: DataModel calls are not table sinks for this rule).
        string readOnlyOrders = Yaml.Replace(
            "    serviceAccountReadRoles: [\"orders-api-webshop-test\"]\n    serviceAccountWriteRoles: [\"orders-api-webshop-test\"]\n\n  - name: Orders",
            "    serviceAccountReadRoles: [\"orders-api-webshop-test\"]\n    serviceAccountWriteRoles: [\"catalog-api-webshop-test\"]\n\n  - name: Orders",
            StringComparison.Ordinal);
        Assert.NotEqual(Yaml, readOnlyOrders);
        var run = await RunAsync(readOnlyOrders);
        var writes = Describe(run).Where(d => d.Contains("IDPDYN207", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            new[]
            {
                "Test2.cs(25,25): IDPDYN207 Table",                      // PutItemRequest
                "Test2.cs(74,35): IDPDYN207 Table",                      // DeleteItemAsync
                "Test4.cs(35,37): IDPDYN207 TableNames.CustomerOrders",  // the transaction's Put
            },
            writes);
    }

    /// <summary>
    /// Analyzers must stay cheap: the service copied 40 times (200 files, about 9,000 lines) with every
    /// analyzer on. Prints, does not assert: timings depend on the machine.
    /// </summary>
    [Fact]
    public async Task Analyzer_time_on_a_large_compilation()
    {
        var sources = Enumerable.Range(0, 40)
            .SelectMany(n => Sources.Select(s => s.Replace("namespace Webshop.Orders.Data;", $"namespace Webshop.Orders.Data{n};", StringComparison.Ordinal)))
            .ToList();
        int lines = sources.Sum(s => AnalyzerRunner.StripMarkup(s).Split('\n').Length);
        for (int pass = 1; pass <= 2; pass++)
        {
            // Pass 1 includes JIT compilation of the analyzers; pass 2 is the steady state of a long-lived compiler server.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var run = await AnalyzerRunner.RunAsync(DynamoProject.AllAnalyzers(), sources, new[] { (DynamoProject.ValuesPath, Yaml) }, Options);
            watch.Stop();
            Assert.Equal(40 * 15, run.Diagnostics.Length);
            var compileWatch = System.Diagnostics.Stopwatch.StartNew();
            _ = run.Compilation.Clone().GetDiagnostics();   // a clone binds everything again
            compileWatch.Stop();
            output.WriteLine($"pass {pass}: {sources.Count} files, {lines} lines; compile + generator + analyzers {watch.ElapsedMilliseconds} ms wall clock; compiler diagnostics alone {compileWatch.ElapsedMilliseconds} ms");
            output.WriteLine($"pass {pass}: analyzer execution time (summed over threads): {run.Telemetry.Values.Sum(t => t.ExecutionTime.TotalMilliseconds):F1} ms");
            PrintTimings(run);
        }
    }

    /// <summary>The repository's own sample service (samples/Webshop.Orders, both environments) has nothing to report.</summary>
    [Fact]
    public async Task The_sample_service_is_clean()
    {
        string samples = System.IO.Path.Combine(IdpDynamo.Tests.RepositoryRoot.Path, "samples");
        const string implicitUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\nglobal using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";
        var sources = new[] { implicitUsings }
            .Concat(System.IO.Directory.GetFiles(System.IO.Path.Combine(samples, "Webshop.Orders"), "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(System.IO.File.ReadAllText))
            .ToList();
        var values = new[] { "webshop-prod", "webshop-test" }
            .Select(ns => ($"/repo/apps/{ns}/orders/dynamodb/values.yaml", System.IO.File.ReadAllText(System.IO.Path.Combine(samples, "apps", ns, "orders", "dynamodb", "values.yaml"))))
            .ToArray();
        var run = await AnalyzerRunner.RunAsync(DynamoProject.AllAnalyzers(), sources, values, Options with { Executable = true });
        Assert.Empty(Describe(run));
    }

    private static Task<AnalyzerRun> RunAsync(string yaml)
    {
        return AnalyzerRunner.RunAsync(DynamoProject.AllAnalyzers(), Sources, new[] { (DynamoProject.ValuesPath, yaml) }, Options);
    }

    /// <summary>Each diagnostic as <c>File(line,col): ID text-of-the-span</c>, sorted.</summary>
    private List<string> Describe(AnalyzerRun run)
    {
        var lines = run.Diagnostics
            .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Id} {d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)}";
            })
            .ToList();
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        return lines;
    }

    /// <summary>Removes the lines from the one starting with <paramref name="from"/> up to (not including) <paramref name="to"/>.</summary>
    private static string RemoveBlock(string yaml, string from, string to)
    {
        int start = yaml.IndexOf("\n" + from, StringComparison.Ordinal) + 1;
        int end = yaml.IndexOf("\n" + to, start, StringComparison.Ordinal) + 1;
        Assert.True(start > 0 && end > start, $"'{from}' … '{to}' not found");
        return yaml.Remove(start, end - start);
    }

    private void PrintTimings(AnalyzerRun run)
    {
        foreach (var (analyzer, info) in run.Telemetry.OrderByDescending(t => t.Value.ExecutionTime))
        {
            output.WriteLine($"{analyzer.GetType().Name,-32} {info.ExecutionTime.TotalMilliseconds,8:F1} ms  ({info.OperationActionsCount} operation, {info.SymbolActionsCount} symbol actions)");
        }
    }
}
