using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Amazon.DynamoDBv2.Model;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Generation.ValuesFiles;

namespace IdpDynamo.Analyzers.Tests.Generation;

/// <summary>
/// The generated accessors at run time: a consumer plus the generated code compiled into an
/// in-memory assembly, loaded into its own collectible context (fresh static state per test) and called by reflection.
/// </summary>
public sealed class GeneratedCodeRuntimeTests : IDisposable
{
    private const string Root = "Webshop.Orders.DynamoTables";
    private const string Orders = Root + "+CustomerOrders";

    private readonly string _namespaceFile = Path.Combine(Path.GetTempPath(), $"idpdyn-namespace-{Guid.NewGuid():N}");
    private readonly LoadedAssembly _assembly;

    public GeneratedCodeRuntimeTests()
    {
        var run = GeneratorHarness.RunOnValues(new[] { (TestPath, TestEnvironment + LegacyTable), (ProdPath, ProdEnvironment), (KeysPath, KeyTypes) }, withAwsSdk: true, null, """
            namespace Consumer;

            /// <summary>Uses the accessors like a service would.</summary>
            public static class OrderTables
            {
                /// <summary>The orders table where the service runs.</summary>
                public static string Orders => Webshop.Orders.DynamoTables.CustomerOrders.TableName;
            }
            """);
        _assembly = GeneratedCode.Load(run.OutputCompilation);
    }

    private const string KeysPath = "/repo/apps/webshop-prod/keys/dynamodb/values.yaml";

    /// <summary>Appended to the test file: a legacy table (idp- prefix).</summary>
    private const string LegacyTable = """


          - name: LegacyUsers
            useIdpPrefix: true
            hashKey: UserId
            attributes:
              - name: UserId
                type: 'N'
            billingMode: PAY_PER_REQUEST
        """;

    /// <summary>One table per key type combination the Key helper supports.</summary>
    private const string KeyTypes = """
        managementPolicies: Control
        tables:
          - name: Measurements
            hashKey: SensorId
            rangeKey: Reading
            attributes:
              - name: SensorId
                type: 'S'
              - name: Reading
                type: 'N'
            billingMode: PAY_PER_REQUEST
          - name: Blobs
            hashKey: Digest
            rangeKey: Version
            attributes:
              - name: Digest
                type: 'B'
              - name: Version
                type: 'N'
            billingMode: PAY_PER_REQUEST
        """;

    public void Dispose()
    {
        _assembly.Dispose();
        File.Delete(_namespaceFile);
    }

    [Fact]
    public void Resolves_the_namespace_from_POD_NAMESPACE()
        => Assert.Equal("webshop-prod", Resolve(" webshop-prod\n"));

    [Fact]
    public void Resolves_the_namespace_from_the_service_account_file_when_the_variable_is_empty()
    {
        File.WriteAllText(_namespaceFile, "webshop-test\n");
        Assert.Equal("webshop-test", Resolve("  "));
        Assert.Equal("webshop-test", Resolve(null));
    }

    [Fact]
    public void The_variable_wins_over_the_file()
    {
        File.WriteAllText(_namespaceFile, "webshop-test");
        Assert.Equal("webshop-prod", Resolve("webshop-prod"));
    }

    [Fact]
    public void Throws_a_helpful_exception_when_neither_names_a_namespace()
    {
        // The message names the property to set (with the configured class name), the variable and the file.
        var ex = Assert.Throws<InvalidOperationException>(() => Resolve(null));
        Assert.Equal(
            "The Kubernetes namespace of this service is unknown, so DynamoDB table names cannot be built. Set DynamoTables.Namespace at startup, "
            + "or the POD_NAMESPACE environment variable (valueFrom.fieldRef.fieldPath: metadata.namespace), or run in a pod with the service-account namespace file "
            + _namespaceFile + ".",
            ex.Message);

        File.WriteAllText(_namespaceFile, " \n");
        Assert.Throws<InvalidOperationException>(() => Resolve(null));
    }

