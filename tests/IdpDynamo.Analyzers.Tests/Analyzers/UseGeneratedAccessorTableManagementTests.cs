using System.Threading.Tasks;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.UseGeneratedAccessorAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN210 leaves table management alone, as the other rules do (the chart owns the tables): no constant is
/// suggested for the table or index names of a CreateTableRequest, an UpdateTableRequest or DescribeTable, while the
/// same names in a query next to them still are.
/// </summary>
public class UseGeneratedAccessorTableManagementTests
{
    [Fact]
    public Task Table_management_literals_are_not_reported() => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + """
        class LocalTables
        {
            async Task Create(IAmazonDynamoDB client)
            {
                await client.CreateTableAsync(new CreateTableRequest
                {
                    TableName = "webshop-test-CustomerOrders",
                    KeySchema = new List<KeySchemaElement> { new("CustomerId", KeyType.HASH), new("OrderDate", KeyType.RANGE) },
                    GlobalSecondaryIndexes = new List<GlobalSecondaryIndex>
                    {
                        new() { IndexName = "StatusIndex", KeySchema = new List<KeySchemaElement> { new("Status", KeyType.HASH) }, Projection = new Projection { ProjectionType = ProjectionType.ALL } },
                    },
                    LocalSecondaryIndexes = new List<LocalSecondaryIndex> { new() { IndexName = "AmountIndex" } },
                });
                await client.UpdateTableAsync(new UpdateTableRequest
                {
                    TableName = "webshop-test-CustomerOrders",
                    GlobalSecondaryIndexUpdates = new List<GlobalSecondaryIndexUpdate> { new() { Delete = new DeleteGlobalSecondaryIndexAction { IndexName = "StatusIndex" } } },
                });
                await client.DescribeTableAsync("webshop-test-Orders");
                await client.QueryAsync(new QueryRequest { TableName = [|"webshop-test-CustomerOrders"|], IndexName = [|"StatusIndex"|] });
            }
        }
        """, Yaml);
}
