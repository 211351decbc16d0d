using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.UnknownIndexAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN202 when the request's table is not written exactly but only one declared table can be meant: a constant
/// tail after an unknown prefix, or the entity of a DataModel query. That table's indexes decide, also when the values
/// files declare no index at all (any index name then fails).
/// </summary>
public class UnknownIndexOfOneTableTests
{
    /// <summary>Orders and Products, without a single secondary index.</summary>
    private const string NoIndexes = """
        managementPolicies: Control
        tables:
          - name: Orders
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST
          - name: Products
            hashKey: Sku
            attributes:
              - name: Sku
                type: 'S'
            billingMode: PAY_PER_REQUEST
        """;

    private const string Entity = """

        [DynamoDBTable("Orders")]
        public class Order { [DynamoDBHashKey] public string Id { get; set; } = ""; }

        public class Unmapped { [DynamoDBHashKey] public string Id { get; set; } = ""; }
        """;

    [Fact]
    public async Task Without_declared_indexes_an_index_of_a_known_table_is_reported()
    {
        var run = await VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + """
            class Repo
            {
                private readonly string _prefix = Environment.GetEnvironmentVariable("NAMESPACE") + "-";

                async Task Run(IAmazonDynamoDB client, IDynamoDBContext context)
                {
                    await client.QueryAsync(new QueryRequest { TableName = _prefix + "Orders", IndexName = [|"ByStatus"|] });
                    await client.QueryAsync(new QueryRequest { TableName = "webshop-test-Orders", IndexName = [|"ByStatus"|] });
                    _ = context.QueryAsync<Order>("id", new QueryConfig { IndexName = [|"ByStatus"|] });
                }
            }
            """ + Entity, NoIndexes);
        Assert.All(run.Diagnostics, d => Assert.Equal("Index 'ByStatus' is not declared on table 'Orders'", d.GetMessage()));
    }

    [Fact]
    public Task Without_declared_indexes_an_unknown_table_stays_silent() => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + """
        class Repo
        {
            private readonly string _prefix = Environment.GetEnvironmentVariable("TABLE_PREFIX")!;

            async Task Run(IAmazonDynamoDB client, IDynamoDBContext context, string table, string ns)
            {
                await client.QueryAsync(new QueryRequest { TableName = table, IndexName = "ByStatus" });
                await client.QueryAsync(new QueryRequest { TableName = _prefix + "s", IndexName = "ByStatus" });
                await client.QueryAsync(new QueryRequest { IndexName = "ByStatus" });
                var config = new QueryConfig { IndexName = "ByStatus" };
                _ = context.QueryAsync<Order>("id", config);
                _ = context.QueryAsync<Order>("id", new QueryConfig { IndexName = "ByStatus", OverrideTableName = "Elsewhere" });
                _ = context.QueryAsync<Unmapped>("id", new QueryConfig { IndexName = "ByStatus" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = $"SELECT * FROM \"{ns}\".\"ByStatus\"" });
                var request = new QueryRequest { TableName = _prefix + "Orders", IndexName = "ByStatus" };
                request.TableName = table;
                await client.QueryAsync(request);
            }
        }
        """ + Entity, NoIndexes);

    [Fact]
    public async Task A_tail_that_names_one_table_is_checked_against_that_table()
    {
        var run = await VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + """
            class Repo
            {
                private readonly string _ns = Environment.GetEnvironmentVariable("NS")!;

                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest { TableName = _ns + "-Orders", IndexName = [|"StatusIndex"|] });
                    await client.QueryAsync(new QueryRequest { TableName = _ns + "-CustomerOrders", IndexName = "StatusIndex" });
                    await client.QueryAsync(new QueryRequest { TableName = _ns + "Orders", IndexName = "StatusIndex" });
                }
            }
            """, Yaml);
        Assert.Equal("Index 'StatusIndex' is not declared on table 'Orders'", run.Diagnostics.Single().GetMessage());
    }
}