    [Fact]
    public void A_namespace_set_explicitly_wins_and_an_empty_one_is_rejected()
    {
        _assembly.Set(Root, "Namespace", " koa-dev ");
        Assert.Equal("koa-dev", _assembly.Get(Root, "Namespace"));
        Assert.Equal("koa-dev-", _assembly.Get(Root, "TableNamePrefix"));

        var ex = Assert.Throws<ArgumentException>(() => _assembly.Set(Root, "Namespace", " "));
        Assert.Equal("value", ex.ParamName);
        Assert.Throws<ArgumentException>(() => _assembly.Set(Root, "Namespace", null));
        Assert.Equal("koa-dev", _assembly.Get(Root, "Namespace"));
    }

    [Fact]
    public void Namespace_is_read_from_POD_NAMESPACE_on_first_use_unless_set_explicitly()
    {
        // Only this class reads the process variable (through the generated getter), and its tests run one at a time.
        string? saved = Environment.GetEnvironmentVariable("POD_NAMESPACE");
        try
        {
            Environment.SetEnvironmentVariable("POD_NAMESPACE", "webshop-test");
            Assert.Equal("webshop-test", _assembly.Get(Root, "Namespace"));
            Assert.Equal("webshop-test-", _assembly.Get(Root, "TableNamePrefix"));

            _assembly.Set(Root, "Namespace", "webshop-prod");
            Assert.Equal("webshop-prod-CustomerOrders", _assembly.Get(Orders, "TableName"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("POD_NAMESPACE", saved);
        }
    }

    [Fact]
    public void Table_names_use_the_namespace_and_legacy_tables_get_the_idp_prefix()
    {
        _assembly.Set(Root, "Namespace", "webshop-prod");
        Assert.Equal("webshop-prod-CustomerOrders", _assembly.Get(Orders, "TableName"));
        Assert.Equal("webshop-prod-CustomerOrders", _assembly.Get("Consumer.OrderTables", "Orders"));
        Assert.Equal("idp-webshop-prod-LegacyUsers", _assembly.Get(Root + "+LegacyUsers", "TableName"));
        Assert.Equal("webshop-test-CustomerOrders", _assembly.Call(Orders, "TableNameIn", "webshop-test"));
        Assert.Equal("idp-koa-dev-LegacyUsers", _assembly.Call(Root + "+LegacyUsers", "TableNameIn", "koa-dev"));
    }

    [Fact]
    public void Key_builds_typed_attribute_values()
    {
        var orders = Key(Orders, "c-1", "2024-05-01");
        Assert.Equal(new[] { "CustomerId", "OrderDate" }, orders.Keys);
        Assert.Equal("c-1", orders["CustomerId"].S);
        Assert.Equal("2024-05-01", orders["OrderDate"].S);

        var measurement = Key(Root + "+Measurements", "sensor-7", 12.5m);
        Assert.Equal("sensor-7", measurement["SensorId"].S);
        Assert.Equal("12.5", measurement["Reading"].N);
        Assert.Null(measurement["Reading"].S);

        var blob = Key(Root + "+Blobs", new byte[] { 1, 2, 3 }, -1234567.0001m);
        Assert.Equal(new byte[] { 1, 2, 3 }, blob["Digest"].B.ToArray());
        Assert.Equal("-1234567.0001", blob["Version"].N);
    }

    [Fact]
    public void Key_formats_numbers_invariantly_whatever_the_current_culture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("da-DK");
            Assert.Equal("12.5", Key(Root + "+Measurements", "s", 12.5m)["Reading"].N);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Key_rejects_null_strings_and_byte_arrays()
    {
        Assert.Equal("customerId", Assert.Throws<ArgumentNullException>(() => Key(Orders, null, "d")).ParamName);
        Assert.Equal("digest", Assert.Throws<ArgumentNullException>(() => Key(Root + "+Blobs", null, 1m)).ParamName);
    }

    /// <summary>The generated (private) resolution, given the variable's value and this test's namespace file.</summary>
    private string? Resolve(string? podNamespace)
    {
        var method = _assembly.Type(Root).GetMethod("ResolveNamespace", BindingFlags.NonPublic | BindingFlags.Static)!;
        try
        {
            return (string?)method.Invoke(null, new object?[] { podNamespace, _namespaceFile });
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private Dictionary<string, AttributeValue> Key(string table, params object?[] values)
        => Assert.IsType<Dictionary<string, AttributeValue>>(_assembly.Call(table, "Key", values));
}
