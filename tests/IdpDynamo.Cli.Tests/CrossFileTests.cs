using System;
using System.Linq;
using System.Text.Json;
using IdpDynamo.Cli.Tests.Infrastructure;

namespace IdpDynamo.Cli.Tests;

/// <summary>
/// Checks across files: IDPDYN033 for two values files of one namespace that render the same table name, and per
/// service (its directory under apps/&lt;namespace&gt;/) the environment comparison IDPDYN126/127.
/// </summary>
public abstract class CrossFileTests : IDisposable
{
    private readonly AppsRepository _repo;

    protected CrossFileTests(CliHostKind host) => _repo = new(host);

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void The_same_table_in_two_files_of_one_namespace_is_IDPDYN033_on_the_second_and_exits_1()
    {
        string first = _repo.AddValues("webshop-test", "billing", Yaml.Valid());
        string second = _repo.AddValues("webshop-test", "orders", Yaml.Valid());

        var r = _repo.Run("validate", first, second);

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.Equal(
            $"{second}(4,11): error IDPDYN033: Table 'webshop-test-Orders' is defined twice (first at {first}:4); each table needs a unique name",
            Assert.Single(r.StdoutLines, l => l.Contains("IDPDYN033", StringComparison.Ordinal)));
        Assert.Equal("idp-dynamo: 2 files validated: 1 error, 0 warnings, 0 infos", r.StdoutLines[^1]);
    }

    [Fact]
    public void Through_a_glob_the_second_file_in_sorted_order_gets_IDPDYN033()
    {
        _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        _repo.AddValues("webshop-test", "billing", Yaml.Valid());

        var r = _repo.Run("validate", "apps/**/values.yaml", "--format", "json");

        Assert.True(r.ExitCode == 1, r.Describe());
        using var doc = JsonDocument.Parse(r.Stdout);
        var d = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("IDPDYN033", d.GetProperty("id").GetString());
        Assert.Equal("error", d.GetProperty("severity").GetString());
        Assert.Equal("apps/webshop-test/orders/dynamodb/values.yaml", d.GetProperty("file").GetString());
        Assert.Equal(4, d.GetProperty("line").GetInt32());
        Assert.Equal(11, d.GetProperty("column").GetInt32());
        Assert.Contains("first at apps/webshop-test/billing/dynamodb/values.yaml:4", d.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_table_in_two_namespaces_is_fine()
    {
        string test = _repo.AddValues("webshop-test", "orders", Yaml.Valid("webshop-test"));
        string prod = _repo.AddValues("webshop-prod", "orders", Yaml.Valid("webshop-prod"));

        var r = _repo.Run("validate", test, prod);

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.DoesNotContain("IDPDYN033", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_tables_in_one_namespace_are_fine()
    {
        string a = _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        string b = _repo.AddValues("webshop-test", "billing", Yaml.Valid("webshop-test", "Invoices"));

        var r = _repo.Run("validate", a, b);

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("idp-dynamo: 2 files validated: 0 errors, 0 warnings, 0 infos", r.StdoutLines.Single());
    }

    [Fact]
    public void The_same_table_in_another_region_is_only_a_warning()
    {
        string first = _repo.AddValues("webshop-test", "billing", Yaml.Valid());
        string second = _repo.AddValues("webshop-test", "orders", Yaml.Valid().Replace("    billingMode:", "    region: eu-central-1\n    billingMode:", StringComparison.Ordinal));

        var r = _repo.Run("validate", first, second);

        Assert.Contains($"{second}(4,11): warning IDPDYN033: ", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("error IDPDYN033", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_option_puts_files_of_two_namespaces_into_one_and_they_collide()
    {
        string test = _repo.AddValues("webshop-test", "orders", Yaml.Valid("webshop-test"));
        string prod = _repo.AddValues("webshop-prod", "orders", Yaml.Valid("webshop-test"));

        var r = _repo.Run("validate", test, prod, "--namespace", "webshop-test");

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.Contains($"{prod}(4,11): error IDPDYN033: ", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environments_of_one_service_are_compared_IDPDYN126_on_the_later_file_and_exit_1()
    {
        string test = _repo.AddValues("webshop-test", "orders", Yaml.Valid("webshop-test"));
        _repo.AddValues("webshop-prod", "orders", Yaml.Valid("webshop-prod").Replace("CustomerId", "ShopperId", StringComparison.Ordinal));
        _repo.AddValues("webshop-prod", "billing", Yaml.Valid("webshop-prod", "Invoices").Replace("CustomerId", "InvoiceId", StringComparison.Ordinal));

        var r = _repo.Run("validate", "apps/**/values.yaml");

        // Sorted: webshop-prod's file comes first, so the later one (webshop-test) carries the error; billing is another service.
        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.Equal(
            $"{test}(4,11): error IDPDYN126: Table 'Orders' differs between environments: hashKey is 'CustomerId' here but 'ShopperId' there (compared with webshop-prod, apps/webshop-prod/orders/dynamodb/values.yaml:4); the generated accessors can describe only one definition",
            Assert.Single(r.StdoutLines, l => l.Contains("IDPDYN", StringComparison.Ordinal)));
        Assert.Equal("idp-dynamo: 3 files validated: 1 error, 0 warnings, 0 infos", r.StdoutLines[^1]);
    }

    [Fact]
    public void A_table_missing_in_another_environment_of_the_service_is_IDPDYN127()
    {
        string test = _repo.AddValues("webshop-test", "orders", Yaml.Valid("webshop-test") + string.Concat(Yaml.Valid("webshop-test", "Products").Split('\n').Skip(3).Select(l => l.Length == 0 ? l : l + "\n")));
        string prod = _repo.AddValues("webshop-prod", "orders", Yaml.Valid("webshop-prod"));

        var r = _repo.Run("validate", test, prod);

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(
            $"{test}(15,11): warning IDPDYN127: Table 'Products' is declared in webshop-test but not in webshop-prod; code that uses it fails there",
            Assert.Single(r.StdoutLines, l => l.Contains("IDPDYN", StringComparison.Ordinal)));
    }
}
