using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using IdpDynamo.Schema.IO;
using IdpDynamo.Schema.Tests.Infrastructure;
using IdpDynamo.Schema.Validation;

namespace IdpDynamo.Schema.Tests.Rules;

/// <summary>
/// Configuration diagnostics (IDPDYN120–122, 124, 125, 130; 123 is the CLI's glob error) and IDPDYN033 across two
/// values files of one namespace (<see cref="ValuesValidator.ValidateAcrossFiles"/>).
/// </summary>
public sealed class ConfigurationRulesTests : IDisposable
{
    private readonly string _root;

    public ConfigurationRulesTests()
    {
        _root = Path.Combine(Path.GetTempPath(), "idpdyn-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string WriteValues(string relativePath, string yaml)
    {
        string path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
        return path;
    }

    // ---------------------------------------------------------------- IDPDYN120 / 121 / 122

    [Fact]
    public void Reports_IDPDYN120_when_the_values_file_does_not_exist()
    {
        string missing = Path.Combine(_root, "missing", "values.yaml");
        var result = ValuesFileLoader.ValidateFile("missing/values.yaml", missing, "webshop-test", "2.1.11");
        var diagnostic = Check.Single(result.Diagnostics, "IDPDYN120", 1, 1);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("missing/values.yaml", diagnostic.File);
        Assert.Single(result.Diagnostics);
        Assert.Null(result.Model);
    }

    [Fact]
    public void No_IDPDYN120_when_the_values_file_exists()
    {
        string path = WriteValues("values.yaml", Values.Valid);
        var result = ValuesFileLoader.ValidateFile("values.yaml", path, "webshop-test", "2.1.11");
        Assert.True(result.Diagnostics.Count == 0, Check.Describe(result.Diagnostics));
        Assert.NotNull(result.Model);
    }

    [Fact]
    public void Reports_IDPDYN121_when_the_values_path_is_a_directory()
    {
        string dir = Path.Combine(_root, "dynamodb");
        Directory.CreateDirectory(dir);
        var result = ValuesFileLoader.ValidateFile("dynamodb", dir, "webshop-test", "2.1.11");
        var diagnostic = Check.Single(result.Diagnostics, "IDPDYN121", 1, 1);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void No_IDPDYN121_when_the_values_file_inside_the_directory_is_named()
    {
        string path = WriteValues(Path.Combine("dynamodb", "values.yaml"), Values.Valid);
        var result = ValuesFileLoader.ValidateFile("dynamodb/values.yaml", path, "webshop-test", "2.1.11");
        Check.None(result.Diagnostics, "IDPDYN121");
        Check.NoErrors(result.Diagnostics);
    }

    [Fact]
    public void Reports_IDPDYN122_when_the_values_file_cannot_be_read()
    {
        // chmod does not stop root, so the file is made unreadable with an exclusive lock: .NET enforces FileShare.None
        // on Unix with flock, and File.ReadAllBytes then fails with an IOException (sharing violation).
        string path = WriteValues("values.yaml", Values.Valid);
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var result = ValuesFileLoader.ValidateFile("values.yaml", path, "webshop-test", "2.1.11");
            var diagnostic = Check.Single(result.Diagnostics, "IDPDYN122", 1, 1);
            Assert.Equal(Severity.Error, diagnostic.Severity);
            Assert.Single(result.Diagnostics);
        }
    }

    [Fact]
    public void No_IDPDYN122_when_the_lock_on_the_values_file_is_released()
    {
        string path = WriteValues("values.yaml", Values.Valid);
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
        }

        var result = ValuesFileLoader.ValidateFile("values.yaml", path, "webshop-test", "2.1.11");
        Check.None(result.Diagnostics, "IDPDYN122");
        Check.NoErrors(result.Diagnostics);
    }

    // ---------------------------------------------------------------- IDPDYN124

    private const string ApplicationManifest =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: orders-dynamodb
          namespace: argocd
        spec:
          project: webshop-test
        helm:
          chart: helm/idp-dynamodb
          chartVersion: "2.1.11"

        """;

    [Fact]
    public void Reports_IDPDYN124_when_a_Kubernetes_manifest_is_passed_as_values_file()
    {
        var d = Check.Validate(ApplicationManifest);
        var diagnostic = Check.Single(d, "IDPDYN124", 1, 1);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("Kubernetes manifest", diagnostic.Message, StringComparison.Ordinal);
        Assert.True(d.Count == 1, Check.Describe(d));
    }

    [Fact]
    public void Reports_IDPDYN124_when_an_application_yaml_is_validated_from_disk()
    {
        string path = WriteValues(Path.Combine("apps", "webshop-test", "orders", "dynamodb", "application.yaml"), ApplicationManifest);
        var result = ValuesFileLoader.ValidateFile("apps/webshop-test/orders/dynamodb/application.yaml", path, null, "2.1.11");
        Check.Single(result.Diagnostics, "IDPDYN124", 1, 1);
    }

    [Fact]
    public void Reports_IDPDYN124_when_no_key_is_known_to_the_chart()
    {
        var d = Check.Validate(
            """
            replicaCount: 2
            image:
              repository: orders-api

            """);
        var diagnostic = Check.Single(d, "IDPDYN124", 1, 1);
        Assert.Contains("'replicaCount', 'image'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN124_when_a_values_file_has_one_foreign_key()
    {
        var d = Check.Validate("apiVersion: v1\n" + Values.Valid);
        Check.None(d, "IDPDYN124");
        Check.Single(d, "IDPDYN007", 1, 1);
    }

    // ---------------------------------------------------------------- IDPDYN125

    [Fact]
    public void Reports_IDPDYN125_across_files_when_the_namespace_is_unknown()
    {
        var unknown = ValuesValidator.Validate(Encoding.UTF8.GetBytes(Values.Valid), new ValuesFileSettings("values.yaml", null, "2.1.11"));
        var known = ValuesValidator.Validate(Encoding.UTF8.GetBytes(Values.Valid), new ValuesFileSettings(Check.DisplayPath, "webshop-test", "2.1.11"));

        var d = ValuesValidator.ValidateAcrossFiles(new[] { known, unknown });

        var diagnostic = Check.Single(d, "IDPDYN125", 1, 1);
        Assert.Equal(Severity.Info, diagnostic.Severity);
        Assert.Equal("values.yaml", diagnostic.File);
        Assert.True(d.Count == 1, Check.Describe(d));
    }

    [Fact]
    public void Reports_IDPDYN125_for_a_file_outside_an_apps_tree()
    {
        string path = WriteValues(Path.Combine("service", "dynamodb", "values.yaml"), Values.Valid);
        var result = ValuesFileLoader.ValidateFile("service/dynamodb/values.yaml", path, null, "2.1.11");
        Assert.Null(result.Settings.Namespace);

        var d = ValuesValidator.ValidateAcrossFiles(new[] { result });

        Check.Single(d, "IDPDYN125", 1, 1);
    }

    [Fact]
    public void No_IDPDYN125_when_the_namespace_is_derived_from_the_path()
    {
        string path = WriteValues(Path.Combine("apps", "webshop-test", "orders", "dynamodb", "values.yaml"), Values.Valid);
        var result = ValuesFileLoader.ValidateFile("apps/webshop-test/orders/dynamodb/values.yaml", path, null, "2.1.11");
        Assert.Equal("webshop-test", result.Settings.Namespace);

        var d = ValuesValidator.ValidateAcrossFiles(new[] { result });

        Check.None(d, "IDPDYN125");
        Assert.True(d.Count == 0 && result.Diagnostics.Count == 0, Check.Describe(d.Concat(result.Diagnostics)));
    }

    // ---------------------------------------------------------------- IDPDYN130

    [Fact]
    public void Reports_IDPDYN130_when_the_file_is_larger_than_16_MiB()
    {
        var bytes = new byte[ValuesValidator.MaxFileBytes + 1];
        bytes.AsSpan().Fill((byte)' ');
        Encoding.UTF8.GetBytes(Values.Valid).CopyTo(bytes, 0);

        var d = Check.ValidateBytes(bytes);

        var diagnostic = Check.Single(d, "IDPDYN130", 1, 1);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.True(d.Count == 1, Check.Describe(d));
    }

    [Fact]
    public void No_IDPDYN130_when_the_file_is_exactly_16_MiB()
    {
        byte[] valid = Encoding.UTF8.GetBytes(Values.Valid + "# ");
        var bytes = new byte[ValuesValidator.MaxFileBytes];
        bytes.AsSpan().Fill((byte)'x');
        valid.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';
        Assert.Equal(16 * 1024 * 1024, bytes.Length);

        var d = Check.ValidateBytes(bytes);

        Check.None(d, "IDPDYN130");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN033 across files

    private const string OrdersPath = "apps/webshop-test/orders/dynamodb/values.yaml";
    private const string PaymentsPath = "apps/webshop-test/payments/dynamodb/values.yaml";

    /// <summary>A second values file whose only table is <paramref name="name"/> (line 4, column 11), optionally in a region.</summary>
    private static string PaymentsFile(string name, string? region = null)
        => $$"""
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: {{name}}
                hashKey: PaymentId
                attributes:
                  - { name: PaymentId, type: 'S' }
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["payments-api-webshop-test"]

            """ + (region is null ? string.Empty : $"    region: {region}\n");

    private static ValuesFileResult Validate(string displayPath, string? ns, string yaml)
        => ValuesValidator.Validate(Encoding.UTF8.GetBytes(yaml), new ValuesFileSettings(displayPath, ns, "2.1.11"));

    [Fact]
    public void Reports_IDPDYN033_when_two_files_of_one_namespace_define_the_same_table()
    {
        var orders = Validate(OrdersPath, "webshop-test", Values.Valid);
        var payments = Validate(PaymentsPath, "webshop-test", PaymentsFile("Orders"));

        var d = ValuesValidator.ValidateAcrossFiles(new[] { orders, payments });

        var diagnostic = Check.Single(d, "IDPDYN033", 4, 11);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal(PaymentsPath, diagnostic.File);
        Assert.Contains($"Table 'webshop-test-Orders' is defined twice (first at {OrdersPath}:4)", diagnostic.Message, StringComparison.Ordinal);
        Assert.True(d.Count == 1, Check.Describe(d));
    }

    [Fact]
    public void Reports_IDPDYN033_as_warning_when_the_same_table_is_in_another_region()
    {
        var orders = Validate(OrdersPath, "webshop-test", Values.Valid);
        var payments = Validate(PaymentsPath, "webshop-test", PaymentsFile("Orders", "eu-north-1"));

        var d = ValuesValidator.ValidateAcrossFiles(new[] { orders, payments });

        var diagnostic = Check.Single(d, "IDPDYN033", 4, 11);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Equal(PaymentsPath, diagnostic.File);
    }

    [Fact]
    public void No_IDPDYN033_when_the_files_define_different_tables()
    {
        var orders = Validate(OrdersPath, "webshop-test", Values.Valid);
        var payments = Validate(PaymentsPath, "webshop-test", PaymentsFile("Payments"));

        var d = ValuesValidator.ValidateAcrossFiles(new[] { orders, payments });

        Check.None(d, "IDPDYN033");
        Assert.True(d.Count == 0 && payments.Diagnostics.Count == 0, Check.Describe(d.Concat(payments.Diagnostics)));
    }

    [Fact]
    public void No_IDPDYN033_when_the_same_name_is_used_in_another_namespace()
    {
        var orders = Validate(OrdersPath, "webshop-test", Values.Valid);
        var prod = Validate("apps/webshop-prod/payments/dynamodb/values.yaml", "webshop-prod",
            PaymentsFile("Orders").Replace("payments-api-webshop-test", "payments-api-webshop-prod", StringComparison.Ordinal));

        var d = ValuesValidator.ValidateAcrossFiles(new[] { orders, prod });

        Check.None(d, "IDPDYN033");
        Check.NoErrors(prod.Diagnostics);
    }
}
