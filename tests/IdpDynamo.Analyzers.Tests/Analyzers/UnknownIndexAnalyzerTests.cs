using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Infrastructure;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.UnknownIndexAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN202 (an index the table does not declare; with an unresolved table, one no table declares; an LSI attribute
/// naming a GSI and the reverse) and IDPDYN203 (ConsistentRead on a GSI).
/// </summary>
public class UnknownIndexAnalyzerTests
{
    private static Task<AnalyzerTestRun> Verify(string body, VerifyOptions? options = null)
        => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + body, Yaml, options);

    [Fact]
    public async Task Query_and_scan_requests_on_a_resolved_table()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", IndexName = [|"StatusIndx"|] });
                    await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", IndexName = "StatusIndex" });
                    await client.QueryAsync(new QueryRequest("webshop-test-CustomerOrders") { IndexName = "AmountIndex" });
                    await client.ScanAsync(new ScanRequest { TableName = "Orders", IndexName = [|"StatusIndex"|] });
                    await client.ScanAsync(new ScanRequest { TableName = "CustomerOrders", IndexName = "StatusIndex" });
                }
            }
            """);
        var messages = run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage()).ToList();
        Assert.Equal("Index 'StatusIndx' is not declared on table 'CustomerOrders'; did you mean 'StatusIndex'?", messages[0]);
        Assert.Equal("Index 'StatusIndex' is not declared on table 'Orders'", messages[1]);
    }

    [Fact]
    public async Task Unresolved_table_needs_the_index_on_some_table()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client, string table)
                {
                    await client.QueryAsync(new QueryRequest { TableName = table, IndexName = "StatusIndex" });
                    await client.QueryAsync(new QueryRequest { TableName = table, IndexName = [|"ByEmail"|] });
                }
            }
            """);
        Assert.Equal("Index 'ByEmail' is not declared on any table of the values files", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task Undeclared_table_is_left_to_IDPDYN201() => Verify("""
        class Repo
        {
            object Build() => new QueryRequest { TableName = "Ordrs", IndexName = "ByEmail" };
        }
        """);

    [Fact]
    public Task Document_model_operation_configs() => Verify("""
        class Repo
        {
            void Run(ITable table)
            {
                table.Query(new QueryOperationConfig { IndexName = "StatusIndex", KeyExpression = new Expression() });
                table.Query(new QueryOperationConfig { IndexName = [|"StatusIdx"|] });
                table.Scan(new ScanOperationConfig { IndexName = [|"Nope"|] });
                var config = new QueryOperationConfig { IndexName = [|"AmountIdx"|] };
                table.Query(config);
            }
        }
        """);

    [Fact]
    public Task DataModel_query_and_scan_configs() => Verify("""
        class Repo
        {
            void Run(IDynamoDBContext context)
            {
                context.QueryAsync<Order>("c", new QueryConfig { IndexName = [|"StatusIdx"|] });
                context.QueryAsync<Order>("c", new QueryConfig { IndexName = "AmountIndex" });
                context.ScanAsync<Order>(new List<ScanCondition>(), new ScanConfig { IndexName = [|"Nope"|] });
            }
        }

        [DynamoDBTable("CustomerOrders")]
        public class Order
        {
            [DynamoDBHashKey] public string CustomerId { get; set; } = "";
            [DynamoDBRangeKey] public string OrderDate { get; set; } = "";
        }
        """);

    [Fact]
    public Task V3_operation_config_index_name() => VerifyCS.VerifyAnalyzerAsync("""
        using Amazon.DynamoDBv2.DataModel;

        class Repo
        {
            object Good() => new DynamoDBOperationConfig { IndexName = "StatusIndex" };
            void Run(DynamoDBContext context) => context.QueryAsync<object>("c", new DynamoDBOperationConfig { IndexName = [|"StatusIdx"|] });
        }
        """, Yaml, new VerifyOptions { Sdk = SdkShape.V3Stubs });

    [Fact]
    public Task Index_attributes_on_entities() => Verify("""
        [DynamoDBTable("CustomerOrders")]
        public class Order
        {
            [DynamoDBHashKey] public string CustomerId { get; set; } = "";
            [DynamoDBRangeKey] public string OrderDate { get; set; } = "";
            [DynamoDBLocalSecondaryIndexRangeKey("AmountIndex")] public decimal TotalAmount { get; set; }
            [DynamoDBGlobalSecondaryIndexHashKey("StatusIndex")] public string Status { get; set; } = "";
            [[|DynamoDBGlobalSecondaryIndexHashKey("StatusIdx")|]] public string Status2 { get; set; } = "";
            [[|DynamoDBGlobalSecondaryIndexRangeKey("StatusIndex", "ByDay")|]] public string Day { get; set; } = "";
            [[|DynamoDBLocalSecondaryIndexRangeKey("StatusIndex")|]] public string Wrong { get; set; } = "";
            [[|DynamoDBGlobalSecondaryIndexHashKey("AmountIndex")|]] public string AlsoWrong { get; set; } = "";
        }

        [DynamoDBTable("Unknown")]
        public class NotDeclared
        {
            [DynamoDBGlobalSecondaryIndexHashKey("Whatever")] public string Id { get; set; } = "";
        }
        """);

    [Fact]
    public async Task Index_kind_mismatch_message()
    {
        var run = await Verify("""
            [DynamoDBTable("CustomerOrders")]
            public class Order
            {
                [[|DynamoDBLocalSecondaryIndexRangeKey("StatusIndex")|]] public string Wrong { get; set; } = "";
            }
            """);
        Assert.Equal(
            "Index 'StatusIndex' is not declared on table 'CustomerOrders' as a local secondary index; the values file declares it as a global secondary index",
            run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task Index_names_from_constants_and_generated_accessors() => Verify("""
        using Webshop.Orders;

        static class Names { public const string Status = "StatusIndex"; public const string Typo = "StatusIdx"; }

        class Repo
        {
            void Run()
            {
                _ = new QueryRequest { TableName = DynamoTables.CustomerOrders.Name, IndexName = Names.Status };
                _ = new QueryRequest { TableName = DynamoTables.CustomerOrders.Name, IndexName = [|Names.Typo|] };
                _ = new QueryRequest { TableName = DynamoTables.CustomerOrders.Name, IndexName = DynamoTables.CustomerOrders.Indexes.AmountIndex };
                _ = new QueryRequest { TableName = DynamoTables.CustomerOrders.TableName, IndexName = DynamoTables.CustomerOrders.Indexes.StatusIndex };
            }
        }
        """);

    [Fact]
    public Task Index_name_replaced_later_is_not_checked() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string index)
            {
                var request = new QueryRequest { TableName = "CustomerOrders", IndexName = "Default" };
                request.IndexName = index;
                await client.QueryAsync(request);
            }
        }
        """);

    [Fact]
    public Task Unresolved_index_names_are_silent() => Verify("""
        public class Settings { public string Index { get; set; } = "Nope"; }

        class Repo
        {
            void Run(Settings settings, string index)
            {
                _ = new QueryRequest { TableName = "CustomerOrders", IndexName = settings.Index };
                _ = new QueryRequest { TableName = "CustomerOrders", IndexName = index };
                _ = new QueryRequest { TableName = "CustomerOrders", IndexName = Environment.GetEnvironmentVariable("INDEX") };
            }
        }
        """);

    [Fact]
    public Task Index_definitions_and_vector_indexes_are_not_index_uses() => Verify("""
        class Setup
        {
            async Task CreateLocalTable(IAmazonDynamoDB client)
            {
                // Local development setup creating its own tables: table management, not a use of the chart's indexes.
                await client.CreateTableAsync(new CreateTableRequest
                {
                    TableName = "Scratch",
                    GlobalSecondaryIndexes = new List<GlobalSecondaryIndex> { new() { IndexName = "ByEmail" } },
                    LocalSecondaryIndexes = new List<LocalSecondaryIndex> { new() { IndexName = "ByDate" } },
                });
                await client.UpdateTableAsync(new UpdateTableRequest
                {
                    TableName = "CustomerOrders",
                    GlobalSecondaryIndexUpdates = new List<GlobalSecondaryIndexUpdate> { new() { Delete = new DeleteGlobalSecondaryIndexAction { IndexName = "Old" } } },
                });
                await client.SearchVectorsAsync(new SearchVectorsRequest { TableName = "Orders", IndexName = "embedding-index" });
                _ = new SearchVectorsConfig { IndexName = "embedding-index" };
            }
        }
        """);

    // --- IDPDYN203 ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Consistent_read_on_a_global_index()
    {
        var run = await Verify("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", IndexName = "StatusIndex", ConsistentRead = {|IDPDYN203:true|} });
                    await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", IndexName = "AmountIndex", ConsistentRead = true });
                    await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", IndexName = "StatusIndex", ConsistentRead = false });
                    await client.QueryAsync(new QueryRequest { TableName = "CustomerOrders", ConsistentRead = true });
                }
            }
            """);
        Assert.Equal(
            "ConsistentRead cannot be used with global secondary index 'StatusIndex' of table 'CustomerOrders'; DynamoDB rejects the query (only local secondary indexes support it)",
            run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task Consistent_read_on_a_global_index_v3_shapes() => VerifyCS.VerifyAnalyzerAsync("""
        using Amazon.DynamoDBv2.Model;

        class Repo
        {
            object Build() => new QueryRequest("CustomerOrders") { IndexName = "StatusIndex", ConsistentRead = {|IDPDYN203:true|} };
        }
        """, Yaml, new VerifyOptions { Sdk = SdkShape.V3Stubs });
}
