using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Generation.ValuesFiles;

namespace IdpDynamo.Analyzers.Tests.Generation;

/// <summary>
/// What the generator emits, as reviewed snapshots, each with and without the AWS SDK referenced:
/// CSharpSourceGeneratorTest compares the output with the snapshot and compiles it; the own harness also proves it
/// warning-free under nullable and every warning wave once its <c>#pragma warning disable</c> is taken away.
/// </summary>
public class DynamoAccessorsGeneratorTests
{
    // The hostile names are kept as written: a table called "class" becomes the type @class, which only the
    // lower-case-type-name warning wave (CS8981) remarks on.
    private static readonly string[] LowerCaseTypeName = { "CS8981" };

    [Fact]
    public Task LocalIndexes_with_sdk() => Verify(withAwsSdk: true, new[] { (TestPath, LocalIndexes) });

    [Fact]
    public Task LocalIndexes_without_sdk() => Verify(withAwsSdk: false, new[] { (TestPath, LocalIndexes) });

    [Fact]
    public Task GlobalIndexes_with_sdk() => Verify(withAwsSdk: true, new[] { (TestPath, GlobalIndexes) });

    [Fact]
    public Task GlobalIndexes_without_sdk() => Verify(withAwsSdk: false, new[] { (TestPath, GlobalIndexes) });

    [Fact]
    public Task TimeToLive_with_sdk() => Verify(withAwsSdk: true, new[] { (TestPath, TimeToLive) });

    [Fact]
    public Task TimeToLive_without_sdk() => Verify(withAwsSdk: false, new[] { (TestPath, TimeToLive) });

    [Fact]
    public Task LegacyPrefix_with_sdk() => Verify(withAwsSdk: true, new[] { (TestPath, LegacyPrefix) });

    [Fact]
    public Task LegacyPrefix_without_sdk() => Verify(withAwsSdk: false, new[] { (TestPath, LegacyPrefix) });

    [Fact]
    public Task TwoEnvironments_with_sdk() => Verify(withAwsSdk: true, new[] { (TestPath, TestEnvironment), (ProdPath, ProdEnvironment) });

    [Fact]
    public Task TwoEnvironments_without_sdk() => Verify(withAwsSdk: false, new[] { (TestPath, TestEnvironment), (ProdPath, ProdEnvironment) });

    [Fact]
    public Task HostileNames_with_sdk() => Verify(withAwsSdk: true, new[] { (TestPath, HostileNames) }, LowerCaseTypeName);

    [Fact]
    public Task HostileNames_without_sdk() => Verify(withAwsSdk: false, new[] { (TestPath, HostileNames) }, LowerCaseTypeName);

