using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Infrastructure;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.KeyConditionAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN206: a QueryRequest's key condition (expression with #placeholders, or legacy KeyConditions) against the key
/// schema of the table or of the index it names.
/// </summary>
public class KeyConditionAnalyzerTests
{
    private static Task<AnalyzerTestRun> Verify(string body, VerifyOptions? options = null)
        => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + body, Yaml, options);

    private static string Query(string members) => $$"""
        class Repo
        {
            Task Run(IAmazonDynamoDB client) => client.QueryAsync(new QueryRequest
            {
                {{members}}
            });
        }
        """;

    [Fact]
    public Task Valid_conditions_on_table_and_indexes() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client)
            {
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = "CustomerId = :c" });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = "CustomerId = :c AND OrderDate BETWEEN :a AND :b" });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = "CustomerId = :c and begins_with(OrderDate, :p)" });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = "(CustomerId = :c) AND (OrderDate >= :d)" });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = ":c = CustomerId" });
                await client.QueryAsync(new QueryRequest
                {
                    TableName = "CustomerOrders",
                    KeyConditionExpression = "#c = :c AND #d < :d",
                    ExpressionAttributeNames = new() { ["#c"] = "CustomerId", ["#d"] = "OrderDate" },
                });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", IndexName = "AmountIndex", KeyConditionExpression = "CustomerId = :c AND TotalAmount > :a" });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", IndexName = "StatusIndex", KeyConditionExpression = "Status = :s AND OrderDate > :d" });
                await client.QueryAsync(new QueryRequest { TableName = "Counters", KeyConditionExpression = "CounterId = :c AND Day > :d" });
            }
        }
        """);

    [Fact]
    public async Task Missing_partition_key()
    {
        var run = await Verify(Query("""TableName = "CustomerOrders", KeyConditionExpression = [|"OrderDate > :d"|],"""));
        Assert.Equal(
            "The key condition does not test the partition key 'CustomerId' of table 'CustomerOrders'; a query needs 'CustomerId = :value'",
            run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task Non_key_attribute_in_the_key_condition()
    {
        var run = await Verify(Query("""TableName = "CustomerOrders", KeyConditionExpression = [|"CustomerId = :c AND Status = :s"|],"""));
        Assert.Equal(
            "The key condition tests 'Status', which is not a key of table 'CustomerOrders' (its partition key 'CustomerId' and sort key 'OrderDate'); move it to FilterExpression",
            run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task Keys_of_the_index_not_the_table() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client)
            {
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", IndexName = "StatusIndex", KeyConditionExpression = [|"CustomerId = :c"|] });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", IndexName = "AmountIndex", KeyConditionExpression = [|"CustomerId = :c AND OrderDate > :d"|] });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", IndexName = "StatusIndex", KeyConditionExpression = [|"OrderDate = :d"|] });
            }
        }
        """);

    [Fact]
    public Task Operators_not_allowed_in_key_conditions() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client)
            {
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = [|"CustomerId = :c OR CustomerId = :d"|] });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = [|"CustomerId <> :c"|] });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = [|"CustomerId IN (:a, :b)"|] });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = [|"CustomerId > :c"|] });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = [|"CustomerId = :c AND OrderDate > :a AND OrderDate < :b"|] });
                await client.QueryAsync(new QueryRequest { TableName = "Counters", KeyConditionExpression = [|"CounterId = :c AND begins_with(Day, :d)"|] });
            }
        }
        """);

    [Fact]
    public async Task Placeholders()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = "CustomerOrders",
                        KeyConditionExpression = [|"#c = :c AND #x = :d"|],
                        ExpressionAttributeNames = new() { ["#c"] = "CustomerId" },
                    });
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = "CustomerOrders",
                        KeyConditionExpression = [|"#c = :c"|],
                    });
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = "CustomerOrders",
                        KeyConditionExpression = [|"#s = :s"|],
                        ExpressionAttributeNames = new Dictionary<string, string> { { "#s", "Status" } },
                    });
                }
            }
            """);
        var messages = run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage()).ToList();
        Assert.Equal("The key condition uses '#x', which ExpressionAttributeNames does not define; DynamoDB rejects the query", messages[0]);
        Assert.Equal("The key condition uses '#c', which ExpressionAttributeNames does not define; DynamoDB rejects the query", messages[1]);
        Assert.StartsWith("The key condition tests 'Status', which is not a key of table 'CustomerOrders'", messages[2], System.StringComparison.Ordinal);
    }

    [Fact]
    public Task Legacy_key_conditions() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, Condition condition)
            {
                await client.QueryAsync(new QueryRequest
                {
                    TableName = "CustomerOrders",
                    KeyConditions = new Dictionary<string, Condition> { ["CustomerId"] = condition, ["OrderDate"] = condition },
                });
                await client.QueryAsync(new QueryRequest
                {
                    TableName = "CustomerOrders",
                    KeyConditions = [|new Dictionary<string, Condition> { ["CustomerId"] = condition, ["Status"] = condition }|],
                });
                await client.QueryAsync(new QueryRequest
                {
                    TableName = "CustomerOrders",
                    IndexName = "StatusIndex",
                    KeyConditions = new Dictionary<string, Condition> { ["Status"] = condition },
                });
            }
        }
        """);

    [Fact]
    public Task Resolved_through_constants_and_generated_accessors() => Verify("""
        using Webshop.Orders;

        class Repo
        {
            private const string ByCustomer = "CustomerId = :c";
            private const string ByStatus = "Status = :s";

            async Task Run(IAmazonDynamoDB client)
            {
                await client.QueryAsync(new QueryRequest { TableName = DynamoTables.CustomerOrders.Name, KeyConditionExpression = ByCustomer });
                await client.QueryAsync(new QueryRequest { TableName = DynamoTables.CustomerOrders.Name, KeyConditionExpression = [|ByStatus|] });
                await client.QueryAsync(new QueryRequest
                {
                    TableName = DynamoTables.CustomerOrders.Name,
                    IndexName = DynamoTables.CustomerOrders.Indexes.StatusIndex,
                    KeyConditionExpression = "#s = :s",
                    ExpressionAttributeNames = new() { ["#s"] = DynamoTables.CustomerOrders.Attributes.Status },
                });
            }
        }
        """);

    [Fact]
    public Task Requests_that_may_be_completed_elsewhere_are_not_checked() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string index, Dictionary<string, string> names)
            {
                var later = new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = "#c = :c" };
                later.ExpressionAttributeNames = names;
                await client.QueryAsync(later);

                var onIndex = new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = "Status = :s" };
                onIndex.IndexName = index;
                await client.QueryAsync(onIndex);

                var added = new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = "#c = :c", ExpressionAttributeNames = new() };
                added.ExpressionAttributeNames.Add("#c", "CustomerId");
                await client.QueryAsync(added);

                await client.QueryAsync(Build());
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = "#c = :c", ExpressionAttributeNames = names });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", IndexName = index, KeyConditionExpression = "Status = :s" });
            }

            static QueryRequest Build() => new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = "#c = :c" };
        }
        """);

    [Fact]
    public Task Paging_loop_still_checks_the_key_condition() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client)
            {
                var request = new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = [|"Status = :s"|] };
                QueryResponse response;
                do
                {
                    response = await client.QueryAsync(request);
                    request.ExclusiveStartKey = response.LastEvaluatedKey;
                }
                while (response.LastEvaluatedKey is { Count: > 0 });
            }
        }
        """);

    [Fact]
    public Task Unknown_syntax_and_unresolved_expressions_are_silent() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string expression, string hash)
            {
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = expression });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = $"{hash} = :c" });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", KeyConditionExpression = "CustomerId = :c AND size(OrderDate) > :n" });
                await client.QueryAsync(new QueryRequest { TableName = "Ordrs", KeyConditionExpression = "Anything = :a" });
                await client.QueryAsync(new QueryRequest { TableName = hash, KeyConditionExpression = "Anything = :a" });
                await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", IndexName = "NoSuchIndex", KeyConditionExpression = "Anything = :a" });
            }
        }
        """);
}
