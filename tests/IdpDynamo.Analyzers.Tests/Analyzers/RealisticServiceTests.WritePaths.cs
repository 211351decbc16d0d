using System;
using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// The realistic service grown by one more file, <see cref="OrderMaintenance"/>: PartiQL statements (literal and
/// interpolated with the namespace from options; ExecuteStatement, BatchExecuteStatement, ExecuteTransaction) and the
/// write paths that name no table at the call (DataModel Delete/batch writes of an entity, Document-model writes of a
/// table from GetTargetTable or a TableBuilder). The checks look only at this file's diagnostics, so the rest of the
/// service can change without touching them; adding the file adds no diagnostic anywhere.
/// </summary>
public partial class RealisticServiceTests
{
    private const string OrderMaintenance = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.DataModel;
        using Amazon.DynamoDBv2.DocumentModel;
        using Amazon.DynamoDBv2.Model;

        namespace Webshop.Orders.Data;

        public sealed class OrderMaintenance
        {
            private readonly IAmazonDynamoDB _client;
            private readonly IDynamoDBContext _context;
            private readonly ITable _customerOrders;
            private readonly string _ns;

            public OrderMaintenance(IAmazonDynamoDB client, IDynamoDBContext context, IOptions<DynamoOptions> options)
            {
                _client = client;
                _context = context;
                _ns = options.Value.Namespace;
                _customerOrders = context.GetTargetTable<CustomerOrder>();
            }

            public Task<ExecuteStatementResponse> ByStatusAsync(string status) => _client.ExecuteStatementAsync(new ExecuteStatementRequest
            {
                Statement = "SELECT * FROM \"webshop-test-CustomerOrders\".\"StatusIndex\" WHERE Status = ?",
                Parameters = new List<AttributeValue> { new() { S = status } },
            });

            public Task<ExecuteStatementResponse> LargeOrdersAsync(string customerId) => _client.ExecuteStatementAsync(new ExecuteStatementRequest
            {
                Statement = $"SELECT * FROM \"{_ns}-CustomerOrders\".\"AmountIndex\" WHERE CustomerId = ? AND TotalAmount > 100",
                Parameters = new List<AttributeValue> { new() { S = customerId } },
            });

            public Task CancelAsync(string customerId, string orderDate) => _client.ExecuteStatementAsync(new ExecuteStatementRequest
            {
                Statement = "UPDATE \"webshop-test-CustomerOrders\" SET Status = 'CANCELLED' WHERE CustomerId = ? AND OrderDate = ?",
                Parameters = new List<AttributeValue> { new() { S = customerId }, new() { S = orderDate } },
            });

            public Task ArchiveAsync(string customerId, string orderDate, string sku) => _client.ExecuteTransactionAsync(new ExecuteTransactionRequest
            {
                TransactStatements = new List<ParameterizedStatement>
                {
                    new() { Statement = $"EXISTS(SELECT * FROM \"{_ns}-Products\" WHERE Sku = ?)", Parameters = new List<AttributeValue> { new() { S = sku } } },
                    new() { Statement = $"DELETE FROM \"{_ns}-CustomerOrders\" WHERE CustomerId = ? AND OrderDate = ?", Parameters = new List<AttributeValue> { new() { S = customerId }, new() { S = orderDate } } },
                    new() { Statement = $"INSERT INTO \"{_ns}-Orders\" VALUE {{'Id': ?}}", Parameters = new List<AttributeValue> { new() { S = customerId + orderDate } } },
                },
            });

            public Task<BatchExecuteStatementResponse> ProductsAsync(string first, string second) => _client.BatchExecuteStatementAsync(new BatchExecuteStatementRequest
            {
                Statements = new List<BatchStatementRequest>
                {
                    new() { Statement = "SELECT * FROM \"webshop-test-Products\" WHERE Sku = ?", Parameters = new List<AttributeValue> { new() { S = first } } },
                    new() { Statement = "SELECT * FROM \"webshop-test-Products\" WHERE Sku = ?", Parameters = new List<AttributeValue> { new() { S = second } } },
                },
            });

            public Task RemoveAsync(string customerId, string orderDate) => _context.DeleteAsync<CustomerOrder>(customerId, orderDate);

            public Task ImportAsync(IEnumerable<CustomerOrder> orders)
            {
                var batch = _context.CreateBatchWrite<CustomerOrder>();
                batch.AddPutItems(orders);
                return batch.ExecuteAsync();
            }

            public Task SaveSummaryAsync(OrderSummary summary) => _context.SaveAsync(summary);

            public Task PutAsync(Document order) => _customerOrders.PutItemAsync(order);

            public Task<Document> GetAsync(string customerId, string orderDate) => _customerOrders.GetItemAsync(customerId, orderDate);

