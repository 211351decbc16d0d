using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using IdpDynamo.Build.Tests.Infrastructure;

namespace IdpDynamo.Build.Tests;

/// <summary>
/// The values files against a DynamoDB-compatible server (dynalite, in memory on 127.0.0.1): the sample's tables are
/// created from the validator's model exactly as the chart would create them (<see cref="CreateTableMapper"/>), then the
/// sample service, built from the packed package, writes, reads and queries them through its generated accessors only.
/// Also the other direction: a definition the validator rejects is rejected by the server too.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class DynamoIntegrationTests : IClassFixture<DynaliteFixture>
{
    private const string Test = "webshop-test";

    private readonly SampleProject _sample;
    private readonly DynaliteFixture _dynalite;

    public DynamoIntegrationTests(PackageFixture package, DynaliteFixture dynalite)
    {
        _sample = package.Sample;
        _sample.Reset();
        _dynalite = dynalite;
    }

    private static string RepositoryValues(string ns) => Path.Combine(RepositoryPaths.Samples, "apps", ns, "orders", "dynamodb", "values.yaml");

    // ---- the sample service against the tables the chart would create ------------------------------------------------

    [Fact]
    public async Task Sample_service_runs_against_the_mapped_tables_through_the_generated_accessors()
    {
        using var client = _dynalite.Client();
        await _dynalite.DeleteAllTablesAsync(client);
        var (model, errors, all) = CreateTableMapper.Read(_sample.ValuesFile(Test), Test);
        Assert.True(errors.Count == 0, "the sample's values file is valid:\n" + string.Join("\n", all));
        foreach (var request in CreateTableMapper.Map(model))
        {
            await _dynalite.CreateAsync(client, request);
        }

        var build = _sample.Build();
        Assert.True(build.ExitCode == 0, "expected the sample to build\n" + build);
        string dll = Path.Combine(_sample.ProjectDirectory, "bin", "Debug", "net10.0", "Webshop.Orders.dll");
        Assert.True(File.Exists(dll), dll + "\n" + build);

        var run = DotnetCli.Run(_sample.ProjectDirectory,
            new Dictionary<string, string> { ["POD_NAMESPACE"] = Test, ["DYNAMODB_ENDPOINT"] = string.Empty },
            dll, _dynalite.Endpoint);

        string context = $"{run}\n--- dynalite ---\n{_dynalite.Output}";
        Assert.True(run.ExitCode == 0, "expected the sample to exit 0\n" + context);
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        int header = lines.IndexOf($"namespace: {Test}");
        Assert.True(header >= 0, $"expected 'namespace: {Test}' (from POD_NAMESPACE)\n" + context);
        var checks = lines.Skip(header + 1).ToList();
        Assert.True(checks.Count >= 4, "expected the sample's 4 checks\n" + context);
        Assert.All(checks, l => Assert.True(l.StartsWith("ok ", StringComparison.Ordinal), $"check failed: '{l}'\n{context}"));

        // The rows landed in the tables the mapper created (the rendered names the service computed agree).
        var orders = await client.ScanAsync(new ScanRequest { TableName = $"{Test}-CustomerOrders" });
        Assert.Equal(3, orders.Count);
        var products = await client.ScanAsync(new ScanRequest { TableName = $"{Test}-Products" });
        Assert.Equal(1, products.Count);
    }

    // ---- the mapper: accepted for the sample's tables, rejected where the validator says error ------------------------

    /// <summary>The worked example of how a values file becomes a CreateTable request, for the sample's webshop-test file (StatusIndex is a GSI in the sample).</summary>
    private const string ExpectedTestRequests = """
        TableName webshop-test-CustomerOrders
        AttributeDefinitions [CustomerId S, OrderDate S, TotalAmount N, Status S]
        KeySchema [CustomerId HASH, OrderDate RANGE]
        BillingMode PAY_PER_REQUEST
        LSI AmountIndex [CustomerId HASH, TotalAmount RANGE] INCLUDE (Items, ShippingAddress)
        GSI StatusIndex [Status HASH, OrderDate RANGE] ALL
        ---
        TableName webshop-test-Products
        AttributeDefinitions [Sku S]
        KeySchema [Sku HASH]
        BillingMode PAY_PER_REQUEST
        """;

    [Fact]
    public void Mapper_renders_the_sample_as_rules_md_section_3_describes()
    {
        var (model, _, _) = CreateTableMapper.Read(RepositoryValues(Test), Test);

        string actual = string.Join("\n---\n", CreateTableMapper.Map(model).Select(CreateTableMapper.Describe));

        Assert.Equal(ExpectedTestRequests.ReplaceLineEndings("\n"), actual);
    }

    [Theory]
    [InlineData("webshop-test")]
    [InlineData("webshop-prod")]
    public async Task Every_table_of_the_sample_file_is_accepted_by_dynalite_as_mapped(string ns)
    {
        using var client = _dynalite.Client();
        await _dynalite.DeleteAllTablesAsync(client);
        var (model, errors, all) = CreateTableMapper.Read(RepositoryValues(ns), ns);
        Assert.True(errors.Count == 0, "the sample's values file is valid:\n" + string.Join("\n", all));
        var requests = CreateTableMapper.Map(model);
        Assert.NotEmpty(requests);

        foreach (var request in requests)
        {
            TableDescription table;
            try
            {
                table = await _dynalite.CreateAsync(client, request);
            }
            catch (AmazonDynamoDBException ex)
            {
                throw new Xunit.Sdk.XunitException($"dynalite rejected\n{CreateTableMapper.Describe(request)}\n{ex.GetType().Name}: {ex.Message}");
            }

            string what = CreateTableMapper.Describe(request);
            Assert.Equal(request.TableName, table.TableName);
            Assert.Equal(Keys(request.KeySchema), Keys(table.KeySchema));
            Assert.Equal(Attributes(request.AttributeDefinitions), Attributes(table.AttributeDefinitions));
            Assert.True(table.BillingModeSummary?.BillingMode == request.BillingMode, $"billing mode {table.BillingModeSummary?.BillingMode} for\n{what}");
            Assert.Equal(Indexes(request.LocalSecondaryIndexes?.Select(i => (i.IndexName, i.KeySchema, i.Projection))),
                Indexes(table.LocalSecondaryIndexes?.Select(i => (i.IndexName, i.KeySchema, i.Projection))));
            Assert.Equal(Indexes(request.GlobalSecondaryIndexes?.Select(i => (i.IndexName, i.KeySchema, i.Projection))),
                Indexes(table.GlobalSecondaryIndexes?.Select(i => (i.IndexName, i.KeySchema, i.Projection))));
        }

        var listed = (await client.ListTablesAsync(new ListTablesRequest())).TableNames;
        Assert.Equal(requests.Select(r => r.TableName).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    private static string Keys(IEnumerable<KeySchemaElement>? keys)
        => string.Join(", ", (keys ?? []).Select(k => $"{k.AttributeName} {k.KeyType}"));

    private static string Attributes(IEnumerable<AttributeDefinition>? attributes)
        => string.Join(", ", (attributes ?? []).Select(a => $"{a.AttributeName} {a.AttributeType}").Order(StringComparer.Ordinal));

    private static string Indexes(IEnumerable<(string Name, List<KeySchemaElement> Keys, Projection Projection)>? indexes)
        => string.Join("\n", (indexes ?? []).Select(i => $"{i.Name} [{Keys(i.Keys)}] {i.Projection?.ProjectionType}"
            + (i.Projection?.NonKeyAttributes is { Count: > 0 } n ? " (" + string.Join(", ", n.Order(StringComparer.Ordinal)) + ")" : string.Empty))
            .Order(StringComparer.Ordinal));

    /// <summary>The roles of every broken file (valid for webshop-test).</summary>
    private const string Roles = """
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]

        """;

    /// <summary>
    /// name → (validator id, what dynalite answers, YAML). Each file is broken in one way the chart would
    /// pass on to CreateTable; the attributes are exactly the key attributes, so nothing else trips first.
    /// </summary>
    private static readonly Dictionary<string, (string Id, string Rejection, string Yaml)> Broken = new()
    {
        ["IDPDYN050 LSI on a table without rangeKey"] = ("IDPDYN050",
            "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex", $"""
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: OrderId
                attributes:
                  - name: OrderId
                    type: 'S'
                  - name: Amount
                    type: 'N'
                billingMode: PAY_PER_REQUEST
                localSecondaryIndex:
                  - name: AmountIndex
                    rangeKey: Amount
                    projectionType: ALL
            {Roles}
            """),

        ["IDPDYN052 LSI sorted by the table hashKey"] = ("IDPDYN052",
            "Both the Hash Key and the Range Key element in the KeySchema have the same name", $"""
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                attributes:
                  - name: CustomerId
                    type: 'S'
                  - name: OrderDate
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                localSecondaryIndex:
                  - name: ByCustomer
                    rangeKey: CustomerId
                    projectionType: KEYS_ONLY
            {Roles}
            """),

        ["IDPDYN061 GSI rangeKey not declared"] = ("IDPDYN061",
            "Some index key attributes are not defined in AttributeDefinitions. Keys: [Status, Missing], AttributeDefinitions: [OrderId, Status]", $"""
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: OrderId
                attributes:
                  - name: OrderId
                    type: 'S'
                  - name: Status
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                globalSecondaryIndex:
                  - name: StatusIndex
                    hashKey: Status
                    rangeKey: Missing
                    projectionType: ALL
            {Roles}
            """),

        ["IDPDYN070 LSI and GSI with the same name"] = ("IDPDYN070",
            "Duplicate index name: Idx", $"""
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                attributes:
                  - name: CustomerId
                    type: 'S'
                  - name: OrderDate
                    type: 'S'
                  - name: Amount
                    type: 'N'
                  - name: Status
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                localSecondaryIndex:
                  - name: Idx
                    rangeKey: Amount
                    projectionType: ALL
                globalSecondaryIndex:
                  - name: Idx
                    hashKey: Status
                    projectionType: ALL
            {Roles}
            """),

        ["IDPDYN040 PROVISIONED without capacity"] = ("IDPDYN040",
            "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED", $"""
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: OrderId
                attributes:
                  - name: OrderId
                    type: 'S'
                billingMode: PROVISIONED
            {Roles}
            """),
    };

    public static IEnumerable<object[]> BrokenCases => Broken.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(BrokenCases))]
    public async Task Definition_the_validator_reports_as_an_error_is_rejected_by_dynalite_too(string name)
    {
        var (id, rejection, yaml) = Broken[name];
        var (model, errors, all) = CreateTableMapper.Read(new UTF8Encoding(false).GetBytes(yaml), $"apps/{Test}/orders/dynamodb/values.yaml", Test);
        Assert.True(errors.Any(e => e.Contains($": error {id}: ", StringComparison.Ordinal)), $"expected error {id}, got:\n{string.Join("\n", all)}");

        var request = Assert.Single(CreateTableMapper.Map(model));
        using var client = _dynalite.Client();
        await _dynalite.DeleteAllTablesAsync(client);

        var ex = await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => client.CreateTableAsync(request));

        Assert.True(ex.ErrorCode == "ValidationException" && ex.Message.Contains(rejection, StringComparison.Ordinal),
            $"expected ValidationException '…{rejection}…' for\n{CreateTableMapper.Describe(request)}\ngot {ex.ErrorCode}: {ex.Message}");
        Assert.Empty((await client.ListTablesAsync(new ListTablesRequest())).TableNames ?? []);
    }
}
