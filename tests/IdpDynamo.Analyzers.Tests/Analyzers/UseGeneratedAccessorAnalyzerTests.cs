using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Infrastructure;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.UseGeneratedAccessorAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN210 (info): string literals spelling a declared table, index or key attribute where the SDK takes one, while
/// the generated accessors exist; the replacement accessor travels in the diagnostic's properties.
/// </summary>
public class UseGeneratedAccessorAnalyzerTests
{
    private static Task<AnalyzerTestRun> Verify(string body, VerifyOptions? options = null)
        => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + body, Yaml, options);

    [Fact]
    public async Task Table_index_and_key_literals()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client, string c, string d)
                {
                    await client.GetItemAsync(new GetItemRequest
                    {
                        TableName = "CustomerOrders",
                        Key = new() { [[|"CustomerId"|]] = new AttributeValue { S = c }, [[|"OrderDate"|]] = new AttributeValue { S = d } },
                    });
                    await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", IndexName = [|"StatusIndex"|] });
                    await client.PutItemAsync(new PutItemRequest
                    {
                        TableName = "CustomerOrders",
                        Item = new() { [[|"CustomerId"|]] = new AttributeValue { S = c }, [[|"OrderDate"|]] = new AttributeValue { S = d }, [[|"Status"|]] = new AttributeValue { S = "NEW" }, ["Note"] = new AttributeValue { S = "" } },
                    });
                    await client.GetItemAsync("Orders", new Dictionary<string, AttributeValue>());
                    await client.GetItemAsync([|"webshop-test-Orders"|], new Dictionary<string, AttributeValue>());
                }
            }
            """);

        var accessors = run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.Properties["Accessor"]).ToList();
        Assert.Equal(
            new[]
            {
                "global::Webshop.Orders.DynamoTables.CustomerOrders.HashKey",
                "global::Webshop.Orders.DynamoTables.CustomerOrders.RangeKey",
                "global::Webshop.Orders.DynamoTables.CustomerOrders.Indexes.StatusIndex",
                "global::Webshop.Orders.DynamoTables.CustomerOrders.HashKey",
                "global::Webshop.Orders.DynamoTables.CustomerOrders.RangeKey",
                "global::Webshop.Orders.DynamoTables.CustomerOrders.Attributes.Status",
                "global::Webshop.Orders.DynamoTables.Orders.DeclaredTableName",
            },
            accessors);
        // A logical name where the SDK sends the AWS table name ("CustomerOrders" for webshop-test-CustomerOrders) is a
        // bug, so no constant is suggested that would keep it; the full name of this single-environment build has a
        // twin with the same value: DeclaredTableName.
        var first = run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).First();
        Assert.Equal(DiagnosticSeverity.Info, first.Severity);
        Assert.Equal("Use DynamoTables.CustomerOrders.HashKey instead of the string 'CustomerId'", first.GetMessage());
    }

    [Fact]
    public async Task DynamoDBTable_attribute_literal()
    {
        var run = await Verify("""
            [DynamoDBTable([|"Products"|])]
            public class Product { [DynamoDBHashKey] public string Sku { get; set; } = ""; }

            [DynamoDBTable(Webshop.Orders.DynamoTables.Orders.Name)]
            public class Order { [DynamoDBHashKey] public string Id { get; set; } = ""; }
            """);
        Assert.Equal("global::Webshop.Orders.DynamoTables.Products.Name", run.Diagnostics.Single().Properties["Accessor"]);
    }

    [Fact]
    public Task Names_that_are_not_plain_declared_literals() => Verify("""
        class Repo
        {
            private const string Table = "Orders";

            async Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
            {
                await client.GetItemAsync(Table, key);                         // a constant already names it once
                await client.GetItemAsync("webshop-prod-Orders", key);         // another environment: no accessor has that value
                await client.GetItemAsync("Ordrs", key);                       // undeclared: IDPDYN201's business
                await client.QueryAsync(new QueryRequest { TableName = Table, IndexName = "NoSuchIndex" });
                Console.WriteLine("Orders");                                   // not an SDK sink
            }
        }
        """);

    [Fact]
    public Task Nothing_without_the_generated_accessors() => Verify("""
        class Repo
        {
            Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key) => client.GetItemAsync("Orders", key);
        }
        """, new VerifyOptions { RunGenerator = false });

    [Fact]
    public async Task Accessor_follows_the_generated_namespace()
    {
        var run = await Verify("""
            class Repo
            {
                Task Run(IAmazonDynamoDB client) => client.QueryAsync(new QueryRequest { IndexName = [|"AmountIndex"|] });
            }
            """, new VerifyOptions { RootNamespace = "Contoso.Shop" });
        Assert.Equal("global::Contoso.Shop.DynamoTables.CustomerOrders.Indexes.AmountIndex", run.Diagnostics.Single().Properties["Accessor"]);
    }

    [Fact]
    public async Task Index_declared_by_one_table_only()
    {
        var run = await Verify("""
            class Repo
            {
                void Run(ITable table)
                {
                    table.Query(new QueryOperationConfig { IndexName = [|"AmountIndex"|] });
                }
            }
            """);
        Assert.Equal("global::Webshop.Orders.DynamoTables.CustomerOrders.Indexes.AmountIndex", run.Diagnostics.Single().Properties["Accessor"]);
    }
}
