using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// Requests and dictionaries put together over several statements of one method (LocalFlow): a local key dictionary
/// with an initializer or filled by indexer sets and Add calls, a request completed by later member assignments, local
/// ExpressionAttributeNames/Values, and the BatchGetItem retry loop that re-sends response.UnprocessedKeys. Each shape
/// has its nearest silent cases: changed in a branch, a loop or a lambda, handed to the application's own helper, filled
/// after the request took it, or built from a parameter.
/// </summary>
public class LocalRequestFlowTests
{
    private static Task<AnalyzerTestRun> Keys(string body)
        => AnalyzerVerifier<KeyDictionaryAnalyzer>.VerifyAnalyzerAsync(Usings + "\n" + body, Yaml);

    private static Task<AnalyzerTestRun> Index(string body)
        => AnalyzerVerifier<UnknownIndexAnalyzer>.VerifyAnalyzerAsync(Usings + "\n" + body, Yaml);

    private static Task<AnalyzerTestRun> KeyCondition(string body)
        => AnalyzerVerifier<KeyConditionAnalyzer>.VerifyAnalyzerAsync(Usings + "\n" + body, Yaml);

    private static Task<AnalyzerTestRun> Expressions(string body)
        => AnalyzerVerifier<RequestExpressionAnalyzer>.VerifyAnalyzerAsync(Usings + "\n" + body, Yaml);

    // ---- key dictionaries held in locals

    [Fact]
    public async Task A_local_key_dictionary_with_an_initializer_is_checked_where_the_request_takes_it()
    {
        var run = await Keys("""
            class Repo
            {
                async Task Get(IAmazonDynamoDB client, string customer)
                {
                    var key = new Dictionary<string, AttributeValue> { ["CustomerId"] = new AttributeValue { S = customer } };
                    await client.GetItemAsync(new GetItemRequest { TableName = "CustomerOrders", Key = [|key|] });
                }
            }
            """);
        Assert.Equal(
            "The key of table 'CustomerOrders' is (CustomerId, OrderDate) but this dictionary has (CustomerId): missing OrderDate",
            run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task A_key_filled_by_indexer_statements_and_Add_is_checked()
    {
        var run = await Keys("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client, string customer, string date)
                {
                    var key = new Dictionary<string, AttributeValue>();
                    key["CustomerId"] = new AttributeValue { S = customer };
                    key["OrderDat"] = new AttributeValue { S = date };
                    var request = new GetItemRequest { TableName = "CustomerOrders", Key = [|key|] };
                    await client.GetItemAsync(request);

                    Dictionary<string, AttributeValue> orderKey = new();
                    orderKey.Add("OrderId", new AttributeValue { S = customer });
                    await client.DeleteItemAsync("Orders", [|orderKey|]);
                }
            }
            """);
        Assert.Equal(
            new[]
            {
                "The key of table 'CustomerOrders' is (CustomerId, OrderDate) but this dictionary has (CustomerId, OrderDat): missing OrderDate; not a key: OrderDat",
                "The key of table 'Orders' is (Id) but this dictionary has (OrderId): missing Id; not a key: OrderId",
            },
            run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage()));
    }

    [Fact]
    public Task A_wrong_attribute_kind_in_an_indexer_statement_is_reported_there() => Keys("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client)
            {
                var key = new Dictionary<string, AttributeValue>();
                key["Id"] = [|new AttributeValue { N = "1" }|];
                await client.GetItemAsync(new GetItemRequest { TableName = "Orders", Key = key });
            }
        }
        """);

    [Fact]
    public Task A_request_whose_key_is_assigned_in_a_later_statement_is_checked() => Keys("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string id)
            {
                var request = new DeleteItemRequest();
                request.TableName = "Orders";
                request.Key = [|new() { ["OrderId"] = new AttributeValue { S = id } }|];
                await client.DeleteItemAsync(request);
            }
        }
        """);

    [Fact]
    public Task Local_keys_that_match_are_silent() => Keys("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string customer, string date)
            {
                var key = new Dictionary<string, AttributeValue> { ["CustomerId"] = new AttributeValue { S = customer } };
                key["OrderDate"] = new AttributeValue { S = date };
                var request = new GetItemRequest { TableName = "CustomerOrders" };
                request.Key = key;
                await client.GetItemAsync(request);

                var item = new Dictionary<string, AttributeValue>();
                item.Add("Id", new AttributeValue { S = customer });
                item.Add("Total", new AttributeValue { N = "1" });
                await client.PutItemAsync("Orders", item);
            }
        }
        """);

    [Fact]
    public Task A_key_changed_in_a_branch_or_a_loop_is_not_judged() => Keys("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string customer, string date, bool dated, string[] dates)
            {
                var key = new Dictionary<string, AttributeValue> { ["CustomerId"] = new AttributeValue { S = customer } };
                if (dated)
                {
                    key["OrderDate"] = new AttributeValue { S = date };
                }

                await client.GetItemAsync(new GetItemRequest { TableName = "CustomerOrders", Key = key });

                var looped = new Dictionary<string, AttributeValue> { ["CustomerId"] = new AttributeValue { S = customer } };
                foreach (var d in dates)
                {
                    looped["OrderDate"] = new AttributeValue { S = d };
                    await client.GetItemAsync("CustomerOrders", looped);
                }
            }
        }
        """);

    [Fact]
    public Task A_key_filled_after_the_request_took_it_or_by_a_helper_is_not_judged() => Keys("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string customer, string date)
            {
                var late = new Dictionary<string, AttributeValue> { ["CustomerId"] = new AttributeValue { S = customer } };
                var request = new GetItemRequest { TableName = "CustomerOrders", Key = late };
                late["OrderDate"] = new AttributeValue { S = date };
                await client.GetItemAsync(request);

                var helped = new Dictionary<string, AttributeValue> { ["CustomerId"] = new AttributeValue { S = customer } };
                AddDate(helped, date);
                await client.GetItemAsync("CustomerOrders", helped);
            }

            static void AddDate(Dictionary<string, AttributeValue> key, string date) => key["OrderDate"] = new AttributeValue { S = date };
        }
        """);

