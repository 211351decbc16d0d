using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Infrastructure;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.KeyArityAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>IDPDYN208: DataModel Load/Delete with positional key values that do not fit T's table.</summary>
public class KeyArityAnalyzerTests
{
    private const string Entities = """

        [DynamoDBTable("CustomerOrders")]
        public class Order
        {
            [DynamoDBHashKey] public string CustomerId { get; set; } = "";
            [DynamoDBRangeKey] public string OrderDate { get; set; } = "";
        }

        [DynamoDBTable("Products")]
        public class Product { [DynamoDBHashKey] public string Sku { get; set; } = ""; }

        public class SpecialOrder : Order { }
        """;

    private static Task<AnalyzerTestRun> Verify(string body, VerifyOptions? options = null, params DiagnosticResult[] expected)
        => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + body + Entities, Yaml, options, expected);

    [Fact]
    public Task Hash_only_on_a_table_with_a_sort_key() => Verify(
        """
            class Repo
            {
                async Task Run(IDynamoDBContext context)
                {
                    await {|#0:context.LoadAsync<Order>("c")|};
                    await context.LoadAsync<Order>("c", "2024-01-01");
                    await [|context.DeleteAsync<Order>("c")|];
                    await context.DeleteAsync<Order>("c", "2024-01-01");
                    await [|context.LoadAsync<SpecialOrder>("c")|];
                }
            }
            """,
        null,
        VerifyCS.Diagnostic().WithLocation(0)
            .WithMessage("Table 'CustomerOrders' has key (CustomerId, OrderDate) but this LoadAsync passes only the hash key; pass the range key too"));

    [Fact]
    public Task Range_key_on_a_hash_only_table() => Verify(
        """
            class Repo
            {
                async Task Run(IDynamoDBContext context)
                {
                    await {|#0:context.LoadAsync<Product>("sku", "extra")|};
                    await context.LoadAsync<Product>("sku");
                }
            }
            """,
        null,
        VerifyCS.Diagnostic().WithLocation(0).WithMessage("Table 'Products' has only the hash key 'Sku' but this LoadAsync also passes a range key"));

    [Fact]
    public Task Configs_and_entity_overloads() => Verify("""
        class Repo
        {
            async Task Run(IDynamoDBContext context, LoadConfig config, Order order)
            {
                await [|context.LoadAsync<Order>("c", new LoadConfig { ConsistentRead = true })|];
                await context.LoadAsync<Order>("c", new LoadConfig { OverrideTableName = "Products" });
                await context.LoadAsync<Order>("c", config);
                await context.LoadAsync(order);
                await context.DeleteAsync(order);
            }
        }
        """);

    [Fact]
    public Task Unmapped_and_generic_entities_are_silent() => Verify("""
        public class Plain { public string Id { get; set; } = ""; }

        [DynamoDBTable("NotDeclared")]
        public class Unknown { [DynamoDBHashKey] public string Id { get; set; } = ""; }

        class Repo<T>
        {
            async Task Run(IDynamoDBContext context)
            {
                await context.LoadAsync<T>("c");
                await context.LoadAsync<Plain>("c");
                await context.LoadAsync<Unknown>("c", "d");
            }
        }
        """);

    [Fact]
    public Task V3_operation_config() => VerifyCS.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2.DataModel;

        [DynamoDBTable("CustomerOrders")]
        public class Order
        {
            [DynamoDBHashKey] public string CustomerId { get; set; } = "";
            [DynamoDBRangeKey] public string OrderDate { get; set; } = "";
        }

        class Repo
        {
            async Task Run(DynamoDBContext context)
            {
                await [|context.LoadAsync<Order>("c", new DynamoDBOperationConfig { ConsistentRead = true })|];
                await context.LoadAsync<Order>("c", new DynamoDBOperationConfig { OverrideTableName = "Products" });
                await context.LoadAsync<Order>("c", "d", new DynamoDBOperationConfig());
            }
        }
        """, Yaml, new VerifyOptions { Sdk = SdkShape.V3Stubs });
}
