using System.Threading.Tasks;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.UnknownTableAnalyzer>;
using VerifyIndex = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.UnknownIndexAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN201 and IDPDYN202 on names from configuration: options types bound in the compilation
/// (<c>Configure&lt;T&gt;(GetSection(...))</c>, <c>AddOptions&lt;T&gt;().Bind(...)</c>, <c>BindConfiguration</c>) read
/// through IOptions, IOptionsSnapshot and IOptionsMonitor, and IConfiguration keys, looked up in the appsettings files
/// (AdditionalFiles marked IdpDynamoAppSettings). Reported at the sink, with the JSON value as an additional location;
/// a key no file sets, or options that code may change, stay silent.
/// </summary>
public class ConfigurationValuesTests
{
    private const string ConfigUsings = """
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;
        """;

    private const string BaseSettings = """
        {
          // Tables of the shipping service
          "Shipping": {
            "ShipmentsTable": "webshop-test-Ordrs",
            "OrdersTable": "webshop-test-Orders",
            "Tables": { "Products": "Prodcts" },
            "Index": "StatusIdx",
          },
          "Aws": { "Table": "Nope", "Declared": "Orders" },
          /* block comment */
        }
        """;

    private const string Shipping = """
        public class ShippingOptions
        {
            public string ShipmentsTable { get; set; } = "";
            public string OrdersTable { get; set; } = "";
            [ConfigurationKeyName("ShipmentsTable")] public string Renamed { get; set; } = "";
            public string Missing { get; set; } = "";
            public TableNames Tables { get; set; } = new();
            public string Index { get; set; } = "";
        }

        public class TableNames
        {
            public string Products { get; set; } = "";
        }
        """;

    private static readonly VerifyOptions Settings = new() { AppSettings = new[] { ("/0/appsettings.json", BaseSettings) } };

    private static Task<AnalyzerTestRun> Verify(string repository, string registration, VerifyOptions options, params DiagnosticResult[] expected)
        => VerifyCS.VerifyAnalyzerAsync(
            new[] { Usings + ConfigUsings + "\n" + Shipping + "\n" + repository, Usings + ConfigUsings + "\n" + registration },
            new[] { (DynamoProject.ValuesPath, Yaml) },
            options,
            expected);

    private static DiagnosticResult Unknown(int location, string value, string suggestion, string origin, int line, int column, string file = "/0/appsettings.json")
        => VerifyCS.Diagnostic().WithLocation(location).WithLocation(file, line, column)
            .WithMessage($"Table '{value}' is not declared in the values files of this project{suggestion} ({origin})");

    private const string Registration = """
        public static class Registration
        {
            public static void AddShipping(this IServiceCollection services, IConfiguration configuration)
                => services.Configure<ShippingOptions>(configuration.GetSection("Shipping"));
        }
        """;

    [Fact]
    public Task IOptions_value_bound_with_Configure_GetSection_is_read_from_appsettings() => Verify("""
        public class ShipmentRepository
        {
            private readonly IOptions<ShippingOptions> _options;

            public ShipmentRepository(IOptions<ShippingOptions> options) => _options = options;

            public GetItemRequest Get(Dictionary<string, AttributeValue> key)
                => new GetItemRequest({|#0:_options.Value.ShipmentsTable|}, key);

            public GetItemRequest Declared(Dictionary<string, AttributeValue> key)
                => new GetItemRequest(_options.Value.OrdersTable, key);
        }

        public sealed class PrimaryConstructorRepository(IOptions<ShippingOptions> options)
        {
            public GetItemRequest Get(Dictionary<string, AttributeValue> key) => new GetItemRequest({|#1:options.Value.ShipmentsTable|}, key);
        }
        """,
        Registration,
        Settings,
        Unknown(0, "webshop-test-Ordrs", "; did you mean 'Orders'?", "Shipping:ShipmentsTable in appsettings.json", 4, 23),
        Unknown(1, "webshop-test-Ordrs", "; did you mean 'Orders'?", "Shipping:ShipmentsTable in appsettings.json", 4, 23));

