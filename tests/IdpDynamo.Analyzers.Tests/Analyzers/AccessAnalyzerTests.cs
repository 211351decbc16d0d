using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Infrastructure;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.AccessAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN207: the service role (IdpDynamoServiceRole, here <c>orders-api-&lt;ns&gt;</c>) may only read Products and
/// has no access at all to Counters; CustomerOrders, Orders and Notifications it may read and write.
/// </summary>
public class AccessAnalyzerTests
{
    private static readonly VerifyOptions WithRole = new() { ServiceRole = ServiceRole };

    private static Task<AnalyzerTestRun> Verify(string body, VerifyOptions? options = null)
        => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + body, Yaml, options ?? WithRole);

    [Fact]
    public async Task Writes_to_a_read_only_table()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item)
                {
                    await client.PutItemAsync([|"Products"|], item);
                    await client.PutItemAsync(new PutItemRequest { TableName = [|"Products"|], Item = item });
                    await client.UpdateItemAsync(new UpdateItemRequest { TableName = [|"webshop-test-Products"|], Key = item });
                    await client.DeleteItemAsync(new DeleteItemRequest([|"Products"|], item));
                    await client.GetItemAsync("Products", item);
                    await client.QueryAsync(new QueryRequest { TableName = "Products" });
                    await client.ScanAsync(new ScanRequest("Products"));
                    await client.PutItemAsync("CustomerOrders", item);
                }
            }
            """);
        Assert.Equal(
            "Role 'orders-api-webshop-test' may only read table 'Products' (apps/webshop-test/orders/dynamodb/values.yaml:41 lists it in serviceAccountReadRoles, not serviceAccountWriteRoles); this write is denied",
            run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).First().GetMessage());
    }

    [Fact]
    public async Task Any_use_of_a_table_without_access()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
                {
                    await client.GetItemAsync([|"Counters"|], key);
                    await client.QueryAsync(new QueryRequest { TableName = [|"Counters"|] });
                }
            }
            """);
        Assert.Equal(
            "Role 'orders-api-webshop-test' has no access to table 'Counters' (apps/webshop-test/orders/dynamodb/values.yaml:50 lists neither it in serviceAccountReadRoles nor in serviceAccountWriteRoles); this call is denied",
            run.Diagnostics.First().GetMessage());
    }

    [Fact]
    public Task Batches_and_transactions() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, KeysAndAttributes keys, List<WriteRequest> writes)
            {
                await client.BatchGetItemAsync(new Dictionary<string, KeysAndAttributes> { ["Products"] = keys, [[|"Counters"|]] = keys });
                await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [[|"Products"|]] = writes, ["Orders"] = writes } });
                await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems = new List<TransactWriteItem>
                    {
                        new() { Put = new Put { TableName = "Orders", Item = key } },
                        new() { ConditionCheck = new ConditionCheck { TableName = "Products", Key = key, ConditionExpression = "attribute_exists(Sku)" } },
                        new() { Update = new Update { TableName = [|"Products"|], Key = key, UpdateExpression = "SET Stock = Stock - :one" } },
                    },
                });
                await client.TransactGetItemsAsync(new TransactGetItemsRequest
                {
                    TransactItems = new List<TransactGetItem> { new() { Get = new Get { TableName = "Products", Key = key } } },
                });
            }
        }
        """);

    [Fact]
    public Task DataModel_and_Document_model() => Verify("""
        class Repo
        {
            #pragma warning disable CS0618
            async Task Run(IDynamoDBContext context, IAmazonDynamoDB client)
            {
                await context.SaveAsync(new Product(), new SaveConfig { OverrideTableName = [|"Products"|] });
                await context.DeleteAsync(new Product(), new DeleteConfig { OverrideTableName = [|"Products"|] });
                await context.LoadAsync<Product>("sku", new LoadConfig { OverrideTableName = "Products" });
                _ = new TableBuilder(client, "Products").AddHashKey("Sku", DynamoDBEntryType.String).Build();
                _ = Table.LoadTable(client, [|"Counters"|]);
            }
        }

        [DynamoDBTable("Products")]
        public class Product { [DynamoDBHashKey] public string Sku { get; set; } = ""; }
        """);

    [Fact]
    public Task Table_management_and_unresolved_names_are_silent() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string table, Dictionary<string, AttributeValue> item)
            {
                await client.DescribeTableAsync("Counters");
                await client.PutItemAsync(table, item);
                await client.PutItemAsync("NotDeclared", item);
            }
        }
        """);

    [Fact]
    public Task Nothing_without_a_service_role() => Verify("""
        class Repo
        {
            Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item) => client.PutItemAsync("Products", item);
        }
        """, VerifyOptions.Default);

    [Fact]
    public Task A_fixed_role_name_works_like_the_placeholder_in_one_environment() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item)
            {
                await client.PutItemAsync([|"Products"|], item);
                await client.PutItemAsync("Orders", item);
            }
        }
        """, new VerifyOptions { ServiceRole = "orders-api-webshop-test" });

    [Fact]
    public Task Role_names_compare_case_insensitively() => Verify("""
        class Repo
        {
            Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item) => client.PutItemAsync("Orders", item);
        }
        """, new VerifyOptions { ServiceRole = "Orders-API-<ns>" });

    private const string TestFile = """
        managementPolicies: Control
        tables:
          - name: Ledger
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]
        """;

    private const string ProdFile = """
        managementPolicies: Control
        tables:
          - name: Ledger
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-prod"]
        """;

    [Fact]
    public async Task Each_environment_grants_its_own_role()
    {
        // With <ns>, prod's file grants orders-api-webshop-prod only read: the write is denied in prod.
        var run = await VerifyCS.VerifyAnalyzerAsync(
            new[]
            {
                Usings + "\n" + """
                class Repo
                {
                    async Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item)
                    {
                        await client.GetItemAsync("Ledger", item);
                        await client.PutItemAsync([|"Ledger"|], item);
                    }
                }
                """,
            },
            new[] { ("/repo/apps/webshop-test/orders/dynamodb/values.yaml", TestFile), ("/repo/apps/webshop-prod/orders/dynamodb/values.yaml", ProdFile) },
            WithRole);
        Assert.Contains("Role 'orders-api-webshop-prod' may only read table 'Ledger' (apps/webshop-prod/orders/dynamodb/values.yaml:3", run.Diagnostics.Single().GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public Task A_fixed_role_is_granted_by_the_environment_it_lives_in() => VerifyCS.VerifyAnalyzerAsync(
        new[]
        {
            Usings + "\n" + """
            class Repo
            {
                Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item) => client.PutItemAsync("Ledger", item);
            }
            """,
        },
        new[] { ("/repo/apps/webshop-test/orders/dynamodb/values.yaml", TestFile), ("/repo/apps/webshop-prod/orders/dynamodb/values.yaml", ProdFile) },
        new VerifyOptions { ServiceRole = "orders-api-webshop-test" });
}