            public Task TouchAsync(Document summary)
            {
                var orders = new TableBuilder(_client, $"{_ns}-Orders").AddHashKey("Id", DynamoDBEntryType.String).Build();
                return orders.UpdateItemAsync(summary);
            }
        }
        """;

    private static string[] SourcesWithWritePaths => Sources.Append(OrderMaintenance).ToArray();

    /// <summary>The file name of <see cref="OrderMaintenance"/> in a run of <see cref="SourcesWithWritePaths"/>.</summary>
    private static string WritePathsFile => $"Test{Sources.Length}.cs";

    private Task<AnalyzerRun> RunWithWritePathsAsync(string yaml)
        => AnalyzerRunner.RunAsync(DynamoProject.AllAnalyzers(), SourcesWithWritePaths, new[] { (DynamoProject.ValuesPath, yaml) }, Options);

    private System.Collections.Generic.List<string> InWritePaths(AnalyzerRun run)
        => Describe(run).Where(d => d.StartsWith(WritePathsFile + "(", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Write_paths_every_use_declared_adds_no_diagnostic()
    {
        var without = await RunAsync(Yaml);
        var with = await RunWithWritePathsAsync(Yaml);
        Assert.Empty(InWritePaths(with));
        Assert.Equal(Describe(without), Describe(with));
    }

    [Fact]
    public async Task Write_paths_removing_a_table_flags_exactly_its_resolvable_uses()
    {
        // The transaction's condition (an interpolation: the whole value) and the batch's two literal statements
        // (the name inside each literal).
        var withoutProducts = await RunWithWritePathsAsync(RemoveBlock(Yaml, "  - name: Products", "  - name: Counters"));
        Assert.Equal(
            new[]
            {
                WritePathsFile + "(47,33): IDPDYN201 $\"EXISTS(SELECT * FROM \\\"{_ns}-Products\\\" WHERE Sku = ?)\"",
                WritePathsFile + "(57,50): IDPDYN201 webshop-test-Products",
                WritePathsFile + "(58,50): IDPDYN201 webshop-test-Products",
            },
            InWritePaths(withoutProducts));

        // The transaction's INSERT and the TableBuilder; SaveAsync(summary) is reported on OrderSummary's
        // [DynamoDBTable], in the entities' file.
        var withoutOrders = await RunWithWritePathsAsync(RemoveBlock(Yaml, "  - name: Orders", "  - name: Products"));
        Assert.Equal(
            new[]
            {
                WritePathsFile + "(49,33): IDPDYN201 $\"INSERT INTO \\\"{_ns}-Orders\\\" VALUE {{'Id': ?}}\"",
                WritePathsFile + "(79,48): IDPDYN201 $\"{_ns}-Orders\"",
            },
            InWritePaths(withoutOrders));
    }

    [Fact]
    public async Task Write_paths_removing_an_index_flags_exactly_its_resolvable_uses()
    {
        var run = await RunWithWritePathsAsync(RemoveBlock(Yaml, "    localSecondaryIndex:", "    globalSecondaryIndex:"));
        Assert.Equal(
            new[] { WritePathsFile + "(33,21): IDPDYN202 $\"SELECT * FROM \\\"{_ns}-CustomerOrders\\\".\\\"AmountIndex\\\" WHERE CustomerId = ? AND TotalAmount > 100\"" },
            InWritePaths(run));
    }

    [Fact]
    public async Task Write_paths_a_read_only_role_flags_exactly_the_writes()
    {
        string readOnlyOrders = Yaml.Replace(
            "    serviceAccountReadRoles: [\"orders-api-webshop-test\"]\n    serviceAccountWriteRoles: [\"orders-api-webshop-test\"]\n\n  - name: Orders",
            "    serviceAccountReadRoles: [\"orders-api-webshop-test\"]\n    serviceAccountWriteRoles: [\"catalog-api-webshop-test\"]\n\n  - name: Orders",
            StringComparison.Ordinal);
        Assert.NotEqual(Yaml, readOnlyOrders);
        var run = await RunWithWritePathsAsync(readOnlyOrders);
        Assert.Equal(
            new[]
            {
                WritePathsFile + "(39,31): IDPDYN207 webshop-test-CustomerOrders",                                                           // UPDATE
                WritePathsFile + "(48,33): IDPDYN207 $\"DELETE FROM \\\"{_ns}-CustomerOrders\\\" WHERE CustomerId = ? AND OrderDate = ?\"", // DELETE
                WritePathsFile + "(62,78): IDPDYN207 DeleteAsync<CustomerOrder>",
                WritePathsFile + "(66,30): IDPDYN207 CreateBatchWrite<CustomerOrder>",
                WritePathsFile + "(73,61): IDPDYN207 PutItemAsync",
            },
            InWritePaths(run));
    }
}
