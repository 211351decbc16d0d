using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.LogicalTableNameAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN213: a declared table's logical name as the table name of a low-level request (the AWS name is
/// <c>&lt;namespace&gt;-&lt;name&gt;</c>). Every low-level sink, and the cases that must stay silent: the DataModel with a
/// TableNamePrefix, the DocumentModel, the generated TableName, rendered names, configuration, table management.
/// </summary>
public class LogicalTableNameAnalyzerTests
{
    private static Task<AnalyzerTestRun> Verify(string body, VerifyOptions? options = null)
        => VerifyCS.VerifyAnalyzerAsync(Usings + "\nusing Webshop.Orders;\n" + body, Yaml, options);

    [Fact]
    public async Task Request_object_with_the_logical_name()
    {
        var run = await Verify("""
            class Repo
            {
                Task Get(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
                    => client.GetItemAsync(new GetItemRequest { TableName = [|"Orders"|], Key = key });
            }
            """);

        Assert.Equal(
            "'Orders' is the logical name of table 'Orders'; the table in AWS is '<namespace>-Orders', so this request fails with ResourceNotFoundException; use DynamoTables.Orders.TableName",
            Assert.Single(run.Diagnostics).GetMessage());
    }

    [Fact]
    public Task The_generated_Name_constant_is_the_logical_name_too() => Verify("""
        class Repo
        {
            Task Get(IAmazonDynamoDB client, string id)
                => client.GetItemAsync(new GetItemRequest { TableName = [|DynamoTables.Orders.Name|], Key = DynamoTables.Orders.Key(id) });
        }
        """);

    [Fact]
    public Task Every_low_level_sink() => Verify("""
        class Repo
        {
            const string Table = "Products";

            async Task Run(IAmazonDynamoDB client, AmazonDynamoDBClient concrete, Dictionary<string, AttributeValue> key)
            {
                await client.GetItemAsync([|"Orders"|], key);                                  // client overload
                await concrete.DeleteItemAsync([|"CustomerOrders"|], key);                     // the concrete client
                await client.GetItemAsync(new GetItemRequest([|Table|], key));                 // constructor, a constant
                await client.QueryAsync(new QueryRequest([|"CustomerOrders"|]));
                await client.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new Dictionary<string, KeysAndAttributes> { [[|"Orders"|]] = new KeysAndAttributes() },
                });
                await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems = new List<TransactWriteItem> { new() { Put = new Put { TableName = [|"Orders"|], Item = key } } },
                });
            }
        }
        """);

    [Fact]
    public async Task A_legacy_idp_prefix_table_is_rendered_with_it()
    {
        string yaml = Yaml.Replace("  - name: Orders\n    hashKey: Id\n", "  - name: Orders\n    useIdpPrefix: true\n    hashKey: Id\n", System.StringComparison.Ordinal);
        Assert.NotEqual(Yaml, yaml);
        var run = await VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + """
            class Repo
            {
                Task Get(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key) => client.GetItemAsync([|"Orders"|], key);
            }
            """, yaml);

        Assert.Contains("the table in AWS is 'idp-<namespace>-Orders'", Assert.Single(run.Diagnostics).GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public Task The_DataModel_with_a_TableNamePrefix_is_silent() => Verify("""
        [DynamoDBTable("Orders")]
        public sealed class Order
        {
            [DynamoDBHashKey] public string Id { get; set; } = "";
        }

        class Store
        {
            async Task Run(IAmazonDynamoDB client, string id)
            {
                var context = new DynamoDBContextBuilder()
                    .WithDynamoDBClient(() => client)
                    .ConfigureContext(c => c.TableNamePrefix = DynamoTables.TableNamePrefix)
                    .Build();
                await context.LoadAsync<Order>(id, new LoadConfig { OverrideTableName = "Orders" });
                await context.SaveAsync(new Order(), new SaveConfig { OverrideTableName = "Orders" });
            }
        }
        """);

    [Fact]
    public Task Generated_names_rendered_names_and_names_from_configuration_are_silent() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key, string fromConfig, string ns)
            {
                await client.GetItemAsync(DynamoTables.Orders.TableName, key);
                await client.GetItemAsync(DynamoTables.Orders.TableNameIn("webshop-prod"), key);
                await client.GetItemAsync("webshop-test-Orders", key);
                await client.GetItemAsync(DynamoTables.Orders.DeclaredTableName, key);
                await client.GetItemAsync(fromConfig, key);
                await client.GetItemAsync($"{ns}-Orders", key);
                await client.GetItemAsync(DynamoTables.TableNamePrefix + "Orders", key);
                await client.GetItemAsync(Environment.GetEnvironmentVariable("ORDERS_TABLE"), key);
                await client.GetItemAsync("Ordrs", key);                 // undeclared: IDPDYN201's case
            }
        }
        """);

    [Fact]
    public Task Table_management_and_the_DocumentModel_are_silent() => Verify("""
        class Admin
        {
            async Task Run(IAmazonDynamoDB client)
            {
                await client.DescribeTableAsync("Orders");
                await client.CreateTableAsync(new CreateTableRequest { TableName = "Orders" });
                await client.DeleteTableAsync(new DeleteTableRequest("Orders"));
                var table = Table.LoadTable(client, "Orders");
            }
        }
        """);

    [Fact]
    public Task Response_objects_are_silent() => Verify("""
        class Reader
        {
            string Name(DescribeTableResponse response) => response.Table.TableName = "Orders";
        }
        """);
}
