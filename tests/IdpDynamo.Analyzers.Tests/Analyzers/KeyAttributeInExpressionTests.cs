using System.Linq;
using System.Threading.Tasks;
using static IdpDynamo.Analyzers.Tests.Analyzers.ExpressionValues;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN212: a Query's FilterExpression on a key attribute of the table or index it queries, and an UpdateExpression
/// that changes a key attribute of the table; a Scan's filter, a GSI query filtering on the table's keys and an update
/// of a GSI key are accepted by DynamoDB and stay silent.
/// </summary>
public class KeyAttributeInExpressionTests
{
    [Fact]
    public async Task Query_filter_on_a_key_of_the_table()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = "Items",
                        KeyConditionExpression = "Pk = :p",
                        FilterExpression = "{|IDPDYN212:Sk|} = :p AND attribute_exists({|IDPDYN212:Pk|}) AND {|IDPDYN212:#k|}.x = :p AND A = :p",
                        ExpressionAttributeNames = new() { ["#k"] = "Sk" },
                        ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") },
                    });
                }
            }
            """);
        Assert.Equal(
            "FilterExpression tests 'Sk', a key attribute of table 'Items'; a Query cannot filter on it (test it in KeyConditionExpression)",
            run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).First().GetMessage());
    }

    [Fact]
    public async Task Index_query_filter_on_a_key_of_the_index()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    var gsi = new QueryRequest
                    {
                        TableName = "Items",
                        IndexName = "GKeys",
                        KeyConditionExpression = "G = :p",
                        FilterExpression = "{|IDPDYN212:Gs|} = :p AND Sk = :p AND Pk = :p",
                        ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") },
                    };
                    await client.QueryAsync(gsi);
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = "Items",
                        IndexName = "LKeys",
                        KeyConditionExpression = "Pk = :p",
                        FilterExpression = "{|IDPDYN212:L|} = :p OR Sk = :p OR {|IDPDYN212:Pk|} = :p",
                        ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") },
                    });
                }
            }
            """);
        Assert.Equal(
            "FilterExpression tests 'Gs', a key attribute of index 'GKeys' of table 'Items'; a Query cannot filter on it (test it in KeyConditionExpression)",
            run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).First().GetMessage());
    }

    [Fact]
    public async Task Update_of_a_table_key()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = "Items",
                        UpdateExpression = "SET {|IDPDYN212:Pk|} = :v, A = Pk, {|IDPDYN212:#s|}.x = :v REMOVE {|IDPDYN212:Sk|}",
                        ExpressionAttributeNames = new() { ["#s"] = "Sk" },
                        ExpressionAttributeValues = new() { [":v"] = new AttributeValue("x") },
                    });
                    await client.UpdateItemAsync(new UpdateItemRequest { TableName = "Plain", UpdateExpression = "ADD {|IDPDYN212:Id|} :n DELETE B :s", ExpressionAttributeValues = new() { [":n"] = new AttributeValue { N = "1" }, [":s"] = new AttributeValue { SS = new List<string> { "a" } } } });
                    await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                    {
                        TransactItems = new List<TransactWriteItem>
                        {
                            new() { Update = new Update { TableName = "Items", UpdateExpression = "SET {|IDPDYN212:Sk|} = :v", ExpressionAttributeValues = new() { [":v"] = new AttributeValue("x") } } },
                        },
                    });
                }
            }
            """);
        Assert.Equal(
            new[]
            {
                "UpdateExpression SET changes 'Pk', a key attribute of table 'Items'; DynamoDB rejects the update (a key cannot be updated; write a new item instead)",
                "UpdateExpression SET changes 'Sk', a key attribute of table 'Items'; DynamoDB rejects the update (a key cannot be updated; write a new item instead)",
                "UpdateExpression REMOVE changes 'Sk', a key attribute of table 'Items'; DynamoDB rejects the update (a key cannot be updated; write a new item instead)",
                "UpdateExpression ADD changes 'Id', a key attribute of table 'Plain'; DynamoDB rejects the update (a key cannot be updated; write a new item instead)",
                "UpdateExpression SET changes 'Sk', a key attribute of table 'Items'; DynamoDB rejects the update (a key cannot be updated; write a new item instead)",
            },
            run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage()));
    }

    [Fact]
    public Task Accepted_by_DynamoDB_scan_filters_gsi_table_keys_and_gsi_key_updates() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client)
            {
                await client.ScanAsync(new ScanRequest { TableName = "Items", FilterExpression = "Pk = :p AND Sk = :p", ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") } });
                await client.ScanAsync(new ScanRequest { TableName = "Items", IndexName = "GKeys", FilterExpression = "G = :p AND Gs = :p", ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") } });
                await client.QueryAsync(new QueryRequest { TableName = "Items", IndexName = "GAll", KeyConditionExpression = "G = :p", FilterExpression = "Pk = :p AND Sk = :p", ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") } });
                await client.UpdateItemAsync(new UpdateItemRequest { TableName = "Items", UpdateExpression = "SET G = :v, Gs = :v, L = :v REMOVE L2", ExpressionAttributeValues = new() { [":v"] = new AttributeValue("x") } });
                // The key in a condition, or read in a SET value, is fine.
                await client.UpdateItemAsync(new UpdateItemRequest { TableName = "Items", UpdateExpression = "SET A = Pk", ConditionExpression = "attribute_exists(Pk)" });
                await client.DeleteItemAsync(new DeleteItemRequest { TableName = "Items", ConditionExpression = "Sk = :v", ExpressionAttributeValues = new() { [":v"] = new AttributeValue("x") } });
            }
        }
        """);

    [Fact]
    public Task Silent_when_table_index_or_names_are_not_known() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string table, string index, Dictionary<string, string> names)
            {
                await client.QueryAsync(new QueryRequest { TableName = table, KeyConditionExpression = "Pk = :p", FilterExpression = "Sk = :p", ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") } });
                await client.QueryAsync(new QueryRequest { TableName = "Items", IndexName = index, KeyConditionExpression = "G = :p", FilterExpression = "Gs = :p", ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") } });
                await client.QueryAsync(new QueryRequest { TableName = "Items", IndexName = "NoSuchIndex", KeyConditionExpression = "G = :p", FilterExpression = "Gs = :p", ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") } });
                await client.QueryAsync(new QueryRequest { TableName = "Items", KeyConditionExpression = "Pk = :p", FilterExpression = "#k = :p", ExpressionAttributeNames = names, ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") } });
                await client.UpdateItemAsync(new UpdateItemRequest { TableName = "Items", UpdateExpression = "SET #k = :v", ExpressionAttributeNames = names, ExpressionAttributeValues = new() { [":v"] = new AttributeValue("x") } });
                await client.UpdateItemAsync(new UpdateItemRequest { TableName = "Items", UpdateExpression = "SET Pk = :v,", ExpressionAttributeValues = new() { [":v"] = new AttributeValue("x") } });
            }

            // Returned to the caller: TableName may still be replaced.
            UpdateItemRequest Build() => new UpdateItemRequest { TableName = "Items", UpdateExpression = "REMOVE Sk" };
        }
        """);
}
