using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.KeyOfAnotherTableAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN214: a generated Key(...) of one table in a request to another table with a different key schema. Request
/// objects, transaction items and client overloads; silent for the table's own key, tables with the same key schema,
/// tables not known at compile time, requests changed after their initializer and hand-written keys.
/// </summary>
public class KeyOfAnotherTableAnalyzerTests
{
    private static Task<AnalyzerTestRun> Verify(string body, string? yaml = null)
        => VerifyCS.VerifyAnalyzerAsync(Usings + "\nusing Webshop.Orders;\n" + body, yaml ?? Yaml);

    [Fact]
    public async Task Key_of_another_table_in_a_request_object()
    {
        var run = await Verify("""
            class Repo
            {
                Task Get(IAmazonDynamoDB client, string id) => client.GetItemAsync(new GetItemRequest
                {
                    TableName = DynamoTables.CustomerOrders.TableName,
                    Key = [|DynamoTables.Orders.Key(id)|],
                });
            }
            """);

        Assert.Equal(
            "The key of table 'Orders' (Id S) is used in a request to table 'CustomerOrders' (CustomerId S, OrderDate S); DynamoDB rejects a key that does not match the table's key schema; use DynamoTables.CustomerOrders.Key(...)",
            Assert.Single(run.Diagnostics).GetMessage());
    }

    [Fact]
    public Task Every_request_shape() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string id)
            {
                await client.DeleteItemAsync(DynamoTables.Products.TableName, [|DynamoTables.Orders.Key(id)|]);
                await client.GetItemAsync("webshop-test-Products", [|DynamoTables.Orders.Key(id)|]);
                await client.DeleteItemAsync(new DeleteItemRequest("Products", [|DynamoTables.Counters.Key(id, 1)|]));
                await client.UpdateItemAsync(new UpdateItemRequest { TableName = DynamoTables.Counters.TableName, Key = [|DynamoTables.Products.Key(id)|] });
                await client.TransactGetItemsAsync(new TransactGetItemsRequest
                {
                    TransactItems = new List<TransactGetItem> { new() { Get = new Get { TableName = DynamoTables.Orders.TableName, Key = [|DynamoTables.Products.Key(id)|] } } },
                });
            }
        }
        """);

    [Fact]
    public Task The_tables_own_key_and_unknown_tables_are_silent() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string id, string table, Dictionary<string, AttributeValue> key)
            {
                await client.GetItemAsync(new GetItemRequest { TableName = DynamoTables.Orders.TableName, Key = DynamoTables.Orders.Key(id) });
                await client.GetItemAsync(DynamoTables.Products.TableNameIn("webshop-prod"), DynamoTables.Products.Key(id));
                await client.GetItemAsync(new GetItemRequest { TableName = table, Key = DynamoTables.Orders.Key(id) });
                await client.GetItemAsync(table, DynamoTables.Orders.Key(id));
                await client.GetItemAsync("Ordrs", DynamoTables.Orders.Key(id));
                await client.GetItemAsync(new GetItemRequest { TableName = DynamoTables.Products.TableName, Key = key });
                await client.GetItemAsync(new GetItemRequest { TableName = "Products", Key = new() { ["Id"] = new AttributeValue(id) } });
            }
        }
        """);

    [Fact]
    public Task A_request_whose_table_changes_after_the_initializer_is_silent() => Verify("""
        class Repo
        {
            Task Get(IAmazonDynamoDB client, string id, bool archive)
            {
                var request = new GetItemRequest { TableName = DynamoTables.Products.TableName, Key = DynamoTables.Orders.Key(id) };
                if (archive)
                {
                    request.TableName = DynamoTables.Orders.TableName;
                }

                return client.GetItemAsync(request);
            }
        }
        """);

    [Fact]
    public Task Tables_with_the_same_key_schema_are_silent() => Verify("""
        class Repo
        {
            Task Copy(IAmazonDynamoDB client, string id)
                => client.GetItemAsync(new GetItemRequest { TableName = DynamoTables.OrdersArchive.TableName, Key = DynamoTables.Orders.Key(id) });
        }
        """, Yaml + """

          - name: OrdersArchive
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]

        """);

    [Fact]
    public Task Same_attribute_name_with_another_type_is_reported() => Verify("""
        class Repo
        {
            Task Get(IAmazonDynamoDB client, decimal id)
                => client.GetItemAsync(new GetItemRequest { TableName = DynamoTables.Orders.TableName, Key = [|DynamoTables.Tickets.Key(id)|] });
        }
        """, Yaml + """

          - name: Tickets
            hashKey: Id
            attributes:
              - name: Id
                type: 'N'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]

        """);
}
