using System.Threading.Tasks;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.UnknownTableAnalyzer>;
using VerifyIndex = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.UnknownIndexAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN201 and IDPDYN202 on names that reach a sink through a parameter of a private or internal method, local
/// function or constructor (directly, through a readonly field or get-only property a constructor assigns, or a
/// concatenation): each caller in the compilation whose argument resolves is checked and reported at its argument.
/// Public and protected methods, and callers whose argument does not resolve, stay silent.
/// </summary>
public class ParameterValuesTests
{
    private static Task<AnalyzerTestRun> Verify(string body, params DiagnosticResult[] expected)
        => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + body, Yaml, expected);

    private static DiagnosticResult Unknown(int location, string value, string suggestion = "; did you mean 'Orders'?")
        => VerifyCS.Diagnostic().WithLocation(location).WithMessage($"Table '{value}' is not declared in the values files of this project{suggestion}");

    [Fact]
    public Task Private_helper_parameter_is_checked_at_each_caller() => Verify("""
        public class ProductRepository
        {
            private readonly IAmazonDynamoDB _client;

            public ProductRepository(IAmazonDynamoDB client) => _client = client;

            public Task<GetItemResponse> Product(Dictionary<string, AttributeValue> key) => GetAsync({|#0:"webshop-test-Prodcts"|}, key);

            public Task<GetItemResponse> Order(Dictionary<string, AttributeValue> key) => GetAsync("webshop-test-Orders", key);

            public Task<GetItemResponse> Named(Dictionary<string, AttributeValue> key) => GetAsync(key: key, table: {|#1:"Ordrs"|});

            public Task<GetItemResponse> Passed(string table, Dictionary<string, AttributeValue> key) => GetAsync(table, key);

            private Task<GetItemResponse> GetAsync(string table, Dictionary<string, AttributeValue> key)
                => _client.GetItemAsync(new GetItemRequest { TableName = table, Key = key });
        }
        """,
        Unknown(0, "webshop-test-Prodcts", "; did you mean 'Products'?"),
        Unknown(1, "Ordrs"));

    [Fact]
    public Task Helper_returning_a_prefixed_name_is_read_through_at_the_call() => Verify("""
        public class ShipmentRepository
        {
            private readonly string _prefix;

            public ShipmentRepository(string prefix) => _prefix = prefix;

            private string Table(string name) => _prefix + name;

            private string Qualified(string name)
            {
                return $"{_prefix}-{name}";
            }

            public void Build(Dictionary<string, AttributeValue> key)
            {
                _ = new GetItemRequest { TableName = Table({|#0:"Ordrs"|}), Key = key };
                _ = new GetItemRequest { TableName = Table("Orders"), Key = key };
                _ = new GetItemRequest { TableName = Qualified({|#1:"Prodcts"|}), Key = key };
                _ = new GetItemRequest { TableName = Qualified("Products"), Key = key };
            }
        }
        """,
        Unknown(0, "…Ordrs"),
        Unknown(1, "…-Prodcts", "; did you mean 'Products'?"));

    [Fact]
    public Task Internal_method_callers_in_other_files_are_reported_there() => VerifyCS.VerifyAnalyzerAsync(
        new[]
        {
            Usings + """

                internal static class Tables
                {
                    internal static QueryRequest Query(string table, string index)
                        => new QueryRequest { TableName = table, IndexName = index };
                }
                """,
            Usings + """

                public class Caller
                {
                    public QueryRequest Statuses() => Tables.Query({|#0:"CustomerOrdrs"|}, "StatusIndex");
                    public QueryRequest Declared() => Tables.Query("CustomerOrders", "StatusIndex");
                }
                """,
        },
        new[] { (DynamoProject.ValuesPath, Yaml) },
        null,
        Unknown(0, "CustomerOrdrs", "; did you mean 'CustomerOrders'?"));

    [Fact]
    public Task Index_parameter_is_checked_at_each_caller() => VerifyIndex.VerifyAnalyzerAsync(Usings + "\n" + """
        internal class Queries
        {
            public QueryRequest Good() => ByIndex("StatusIndex");
            public QueryRequest Bad() => ByIndex({|#0:"StatusIdx"|});

            private static QueryRequest ByIndex(string index) => new QueryRequest { TableName = "CustomerOrders", IndexName = index };
        }
        """,
        Yaml,
        VerifyIndex.Diagnostic().WithLocation(0).WithMessage("Index 'StatusIdx' is not declared on table 'CustomerOrders'; did you mean 'StatusIndex'?"));

    [Fact]
    public Task Index_through_a_get_only_property_an_internal_constructor_assigns() => VerifyIndex.VerifyAnalyzerAsync(Usings + "\n" + """
        public sealed class IndexedRepo
        {
            internal IndexedRepo(string index) => Index = index;

            private string Index { get; }

            public static IndexedRepo Good() => new IndexedRepo("StatusIndex");

            public static IndexedRepo Bad() => new IndexedRepo({|#0:"StatusIdx"|});

            public QueryRequest Query() => new QueryRequest { TableName = "CustomerOrders", IndexName = Index };
        }
        """,
        Yaml,
        VerifyIndex.Diagnostic().WithLocation(0).WithMessage("Index 'StatusIdx' is not declared on table 'CustomerOrders'; did you mean 'StatusIndex'?"));

    [Fact]
    public Task Constructor_parameter_through_readonly_field_property_and_this_chain() => Verify("""
        public class Repo
        {
            private readonly string _table;

            private string Index { get; }

            internal Repo(string table, string index)
            {
                _table = table ?? throw new ArgumentNullException(nameof(table));
                Index = index;
            }

            private Repo() : this({|#0:"Ordrs"|}, "StatusIndex")
            {
            }

            public static Repo Create() => new Repo({|#1:"Prodcts"|}, "x");

            public static Repo Declared() => new("Orders", "x");

            public GetItemRequest Get(Dictionary<string, AttributeValue> key) => new GetItemRequest(_table, key);

            public QueryRequest Query() => new QueryRequest(_table) { IndexName = Index };
        }
        """,
        Unknown(0, "Ordrs"),
        Unknown(0, "Ordrs"),
        Unknown(1, "Prodcts", "; did you mean 'Products'?"),
        Unknown(1, "Prodcts", "; did you mean 'Products'?"));

    [Fact]
    public Task Local_functions_and_callers_of_callers_are_followed() => Verify("""
        public class Repo
        {
            public void Build(Dictionary<string, AttributeValue> key)
            {
                Get({|#0:"Ordrs"|});
                Get("Orders");
                Outer({|#1:"Notifs"|});

                void Get(string table) => _ = new GetItemRequest(table, key);
            }

            private void Outer(string table) => Middle(table);

            private void Middle(string name) => _ = new DeleteItemRequest(name, new Dictionary<string, AttributeValue>());
        }
        """,
        Unknown(0, "Ordrs"),
        Unknown(1, "Notifs", string.Empty));

    [Fact]
    public Task Caller_argument_from_configuration_is_reported_at_the_argument_with_the_json_value() => VerifyCS.VerifyAnalyzerAsync(
        new[]
        {
            Usings + """
                using Microsoft.Extensions.Configuration;

                public class Repo
                {
                    private readonly IConfiguration _configuration;

                    public Repo(IConfiguration configuration) => _configuration = configuration;

                    public GetItemRequest Get() => Build({|#0:_configuration["Tables:Shipments"]|});

                    private static GetItemRequest Build(string table) => new GetItemRequest(table, new Dictionary<string, AttributeValue>());
                }
                """,
        },
        new[] { (DynamoProject.ValuesPath, Yaml) },
        new VerifyOptions { AppSettings = new[] { ("/0/appsettings.json", """{ "Tables": { "Shipments": "Shipments" } }""") } },
        VerifyCS.Diagnostic().WithLocation(0).WithLocation("/0/appsettings.json", 1, 28)
            .WithMessage("Table 'Shipments' is not declared in the values files of this project (Tables:Shipments in appsettings.json)"));

    // --- Silent ------------------------------------------------------------------------------------------------------

    [Fact]
    public Task Public_protected_virtual_and_reassigned_parameters_and_unresolved_callers_stay_silent() => Verify("""
        public class Repo
        {
            public GetItemRequest Public(string table) => new GetItemRequest(table, new Dictionary<string, AttributeValue>());
            protected GetItemRequest Protected(string table) => new GetItemRequest(table, new Dictionary<string, AttributeValue>());
            protected internal GetItemRequest ProtectedInternal(string table) => new GetItemRequest(table, new Dictionary<string, AttributeValue>());
            internal virtual GetItemRequest Virtual(string table) => new GetItemRequest(table, new Dictionary<string, AttributeValue>());

            private GetItemRequest Reassigned(string table)
            {
                table = table.Trim();
                return new GetItemRequest(table, new Dictionary<string, AttributeValue>());
            }

            private GetItemRequest FromCaller(string table) => new GetItemRequest(table, new Dictionary<string, AttributeValue>());

            private GetItemRequest Recursive(string table, int depth) => depth > 0 ? Recursive(table, depth - 1) : new GetItemRequest(table, new Dictionary<string, AttributeValue>());

            public void Callers(string unknown)
            {
                Public("Ordrs");
                Protected("Ordrs");
                ProtectedInternal("Ordrs");
                Virtual("Ordrs");
                Reassigned("Ordrs");
                FromCaller(Environment.GetEnvironmentVariable("ORDERS_TABLE"));
                FromCaller(unknown);
                Recursive(unknown, 3);
                Func<string, GetItemRequest> asDelegate = FromCaller;
            }
        }
        """);

    [Fact]
    public Task Fields_a_constructor_assigns_in_a_branch_or_twice_stay_silent() => Verify("""
        public class Repo
        {
            private readonly string _branch;
            private readonly string _twice;

            internal Repo(string table, bool flag)
            {
                if (flag)
                {
                    _branch = table;
                }
                else
                {
                    _branch = "Orders";
                }

                _twice = table;
                _twice = "Orders";
            }

            public static Repo Create() => new Repo("Ordrs", true);

            public GetItemRequest Branch() => new GetItemRequest(_branch, new Dictionary<string, AttributeValue>());

            public GetItemRequest Twice() => new GetItemRequest(_twice, new Dictionary<string, AttributeValue>());
        }
        """);
}
