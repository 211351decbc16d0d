using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Infrastructure;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.KeyDictionaryAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN205: inline key dictionaries (names exactly the table's key, AttributeValue kind = declared type) and items
/// (both keys present) in requests, transaction items, batches and the client overloads; never for dictionaries built
/// elsewhere or completed after the initializer.
/// </summary>
public class KeyDictionaryAnalyzerTests
{
    private static Task<AnalyzerTestRun> Verify(string body, VerifyOptions? options = null)
        => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + body, Yaml, options);

    [Fact]
    public async Task Get_item_request_without_the_range_key()
    {
        var run = await Verify("""
            class Repo
            {
                Task Get(IAmazonDynamoDB client, string customer)
                    => client.GetItemAsync(new GetItemRequest
                    {
                        TableName = "CustomerOrders",
                        Key = [|new Dictionary<string, AttributeValue> { ["CustomerId"] = new AttributeValue { S = customer } }|],
                    });
            }
            """);
        Assert.Equal(
            "The key of table 'CustomerOrders' is (CustomerId, OrderDate) but this dictionary has (CustomerId): missing OrderDate",
            run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task Correct_keys_in_every_form_are_silent() => Verify("""
        using Webshop.Orders;

        static class Keys { public const string Customer = "CustomerId"; }

        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string c, string d)
            {
                await client.GetItemAsync(new GetItemRequest
                {
                    TableName = "CustomerOrders",
                    Key = new() { ["CustomerId"] = new AttributeValue { S = c }, ["OrderDate"] = new AttributeValue(d) },
                });
                await client.GetItemAsync(new GetItemRequest("webshop-test-CustomerOrders", new Dictionary<string, AttributeValue>
                {
                    { Keys.Customer, new AttributeValue { S = c } },
                    { DynamoTables.CustomerOrders.RangeKey, new AttributeValue { S = d } },
                }));
                await client.GetItemAsync("Orders", new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = c } });
                await client.GetItemAsync(new GetItemRequest { TableName = "Counters", Key = new() { ["CounterId"] = new AttributeValue { S = c }, ["Day"] = new AttributeValue { N = "1" } } });
                await client.GetItemAsync(new GetItemRequest { TableName = DynamoTables.Orders.Name, Key = DynamoTables.Orders.Key(c) });
            }
        }
        """);

    [Fact]
    public async Task Extra_and_misspelled_key_names()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client, string c)
                {
                    await client.DeleteItemAsync(new DeleteItemRequest
                    {
                        TableName = "Orders",
                        Key = [|new() { ["Id"] = new AttributeValue { S = c }, ["Created"] = new AttributeValue { S = c } }|],
                    });
                    await client.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = "Orders",
                        Key = [|new() { ["id"] = new AttributeValue { S = c } }|],
                        UpdateExpression = "SET #n = :n",
                    });
                }
            }
            """);
        var messages = run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage()).ToList();
        Assert.Equal("The key of table 'Orders' is (Id) but this dictionary has (Id, Created): not a key: Created", messages[0]);
        Assert.Equal("The key of table 'Orders' is (Id) but this dictionary has (id): missing Id; not a key: id", messages[1]);
    }

    [Fact]
    public Task Attribute_value_kinds() => Verify("""
        class Repo
        {
            Task Run(IAmazonDynamoDB client, string c)
                => client.GetItemAsync(new GetItemRequest
                {
                    TableName = "Counters",
                    Key = new()
                    {
                        ["CounterId"] = [|new AttributeValue { N = "1" }|],
                        ["Day"] = [|new AttributeValue(c)|],
                    },
                });

            Task Fine(IAmazonDynamoDB client, AttributeValue fromElsewhere, string c)
                => client.GetItemAsync(new GetItemRequest
                {
                    TableName = "Counters",
                    Key = new() { ["CounterId"] = fromElsewhere, ["Day"] = new AttributeValue { N = c } },
                });
        }
        """);

    [Fact]
    public Task Put_item_must_carry_the_key() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string c)
            {
                await client.PutItemAsync(new PutItemRequest
                {
                    TableName = "CustomerOrders",
                    Item = [|new() { ["CustomerId"] = new AttributeValue { S = c }, ["Status"] = new AttributeValue { S = "NEW" } }|],
                });
                await client.PutItemAsync(new PutItemRequest
                {
                    TableName = "CustomerOrders",
                    Item = new() { ["CustomerId"] = new AttributeValue { S = c }, ["OrderDate"] = new AttributeValue { S = c }, ["Anything"] = new AttributeValue { N = "1" } },
                });
                await client.PutItemAsync("Orders", [|new Dictionary<string, AttributeValue> { ["Name"] = new AttributeValue { S = c } }|]);
                await client.PutItemAsync(new PutItemRequest
                {
                    TableName = "Counters",
                    Item = new() { ["CounterId"] = new AttributeValue { S = c }, ["Day"] = [|new AttributeValue { S = c }|] },
                });
            }
        }
        """);

    [Fact]
    public async Task An_item_without_its_key_names_each_missing_key()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client, string c)
                {
                    await client.PutItemAsync(new PutItemRequest
                    {
                        TableName = "CustomerOrders",
                        Item = [|new() { ["OrderDate"] = new AttributeValue { S = c } }|],
                    });
                    await client.PutItemAsync(new PutItemRequest
                    {
                        TableName = "CustomerOrders",
                        Item = [|new() { ["Status"] = new AttributeValue { S = "NEW" } }|],
                    });
                }
            }
            """);
        Assert.Equal(
            new[]
            {
                "This item for table 'CustomerOrders' lacks its key attribute CustomerId; DynamoDB rejects an item without its full key",
                "This item for table 'CustomerOrders' lacks its key attributes CustomerId, OrderDate; DynamoDB rejects an item without its full key",
            },
            run.Diagnostics.Select(d => d.GetMessage()).ToArray());
    }

    [Fact]
    public Task Transaction_items() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string c)
            {
                await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems = new List<TransactWriteItem>
                    {
                        new() { Put = new Put { TableName = "Orders", Item = [|new() { ["OrderId"] = new AttributeValue { S = c } }|] } },
                        new() { Update = new Update { TableName = "Orders", Key = new() { ["Id"] = new AttributeValue { S = c } }, UpdateExpression = "SET a = :a" } },
                        new() { Delete = new Delete { TableName = "CustomerOrders", Key = [|new() { ["CustomerId"] = new AttributeValue { S = c } }|] } },
                        new() { ConditionCheck = new ConditionCheck { TableName = "Products", Key = [|new() { ["sku"] = new AttributeValue { S = c } }|], ConditionExpression = "attribute_exists(Sku)" } },
                    },
                });
                await client.TransactGetItemsAsync(new TransactGetItemsRequest
                {
                    TransactItems = new List<TransactGetItem>
                    {
                        new() { Get = new Get { TableName = "Products", Key = new() { ["Sku"] = new AttributeValue { S = c } } } },
                        new() { Get = new Get { TableName = "Orders", Key = [|new() { ["Sku"] = new AttributeValue { S = c } }|] } },
                    },
                });
            }
        }
        """);

    [Fact]
    public Task Batch_get_and_write() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string c)
            {
                await client.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new Dictionary<string, KeysAndAttributes>
                    {
                        ["Orders"] = new KeysAndAttributes
                        {
                            Keys = new List<Dictionary<string, AttributeValue>>
                            {
                                new() { ["Id"] = new AttributeValue { S = c } },
                                [|new() { ["Id"] = new AttributeValue { S = c }, ["Extra"] = new AttributeValue { S = c } }|],
                            },
                        },
                    },
                });
                await client.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>>
                {
                    ["CustomerOrders"] = new List<WriteRequest>
                    {
                        new(new PutRequest { Item = [|new() { ["CustomerId"] = new AttributeValue { S = c } }|] }),
                        new() { DeleteRequest = new DeleteRequest { Key = [|new() { ["OrderDate"] = new AttributeValue { S = c } }|] } },
                        new(new DeleteRequest(new Dictionary<string, AttributeValue> { ["CustomerId"] = new AttributeValue { S = c }, ["OrderDate"] = new AttributeValue { S = c } })),
                    },
                });
            }
        }
        """);

    [Fact]
    public Task Keys_completed_after_the_initializer_are_not_checked() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string c, string d)
            {
                var request = new GetItemRequest
                {
                    TableName = "CustomerOrders",
                    Key = new() { ["CustomerId"] = new AttributeValue { S = c } },
                };
                request.Key["OrderDate"] = new AttributeValue { S = d };
                await client.GetItemAsync(request);

                var put = new PutItemRequest { TableName = "CustomerOrders", Item = new() { ["CustomerId"] = new AttributeValue { S = c } } };
                put.Item.Add("OrderDate", new AttributeValue { S = d });
                await client.PutItemAsync(put);

                var helped = new GetItemRequest { TableName = "CustomerOrders", Key = new() { ["CustomerId"] = new AttributeValue { S = c } } };
                AddRange(helped, d);
                await client.GetItemAsync(helped);
            }

            GetItemRequest Builder(string c) => new GetItemRequest { TableName = "CustomerOrders", Key = new() { ["CustomerId"] = new AttributeValue { S = c } } };

            static void AddRange(GetItemRequest request, string d) => request.Key["OrderDate"] = new AttributeValue { S = d };
        }
        """);

    [Fact]
    public Task A_local_request_that_is_only_read_and_sent_is_checked() => Verify("""
        class Repo
        {
            async Task<string> Run(IAmazonDynamoDB client, string c)
            {
                var request = new GetItemRequest { TableName = "CustomerOrders", Key = [|new() { ["CustomerId"] = new AttributeValue { S = c } }|] };
                Console.WriteLine(request.TableName);
                var response = await client.GetItemAsync(request);
                request.ConsistentRead = true;   // another member: does not touch the key
                return response.Item.Count.ToString();
            }
        }
        """);

    [Fact]
    public Task Capacity_and_comparer_arguments_keep_the_dictionary_inline() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string c)
            {
                await client.GetItemAsync(new GetItemRequest { TableName = "CustomerOrders", Key = [|new(capacity: 1) { ["CustomerId"] = new(c) }|] });
                await client.GetItemAsync(new GetItemRequest { TableName = "Orders", Key = new(StringComparer.Ordinal) { ["Id"] = new(c) } });
            }
        }
        """);

    [Fact]
    public Task A_dictionary_copied_from_another_is_not_inline() => Verify("""
        class Repo
        {
            Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> partitionOnly, string d)
                => client.GetItemAsync(new GetItemRequest
                {
                    TableName = "CustomerOrders",
                    Key = new Dictionary<string, AttributeValue>(partitionOnly) { ["OrderDate"] = new AttributeValue { S = d } },
                });
        }
        """);

    [Fact]
    public Task Dictionaries_built_elsewhere_and_unresolved_tables_are_silent() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string table, string c, Dictionary<string, AttributeValue> key)
            {
                await client.GetItemAsync(new GetItemRequest { TableName = "CustomerOrders", Key = key });
                await client.GetItemAsync(new GetItemRequest { TableName = table, Key = new() { ["Nope"] = new AttributeValue { S = c } } });
                await client.GetItemAsync(new GetItemRequest { TableName = "Ordrs", Key = new() { ["Nope"] = new AttributeValue { S = c } } });
                var name = c + "x";
                await client.GetItemAsync(new GetItemRequest { TableName = "Orders", Key = new() { [name] = new AttributeValue { S = c } } });
                await client.GetItemAsync(new GetItemRequest { TableName = "Orders", Key = Build(c) });
            }

            static Dictionary<string, AttributeValue> Build(string c) => new() { ["Whatever"] = new AttributeValue { S = c } };
        }
        """);
}
