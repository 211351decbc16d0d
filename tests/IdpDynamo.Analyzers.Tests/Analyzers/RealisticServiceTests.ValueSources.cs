using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// The realistic service grown by a shipping module whose names come from configuration and through helpers:
/// options bound with <c>Configure&lt;T&gt;(GetSection("Shipping"))</c> (a nested object, a renamed key), values that
/// differ between appsettings.json and appsettings.Production.json, a private helper taking the table, a helper that
/// prefixes a name, and an internal constructor's table. Every use declared: the module adds no diagnostic; removing
/// a table or an index flags exactly its uses that now resolve, at the caller's argument or at the sink with the JSON
/// value.
/// </summary>
public partial class RealisticServiceTests
{
    private const string ShippingConfiguration = """
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        namespace Webshop.Orders.Shipping;

        /// <summary>Bound from the "Shipping" section.</summary>
        public sealed class ShippingOptions
        {
            public string OrdersTable { get; set; } = "";
            public ShippingTables Tables { get; set; } = new();
            [ConfigurationKeyName("status-index")] public string StatusIndex { get; set; } = "";
        }

        public sealed class ShippingTables
        {
            public string Products { get; set; } = "";
        }

        public static class ShippingRegistration
        {
            public static IServiceCollection AddShipping(this IServiceCollection services, IConfiguration configuration)
                => services.Configure<ShippingOptions>(configuration.GetSection("Shipping"));
        }
        """;

    private const string ShippingRepositories = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.Model;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Options;

        namespace Webshop.Orders.Shipping;

        public sealed class ShipmentRepository
        {
            private readonly IAmazonDynamoDB _client;
            private readonly ShippingOptions _options;
            private readonly string _prefix;

            public ShipmentRepository(IAmazonDynamoDB client, IOptions<ShippingOptions> options, IConfiguration configuration)
            {
                _client = client;
                _options = options.Value;
                _prefix = configuration["Shipping:Prefix"] ?? "webshop-test-";
            }

            public Task<GetItemResponse> OrderAsync(string id)
                => _client.GetItemAsync(new GetItemRequest { TableName = _options.OrdersTable, Key = Key("Id", id) });

            public Task<GetItemResponse> ProductAsync(string sku) => GetAsync(_options.Tables.Products, Key("Sku", sku));

            public Task<GetItemResponse> ProductBySkuAsync(string sku) => GetAsync("webshop-test-Products", Key("Sku", sku));

            public Task<QueryResponse> OrdersByStatusAsync() => _client.QueryAsync(new QueryRequest
            {
                TableName = Table("CustomerOrders"),
                IndexName = _options.StatusIndex,
            });

            private string Table(string name) => _prefix + name;

            private Task<GetItemResponse> GetAsync(string table, Dictionary<string, AttributeValue> key)
                => _client.GetItemAsync(new GetItemRequest { TableName = table, Key = key });

            private static Dictionary<string, AttributeValue> Key(string name, string value) => new() { [name] = new AttributeValue { S = value } };
        }

        internal sealed class NotificationWriter
        {
            private readonly IAmazonDynamoDB _client;
            private readonly string _table;

            internal NotificationWriter(IAmazonDynamoDB client, string table)
            {
                _client = client;
                _table = table;
            }

            public static NotificationWriter ForProducts(IAmazonDynamoDB client) => new NotificationWriter(client, "webshop-test-Products");

            public Task PutAsync(Dictionary<string, AttributeValue> item) => _client.PutItemAsync(new PutItemRequest { TableName = _table, Item = item });
        }
        """;

    private static readonly (string Path, string Json)[] ShippingSettings =
    {
        ("/0/appsettings.json", """
            {
              "Shipping": {
                "OrdersTable": "webshop-test-Orders",
                "Tables": { "Products": "webshop-test-Products" },
                "status-index": "StatusIndex",
              },
            }
            """),
        ("/0/appsettings.Production.json", """
            {
              "Shipping": { "OrdersTable": "webshop-prod-Orders", "Tables": { "Products": "webshop-prod-Products" } }
            }
            """),
    };

    /// <summary>The shipping module's files come after the five of the service: Test5.cs and Test6.cs.</summary>
    private static string[] ServiceWithShipping => Sources.Concat(new[] { ShippingConfiguration, ShippingRepositories }).ToArray();

    [Fact]
    public async Task Shipping_module_with_every_use_declared_adds_no_diagnostic()
    {
        var run = await RunWithShippingAsync(Yaml);

        Assert.Empty(ShippingLines(run));
        Assert.Equal(15, run.Diagnostics.Length);   // the service's own (see Every_use_is_declared_...)
    }

    [Fact]
    public async Task Removing_a_table_flags_exactly_its_configuration_and_parameter_bound_uses()
    {
        var run = await RunWithShippingAsync(RemoveBlock(Yaml, "  - name: Products", "  - name: Counters"));

        // The options value through the helper's parameter, once per appsettings file that gives it (at the caller's
        // argument, the JSON value as additional location); the literal passed to the helper; the internal
        // constructor's argument.
        Assert.Equal(
            new[]
            {
                "Test6.cs(26,71): IDPDYN201 _options.Tables.Products [/0/appsettings.Production.json(2,79)]",
                "Test6.cs(26,71): IDPDYN201 _options.Tables.Products [/0/appsettings.json(4,29)]",
                "Test6.cs(28,76): IDPDYN201 \"webshop-test-Products\"",
                "Test6.cs(55,108): IDPDYN201 \"webshop-test-Products\"",
            },
            ShippingLines(run));
    }

    [Fact]
    public async Task Removing_an_index_flags_exactly_its_configuration_bound_use()
    {
        var run = await RunWithShippingAsync(RemoveBlock(Yaml, "    globalSecondaryIndex:", "    serviceAccountReadRoles:"));

        Assert.Equal(new[] { "Test6.cs(33,21): IDPDYN202 _options.StatusIndex [/0/appsettings.json(5,21)]" }, ShippingLines(run));
    }

    private static Task<AnalyzerRun> RunWithShippingAsync(string yaml)
        => AnalyzerRunner.RunAsync(DynamoProject.AllAnalyzers(), ServiceWithShipping, new[] { (DynamoProject.ValuesPath, yaml) }, Options with { AppSettings = ShippingSettings });

    /// <summary>The diagnostics in the shipping module's files, as <c>File(line,col): ID span-text [additional locations]</c>, sorted.</summary>
    private static List<string> ShippingLines(AnalyzerRun run)
        => run.Diagnostics
            .Where(d => d.Location.SourceTree?.FilePath is "Test5.cs" or "Test6.cs")
            .Select(d => $"{Position(d.Location)}: {d.Id} {d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)}"
                + string.Concat(d.AdditionalLocations.Select(a => $" [{Position(a)}]")))
            .OrderBy(l => l, StringComparer.Ordinal)
            .ToList();

    private static string Position(Microsoft.CodeAnalysis.Location location)
    {
        var span = location.GetLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
    }
}
