using System.Linq;
using System.Threading.Tasks;
using static IdpDynamo.Analyzers.Tests.Analyzers.ExpressionValues;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN211: #name/:value placeholders used but not defined, defined but used by no expression of the request, and
/// reserved words as bare attribute names, in every expression member of the low-level requests, request objects kept
/// in locals, transaction items and Document-model expressions; silent whenever a part it needs is not known.
/// </summary>
public class ExpressionPlaceholderTests
{
    [Fact]
    public async Task Value_used_but_not_defined()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest { TableName = "Items", KeyConditionExpression = "Pk = {|IDPDYN211::p|}" });
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = "Items",
                        KeyConditionExpression = "Pk = :p",
                        FilterExpression = "A = {|IDPDYN211::a|} OR B = {|IDPDYN211::b|} OR C = :a",
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":p"] = new AttributeValue("x") },
                    });
                    await client.UpdateItemAsync(new UpdateItemRequest { TableName = "Items", UpdateExpression = "SET A = {|IDPDYN211::a|}" });
                    await client.PutItemAsync(new PutItemRequest { TableName = "Items", ConditionExpression = "A = {|IDPDYN211::a|}" });
                    await client.DeleteItemAsync(new DeleteItemRequest { TableName = "Unknown", ConditionExpression = "A = {|IDPDYN211::a|}" });
                }
            }
            """);
        Assert.Equal(
            "KeyConditionExpression uses ':p', which ExpressionAttributeValues does not define; DynamoDB rejects the request",
            run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).First().GetMessage());
    }

    [Fact]
    public async Task Name_used_but_not_defined()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.GetItemAsync(new GetItemRequest { TableName = "Items", ProjectionExpression = "A, {|IDPDYN211:#b|}.c" });
                    await client.ScanAsync(new ScanRequest
                    {
                        TableName = "Items",
                        FilterExpression = "#a = :v AND {|IDPDYN211:#x|} = :v",
                        ExpressionAttributeNames = new Dictionary<string, string> { { "#a", "A" } },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { { ":v", new AttributeValue("x") } },
                    });
                    // A key condition's #name on an undeclared table: IDPDYN206 does not check it, this rule does.
                    await client.QueryAsync(new QueryRequest { TableName = "Unknown", KeyConditionExpression = "{|IDPDYN211:#p|} = :p", ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") } });
                }
            }
            """);
        Assert.Equal(
            "ProjectionExpression uses '#b', which ExpressionAttributeNames does not define; DynamoDB rejects the request",
            run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).First().GetMessage());
    }

    [Fact]
    public async Task Defined_but_unused_by_every_expression_of_the_request()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = "Items",
                        KeyConditionExpression = "#p = :p",
                        ProjectionExpression = "#s",
                        ExpressionAttributeNames = new Dictionary<string, string> { ["#p"] = "Pk", ["#s"] = "Status", [{|IDPDYN211:"#unused"|}] = "X" },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":p"] = new AttributeValue("x"), [{|IDPDYN211:":q"|}] = new AttributeValue("y") },
                    });
                    // No expression at all: every name is unused.
                    await client.GetItemAsync(new GetItemRequest { TableName = "Items", ExpressionAttributeNames = new() { [{|IDPDYN211:"#s"|}] = "Status" } });
                }
            }
            """);
        Assert.Equal(
            new[]
            {
                "ExpressionAttributeNames defines '#unused', which no expression of the request uses; DynamoDB rejects the request",
                "ExpressionAttributeValues defines ':q', which no expression of the request uses; DynamoDB rejects the request",
                "ExpressionAttributeNames defines '#s', which no expression of the request uses; DynamoDB rejects the request",
            },
            run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage()));
    }

    [Fact]
    public async Task Reserved_words_in_every_expression_member()
    {
        var run = await Verify(""""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = "Items",
                        KeyConditionExpression = "Pk = :p",
                        FilterExpression = "{|IDPDYN211:Status|} = :p AND A.{|IDPDYN211:name|} = :p AND size({|IDPDYN211:Data|}) > :p",
                        ProjectionExpression = "A, {|IDPDYN211:Timestamp|}",
                        ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") },
                    });
                    await client.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = "Items",
                        UpdateExpression = "SET {|IDPDYN211:Year|} = :y REMOVE B[0].{|IDPDYN211:size|}",
                        ConditionExpression = "attribute_exists({|IDPDYN211:Comment|})",
                        ExpressionAttributeValues = new() { [":y"] = new AttributeValue { N = "1" } },
                    });
                    await client.ScanAsync(new ScanRequest { TableName = "Unknown", FilterExpression = @"{|IDPDYN211:Status|} = :p", ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") } });
                    await client.ScanAsync(new ScanRequest { TableName = "Unknown", FilterExpression = """{|IDPDYN211:STATUS|} = :p""", ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") } });
                }
            }
            """");
        Assert.Equal(
            "'Status' in FilterExpression is a DynamoDB reserved word; use a placeholder such as '#Status' defined in ExpressionAttributeNames",
            run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).First().GetMessage());
        Assert.All(run.Diagnostics, d => Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public Task Request_objects_in_locals_and_constants() => Verify("""
        class Repo
        {
            private const string ByStatus = "Status = :s";

            async Task Run(IAmazonDynamoDB client)
            {
                var request = new ScanRequest
                {
                    TableName = "Items",
                    FilterExpression = {|IDPDYN211:ByStatus|},
                    ExpressionAttributeValues = new() { [":s"] = new AttributeValue("x") },
                };
                await client.ScanAsync(request);

                // Paging: only ExclusiveStartKey changes; the expressions stay as built.
                var query = new QueryRequest
                {
                    TableName = "Items",
                    KeyConditionExpression = "Pk = :p",
                    ExpressionAttributeNames = new() { [{|IDPDYN211:"#x"|}] = "X" },
                    ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") },
                };
                var page = await client.QueryAsync(query);
                query.ExclusiveStartKey = page.LastEvaluatedKey;
                await client.QueryAsync(query);
            }
        }
        """);

    [Fact]
    public Task Transaction_items() => Verify("""
        class Repo
        {
            Task Run(IAmazonDynamoDB client) => client.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                TransactItems = new List<TransactWriteItem>
                {
                    new() { Put = new Put { TableName = "Items", ConditionExpression = "attribute_not_exists(Pk)", ExpressionAttributeNames = new() { [{|IDPDYN211:"#s"|}] = "Status" } } },
                    new() { ConditionCheck = new ConditionCheck { TableName = "Items", ConditionExpression = "A = {|IDPDYN211::a|}" } },
                    new() { Delete = new Delete { TableName = "Items", ConditionExpression = "attribute_exists({|IDPDYN211:Status|})" } },
                    new() { Update = new Update { TableName = "Items", UpdateExpression = "SET #n = :n", ExpressionAttributeNames = new() { ["#n"] = "Name" }, ExpressionAttributeValues = new() { [":n"] = new AttributeValue("x") } } },
                },
            });

            Task Get(IAmazonDynamoDB client) => client.TransactGetItemsAsync(new TransactGetItemsRequest
            {
                TransactItems = new List<TransactGetItem> { new() { Get = new Get { TableName = "Items", ProjectionExpression = "{|IDPDYN211:Name|}, {|IDPDYN211:#m|}" } } },
            });

            Task Batch(IAmazonDynamoDB client) => client.BatchGetItemAsync(new BatchGetItemRequest
            {
                RequestItems = new Dictionary<string, KeysAndAttributes>
                {
                    ["Items"] = new KeysAndAttributes { ProjectionExpression = "A, {|IDPDYN211:Date|}", Keys = new List<Dictionary<string, AttributeValue>>() },
                },
            });
        }
        """);

    [Fact]
    public Task Document_model_expressions_report_reserved_words_only() => Verify("""
        class Repo
        {
            void Run(ITable table)
            {
                // The SDK merges the dictionaries of the expressions of a call: undefined and unused are not decidable here.
                var filter = new Expression
                {
                    ExpressionStatement = "{|IDPDYN211:Status|} = :s AND #a = :undefined",
                    ExpressionAttributeValues = new Dictionary<string, DynamoDBEntry> { [":s"] = "x", [":unused"] = "y" },
                };
                table.Query(new QueryOperationConfig { KeyExpression = new Expression { ExpressionStatement = "Pk = :p" }, FilterExpression = filter });
                var update = new Expression { ExpressionStatement = "SET {|IDPDYN211:Count|} = :c" };
                var projection = new Expression { ExpressionStatement = "A, {|IDPDYN211:Size|}" };
            }
        }
        """);

    [Fact]
    public Task Silent_when_an_expression_or_dictionary_is_not_known() => Verify("""
        class Repo
        {
            private static string Filter() => "Status = :x";

            async Task Run(IAmazonDynamoDB client, string runtimeFilter, Dictionary<string, AttributeValue> values, Dictionary<string, string> names)
            {
                // The filter is built at run time: it may use :q and #unused.
                await client.QueryAsync(new QueryRequest
                {
                    TableName = "Items",
                    KeyConditionExpression = "Pk = :p",
                    FilterExpression = runtimeFilter,
                    ExpressionAttributeNames = new() { ["#unused"] = "X" },
                    ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x"), [":q"] = new AttributeValue("y") },
                });
                await client.QueryAsync(new QueryRequest { TableName = "Items", KeyConditionExpression = Filter() });
                // Dictionaries filled elsewhere.
                await client.QueryAsync(new QueryRequest { TableName = "Items", KeyConditionExpression = "Pk = :p", FilterExpression = "#a = :a", ExpressionAttributeValues = values, ExpressionAttributeNames = names });
                await client.ScanAsync(new ScanRequest { TableName = "Items", FilterExpression = "#a = :a", ExpressionAttributeNames = new(names), ExpressionAttributeValues = new() });
                // Not readable: silent, never a guess.
                await client.ScanAsync(new ScanRequest { TableName = "Items", FilterExpression = "Status = :a AND", ExpressionAttributeNames = new() { ["#b"] = "B" } });
                await client.ScanAsync(new ScanRequest { TableName = "Items", FilterExpression = "STATUS_CODE = :a", ExpressionAttributeValues = new() { [":a"] = new AttributeValue("x") } });
                // Placeholders used as they should be: nothing to report.
                await client.ScanAsync(new ScanRequest { TableName = "Items", FilterExpression = "#s = :s", ExpressionAttributeNames = new() { ["#s"] = "Status" }, ExpressionAttributeValues = new() { [":s"] = new AttributeValue("x") } });
            }

            // Returned to the caller, or changed after it is built: the dictionaries may still be completed.
            ScanRequest Build() => new ScanRequest { TableName = "Items", FilterExpression = "A = :a" };

            async Task Later(IAmazonDynamoDB client)
            {
                var request = new ScanRequest { TableName = "Items", FilterExpression = "A = :a", ExpressionAttributeNames = new() { ["#x"] = "X" } };
                request.ExpressionAttributeValues[":a"] = new AttributeValue("x");
                request.FilterExpression += " AND #x = :a";
                await client.ScanAsync(request);
            }
        }
        """);

    [Fact]
    public Task A_key_condition_placeholder_on_a_declared_table_is_left_to_IDPDYN206() => Verify("""
        class Repo
        {
            Task Run(IAmazonDynamoDB client) => client.QueryAsync(new QueryRequest
            {
                TableName = "Items",
                KeyConditionExpression = "#p = :p",
                ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") },
            });
        }
        """);
}
