using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.AccessAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN207 on the write paths that name no table at the call (the role <c>orders-api-&lt;ns&gt;</c> may only read
/// Products and has no access to Counters): DataModel calls of an entity, Document-model calls of a loaded table, and
/// table names known only by their constant tail, resolved as IDPDYN201 resolves them.
/// </summary>
public class AccessWritePathTests
{
    private static readonly VerifyOptions WithRole = new() { ServiceRole = ServiceRole };

    private static Task<AnalyzerTestRun> Verify(string body)
        => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + body + "\n" + Entities, Yaml, WithRole);

    private const string Entities = """
        [DynamoDBTable("Products")]
        public class Product { [DynamoDBHashKey] public string Sku { get; set; } = ""; }

        [DynamoDBTable("Orders")]
        public class Order { [DynamoDBHashKey] public string Id { get; set; } = ""; }

        [DynamoDBTable("Counters")]
        public class Counter { [DynamoDBHashKey] public string CounterId { get; set; } = ""; [DynamoDBRangeKey] public int Day { get; set; } }

        public class Unmapped { public string Id { get; set; } = ""; }
        """;

    [Fact]
    public Task DataModel_save_and_delete_of_a_read_only_entity() => Verify("""
        class Repo
        {
            async Task Run(IDynamoDBContext context, Product product, Order order)
            {
                await context.[|SaveAsync|](product);
                await context.[|SaveAsync<Product>|](product, new SaveConfig { SkipVersionCheck = true });
                await context.[|DeleteAsync<Product>|]("sku");
                await context.[|DeleteAsync|](product);
                await context.SaveAsync(order);
                await context.DeleteAsync<Order>("id");
                await context.LoadAsync<Product>("sku");
            }
        }
        """);

    [Fact]
    public async Task The_message_names_the_role_and_the_values_file_line()
    {
        var run = await Verify("""
            class Repo
            {
                Task Run(IDynamoDBContext context, Product product) => context.[|SaveAsync|](product);
            }
            """);
        Assert.Equal(
            "Role 'orders-api-webshop-test' may only read table 'Products' (apps/webshop-test/orders/dynamodb/values.yaml:41 lists it in serviceAccountReadRoles, not serviceAccountWriteRoles); this write is denied",
            run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task DataModel_batch_and_transaction_writes() => Verify("""
        class Repo
        {
            async Task Run(IDynamoDBContext context, Product product, Order order)
            {
                var batch = context.[|CreateBatchWrite<Product>|]();
                batch.AddPutItem(product);
                await batch.ExecuteAsync();
                var transaction = context.[|CreateTransactWrite<Product>|]();
                transaction.AddSaveItem(product);
                await transaction.ExecuteAsync();
                _ = context.CreateBatchWrite<Order>();
                _ = context.CreateTransactWrite<Order>();
                _ = context.CreateBatchGet<Product>();
                _ = context.[|CreateBatchGet<Counter>|]();
                _ = await context.[|LoadAsync<Counter>|]("id", 1);
            }
        }
        """);

    [Fact]
    public Task DataModel_calls_the_table_is_not_known_for_are_silent() => Verify("""
        class Repo
        {
            async Task Run(IDynamoDBContext context, Product product, Unmapped unmapped, SaveConfig config, object value)
            {
                await context.SaveAsync(product, new SaveConfig { OverrideTableName = "Orders" });
                await context.SaveAsync(product, config);
                await context.SaveAsync(unmapped);
                await context.SaveAsync(value);
            }
        }
        """);

    [Fact]
    public Task Document_model_writes_of_a_loaded_table() => Verify("""
        #pragma warning disable CS0618 // LoadTable is obsolete in v4
        class Repo
        {
            private readonly ITable _products;
            private readonly ITable _orders;
            private readonly Table _built = new TableBuilder(new AmazonDynamoDBClient(), "webshop-test-Products").AddHashKey("Sku", DynamoDBEntryType.String).Build();

            Repo(IAmazonDynamoDB client, IDynamoDBContext context)
            {
                _products = Table.LoadTable(client, "webshop-test-Products");
                _orders = context.GetTargetTable<Order>();
            }

            async Task Run(IDynamoDBContext context, IAmazonDynamoDB client, Document document)
            {
                await Table.LoadTable(client, "webshop-test-Products").[|PutItemAsync|](document);
                await Table.LoadTable(client, "webshop-test-Orders").PutItemAsync(document);
                await _products.[|PutItemAsync|](document);
                await _products.[|UpdateItemAsync|](document);
                await _products.[|DeleteItemAsync|](document);
                _ = _products.[|CreateBatchWrite|]();
                _ = _products.[|CreateTransactWrite|]();
                await _built.[|PutItemAsync|](document);
                var target = context.GetTargetTable<Product>();
                await target.[|PutItemAsync|](document);
                await _products.GetItemAsync("sku");
                await _orders.PutItemAsync(document);
                _ = _products.CreateBatchGet();
            }
        }
        """);

    /// <summary>The synchronous forms (v3.7, and v4 on .NET Framework), on the v3-shaped stubs.</summary>
    [Fact]
    public Task Synchronous_DataModel_and_Document_model_writes() => VerifyCS.VerifyAnalyzerAsync("""
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.DataModel;
        using Amazon.DynamoDBv2.DocumentModel;

        [DynamoDBTable("Products")]
        public class Product { [DynamoDBHashKey] public string Sku { get; set; } = ""; }

        class Repo
        {
            void Run(IAmazonDynamoDB client, DynamoDBContext context, Product product, Document document)
            {
                var products = Table.LoadTable(client, "webshop-test-Products");
                products.[|PutItem|](document);
                products.[|UpdateItem|](document);
                products.[|DeleteItem|](document);
                context.[|Save|](product);
                context.[|Delete<Product>|]("sku");
                Table.LoadTable(client, "webshop-test-Orders").PutItem(document);
            }
        }
        """, Yaml, WithRole with { Sdk = SdkShape.V3Stubs });

    [Fact]
    public Task Document_model_tables_that_may_change_are_silent() => Verify("""
        #pragma warning disable CS0618 // LoadTable is obsolete in v4
        class Repo
        {
            private ITable _mutable;
            private readonly ITable _twice;

            Repo(IAmazonDynamoDB client, bool other)
            {
                _mutable = Table.LoadTable(client, "webshop-test-Products");
                _twice = Table.LoadTable(client, "webshop-test-Products");
                if (other)
                {
                    _twice = Table.LoadTable(client, "webshop-test-Orders");
                }
            }

            async Task Run(IAmazonDynamoDB client, ITable table, Document document, string name)
            {
                await _mutable.PutItemAsync(document);
                await _twice.PutItemAsync(document);
                await table.PutItemAsync(document);
                var local = Table.LoadTable(client, "webshop-test-Products");
                local = Table.LoadTable(client, "webshop-test-Orders");
                await local.PutItemAsync(document);
                await Table.LoadTable(client, name).PutItemAsync(document);
            }
        }
        """);

    [Fact]
    public Task A_transaction_put_whose_table_is_a_prefix_and_a_constant_tail() => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + """
        class Payments
        {
            private readonly string _prefix = Environment.GetEnvironmentVariable("NAMESPACE") + "-";

            Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item) => client.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                TransactItems = new List<TransactWriteItem>
                {
                    new() { Put = new Put { TableName = [|_prefix + "Payments"|], Item = item } },
                    new() { Put = new Put { TableName = _prefix + "Ledger", Item = item } },
                    new() { ConditionCheck = new ConditionCheck { TableName = _prefix + "Payments", Key = item, ConditionExpression = "attribute_exists(Id)" } },
                    new() { Put = new Put { TableName = _prefix + "s", Item = item } },
                },
            });
        }
        """, PaymentsYaml, WithRole);

    /// <summary>Payments: orders-api may only read; Ledger and CardPayments: it may read and write.</summary>
    private const string PaymentsYaml = """
        managementPolicies: Control
        tables:
          - name: Payments
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
          - name: Ledger
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]
        """;

    [Fact]
    public Task A_tail_more_than_one_table_can_end_with_is_silent() => Verify("""
        class Repo
        {
            private readonly string _prefix = Environment.GetEnvironmentVariable("TABLE_PREFIX")!;
            private readonly string _namespace = Environment.GetEnvironmentVariable("NAMESPACE")!;

            async Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item)
            {
                await client.PutItemAsync(_prefix + "Orders", item);
                // Without the '-' before it a tail may also be the end of another table's name: only IDPDYN201 judges it.
                await client.PutItemAsync(_prefix + "Products", item);
                await client.PutItemAsync([|$"{_namespace}-Products"|], item);
                await client.PutItemAsync([|_namespace + "-Products"|], item);
            }
        }
        """);
}