    [Fact]
    public Task A_key_changed_by_a_lambda_or_a_local_function_is_not_judged() => Keys("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string customer, string date)
            {
                var key = new Dictionary<string, AttributeValue> { ["CustomerId"] = new AttributeValue { S = customer } };
                Action addDate = () => key["OrderDate"] = new AttributeValue { S = date };
                addDate();
                await client.GetItemAsync("CustomerOrders", key);

                var other = new Dictionary<string, AttributeValue> { ["CustomerId"] = new AttributeValue { S = customer } };
                AddDate();
                await client.GetItemAsync("CustomerOrders", other);

                void AddDate() => other["OrderDate"] = new AttributeValue { S = date };
            }
        }
        """);

    [Fact]
    public Task A_key_from_a_parameter_a_copy_or_a_computed_name_is_not_judged() => Keys("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> given, string name, string customer)
            {
                await client.GetItemAsync(new GetItemRequest { TableName = "CustomerOrders", Key = given });

                var copy = new Dictionary<string, AttributeValue>(given);
                copy["CustomerId"] = new AttributeValue { S = customer };
                await client.GetItemAsync("CustomerOrders", copy);

                var computed = new Dictionary<string, AttributeValue>();
                computed[name] = new AttributeValue { S = customer };
                computed["CustomerId"] = new AttributeValue { S = customer };
                await client.GetItemAsync("CustomerOrders", computed);

                var twice = new Dictionary<string, AttributeValue>();
                twice["Id"] = new AttributeValue { S = customer };
                twice["Id"] = new AttributeValue { S = name };
                await client.GetItemAsync("Orders", twice);
            }
        }
        """);

    [Fact]
    public Task A_key_used_twice_is_not_judged() => Keys("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string customer, string date)
            {
                var key = new Dictionary<string, AttributeValue> { ["CustomerId"] = new AttributeValue { S = customer } };
                var request = new GetItemRequest { TableName = "CustomerOrders", Key = key };
                request.Key["OrderDate"] = new AttributeValue { S = date };
                await client.GetItemAsync("CustomerOrders", key);
                await client.GetItemAsync(request);

                var twice = new Dictionary<string, AttributeValue>();
                twice["Id"] = new AttributeValue { N = "1" };
                await client.GetItemAsync("Orders", twice);
                await client.DeleteItemAsync("Orders", twice);
            }
        }
        """);

    [Fact]
    public Task A_request_handed_to_a_helper_before_it_is_sent_is_not_judged() => Keys("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string customer)
            {
                var request = new GetItemRequest { TableName = "CustomerOrders" };
                request.Key = new() { ["CustomerId"] = new AttributeValue { S = customer } };
                Complete(request);
                await client.GetItemAsync(request);
            }

            static void Complete(GetItemRequest request) => request.Key["OrderDate"] = new AttributeValue { S = "2026" };
        }
        """);

    [Fact]
    public Task A_request_sent_by_a_local_function_is_not_followed() => Keys("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string customer)
            {
                var request = new GetItemRequest { TableName = "CustomerOrders", Key = new() { ["CustomerId"] = new AttributeValue { S = customer }, ["OrderDate"] = new AttributeValue { S = "1" } } };
                await Send();
                request.Key = new() { ["Id"] = new AttributeValue { S = customer } };

                Task Send() => client.GetItemAsync(request);
            }
        }
        """);

    // ---- requests completed in later statements

    [Fact]
    public async Task An_index_assigned_in_a_later_statement_is_checked()
    {
        var run = await Index("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client, string carrier)
                {
                    var request = new QueryRequest { TableName = "CustomerOrders" };
                    request.IndexName = [|"CarrierIndex"|];
                    request.KeyConditionExpression = "Carrier = :c";
                    await client.QueryAsync(request);
                }
            }
            """);
        Assert.Equal("Index 'CarrierIndex' is not declared on table 'CustomerOrders'", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task A_request_completed_in_top_level_statements_is_checked() => AnalyzerVerifier<UnknownIndexAnalyzer>.VerifyAnalyzerAsync(
        Usings + """

            IAmazonDynamoDB client = new AmazonDynamoDBClient();
            var request = new QueryRequest { TableName = "CustomerOrders" };
            request.IndexName = [|"CarrierIndex"|];
            await client.QueryAsync(request);
            """,
        Yaml,
        new VerifyOptions { Executable = true });

    [Fact]
    public Task An_index_reassigned_in_a_branch_or_from_a_parameter_is_not_judged() => Index("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, bool byStatus, string index)
            {
                var request = new QueryRequest { TableName = "CustomerOrders" };
                request.IndexName = "CarrierIndex";
                if (byStatus)
                {
                    request.IndexName = "StatusIndex";
                }

                await client.QueryAsync(request);

                var given = new QueryRequest { TableName = "CustomerOrders" };
                given.IndexName = index;
                await client.QueryAsync(given);
            }
        }
        """);

    [Fact]
    public Task An_index_handed_to_a_helper_or_reassigned_after_it_is_not_judged() => Index("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client)
            {
                var request = new QueryRequest { TableName = "CustomerOrders" };
                request.IndexName = "CarrierIndex";
                Narrow(request);
                await client.QueryAsync(request);

                var kept = new QueryRequest { TableName = "CustomerOrders" };
                kept.IndexName = "CarrierIndex";
                _last = kept;
                kept.IndexName = "StatusIndex";
                await client.QueryAsync(kept);
            }

            QueryRequest? _last;

            static void Narrow(QueryRequest request) => request.IndexName = "StatusIndex";
        }
        """);

    [Fact]
    public async Task A_key_condition_completed_with_local_names_and_values_is_checked()
    {
        var run = await KeyCondition("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client, string status, decimal amount)
                {
                    var names = new Dictionary<string, string>();
                    names.Add("#s", "Status");
                    var values = new Dictionary<string, AttributeValue>();
                    values.Add(":s", new AttributeValue { S = status });
                    values.Add(":a", new AttributeValue { N = amount.ToString() });
                    var request = new QueryRequest { TableName = "CustomerOrders" };
                    request.IndexName = "StatusIndex";
                    request.KeyConditionExpression = [|"#s = :s AND TotalAmount > :a"|];
                    request.ExpressionAttributeNames = names;
                    request.ExpressionAttributeValues = values;
                    await client.QueryAsync(request);
                }
            }
            """);
        Assert.StartsWith("The key condition tests 'TotalAmount', which is not a key of index 'StatusIndex' of table 'CustomerOrders'", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task A_key_condition_whose_names_change_in_a_branch_or_whose_request_changes_in_a_lambda_is_not_judged() => KeyCondition("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, bool byAmount)
            {
                var names = new Dictionary<string, string> { ["#k"] = "Status" };
                if (byAmount)
                {
                    names["#k"] = "OrderDate";
                }

                var request = new QueryRequest { TableName = "CustomerOrders", IndexName = "StatusIndex" };
                request.KeyConditionExpression = "#k = :v";
                request.ExpressionAttributeNames = names;
                await client.QueryAsync(request);

                var changed = new QueryRequest { TableName = "CustomerOrders" };
                changed.KeyConditionExpression = "Status = :v";
                Action toIndex = () => changed.IndexName = "StatusIndex";
                toIndex();
                await client.QueryAsync(changed);
            }
        }
        """);

    [Fact]
    public Task Local_expression_dictionaries_are_read_for_placeholders() => Expressions("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string customer)
            {
                var values = new Dictionary<string, AttributeValue>();
                values[":c"] = new AttributeValue { S = customer };
                values[{|IDPDYN211:":unused"|}] = new AttributeValue { S = customer };
                var request = new QueryRequest { TableName = "CustomerOrders" };
                request.KeyConditionExpression = "CustomerId = :c";
                request.FilterExpression = "Note = {|IDPDYN211::n|}";
                request.ExpressionAttributeValues = values;
                await client.QueryAsync(request);
            }
        }
        """);

    // ---- the BatchGetItem retry loop

    private const string RetryLoop = """
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string customer)
            {
                var request = new BatchGetItemRequest
                {
                    RequestItems = new Dictionary<string, KeysAndAttributes>
                    {
                        ["CustomerOrders"] = new KeysAndAttributes
                        {
                            Keys = new List<Dictionary<string, AttributeValue>> { KEY },
                        },
                    },
                };
                BatchGetItemResponse response;
                do
                {
                    response = await client.BatchGetItemAsync(request);
                    Dictionary<string, KeysAndAttributes> unprocessedKeys = response.UnprocessedKeys;
                    foreach (var table in unprocessedKeys)
                    {
                        Console.WriteLine(table.Key);
                    }

                    RETRY
                }
                while (response.UnprocessedKeys.Count > 0);
            }
        }
        """;

    private const string WrongKey = "[|new Dictionary<string, AttributeValue> { [\"CustomerId\"] = new AttributeValue { S = customer } }|]";

    [Theory]
    [InlineData("request.RequestItems = unprocessedKeys;")]
    [InlineData("request.RequestItems = response.UnprocessedKeys;")]
    public Task The_retry_of_unprocessed_keys_keeps_the_keys_checked(string retry)
        => Keys(RetryLoop.Replace("KEY", WrongKey).Replace("RETRY", retry));

    [Fact]
    public Task The_retry_of_unprocessed_writes_keeps_the_items_checked() => Keys("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string id)
            {
                var request = new BatchWriteItemRequest
                {
                    RequestItems = new Dictionary<string, List<WriteRequest>>
                    {
                        ["Orders"] = new List<WriteRequest> { new WriteRequest(new PutRequest { Item = [|new() { ["OrderId"] = new AttributeValue { S = id } }|] }) },
                    },
                };
                var response = await client.BatchWriteItemAsync(request).ConfigureAwait(false);
                while (response.UnprocessedItems.Count > 0)
                {
                    request.RequestItems = response.UnprocessedItems;
                    response = await client.BatchWriteItemAsync(request).ConfigureAwait(false);
                }
            }
        }
        """);

    [Theory]
    [InlineData("request.RequestItems = new Dictionary<string, KeysAndAttributes>();")]
    [InlineData("request.RequestItems = Other(request);")]
    [InlineData("request.RequestItems = (await client.BatchGetItemAsync(new BatchGetItemRequest())).UnprocessedKeys;")]
    [InlineData("var other = await client.BatchGetItemAsync(new BatchGetItemRequest()); request.RequestItems = other.UnprocessedKeys;")]
    [InlineData("unprocessedKeys = new(); request.RequestItems = unprocessedKeys;")]
    public Task Any_other_reassignment_of_the_items_is_not_judged(string retry)
        => Keys(RetryLoop.Replace("KEY", WrongKey.Substring(2, WrongKey.Length - 4)).Replace("RETRY", retry)
            .Replace("class Repo\n{", "class Repo\n{\n    static Dictionary<string, KeysAndAttributes> Other(BatchGetItemRequest r) => r.RequestItems;\n"));
}
