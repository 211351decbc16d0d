using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using IdpDynamo.Build.Tests.Infrastructure;

namespace IdpDynamo.Build.Tests;

/// <summary>
/// The analyzers and the generator as a service gets them: `dotnet build` of a consumer of the packed package (next to the
/// copied sample, against the sample's values files). One build, with <c>-p:EmitCompilerGeneratedFiles=true</c>, serves
/// every test of the class: its Typo.cs names a table the values files do not declare, its Settings.cs reads one from
/// its appsettings.json, its Accessors.cs uses only the generated names.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class AnalyzerEndToEndTests
{
    private const string ProjectName = "Webshop.Consumer";

    /// <summary>Two sinks of an undeclared table: a low-level request's TableName and a DataModel [DynamoDBTable].</summary>
    private const string TypoSource = """
        using Amazon.DynamoDBv2.DataModel;
        using Amazon.DynamoDBv2.Model;

        namespace Webshop.Consumer;

        public static class Typo
        {
            public static GetItemRequest Lookup(string customerId, string orderDate) => new GetItemRequest
            {
                TableName = "Ordrs",
                Key = DynamoTables.CustomerOrders.Key(customerId, orderDate),
            };
        }

        [DynamoDBTable("Ordrs")]
        public sealed class MisspeltOrder
        {
            [DynamoDBHashKey]
            public string CustomerId { get; set; } = "";
        }

        """;

    /// <summary>Everything through the generated accessors: Key(...), TableName, Indexes, Attributes.</summary>
    private const string AccessorsSource = """
        using Amazon.DynamoDBv2.Model;
        using Orders = Webshop.Consumer.DynamoTables.CustomerOrders;
        using Products = Webshop.Consumer.DynamoTables.Products;

        namespace Webshop.Consumer;

        public static class Accessors
        {
            public static GetItemRequest Order(string customerId, string orderDate)
                => new() { TableName = Orders.TableName, Key = Orders.Key(customerId, orderDate) };

            public static GetItemRequest Product(string sku)
                => new() { TableName = Products.TableName, Key = Products.Key(sku) };

            public static QueryRequest OpenOrders() => new()
            {
                TableName = Orders.TableName,
                IndexName = Orders.Indexes.StatusIndex,
                KeyConditionExpression = "#s = :s",
                ExpressionAttributeNames = new() { ["#s"] = Orders.Attributes.Status },
                ExpressionAttributeValues = new() { [":s"] = new AttributeValue { S = "OPEN" } },
            };

            public static string AmountIndex => Orders.Indexes.AmountIndex;
        }

        """;

    /// <summary>
    /// A table name from configuration: the package hands appsettings.json to the analyzers (IdpDynamoAppSettings), which
    /// read the key's value there. IConfiguration is declared here with the one member used, as the analyzers match it
    /// by metadata name, so the consumer needs no Microsoft.Extensions package.
    /// </summary>
    private const string SettingsSource = """
        using Amazon.DynamoDBv2.Model;

        namespace Microsoft.Extensions.Configuration
        {
            public interface IConfiguration
            {
                string this[string key] { get; }
            }
        }

        namespace Webshop.Consumer
        {
            public sealed class ShipmentLookup(Microsoft.Extensions.Configuration.IConfiguration configuration)
            {
                public GetItemRequest Lookup() => new GetItemRequest { TableName = configuration["Shipping:Table"] };
            }
        }

        """;

    private const string AppSettingsJson = """
        {
          // the shipping service's table, with a typo
          "Shipping": { "Table": "webshop-test-Shipmentz", },
        }

        """;

    private static (string Root, ConsumerProject Project, DotnetResult Build)? s_build;

    private readonly ConsumerProject _project;
    private readonly DotnetResult _build;

    public AnalyzerEndToEndTests(PackageFixture package)
    {
        // The collection runs its tests one after another, so the one build of this package fixture can be cached here.
        if (s_build is not { } cached || cached.Root != package.Root)
        {
            package.Sample.Reset(); // the consumer reads the sample's values files, which other tests rewrite
            var project = new ConsumerProject(package.Sample, ProjectName, new Dictionary<string, string>
            {
                ["Typo.cs"] = TypoSource,
                ["Accessors.cs"] = AccessorsSource,
                ["Settings.cs"] = SettingsSource,
                ["appsettings.json"] = AppSettingsJson,
            });
            cached = (package.Root, project, project.Build("-p:EmitCompilerGeneratedFiles=true"));
            s_build = cached;
        }

        _project = cached.Project;
        _build = cached.Build;
    }

    /// <summary>1-based (line, column) of the n-th occurrence of <paramref name="text"/> in <paramref name="source"/>.</summary>
    private static (int Line, int Column) PositionOf(string source, string text, int occurrence = 1)
    {
        int index = -1;
        for (int i = 0; i < occurrence; i++)
        {
            index = source.IndexOf(text, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{text}' occurs fewer than {occurrence} times in the test source");
        }

        string before = source[..index].Replace("\r\n", "\n", StringComparison.Ordinal);
        int line = before.Count(c => c == '\n') + 1;
        int column = before.Length - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }

    private string Diagnostics(string file, string severity, string id)
        => string.Join("\n", _build.Output.Split('\n').Where(l => l.StartsWith(_project.SourceFile(file) + "(", StringComparison.Ordinal)
            && l.Contains($": {severity} {id}", StringComparison.Ordinal)).Distinct());

    [Fact]
    public void Undeclared_table_in_a_request_is_IDPDYN201_at_the_string_literal()
    {
        // The diagnostic is reported on the TableName value: the literal, opening quote included.
        var (line, column) = PositionOf(TypoSource, "\"Ordrs\"", 1);

        Assert.True(_build.ExitCode == 0, "a warning must not fail the build\n" + _build);
        string expected = $"{_project.SourceFile("Typo.cs")}({line},{column}): warning IDPDYN201: Table 'Ordrs' is not declared in the values files of this project";
        Assert.True(_build.Output.Contains(expected, StringComparison.Ordinal), $"expected\n  {expected}\n{_build}");
    }

    [Fact]
    public void Undeclared_table_in_DynamoDBTable_is_IDPDYN201_at_the_attribute()
    {
        // [DynamoDBTable("Ordrs")]: reported on the attribute (its name, after the '[').
        var (line, column) = PositionOf(TypoSource, "DynamoDBTable(\"Ordrs\")", 1);

        string expected = $"{_project.SourceFile("Typo.cs")}({line},{column}): warning IDPDYN201: Table 'Ordrs' is not declared in the values files of this project";
        Assert.True(_build.Output.Contains(expected, StringComparison.Ordinal), $"expected\n  {expected}\n{_build}");
    }

    [Fact]
    public void Undeclared_table_in_appsettings_json_is_IDPDYN201_at_the_configuration_read()
    {
        var (line, column) = PositionOf(SettingsSource, "configuration[\"Shipping:Table\"]", 1);

        string prefix = $"{_project.SourceFile("Settings.cs")}({line},{column}): warning IDPDYN201: Table 'webshop-test-Shipmentz' is not declared in the values files of this project";
        Assert.True(_build.Output.Split('\n').Any(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains("(Shipping:Table in appsettings.json)", StringComparison.Ordinal)),
            $"expected\n  {prefix}... (Shipping:Table in appsettings.json)\n{_build}");
    }

    /// <summary>Every problem is reported once per build. Two mistakes in Typo.cs and one in appsettings.json, three warnings, no others.</summary>
    [Fact]
    public void Each_undeclared_table_is_reported_once_and_nothing_else_is_reported()
    {
        var ours = _build.Output.Split('\n')
            .Where(l => Regex.IsMatch(l, @": (warning|error) IDPDYN2\d\d: "))
            .Distinct()
            .ToList();

        Assert.True(ours.Count == 3 && ours.All(l => l.Contains(" IDPDYN201: ", StringComparison.Ordinal))
            && ours.Count(l => l.StartsWith(_project.SourceFile("Typo.cs") + "(", StringComparison.Ordinal)) == 2
            && ours.Count(l => l.StartsWith(_project.SourceFile("Settings.cs") + "(", StringComparison.Ordinal)) == 1,
            "expected exactly the two IDPDYN201 warnings of Typo.cs and the one of Settings.cs, got:\n" + string.Join("\n", ours) + "\n" + _build);
    }

    [Fact]
    public void Consumer_of_the_generated_accessors_compiles_and_the_generated_file_is_emitted()
    {
        Assert.True(_build.ExitCode == 0, "expected the consumer to compile\n" + _build);
        Assert.Equal(string.Empty, Diagnostics("Accessors.cs", "error", "CS"));
        Assert.Equal(string.Empty, Diagnostics("Accessors.cs", "warning", "IDPDYN"));

        string generated = _project.GeneratedFile("IdpDynamo.Tables.g.cs");
        Assert.True(File.Exists(generated), $"{generated} was not emitted\n{_build}");
        string text = File.ReadAllText(generated);
        foreach (string expected in new[] { "namespace Webshop.Consumer", "class DynamoTables", "class CustomerOrders", "class Products", "TableName", "AmountIndex", "StatusIndex", "Key(" })
        {
            Assert.True(text.Contains(expected, StringComparison.Ordinal), $"{generated} lacks '{expected}':\n{text}");
        }
    }
}
