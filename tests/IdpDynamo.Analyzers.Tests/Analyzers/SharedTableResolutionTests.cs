using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// Every check that needs the table (key dictionary, key condition, index, projection, expression keys, access) uses
/// the one resolution of DynamoCatalog.Resolve: a generated accessor, an exact name or ARN, or a constant tail after a
/// head that ends in '-' (<c>$"{_prefix}{OrdersTable}"</c> with <c>_prefix = @namespace + "-"</c>) when it names
/// exactly one declared table. A tail that several tables share (<c>"Orders"</c> ends CustomerOrders too) leaves the
/// table unknown: only IDPDYN201 looks at it.
/// </summary>
public class SharedTableResolutionTests
{
    /// <summary>The most common shape of a production repository: a namespace prefix field and table-name constants.</summary>
    private static string Store(string members) => Usings + "\n" + $$"""
        sealed class OrderStore(IAmazonDynamoDB client, string @namespace)
        {
            private const string OrdersTable = "Orders";
            private readonly string _prefix = @namespace + "-";

        {{members}}
        }
        """;

    [Fact]
    public async Task The_key_of_a_request_named_by_prefix_and_constant_is_checked()
    {
        var run = await AnalyzerVerifier<KeyDictionaryAnalyzer>.VerifyAnalyzerAsync(Store("""
                public Task<GetItemResponse> Get(string id) => client.GetItemAsync(new GetItemRequest
                {
                    TableName = $"{_prefix}{OrdersTable}",
                    Key = [|new Dictionary<string, AttributeValue> { ["OrderId"] = new AttributeValue { S = id } }|],
                });

                public Task<GetItemResponse> GetRight(string id) => client.GetItemAsync(new GetItemRequest
                {
                    TableName = _prefix + OrdersTable,
                    Key = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } },
                });
            """), Yaml);
        Assert.Equal("The key of table 'Orders' is (Id) but this dictionary has (OrderId): missing Id; not a key: OrderId", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task Batch_items_an_arn_and_a_client_overload_named_by_a_tail_are_checked() => AnalyzerVerifier<KeyDictionaryAnalyzer>.VerifyAnalyzerAsync(Store("""
            public async Task Run(string id)
            {
                await client.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new Dictionary<string, KeysAndAttributes>
                    {
                        [$"{_prefix}Orders"] = new KeysAndAttributes
                        {
                            Keys = new List<Dictionary<string, AttributeValue>> { [|new Dictionary<string, AttributeValue> { ["OrderId"] = new AttributeValue { S = id } }|] },
                        },
                    },
                });
                await client.DeleteItemAsync($"{@namespace}-CustomerOrders", [|new Dictionary<string, AttributeValue> { ["CustomerId"] = new AttributeValue { S = id } }|]);
                await client.GetItemAsync(new GetItemRequest
                {
                    TableName = "arn:aws:dynamodb:eu-west-1:123456789012:table/webshop-test-Orders",
                    Key = [|new() { ["OrderId"] = new AttributeValue { S = id } }|],
                });
            }
        """), Yaml);

    [Fact]
    public Task A_tail_several_tables_share_is_left_to_IDPDYN201() => AllAnalyzersVerifier.VerifyAnalyzerAsync(
        new[]
        {
            Store("""
                public async Task Run(string id, string prefix)
                {
                    // "Orders" is the end of "CustomerOrders" too: the table is not known, its keys are not judged.
                    await client.GetItemAsync(new GetItemRequest
                    {
                        TableName = prefix + OrdersTable,
                        Key = new Dictionary<string, AttributeValue> { ["OrderId"] = new AttributeValue { S = id } },
                    });
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = $"{prefix}Orders",
                        KeyConditionExpression = "OrderId = :id",
                        ExpressionAttributeValues = new() { [":id"] = new AttributeValue { S = id } },
                    });

                    // A tail no table fits is IDPDYN201's alone.
                    await client.GetItemAsync(new GetItemRequest
                    {
                        TableName = {|IDPDYN201:$"{_prefix}Ordrs"|},
                        Key = new Dictionary<string, AttributeValue> { ["OrderId"] = new AttributeValue { S = id } },
                    });
                }
            """),
        },
        new[] { (DynamoProject.ValuesPath, Yaml) });

    /// <summary>Orders and Archive-Orders: "-Orders" ends both rendered names, "-Archive-Orders" may be Orders in a namespace ending "-Archive".</summary>
    private const string DashedYaml = """
        managementPolicies: Control
        tables:
          - name: Orders
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST
          - name: Archive-Orders
            hashKey: OrderId
            attributes:
              - name: OrderId
                type: 'S'
            billingMode: PAY_PER_REQUEST
        """;

    [Fact]
    public Task A_dashed_tail_two_tables_fit_leaves_the_keys_unjudged() => AnalyzerVerifier<KeyDictionaryAnalyzer>.VerifyAnalyzerAsync(Store("""
            public async Task Run(string id)
            {
                await client.GetItemAsync($"{_prefix}Orders", new Dictionary<string, AttributeValue> { ["OrderId"] = new AttributeValue { S = id } });
                await client.GetItemAsync($"{_prefix}Archive-Orders", new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } });
                await client.GetItemAsync("webshop-test-Archive-Orders", [|new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } }|]);
            }
        """), DashedYaml);

    [Fact]
    public async Task The_index_of_a_request_named_by_a_tail_is_checked_against_that_table()
    {
        var run = await AnalyzerVerifier<UnknownIndexAnalyzer>.VerifyAnalyzerAsync(Store("""
                public async Task Run()
                {
                    await client.QueryAsync(new QueryRequest { TableName = $"{_prefix}CustomerOrders", IndexName = "StatusIndex" });
                    await client.QueryAsync(new QueryRequest { TableName = _prefix + OrdersTable, IndexName = [|"StatusIndex"|] });
                }
            """), Yaml);
        Assert.Equal("Index 'StatusIndex' is not declared on table 'Orders'", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task The_key_condition_of_a_request_named_by_a_tail_is_checked()
    {
        var run = await AnalyzerVerifier<KeyConditionAnalyzer>.VerifyAnalyzerAsync(Store("""
                public async Task Run()
                {
                    await client.QueryAsync(new QueryRequest { TableName = $"{_prefix}{OrdersTable}", KeyConditionExpression = [|"OrderId = :id"|] });
                    await client.QueryAsync(new QueryRequest { TableName = $"{_prefix}{OrdersTable}", KeyConditionExpression = "Id = :id" });
                }
            """), Yaml);
        Assert.StartsWith("The key condition tests 'OrderId', which is not a key of table 'Orders'", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task Expression_and_projection_checks_use_the_tail_table() => AnalyzerVerifier<RequestExpressionAnalyzer>.VerifyAnalyzerAsync(Store("""
            public async Task Run()
            {
                await client.QueryAsync(new QueryRequest
                {
                    TableName = $"{_prefix}CustomerOrders",
                    KeyConditionExpression = "CustomerId = :c",
                    FilterExpression = "{|IDPDYN212:OrderDate|} > :c",
                    ExpressionAttributeValues = new() { [":c"] = new AttributeValue("x") },
                });
                await client.QueryAsync(new QueryRequest
                {
                    TableName = $"{_prefix}CustomerOrders",
                    IndexName = "AmountIndex",
                    KeyConditionExpression = "CustomerId = :c",
                    ProjectionExpression = "CustomerId, {|IDPDYN209:Note|}",
                    ExpressionAttributeValues = new() { [":c"] = new AttributeValue("x") },
                });
            }
        """), Yaml);

    [Fact]
    public Task The_access_of_a_write_named_by_a_tail_is_checked() => AnalyzerVerifier<AccessAnalyzer>.VerifyAnalyzerAsync(Store("""
            public async Task Run(string sku)
            {
                await client.GetItemAsync(_prefix + "Products", new Dictionary<string, AttributeValue> { ["Sku"] = new AttributeValue { S = sku } });
                await client.PutItemAsync(new PutItemRequest
                {
                    TableName = [|_prefix + "Products"|],
                    Item = new() { ["Sku"] = new AttributeValue { S = sku } },
                });
                await client.GetItemAsync([|$"{_prefix}Counters"|], new Dictionary<string, AttributeValue>());
                await client.PutItemAsync(new PutItemRequest { TableName = "x" + sku + "Products", Item = new() });
            }
        """), Yaml, new VerifyOptions { ServiceRole = ServiceRole });
}
