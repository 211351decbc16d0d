using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// The realistic service's block of requests put together over several statements (LocalFlow) and named the way
/// production repositories name them (a <c>_prefix</c> field that ends in '-' and table-name constants): a sixth file,
/// Test5.cs, next to the service's five. With everything declared it adds no diagnostic; renaming a key or removing an
/// index or a table in the values file flags exactly its resolvable uses in this file, and the silent shapes (a key
/// changed in a branch, a request handed to a helper, a table from a parameter) stay silent.
/// </summary>
public partial class RealisticServiceTests
{
    private const string FlowShapes = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.Model;

        namespace Webshop.Orders.Data;

        /// <summary>Fulfilment: requests built over several statements, tables named by the namespace prefix.</summary>
        public sealed class FulfilmentStore(IAmazonDynamoDB client, string @namespace)
        {
            private const string OrdersTable = "Orders";
            private const string OrderId = "Id";
            private const string Sku = "Sku";
            private readonly string _prefix = @namespace + "-";

            public Task<GetItemResponse> OrderAsync(string id)
                => client.GetItemAsync(new GetItemRequest
                {
                    TableName = $"{_prefix}{OrdersTable}",
                    Key = new Dictionary<string, AttributeValue> { [OrderId] = new AttributeValue { S = id } },
                });

            public async Task<GetItemResponse> CustomerOrderAsync(string customerId, string orderDate)
            {
                var key = new Dictionary<string, AttributeValue> { [Attr.CustomerId] = new AttributeValue { S = customerId } };
                key[Attr.OrderDate] = new AttributeValue { S = orderDate };
                return await client.GetItemAsync(new GetItemRequest { TableName = _prefix + TableNames.CustomerOrders, Key = key });
            }

            public async Task CancelAsync(string id)
            {
                var key = new Dictionary<string, AttributeValue>();
                key.Add(OrderId, new AttributeValue { S = id });
                var request = new DeleteItemRequest();
                request.TableName = _prefix + OrdersTable;
                request.Key = key;
                await client.DeleteItemAsync(request);
            }

            public async Task AddAsync(string customerId, string orderDate)
            {
                var item = new Dictionary<string, AttributeValue>();
                item[Attr.CustomerId] = new AttributeValue { S = customerId };
                item[Attr.OrderDate] = new AttributeValue { S = orderDate };
                var request = new PutItemRequest { Item = item };
                request.TableName = $"{_prefix}{TableNames.CustomerOrders}";
                await client.PutItemAsync(request);
            }

            public async Task<QueryResponse> WithStatusAsync(string status)
            {
                var names = new Dictionary<string, string>();
                names.Add("#s", Attr.Status);
                var values = new Dictionary<string, AttributeValue>();
                values.Add(":s", new AttributeValue { S = status });
                var request = new QueryRequest { TableName = $"{_prefix}{TableNames.CustomerOrders}" };
                request.IndexName = IndexNames.ByStatus;
                request.KeyConditionExpression = "#s = :s";
                request.ExpressionAttributeNames = names;
                request.ExpressionAttributeValues = values;
                return await client.QueryAsync(request);
            }

            /// <summary>The AWS documentation's BatchGetItem loop: what DynamoDB did not process is sent again.</summary>
            public async Task<List<Dictionary<string, AttributeValue>>> TwoProductsAsync(string first, string second)
            {
                var request = new BatchGetItemRequest
                {
                    RequestItems = new Dictionary<string, KeysAndAttributes>
                    {
                        [_prefix + TableNames.Products] = new KeysAndAttributes
                        {
                            Keys = new List<Dictionary<string, AttributeValue>>
                            {
                                new() { [Sku] = new AttributeValue { S = first } },
                                new() { [Sku] = new AttributeValue { S = second } },
                            },
                        },
                    },
                };
                var items = new List<Dictionary<string, AttributeValue>>();
                BatchGetItemResponse response;
                do
                {
                    response = await client.BatchGetItemAsync(request);
                    foreach (var table in response.Responses.Values)
                    {
                        items.AddRange(table);
                    }

                    request.RequestItems = response.UnprocessedKeys;
                }
                while (response.UnprocessedKeys.Count > 0);
                return items;
            }

            // ---- silent whatever the values file says: not followable

            public async Task<GetItemResponse> MaybeDatedAsync(string customerId, string? orderDate)
            {
                var key = new Dictionary<string, AttributeValue> { [Attr.CustomerId] = new AttributeValue { S = customerId } };
                if (orderDate is not null)
                {
                    key[Attr.OrderDate] = new AttributeValue { S = orderDate };
                }

                return await client.GetItemAsync(_prefix + TableNames.CustomerOrders, key);
            }

            public async Task<QueryResponse> AboveAmountAsync(string customerId, decimal amount)
            {
                var request = new QueryRequest { TableName = _prefix + TableNames.CustomerOrders };
                request.KeyConditionExpression = "CustomerId = :c AND TotalAmount > :a";
                OnAmountIndex(request, customerId, amount);
                return await client.QueryAsync(request);
            }

