using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static IdpDynamo.Analyzers.Tests.Analyzers.ExpressionValues;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN209: Select = ALL_ATTRIBUTES on a GSI whose projection is not ALL (warning: DynamoDB rejects it), and
/// attributes in ProjectionExpression or AttributesToGet that the index does not project (info: empty on a GSI,
/// fetched from the table on an LSI).
/// </summary>
public class IndexProjectionTests
{
    [Fact]
    public async Task All_attributes_on_a_gsi_without_projection_all()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest { TableName = "Items", IndexName = "GKeys", KeyConditionExpression = "G = :g", ExpressionAttributeValues = new() { [":g"] = new AttributeValue("x") }, Select = {|IDPDYN209:Select.ALL_ATTRIBUTES|} });
                    await client.QueryAsync(new QueryRequest { TableName = "Items", IndexName = "GInc", KeyConditionExpression = "G = :g", ExpressionAttributeValues = new() { [":g"] = new AttributeValue("x") }, Select = {|IDPDYN209:"ALL_ATTRIBUTES"|} });
                    var scan = new ScanRequest("Items") { IndexName = "GKeys", Select = {|IDPDYN209:Select.ALL_ATTRIBUTES|} };
                    await client.ScanAsync(scan);
                }
            }
            """);
        var first = run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).First();
        Assert.Equal(
            "Select = ALL_ATTRIBUTES is not supported on global secondary index 'GKeys' of table 'Items' because its projection is KEYS_ONLY; DynamoDB rejects the request (use ALL_PROJECTED_ATTRIBUTES or name the attributes)",
            first.GetMessage());
        Assert.All(run.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public async Task Attributes_a_gsi_does_not_project_are_info()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = "Items",
                        IndexName = "GKeys",
                        KeyConditionExpression = "G = :g",
                        ProjectionExpression = "Pk, Sk, G, Gs, {|IDPDYN209:A|}, {|IDPDYN209:#b|}.c",
                        ExpressionAttributeNames = new() { ["#b"] = "B" },
                        ExpressionAttributeValues = new() { [":g"] = new AttributeValue("x") },
                    });
                    await client.ScanAsync(new ScanRequest
                    {
                        TableName = "Items",
                        IndexName = "GInc",
                        AttributesToGet = new List<string> { "A", "Pk", {|IDPDYN209:"B"|} },
                    });
                }
            }
            """);
        Assert.Equal(
            new[]
            {
                "'A' is not projected into global secondary index 'GKeys' of table 'Items' (projection KEYS_ONLY); the query returns it empty",
                "'B' is not projected into global secondary index 'GKeys' of table 'Items' (projection KEYS_ONLY); the query returns it empty",
                "'B' is not projected into global secondary index 'GInc' of table 'Items' (projection INCLUDE); the scan returns it empty",
            },
            run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage()));
        Assert.All(run.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
    }

    [Fact]
    public async Task Attributes_an_lsi_does_not_project_are_info()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = "Items",
                        IndexName = "LInc",
                        KeyConditionExpression = "Pk = :p",
                        ProjectionExpression = "Pk, Sk, L2, A, {|IDPDYN209:B|}",
                        ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") },
                    });
                    // An LSI with Select = ALL_ATTRIBUTES is accepted (DynamoDB reads the table).
                    await client.QueryAsync(new QueryRequest { TableName = "Items", IndexName = "LKeys", KeyConditionExpression = "Pk = :p", ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") }, Select = Select.ALL_ATTRIBUTES });
                }
            }
            """);
        var only = Assert.Single(run.Diagnostics);
        Assert.Equal(
            "'B' is not projected into local secondary index 'LInc' of table 'Items' (projection INCLUDE); DynamoDB fetches it from the table at extra read cost",
            only.GetMessage());
        Assert.Equal(DiagnosticSeverity.Info, only.Severity);
    }

    [Fact]
    public Task Silent_when_the_index_or_its_projection_is_not_known_or_all() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string index, string projection, List<string> attributes)
            {
                // Projection ALL, the table itself, an undeclared index, an index or projection known only at run time.
                await client.QueryAsync(new QueryRequest { TableName = "Items", IndexName = "GAll", KeyConditionExpression = "G = :g", ExpressionAttributeValues = new() { [":g"] = new AttributeValue("x") }, Select = Select.ALL_ATTRIBUTES });
                await client.ScanAsync(new ScanRequest { TableName = "Items", Select = Select.ALL_ATTRIBUTES });
                await client.ScanAsync(new ScanRequest { TableName = "Items", IndexName = "NoSuchIndex", Select = Select.ALL_ATTRIBUTES });
                await client.ScanAsync(new ScanRequest { TableName = "Items", IndexName = index, Select = Select.ALL_ATTRIBUTES });
                await client.ScanAsync(new ScanRequest { TableName = "Unknown", IndexName = "GKeys", Select = Select.ALL_ATTRIBUTES });
                await client.ScanAsync(new ScanRequest { TableName = "Items", IndexName = "GKeys", ProjectionExpression = projection, AttributesToGet = attributes });
                // ALL_PROJECTED_ATTRIBUTES and the default are fine; a #name filled elsewhere is not judged.
                await client.ScanAsync(new ScanRequest { TableName = "Items", IndexName = "GKeys", Select = Select.ALL_PROJECTED_ATTRIBUTES });
                await client.ScanAsync(new ScanRequest { TableName = "Items", IndexName = "GKeys", ProjectionExpression = "#a", ExpressionAttributeNames = Names() });
            }

            static Dictionary<string, string> Names() => new() { ["#a"] = "A" };

            // Returned to the caller: Select or IndexName may still change.
            ScanRequest Build() => new ScanRequest { TableName = "Items", IndexName = "GKeys", Select = Select.ALL_ATTRIBUTES };
        }
        """);
}
