using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Infrastructure;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.UnknownTableAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN201: a table name that resolves at compile time and matches no declared table. Every sink kind of the SDK
/// (client overloads, request objects, RequestItems keys, transaction items, Document and DataModel), every resolvable
/// value shape, and the values that must stay silent because they cannot be resolved.
/// </summary>
public class UnknownTableAnalyzerTests
{
    private static Task<AnalyzerTestRun> Verify(string body, VerifyOptions? options = null)
        => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + body, Yaml, options);

    // --- Low-level client overloads -------------------------------------------------------------------------------

    [Fact]
    public Task GetItemAsync_table_name_literal() => Verify("""
        class Repo
        {
            Task Get(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
                => client.GetItemAsync([|"Ordrs"|], key);
        }
        """);

    [Fact]
    public Task Declared_names_in_every_form_are_silent() => Verify("""
        class Repo
        {
            async Task Get(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
            {
                await client.GetItemAsync("Orders", key);                                       // logical name
                await client.GetItemAsync("webshop-test-Orders", key);                          // rendered name
                await client.GetItemAsync("webshop-prod-Orders", key);                          // another environment
                await client.GetItemAsync("arn:aws:dynamodb:eu-west-1:123456789012:table/webshop-test-Orders", key);
                await client.GetItemAsync("arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/index/ByDate", key);
            }
        }
        """);

    [Fact]
    public Task PutItem_DeleteItem_UpdateItem_Scan_overloads() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> item)
            {
                await client.PutItemAsync([|"Ordrs"|], item);
                await client.DeleteItemAsync([|"Odrers"|], item);
                await client.UpdateItemAsync([|"Products2"|], item, new Dictionary<string, AttributeValueUpdate>());
                await client.ScanAsync([|"Nope"|], new List<string> { "Id" });
            }
        }
        """);

    [Fact]
    public Task Message_suggests_the_closest_table() => VerifyCS.VerifyAnalyzerAsync(
        Usings + "\n" + """
            class Repo
            {
                Task Get(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key) => client.GetItemAsync({|#0:"Ordrs"|}, key);
                Task Get2(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key) => client.GetItemAsync({|#1:"webshop-test-Prodcts"|}, key);
                Task Get3(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key) => client.GetItemAsync({|#2:"Zebra"|}, key);
            }
            """,
        Yaml,
        VerifyCS.Diagnostic().WithLocation(0).WithMessage("Table 'Ordrs' is not declared in the values files of this project; did you mean 'Orders'?"),
        VerifyCS.Diagnostic().WithLocation(1).WithMessage("Table 'webshop-test-Prodcts' is not declared in the values files of this project; did you mean 'Products'?"),
        VerifyCS.Diagnostic().WithLocation(2).WithMessage("Table 'Zebra' is not declared in the values files of this project"));

    [Fact]
    public Task Control_plane_calls_are_left_alone() => Verify("""
        class Admin
        {
            async Task Run(IAmazonDynamoDB client)
            {
                await client.DescribeTableAsync("Scratch");
                await client.DeleteTableAsync("Scratch");
                await client.CreateTableAsync(new CreateTableRequest { TableName = "Scratch" });
                await client.ListTablesAsync("Scratch");
                await client.ImportTableAsync(new ImportTableRequest { TableCreationParameters = new TableCreationParameters { TableName = "Scratch" } });
                await client.DescribeKinesisStreamingDestinationAsync(new DescribeKinesisStreamingDestinationRequest { TableName = "Scratch" });
                await client.ListBackupsAsync(new ListBackupsRequest { TableName = "Scratch" });
            }
        }
        """);

    // --- Request objects ------------------------------------------------------------------------------------------

    [Fact]
    public Task Request_objects_constructor_and_initializer() => Verify("""
        class Repo
        {
            void Build(Dictionary<string, AttributeValue> key)
            {
                _ = new GetItemRequest([|"Ordrs"|], key);
                _ = new GetItemRequest { TableName = [|"Ordrs"|], Key = key };
                _ = new QueryRequest([|"Music"|]) { TableName = [|"Music"|] };
                _ = new ScanRequest { TableName = [|"Scans"|] };
                _ = new PutItemRequest { TableName = [|"Puts"|] };
                _ = new DeleteItemRequest([|"Deletes"|], key);
                _ = new UpdateItemRequest { TableName = [|"Updates"|] };
                _ = new QueryRequest("CustomerOrders") { TableName = "CustomerOrders" };
            }
        }
        """);

    [Fact]
    public Task Assignment_after_construction() => Verify("""
        class Repo
        {
            QueryRequest Build()
            {
                var request = new QueryRequest();
                request.TableName = [|"Ordrs"|];
                return request;
            }
        }
        """);

    [Fact]
    public Task BatchGet_and_BatchWrite_request_items_keys() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, KeysAndAttributes keys, List<WriteRequest> writes)
            {
                await client.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new Dictionary<string, KeysAndAttributes>
                    {
                        ["Orders"] = keys,
                        [[|"Ordrs"|]] = keys,
                    },
                });
                await client.BatchGetItemAsync(new Dictionary<string, KeysAndAttributes> { { [|"Prodcts"|], keys }, { "Products", keys } });
                await client.BatchWriteItemAsync(new BatchWriteItemRequest(new Dictionary<string, List<WriteRequest>> { [[|"Countrs"|]] = writes }));
            }
        }
        """);

    [Fact]
    public Task Transaction_items() => Verify("""
        class Repo
        {
            Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
                => client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems = new List<TransactWriteItem>
                    {
                        new() { Put = new Put { TableName = [|"Ordrs"|], Item = key } },
                        new() { Update = new Update { TableName = "Orders", Key = key, UpdateExpression = "SET a = :a" } },
                        new() { Delete = new Delete { TableName = [|"Gone"|], Key = key } },
                        new() { ConditionCheck = new ConditionCheck { TableName = [|"Checks"|], Key = key, ConditionExpression = "attribute_exists(Id)" } },
                    },
                });
        }
        """);

    [Fact]
    public Task Response_and_description_types_are_sources_not_uses() => Verify("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client)
            {
                var described = await client.DescribeTableAsync(new DescribeTableRequest { TableName = "Orders" });
                var copy = new TableDescription { TableName = "SomethingElse" };
                var capacity = new ConsumedCapacity { TableName = "Whatever" };
                await client.GetItemAsync(described.Table.TableName, new Dictionary<string, AttributeValue>());
            }
        }
        """);

    // --- Document model -------------------------------------------------------------------------------------------

    [Fact]
    public Task Document_model_table_names() => Verify("""
        class Repo
        {
            #pragma warning disable CS0618 // LoadTable is obsolete in v4
            void Build(IAmazonDynamoDB client)
            {
                _ = new TableConfig([|"Ordrs"|]);
                _ = new TableConfig("Orders");
                _ = new TableBuilder(client, [|"Prodcts"|]);
                _ = new TableBuilder(client, "Products").AddHashKey("Sku", DynamoDBEntryType.String).Build();
                _ = Table.LoadTable(client, [|"Countres"|]);
                _ = Table.LoadTable(client, "Counters");
            }
        }
        """);

    // --- DataModel ------------------------------------------------------------------------------------------------

    [Fact]
    public Task DynamoDBTable_attribute() => Verify("""
        [{|IDPDYN201:DynamoDBTable("Ordrs")|}]
        public class Order { [DynamoDBHashKey] public string Id { get; set; } = ""; }

        [DynamoDBTable("Orders")]
        public class GoodOrder { [DynamoDBHashKey] public string Id { get; set; } = ""; }

        [DynamoDBTable(TableName)]
        public class ConstOrder { public const string TableName = "Orders"; [DynamoDBHashKey] public string Id { get; set; } = ""; }

        public class DerivedOrder : GoodOrder { }
        """);

    [Fact]
    public Task OverrideTableName_in_operation_configs() => Verify("""
        class Repo
        {
            async Task Run(IDynamoDBContext context)
            {
                await context.LoadAsync<Thing>("id", new LoadConfig { OverrideTableName = [|"Ordrs"|] });
                await context.LoadAsync<Thing>("id", new LoadConfig { OverrideTableName = "Orders" });
                await context.SaveAsync(new Thing(), new SaveConfig { OverrideTableName = [|"Thingz"|] });
            }
        }

        [DynamoDBTable("Orders")]
        public class Thing { [DynamoDBHashKey] public string Id { get; set; } = ""; }
        """);

    [Fact]
    public Task V3_operation_config_and_LoadTable_shapes() => VerifyCS.VerifyAnalyzerAsync("""
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.DataModel;
        using Amazon.DynamoDBv2.DocumentModel;

        class Repo
        {
            void Run(IAmazonDynamoDB client)
            {
                var config = new DynamoDBOperationConfig { OverrideTableName = [|"Ordrs"|], TableNamePrefix = "webshop-test-" };
                var ok = new DynamoDBOperationConfig { OverrideTableName = "Orders" };
                Table table = Table.LoadTable(client, [|"Prodcts"|]);
                Table good = Table.LoadTable(client, "Products");
            }
        }
        """, Yaml, new VerifyOptions { Sdk = SdkShape.V3Stubs });

    // --- Resolution -----------------------------------------------------------------------------------------------

    [Fact]
    public Task Constants_in_this_and_another_class() => Verify("""
        static class Tables
        {
            public const string Orders = "Orders";
            public const string Typo = "Ordrs";
            public const string Prefix = "webshop-test-";
        }

        class Repo
        {
            private const string Local = "Prodcts";

            void Build(Dictionary<string, AttributeValue> key)
            {
                _ = new GetItemRequest(Tables.Orders, key);
                _ = new GetItemRequest([|Tables.Typo|], key);
                _ = new GetItemRequest([|Local|], key);
                _ = new GetItemRequest(Tables.Prefix + "Products", key);
                _ = new GetItemRequest([|Tables.Prefix + "Prodcts"|], key);
            }
        }
        """);

    [Fact]
    public Task Single_assignment_locals_and_readonly_fields() => Verify("""
        class Repo
        {
            private readonly string _orders = "Orders";
            private readonly string _typo = "Ordrs";
            private static readonly string Products = "Prodcts";
            private static string _neverAssigned = "Countrs";

            void Build(Dictionary<string, AttributeValue> key)
            {
                var table = "Ordrs";
                string good = "Orders";
                _ = new GetItemRequest([|table|], key);
                _ = new GetItemRequest(good, key);
                _ = new GetItemRequest(_orders, key);
                _ = new GetItemRequest([|_typo|], key);
                _ = new GetItemRequest([|Products|], key);
                _ = new GetItemRequest([|_neverAssigned|], key);
            }
        }
        """);

    [Fact]
    public Task Expression_bodied_and_initialized_get_only_properties() => Verify("""
        class Repo
        {
            private string OrdersTable => "Ordrs";
            private static string ProductsTable { get; } = "Prodcts";

            void Build(Dictionary<string, AttributeValue> key)
            {
                _ = new GetItemRequest([|OrdersTable|], key);
                _ = new GetItemRequest([|ProductsTable|], key);
            }
        }
        """);

    [Fact]
    public Task Interpolation_with_a_namespace_hole() => Verify("""
        class Repo
        {
            void Build(string ns, Dictionary<string, AttributeValue> key)
            {
                _ = new GetItemRequest($"{ns}-Orders", key);
                _ = new GetItemRequest($"idp-{ns}-Orders", key);
                _ = new GetItemRequest(ns + "-Products", key);
                _ = new GetItemRequest([|$"{ns}-Ordrs"|], key);
                _ = new GetItemRequest($"{ns}-{Environment.MachineName}", key);
                _ = new GetItemRequest($"{ns}-", key);
            }
        }
        """);

    [Fact]
    public async Task Interpolation_message_shows_the_tail_and_a_suggestion()
    {
        var run = await Verify("""
            class Repo
            {
                void Build(string ns, Dictionary<string, AttributeValue> key) => _ = new GetItemRequest([|$"{ns}-Ordrs"|], key);
            }
            """);
        Assert.Equal("Table '…-Ordrs' is not declared in the values files of this project; did you mean 'Orders'?", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task Arn_with_an_unknown_table() => Verify("""
        class Repo
        {
            void Build(Dictionary<string, AttributeValue> key)
                => _ = new GetItemRequest([|"arn:aws:dynamodb:eu-west-1:123456789012:table/webshop-test-Ordrs"|], key);
        }
        """);

    // --- Zero false positives: values that cannot be known ----------------------------------------------------------

    [Fact]
    public Task Unresolvable_values_are_never_reported() => Verify("""
        public interface IOptions<T> { T Value { get; } }

        public class DynamoSettings
        {
            public string OrdersTable { get; set; } = "Ordrs";
            public string Init { get; init; } = "Ordrs";
        }

        public static class Globals
        {
            public static string TableName = "Ordrs";   // mutable: anyone may assign it
        }

        public class Repo
        {
            private readonly IOptions<DynamoSettings> _options;
            private readonly string _fromCtor = "Ordrs";
            private readonly string _injected;
            private static readonly string FromEnvironment = Environment.GetEnvironmentVariable("ORDERS_TABLE") ?? "Orders";
            private string _mutable = "Ordrs";

            public Repo(IOptions<DynamoSettings> options, string injected, string fromCtor)
            {
                _options = options;
                _injected = injected;
                _fromCtor = fromCtor;
            }

            private string Table => _options.Value.OrdersTable;

            void Build(string parameter, Dictionary<string, AttributeValue> key)
            {
                _ = new GetItemRequest(parameter, key);
                _ = new GetItemRequest(_options.Value.OrdersTable, key);
                _ = new GetItemRequest(_options.Value.Init, key);
                _ = new GetItemRequest(Table, key);
                _ = new GetItemRequest(_injected, key);
                _ = new GetItemRequest(_fromCtor, key);
                _ = new GetItemRequest(Environment.GetEnvironmentVariable("ORDERS_TABLE"), key);
                _ = new GetItemRequest(FromEnvironment, key);
                _ = new GetItemRequest(Globals.TableName, key);
                _ = new GetItemRequest(_mutable, key);

                var reassigned = "Ordrs";
                if (parameter.Length > 3) reassigned = parameter;
                _ = new GetItemRequest(reassigned, key);

                var later = "Ordrs";
                later += "-v2";
                _ = new GetItemRequest(later, key);

                string outVar = "Ordrs";
                Fill(out outVar);
                _ = new GetItemRequest(outVar, key);

                _ = new GetItemRequest(string.Format("{0}-Orders", parameter), key);
                _ = new GetItemRequest($"{parameter}", key);
                _ = new GetItemRequest(parameter + "-" + parameter, key);
            }

            static void Fill(out string value) => value = "Orders";
        }
        """);

    [Fact]
    public Task Init_only_and_settable_properties_with_initializers_are_unresolved() => Verify("""
        public class Settings
        {
            public string Table { get; } = "Ordrs";
            public Settings(string table) { Table = table; }
        }

        public class VirtualSettings
        {
            public virtual string Table => "Ordrs";
        }

        public class Repo
        {
            void Build(Settings settings, VirtualSettings virtualSettings, Dictionary<string, AttributeValue> key)
            {
                _ = new GetItemRequest(settings.Table, key);
                _ = new GetItemRequest(virtualSettings.Table, key);
            }
        }
        """);

    [Fact]
    public Task Captured_local_assigned_in_a_lambda_is_unresolved() => Verify("""
        class Repo
        {
            void Build(Dictionary<string, AttributeValue> key, List<string> names)
            {
                var table = "Ordrs";
                names.ForEach(n => table = n);
                _ = new GetItemRequest(table, key);
            }
        }
        """);

    [Fact]
    public Task Ref_local_alias_makes_the_local_unresolved() => Verify("""
        class Repo
        {
            void Build(Dictionary<string, AttributeValue> key, string other)
            {
                var table = "Ordrs";
                ref var alias = ref table;
                alias = other;
                _ = new GetItemRequest(table, key);
            }
        }
        """);

    [Fact]
    public Task Top_level_statements_see_writes_in_later_statements() => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + """
        var table = "Ordrs";
        var fixedName = "Prodcts";
        if (args.Length > 0) table = args[0];
        var key = new Dictionary<string, AttributeValue>();
        _ = new GetItemRequest(table, key);
        _ = new GetItemRequest([|fixedName|], key);
        """, Yaml, new VerifyOptions { Executable = true });

    // --- Preconditions ----------------------------------------------------------------------------------------------

    [Fact]
    public Task Nothing_without_the_AWS_SDK() => VerifyCS.VerifyAnalyzerAsync("""
        namespace Amazon.DynamoDBv2.Model
        {
            public class GetItemRequest { public string TableName { get; set; } = ""; }
        }

        class Repo { object Build() => new Amazon.DynamoDBv2.Model.GetItemRequest { TableName = "Ordrs" }; }
        """, Yaml, new VerifyOptions { Sdk = SdkShape.None });

    [Fact]
    public Task Nothing_without_a_values_file_marked_IdpDynamoValues() => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + """
        class Repo { object Build() => new GetItemRequest { TableName = "Ordrs" }; }
        """, Yaml, new VerifyOptions { MarkValuesFiles = false, RunGenerator = false });

    [Fact]
    public Task Tables_of_all_values_files_count() => VerifyCS.VerifyAnalyzerAsync(
        new[]
        {
            Usings + "\n" + """
            class Repo
            {
                void Build(Dictionary<string, AttributeValue> key)
                {
                    _ = new GetItemRequest("Orders", key);
                    _ = new GetItemRequest("Audit", key);
                    _ = new GetItemRequest([|"Audits"|], key);
                }
            }
            """,
        },
        new[]
        {
            (DynamoProject.ValuesPath, Yaml),
            ("/repo/apps/webshop-test/audit/dynamodb/values.yaml", """
                managementPolicies: Control
                tables:
                  - name: Audit
                    hashKey: EventId
                    attributes:
                      - name: EventId
                        type: 'S'
                    billingMode: PAY_PER_REQUEST
                """),
        });

    [Fact]
    public Task Nothing_is_reported_in_generated_accessors_and_their_use_is_silent() => Verify("""
        using Webshop.Orders;

        class Repo
        {
            void Build(Dictionary<string, AttributeValue> key)
            {
                _ = new GetItemRequest(DynamoTables.Orders.TableName, key);
                _ = new GetItemRequest(DynamoTables.Orders.Name, key);
                _ = new GetItemRequest(DynamoTables.Orders.DeclaredTableName, key);
                _ = new GetItemRequest(DynamoTables.Orders.TableNameIn("webshop-prod"), key);
            }
        }
        """);
}