            private static void OnAmountIndex(QueryRequest request, string customerId, decimal amount)
            {
                request.IndexName = IndexNames.ByAmount;
                request.ExpressionAttributeValues = new()
                {
                    [":c"] = new AttributeValue { S = customerId },
                    [":a"] = new AttributeValue { N = amount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                };
            }

            public Task<GetItemResponse> FromAsync(string table, string id)
            {
                var key = new Dictionary<string, AttributeValue>();
                key[OrderId] = new AttributeValue { S = id };
                return client.GetItemAsync(table, key);
            }
        }
        """;

    [Fact]
    public async Task Requests_built_over_several_statements_add_nothing_when_everything_is_declared()
    {
        var run = await RunWithFlowAsync(Yaml);
        Assert.Empty(DescribeFlow(run));

        // The service's own five files report what they did without this block.
        Assert.Equal(15, run.Diagnostics.Length);
    }

    [Fact]
    public async Task Renaming_a_hash_key_flags_the_keys_built_over_statements_and_named_by_the_prefix()
    {
        string renamed = Rename(Yaml, "    hashKey: Id\n    attributes:\n      - name: Id\n", "    hashKey: OrderId\n    attributes:\n      - name: OrderId\n");
        var run = await RunWithFlowAsync(renamed);

        // The inline key of $"{_prefix}{OrdersTable}" and the local key filled by Add; the key from a parameter's table is not judged.
        Assert.Equal(
            new[]
            {
                "Test5.cs(20,19): IDPDYN205 new Dictionary<string, AttributeValue> { [OrderId] = new AttributeValue { S = id } }",
                "Test5.cs(36,23): IDPDYN205 key",
            },
            DescribeFlow(run));
    }

    [Fact]
    public async Task Renaming_the_batch_tables_key_flags_the_keys_of_the_retry_loop()
    {
        string renamed = Rename(Yaml, "    hashKey: Sku\n    attributes:\n      - name: Sku\n", "    hashKey: ProductSku\n    attributes:\n      - name: ProductSku\n");
        var run = await RunWithFlowAsync(renamed);
        Assert.Equal(
            new[]
            {
                "Test5.cs(75,25): IDPDYN205 new() { [Sku] = new AttributeValue { S = first } }",
                "Test5.cs(76,25): IDPDYN205 new() { [Sku] = new AttributeValue { S = second } }",
            },
            DescribeFlow(run));
    }

    [Fact]
    public async Task Removing_an_index_flags_the_index_assigned_in_a_later_statement()
    {
        // The index the helper sets (OnAmountIndex) is not the request's to judge; the status query's is.
        var run = await RunWithFlowAsync(RemoveBlock(Yaml, "    globalSecondaryIndex:", "    serviceAccountReadRoles: [\"orders-api-webshop-test\"]\n    serviceAccountWriteRoles: [\"orders-api-webshop-test\"]\n\n  - name: Orders"));
        Assert.Equal(new[] { "Test5.cs(57,29): IDPDYN202 IndexNames.ByStatus" }, DescribeFlow(run));
    }

    [Fact]
    public async Task Removing_a_table_flags_its_prefixed_names()
    {
        var run = await RunWithFlowAsync(RemoveBlock(Yaml, "  - name: Products", "  - name: Counters"));
        Assert.Equal(new[] { "Test5.cs(71,18): IDPDYN201 _prefix + TableNames.Products" }, DescribeFlow(run));
    }

    [Fact]
    public async Task A_read_only_role_flags_the_write_completed_in_a_later_statement()
    {
        string readOnlyOrders = Rename(
            Yaml,
            "    serviceAccountReadRoles: [\"orders-api-webshop-test\"]\n    serviceAccountWriteRoles: [\"orders-api-webshop-test\"]\n\n  - name: Orders",
            "    serviceAccountReadRoles: [\"orders-api-webshop-test\"]\n    serviceAccountWriteRoles: [\"catalog-api-webshop-test\"]\n\n  - name: Orders");
        var run = await RunWithFlowAsync(readOnlyOrders);
        Assert.Equal(new[] { "Test5.cs(46,29): IDPDYN207 $\"{_prefix}{TableNames.CustomerOrders}\"" }, DescribeFlow(run));
    }

    private static Task<AnalyzerRun> RunWithFlowAsync(string yaml)
        => AnalyzerRunner.RunAsync(DynamoProject.AllAnalyzers(), Sources.Append(FlowShapes).ToArray(), new[] { (DynamoProject.ValuesPath, yaml) }, Options);

    /// <summary>The diagnostics of the flow block (Test5.cs) only, as <see cref="Describe"/> writes them.</summary>
    private List<string> DescribeFlow(AnalyzerRun run)
        => Describe(run).Where(d => d.StartsWith("Test5.cs(", StringComparison.Ordinal)).ToList();

    private static string Rename(string yaml, string from, string to)
    {
        Assert.Contains(from, yaml, StringComparison.Ordinal);
        return yaml.Replace(from, to, StringComparison.Ordinal);
    }
}