    [Fact]
    public void Environments_are_listed_and_constants_only_exist_for_a_single_environment()
    {
        string two = Generate(withAwsSdk: false, (TestPath, TestEnvironment), (ProdPath, ProdEnvironment));
        Assert.Contains("/// <summary>The DynamoDB tables of this project's idp-dynamodb values files (webshop-prod, webshop-test).</summary>\n", two, StringComparison.Ordinal);
        // CustomerOrders: one line per environment, with its file and roles; no line numbers (a comment above a table must not change the output).
        Assert.Contains("""
                    /// <remarks>
                    /// <para>webshop-prod (apps/webshop-prod/orders/dynamodb/values.yaml): read and write <c>orders-api-webshop-prod</c>.</para>
                    /// <para>webshop-test (apps/webshop-test/orders/dynamodb/values.yaml): read and write <c>orders-api-webshop-test</c>.</para>
                    /// </remarks>
                    public static partial class CustomerOrders

            """, two, StringComparison.Ordinal);
        Assert.Contains("""
                    /// <remarks>webshop-test (apps/webshop-test/orders/dynamodb/values.yaml): read <c>orders-api-webshop-test</c>.</remarks>
                    public static partial class Experiments

            """, two, StringComparison.Ordinal);
        Assert.DoesNotContain(" line ", two, StringComparison.Ordinal);
        Assert.DoesNotContain("DeclaredNamespace", two, StringComparison.Ordinal);
        Assert.DoesNotContain("DeclaredTableName", two, StringComparison.Ordinal);

        string one = Generate(withAwsSdk: false, (TestPath, TestEnvironment));
        Assert.Contains("public const string DeclaredNamespace = \"webshop-test\";", one, StringComparison.Ordinal);
        Assert.Contains("public const string DeclaredTableName = \"webshop-test-Experiments\";", one, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_helpers_exist_only_with_the_sdk_and_the_code_without_it_names_no_amazon_type()
    {
        foreach (var yaml in new[] { LocalIndexes, GlobalIndexes, TimeToLive, LegacyPrefix, TestEnvironment, HostileNames })
        {
            string with = Generate(withAwsSdk: true, LowerCaseTypeName, (TestPath, yaml));
            string without = Generate(withAwsSdk: false, LowerCaseTypeName, (TestPath, yaml));
            Assert.Contains("public static global::System.Collections.Generic.Dictionary<string, global::Amazon.DynamoDBv2.Model.AttributeValue> Key(", with, StringComparison.Ordinal);
            Assert.DoesNotContain("Key(", without.Replace("TableNameIn(", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("Amazon", without, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The SDK probe reads no reference's metadata when a reference file is AWSSDK.DynamoDBv2.dll, so each other way a
    /// project can have the SDK is checked here: a reference made in memory (known only by its identity) and the
    /// project's own AttributeValue; and a project with neither gets no key helpers.
    /// </summary>
    [Fact]
    public void The_sdk_is_found_by_its_file_by_an_in_memory_reference_and_by_the_projects_own_types()
    {
        const string OwnAttributeValue = "namespace Amazon.DynamoDBv2.Model { public class AttributeValue { public string? S { get; set; } public string? N { get; set; } public System.IO.MemoryStream? B { get; set; } } }";
        var cases = new (string What, Microsoft.CodeAnalysis.CSharp.CSharpCompilation Compilation, bool KeyHelpers)[]
        {
            ("AWSSDK.DynamoDBv2.dll", CompilationFactory.Create(Array.Empty<string>(), SdkShape.V4, usesGeneratedCode: true), true),
            ("an in-memory AWSSDK.DynamoDBv2", CompilationFactory.Create(Array.Empty<string>(), SdkShape.V3Stubs, usesGeneratedCode: true), true),
            ("the project's own AttributeValue", CompilationFactory.Create(new[] { OwnAttributeValue }, SdkShape.None, usesGeneratedCode: true), true),
            ("no SDK", CompilationFactory.Create(Array.Empty<string>(), SdkShape.None, usesGeneratedCode: true), false),
        };
        Assert.Null(TestReferences.DynamoV3Stubs is Microsoft.CodeAnalysis.PortableExecutableReference { FilePath: { } path } ? path : null);
        foreach (var (what, compilation, keyHelpers) in cases)
        {
            var text = new InMemoryAdditionalText(TestPath, LocalIndexes);
            var options = new TestOptionsProvider().WithProperty("RootNamespace", "Webshop.Orders").WithValuesFile(TestPath);
            string code = Assert.IsType<string>(GeneratorHarness.Run(compilation, new Microsoft.CodeAnalysis.AdditionalText[] { text }, options).GeneratedText);
            Assert.True(code.Contains("global::Amazon.DynamoDBv2.Model.AttributeValue> Key(", StringComparison.Ordinal) == keyHelpers, what);
        }
    }

    [Fact]
    public void Hostile_names_map_to_predictable_identifiers()
    {
        string code = Generate(withAwsSdk: true, LowerCaseTypeName, (TestPath, HostileNames));
        AssertTable(code, "IpAccessAgreement_v2", "\"IpAccessAgreement-v2\"");
        AssertTable(code, "@class", "\"class\"");
        AssertTable(code, "_2024_Orders", "\"2024-Orders\"");
        AssertTable(code, "Bestillinger_æøå", "\"Bestillinger-\\u00E6\\u00F8\\u00E5\"");
        AssertTable(code, "Emoji____Tab__End", "\"Emoji-\\uD83D\\uDE80-Tab\\u0009\\u2028End\"");

        // Orders_v2 already is an identifier and keeps it; Orders-v2 and Orders.v2 (ordinal order) get suffixes.
        AssertTable(code, "Orders_v2", "\"Orders_v2\"");
        AssertTable(code, "Orders_v2_2", "\"Orders-v2\"");
        AssertTable(code, "Orders_v2_3", "\"Orders.v2\"");

        // Names of generated members are taken: a table class may not be named like its members or the root's.
        AssertTable(code, "Key_2", "\"Key\"");
        AssertTable(code, "Namespace_2", "\"Namespace\"");
        AssertTable(code, "DynamoTables_2", "\"DynamoTables\"");
        Assert.Contains("public const string Name = \"Name\";", code, StringComparison.Ordinal); // Key_2.Attributes.Name
        Assert.Contains("public const string Indexes_2 = \"Indexes\";", code, StringComparison.Ordinal);
        Assert.Contains("Key(string @namespace, decimal value)", code, StringComparison.Ordinal);

        // Projections: the class of an index called Projections is Projections_2 (a class may not be named like its
        // container), its constants keep their names unless taken, and Indexes names it by its full path. A TTL
        // attribute called Attributes is Attributes_2 in Attributes.
        Assert.Contains("public const string Projections = \"Projections\";", code, StringComparison.Ordinal);
        Assert.Contains("/// <summary>Global index, hash <c>value</c>, projection INCLUDE (<see cref=\"global::Webshop.Orders.DynamoTables.@class.Projections.Projections_2\"/>).</summary>", code, StringComparison.Ordinal);
        Assert.Contains("""
                        /// <summary>What <c>Projections</c> projects besides the keys.</summary>
                        public static class Projections_2
                        {
                            /// <summary>A projected attribute.</summary>
                            public const string Projections = "Projections";

                            /// <summary>A projected attribute.</summary>
                            public const string Indexes = "Indexes";

                            /// <summary>A projected attribute.</summary>
                            public const string @class = "class";

                            /// <summary>A projected attribute.</summary>
                            public const string a_b_2 = "a-b";

                            /// <summary>A projected attribute.</summary>
                            public const string a_b = "a_b";
                        }
        """, code, StringComparison.Ordinal);
        Assert.Contains("public const string TimeToLiveAttribute = \"Attributes\";", code, StringComparison.Ordinal);
        Assert.Contains("public const string Attributes_2 = \"Attributes\";", code, StringComparison.Ordinal);

        // Literals escape quotes, backslashes and everything outside printable ASCII.
        AssertTable(code, "Quote_Table_Back", "\"Quote\\\"Table\\\\Back\"");
        Assert.Contains("public const string RangeKey = \"Line\\u000ABreak\";", code, StringComparison.Ordinal);
    }

    /// <summary>The table class <paramref name="identifier"/> exists and its Name constant is <paramref name="literal"/>.</summary>
    private static void AssertTable(string code, string identifier, string literal)
    {
        string header = $"public static partial class {identifier}\n";
        int at = code.IndexOf(header, StringComparison.Ordinal);
        Assert.True(at >= 0, $"No table class {identifier}");
        int name = code.IndexOf("public const string Name = ", at, StringComparison.Ordinal);
        Assert.Equal(literal, code[(name + "public const string Name = ".Length)..code.IndexOf(';', name)]);
    }

    [Fact]
    public void Namespace_and_class_name_come_from_the_msbuild_properties()
    {
        var options = new TestOptionsProvider()
            .WithProperty("RootNamespace", "Webshop.Orders")
            .WithProperty("IdpDynamoGeneratedNamespace", "Webshop.Orders.Data")
            .WithProperty("IdpDynamoGeneratedClassName", "Tables");
        var run = GeneratorHarness.RunOnValues(new[] { (TestPath, LocalIndexes) }, withAwsSdk: true, options, """
            namespace Consumer;

            public static class Uses
            {
                public const string Table = Webshop.Orders.Data.Tables.CustomerOrders.Name;
                public static string Prefix => Webshop.Orders.Data.Tables.TableNamePrefix;
            }
            """);

        Assert.Contains("namespace Webshop.Orders.Data\n{\n", run.GeneratedText, StringComparison.Ordinal);
        Assert.Contains("public static partial class Tables\n", run.GeneratedText, StringComparison.Ordinal);
        Assert.Contains("TableNameIn(global::Webshop.Orders.Data.Tables.Namespace)", run.GeneratedText, StringComparison.Ordinal);
        GeneratedCode.AssertNoWarnings(run);
    }

    [Fact]
    public void Without_a_root_namespace_the_class_is_in_the_global_namespace()
    {
        var run = GeneratorHarness.RunOnValues(new[] { (TestPath, LocalIndexes) }, withAwsSdk: false, new TestOptionsProvider(), """
            namespace Consumer;

            public static class Uses
            {
                public const string Table = global::DynamoTables.CustomerOrders.Name;
            }
            """);

        Assert.DoesNotContain("\nnamespace ", run.GeneratedText, StringComparison.Ordinal);
        Assert.Contains("TableNameIn(global::DynamoTables.Namespace)", run.GeneratedText, StringComparison.Ordinal);
        GeneratedCode.AssertNoWarnings(run);
    }

    [Theory]
    [InlineData("class", "Webshop.Orders")]
    [InlineData("1Tables", "Webshop.Orders")]
    [InlineData("My-Tables", "Webshop.Orders")]
    public void An_invalid_class_name_falls_back_to_DynamoTables(string className, string rootNamespace)
    {
        var options = new TestOptionsProvider().WithProperty("RootNamespace", rootNamespace).WithProperty("IdpDynamoGeneratedClassName", className);
        var run = GeneratorHarness.RunOnValues(new[] { (TestPath, LocalIndexes) }, withAwsSdk: false, options);
        Assert.Contains("public static partial class DynamoTables\n", run.GeneratedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_item_metadata_names_the_environment_of_a_file_outside_apps()
    {
        const string path = "/repo/deploy/dynamo-tables/values.yaml";
        var options = new TestOptionsProvider().WithProperty("RootNamespace", "Webshop.Orders").WithValuesFile(path, "koa-dev");
        var run = GeneratorHarness.RunOnValues(new[] { (path, LegacyPrefix) }, withAwsSdk: false, options);
        Assert.Contains("public const string DeclaredNamespace = \"koa-dev\";", run.GeneratedText, StringComparison.Ordinal);
        Assert.Contains("public const string DeclaredTableName = \"idp-koa-dev-LegacyUsers\";", run.GeneratedText, StringComparison.Ordinal);
        Assert.Contains("/// <remarks>koa-dev (values.yaml): read <c>orders-api-webshop-test</c>.</remarks>\n", run.GeneratedText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ttl_attribute_and_the_projected_attributes_of_each_index_are_constants()
    {
        const string sessionsPath = "/repo/apps/webshop-test/sessions/dynamodb/values.yaml";
        var run = GeneratorHarness.RunOnValues(new[] { (TestPath, LocalIndexes), (sessionsPath, TimeToLive) }, withAwsSdk: true, null, """
            namespace Consumer;

            public static class Uses
            {
                public const string Ttl = Webshop.Orders.DynamoTables.Sessions.TimeToLiveAttribute;
                public const string TtlAttribute = Webshop.Orders.DynamoTables.Sessions.Attributes.ExpiresAt;
                public const string DisabledTtl = Webshop.Orders.DynamoTables.Tokens.TimeToLiveAttribute;
                public const string DisabledTtlAttribute = Webshop.Orders.DynamoTables.Tokens.Attributes.ValidUntil;
                public const string Items = Webshop.Orders.DynamoTables.CustomerOrders.Projections.AmountIndex.Items;
                public const string Address = Webshop.Orders.DynamoTables.CustomerOrders.Projections.AmountIndex.ShippingAddress;
            }
            """);
        GeneratedCode.AssertNoWarnings(run);

        var uses = run.OutputCompilation.GetTypeByMetadataName("Consumer.Uses")!;
        string? Constant(string name) => (string?)Assert.IsAssignableFrom<Microsoft.CodeAnalysis.IFieldSymbol>(uses.GetMembers(name).Single()).ConstantValue;
        Assert.Equal("ExpiresAt", Constant("Ttl"));
        Assert.Equal("ExpiresAt", Constant("TtlAttribute"));
        Assert.Equal("ValidUntil", Constant("DisabledTtl"));
        Assert.Equal("ValidUntil", Constant("DisabledTtlAttribute"));
        Assert.Equal("Items", Constant("Items"));
        Assert.Equal("ShippingAddress", Constant("Address"));

        // Only an index that projects non-key attributes (INCLUDE) has a Projections class; KEYS_ONLY StatusIndex has none.
        var projections = run.OutputCompilation.GetTypeByMetadataName("Webshop.Orders.DynamoTables+CustomerOrders+Projections")!;
        Assert.Equal(new[] { "AmountIndex" }, projections.GetTypeMembers().Select(t => t.Name));
        Assert.Equal(new[] { "Items", "ShippingAddress" }, projections.GetTypeMembers("AmountIndex").Single().GetMembers().OfType<Microsoft.CodeAnalysis.IFieldSymbol>().Select(f => f.Name));
        Assert.Contains("/// <summary>The TTL attribute (epoch seconds).</summary>\n            public const string TimeToLiveAttribute = \"ExpiresAt\";", run.GeneratedText, StringComparison.Ordinal);
        Assert.Contains("/// <summary>The TTL attribute (epoch seconds); TTL is disabled.</summary>\n            public const string TimeToLiveAttribute = \"ValidUntil\";", run.GeneratedText, StringComparison.Ordinal);
        Assert.Null(run.OutputCompilation.GetTypeByMetadataName("Webshop.Orders.DynamoTables+Sessions+Projections"));
    }

    [Fact]
    public void Files_without_the_IdpDynamoValues_flag_are_ignored()
    {
        var texts = new[] { new InMemoryAdditionalText(TestPath, LocalIndexes) };
        var run = GeneratorHarness.Run(CompilationFactory.Create(), texts, new TestOptionsProvider().WithMetadata(TestPath, "IdpDynamoValues", "false"));
        Assert.Null(run.GeneratedText);
    }

    [Fact]
    public void A_sample_consumer_compiles_against_the_generated_accessors()
    {
        // The calls samples/Webshop.Orders/OrderStore.cs makes, against both environments' files.
        var run = GeneratorHarness.RunOnValues(new[] { (TestPath, LocalIndexes), (ProdPath, LocalIndexes.Replace("webshop-test", "webshop-prod", StringComparison.Ordinal)) }, withAwsSdk: true, null, """
            using System.Collections.Generic;
            using Amazon.DynamoDBv2.Model;
            using OrdersTable = Webshop.Orders.DynamoTables.CustomerOrders;

            namespace Webshop.Orders;

            [Amazon.DynamoDBv2.DataModel.DynamoDBTable(OrdersTable.Name)]
            public sealed class OrderDocument
            {
            }

            public static class Requests
            {
                public static QueryRequest ByAmount(string customerId) => new()
                {
                    TableName = OrdersTable.TableName,
                    IndexName = OrdersTable.Indexes.AmountIndex,
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#c"] = OrdersTable.HashKey, ["#a"] = OrdersTable.Attributes.TotalAmount },
                };

                public static GetItemRequest Get(string customerId, string orderDate)
                    => new() { TableName = OrdersTable.TableNameIn("webshop-prod"), Key = OrdersTable.Key(customerId, orderDate) };

                public static string Prefix => DynamoTables.TableNamePrefix;
            }
            """);
        GeneratedCode.AssertNoWarnings(run);
    }

    private static string Generate(bool withAwsSdk, params (string Path, string Yaml)[] files) => Generate(withAwsSdk, Array.Empty<string>(), files);

    /// <summary>
    /// The snapshot test: the library checks the output against the snapshot file (and that it compiles), the own
    /// harness that it has no warning under its pragma and, without the SDK, names no Amazon type.
    /// </summary>
    private static Task Verify(bool withAwsSdk, (string Path, string Yaml)[] files, string[]? allowedWarnings = null, [CallerMemberName] string testName = "")
        => Snapshot.VerifyAsync(Generate(withAwsSdk, allowedWarnings ?? Array.Empty<string>(), files), files, new VerifyOptions { Sdk = withAwsSdk ? SdkShape.V4 : SdkShape.None }, testName: testName);

    /// <summary>Runs the generator, asserts the output compiles without warnings, and returns the generated text.</summary>
    private static string Generate(bool withAwsSdk, string[] allowedWarnings, params (string Path, string Yaml)[] files)
    {
        var run = GeneratorHarness.RunOnValues(files, withAwsSdk);
        GeneratedCode.AssertNoWarnings(run, allowedWarnings);
        string text = Assert.IsType<string>(run.GeneratedText);
        if (!withAwsSdk)
        {
            Assert.DoesNotContain("Amazon", text, StringComparison.Ordinal);
        }

        return text;
    }
}