    [Fact]
    public Task Snapshot_monitor_field_property_local_nested_object_and_key_name_are_followed() => Verify("""
        public class ShipmentRepository
        {
            private readonly ShippingOptions _settings;
            private readonly IOptionsMonitor<ShippingOptions> _monitor;

            public ShipmentRepository(IOptionsSnapshot<ShippingOptions> snapshot, IOptionsMonitor<ShippingOptions> monitor)
            {
                _settings = snapshot.Value;
                _monitor = monitor;
            }

            private ShippingOptions Current => _monitor.CurrentValue;

            public void Build(Dictionary<string, AttributeValue> key, IOptionsSnapshot<ShippingOptions> snapshot)
            {
                _ = new GetItemRequest({|#0:_settings.ShipmentsTable|}, key);
                _ = new GetItemRequest({|#1:Current.ShipmentsTable|}, key);
                _ = new GetItemRequest({|#2:_monitor.CurrentValue.Renamed|}, key);
                var local = snapshot.Value;
                _ = new GetItemRequest({|#3:local.Tables.Products|}, key);
            }
        }
        """,
        Registration,
        Settings,
        Unknown(0, "webshop-test-Ordrs", "; did you mean 'Orders'?", "Shipping:ShipmentsTable in appsettings.json", 4, 23),
        Unknown(1, "webshop-test-Ordrs", "; did you mean 'Orders'?", "Shipping:ShipmentsTable in appsettings.json", 4, 23),
        Unknown(2, "webshop-test-Ordrs", "; did you mean 'Orders'?", "Shipping:ShipmentsTable in appsettings.json", 4, 23),
        Unknown(3, "Prodcts", "; did you mean 'Products'?", "Shipping:Tables:Products in appsettings.json", 6, 29));

    [Fact]
    public Task AddOptions_Bind_nested_section_and_BindConfiguration_are_bindings() => Verify("""
        public class AwsOptions
        {
            public string Table { get; set; } = "";
            public string Declared { get; set; } = "";
        }

        public class ColonTables
        {
            public string Products { get; set; } = "";
        }

        public class Repo
        {
            public void Build(IOptions<AwsOptions> aws, IOptions<TableNames> names, IOptions<ColonTables> colon, Dictionary<string, AttributeValue> key)
            {
                _ = new GetItemRequest({|#0:aws.Value.Table|}, key);
                _ = new GetItemRequest(aws.Value.Declared, key);
                _ = new GetItemRequest({|#1:names.Value.Products|}, key);
                _ = new GetItemRequest({|#2:colon.Value.Products|}, key);
            }
        }
        """,
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services, IConfiguration configuration)
            {
                services.AddOptions<AwsOptions>().BindConfiguration("Aws").ValidateOnStart();
                services.AddOptions<TableNames>().Bind(configuration.GetSection("Shipping").GetSection("Tables"));
                services.Configure<ColonTables>(configuration.GetSection("Shipping:Tables"));
            }
        }
        """,
        Settings,
        Unknown(0, "Nope", string.Empty, "Aws:Table in appsettings.json", 9, 21),
        Unknown(1, "Prodcts", "; did you mean 'Products'?", "Shipping:Tables:Products in appsettings.json", 6, 29),
        Unknown(2, "Prodcts", "; did you mean 'Products'?", "Shipping:Tables:Products in appsettings.json", 6, 29));

    [Fact]
    public Task Section_and_key_names_from_constants_readonly_fields_and_nameof() => Verify("""
        public class Aws
        {
            public const string Section = "Aws";
            public static readonly string Key = "Table";
            public string Table { get; set; } = "";
        }

        public class Repo
        {
            public void Build(IOptions<Aws> aws, IConfiguration configuration, Dictionary<string, AttributeValue> key)
            {
                _ = new GetItemRequest({|#0:aws.Value.Table|}, key);
                _ = new GetItemRequest({|#1:configuration.GetSection(Aws.Section)[Aws.Key]|}, key);
            }
        }
        """,
        """
        public static class Registration
        {
            private static readonly string Name = nameof(Aws);

            public static void Add(IServiceCollection services, IConfiguration configuration)
                => services.Configure<Aws>(configuration.GetSection(Name));
        }
        """,
        Settings,
        Unknown(0, "Nope", string.Empty, "Aws:Table in appsettings.json", 9, 21),
        Unknown(1, "Nope", string.Empty, "Aws:Table in appsettings.json", 9, 21));

    [Fact]
    public Task IConfiguration_indexer_GetValue_and_GetSection_are_read() => Verify("""
        public class Repo
        {
            private readonly IConfiguration _configuration;

            public Repo(IConfiguration configuration) => _configuration = configuration;

            public void Build(Dictionary<string, AttributeValue> key)
            {
                _ = new GetItemRequest({|#0:_configuration["Shipping:ShipmentsTable"]|}, key);
                _ = new GetItemRequest({|#1:_configuration.GetValue<string>("aws:table")|}, key);
                _ = new GetItemRequest({|#2:_configuration.GetSection("Shipping")["Tables:Products"]|}, key);
                _ = new GetItemRequest({|#3:_configuration.GetSection("Aws").GetValue<string>("Table", "Orders")|}, key);
                _ = new GetItemRequest({|#4:_configuration.GetSection("Aws:Table").Value|}, key);
                _ = new GetItemRequest(_configuration["Aws:Declared"], key);
            }
        }
        """,
        "public static class Registration { }",
        Settings,
        Unknown(0, "webshop-test-Ordrs", "; did you mean 'Orders'?", "Shipping:ShipmentsTable in appsettings.json", 4, 23),
        Unknown(1, "Nope", string.Empty, "aws:table in appsettings.json", 9, 21),
        Unknown(2, "Prodcts", "; did you mean 'Products'?", "Shipping:Tables:Products in appsettings.json", 6, 29),
        Unknown(3, "Nope", string.Empty, "Aws:Table in appsettings.json", 9, 21),
        Unknown(4, "Nope", string.Empty, "Aws:Table in appsettings.json", 9, 21));

    [Fact]
    public Task A_value_that_differs_between_files_is_checked_in_each_file() => Verify("""
        public class Repo
        {
            public void Build(IConfiguration configuration, Dictionary<string, AttributeValue> key)
            {
                _ = new GetItemRequest({|#0:configuration["Shipping:ShipmentsTable"]|}, key);
                _ = new GetItemRequest({|#1:configuration["Shipping:OrdersTable"]|}, key);
            }
        }
        """,
        "public static class Registration { }",
        Settings with
        {
            AppSettings = new[]
            {
                ("/0/appsettings.Production.json", """
                    {
                      "Shipping": { "ShipmentsTable": "webshop-prod-Ordes", "OrdersTable": "webshop-prod-Orders" }
                    }
                    """),
                ("/0/appsettings.Development.json", """{ "Shipping": { "ShipmentsTable": "webshop-test-Ordrs" } }"""),
                ("/0/appsettings.json", BaseSettings),
            },
        },
        Unknown(0, "webshop-test-Ordrs", "; did you mean 'Orders'?", "Shipping:ShipmentsTable in appsettings.json", 4, 23),
        Unknown(0, "webshop-prod-Ordes", "; did you mean 'Orders'?", "Shipping:ShipmentsTable in appsettings.Production.json", 2, 35, "/0/appsettings.Production.json"));

    [Fact]
    public Task Index_names_from_configuration_are_checked() => VerifyIndex.VerifyAnalyzerAsync(
        new[]
        {
            Usings + ConfigUsings + "\n" + Shipping + "\n" + """
                public class Repo
                {
                    public QueryRequest Query(IOptions<ShippingOptions> options)
                        => new QueryRequest { TableName = "CustomerOrders", IndexName = {|#0:options.Value.Index|} };
                }
                """,
            Usings + ConfigUsings + "\n" + Registration,
        },
        new[] { (DynamoProject.ValuesPath, Yaml) },
        Settings,
        VerifyIndex.Diagnostic().WithLocation(0).WithLocation("/0/appsettings.json", 7, 14)
            .WithMessage("Index 'StatusIdx' is not declared on table 'CustomerOrders'; did you mean 'StatusIndex'? (Shipping:Index in appsettings.json)"));

    /// <summary>The keys the analyzer composes are the ones the real binder reads (Microsoft.Extensions.Configuration.Binder 8.0.0).</summary>
    [Fact]
    public void The_binder_reads_the_keys_the_analyzer_composes()
    {
        var configuration = Microsoft.Extensions.Configuration.JsonConfigurationExtensions.AddJsonStream(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder(), new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes(BaseSettings))).Build();

        var bound = Microsoft.Extensions.Configuration.ConfigurationBinder.Get<BoundShipping>(configuration.GetSection("shipping"))!;

        Assert.Equal("webshop-test-Ordrs", bound.ShipmentsTable);
        Assert.Equal("webshop-test-Ordrs", bound.Renamed);          // [ConfigurationKeyName]
        Assert.Equal("Prodcts", bound.Tables.Products);              // a nested object: Shipping:Tables:Products
        Assert.Equal("Nope", configuration["AWS:TABLE"]);             // keys ignore case
        Assert.Equal("Prodcts", configuration.GetSection("Shipping")["Tables:Products"]);
    }

    /// <summary>The shape of <see cref="Shipping"/>, compiled into the test, for <see cref="The_binder_reads_the_keys_the_analyzer_composes"/>.</summary>
    public sealed class BoundShipping
    {
        public string ShipmentsTable { get; set; } = "";

        [Microsoft.Extensions.Configuration.ConfigurationKeyName("ShipmentsTable")]
        public string Renamed { get; set; } = "";

        public BoundTables Tables { get; set; } = new();
    }

    public sealed class BoundTables
    {
        public string Products { get; set; } = "";
    }

    // --- Silent: keys no file sets, options code may change, unreadable files ----------------------------------------

    [Fact]
    public Task Keys_no_appsettings_file_sets_and_environment_variables_stay_silent() => Verify("""
        public class Repo
        {
            public void Build(IOptions<ShippingOptions> options, IConfiguration configuration, Dictionary<string, AttributeValue> key)
            {
                _ = new GetItemRequest(options.Value.Missing, key);              // not in any file: an environment variable, perhaps
                _ = new GetItemRequest(configuration["Shipping:Nothing"], key);
                _ = new GetItemRequest(configuration["Shipping"], key);           // a section, not a value
                _ = new GetItemRequest(Environment.GetEnvironmentVariable("SHIPMENTS_TABLE"), key);
                _ = new GetItemRequest(configuration.GetSection("Shipping").GetSection("Tables").Value, key);
            }
        }
        """,
        Registration,
        Settings);

    [Fact]
    public Task Options_that_are_not_bound_or_that_code_may_change_stay_silent() => Verify("""
        public class Unbound { public string Table { get; set; } = ""; }
        public class Lambda { public string ShipmentsTable { get; set; } = ""; }
        public class Post { public string ShipmentsTable { get; set; } = ""; }
        public class Named { public string ShipmentsTable { get; set; } = ""; }
        public class TwoSections { public string Table { get; set; } = ""; }
        public class Configurator { public string ShipmentsTable { get; set; } = ""; }
        public class PrivateSetter { public string ShipmentsTable { get; private set; } = ""; }

        public class ConfigureConfigurator : IConfigureOptions<Configurator>
        {
            public void Configure(Configurator options) => options.ShipmentsTable = "Orders";
        }

        public class Repo
        {
            public void Build(IOptions<Unbound> unbound, IOptions<Lambda> lambda, IOptions<Post> post, IOptions<Named> named,
                IOptions<TwoSections> two, IOptions<Configurator> configurator, IOptions<PrivateSetter> privateSetter,
                IOptionsMonitor<Named> monitor, Dictionary<string, AttributeValue> key)
            {
                _ = new GetItemRequest(unbound.Value.Table, key);
                _ = new GetItemRequest(lambda.Value.ShipmentsTable, key);
                _ = new GetItemRequest(post.Value.ShipmentsTable, key);
                _ = new GetItemRequest(named.Value.ShipmentsTable, key);
                _ = new GetItemRequest(monitor.Get("shipping").ShipmentsTable, key);
                _ = new GetItemRequest(two.Value.Table, key);
                _ = new GetItemRequest(configurator.Value.ShipmentsTable, key);
                _ = new GetItemRequest(privateSetter.Value.ShipmentsTable, key);
            }
        }
        """,
        """
        public static class Registration
        {
            public static void Add(IServiceCollection services, IConfiguration configuration, string section)
            {
                services.Configure<Lambda>(configuration.GetSection("Shipping"));
                services.Configure<Lambda>(o => o.ShipmentsTable = "Orders");
                services.Configure<Post>(configuration.GetSection("Shipping"));
                services.PostConfigure<Post>(o => o.ShipmentsTable = "Orders");
                services.Configure<Named>("shipping", configuration.GetSection("Shipping"));
                services.Configure<TwoSections>(configuration.GetSection("Aws"));
                services.Configure<TwoSections>(configuration.GetSection(section));
                services.Configure<Configurator>(configuration.GetSection("Shipping"));
                services.Configure<PrivateSetter>(configuration.GetSection("Shipping"));
            }
        }
        """,
        Settings);

    [Fact]
    public Task A_file_that_is_not_valid_json_is_silent() => Verify("""
        public class Repo
        {
            public GetItemRequest Build(IConfiguration configuration, Dictionary<string, AttributeValue> key)
                => new GetItemRequest(configuration["Shipping:ShipmentsTable"], key);
        }
        """,
        "public static class Registration { }",
        Settings with { AppSettings = new[] { ("/0/appsettings.json", """{ "Shipping": { "ShipmentsTable": "webshop-test-Ordrs" """) } });

    [Fact]
    public async Task Unmarked_appsettings_files_are_not_read()
    {
        var test = new DynamoAnalyzerTest<IdpDynamo.Analyzers.Analyzers.Rules.UnknownTableAnalyzer> { Options = new VerifyOptions { ConfigurationReferences = true } };
        test.TestState.Sources.Add(("/0/Test0.cs", Usings + ConfigUsings + """

            public class Repo
            {
                public GetItemRequest Build(IConfiguration configuration, Dictionary<string, AttributeValue> key)
                    => new GetItemRequest(configuration["Shipping:ShipmentsTable"], key);
            }
            """));
        test.TestState.AdditionalFiles.Add(("/0/appsettings.json", BaseSettings));
        test.ValuesFiles.Add((DynamoProject.ValuesPath, Yaml));
        await test.RunAsync();
    }
}
