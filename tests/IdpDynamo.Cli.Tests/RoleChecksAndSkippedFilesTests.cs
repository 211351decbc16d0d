using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using IdpDynamo.Cli.Tests.Infrastructure;

namespace IdpDynamo.Cli.Tests;

/// <summary>
/// What the text output says about files it did not check: files of other charts (counted, listed with --verbose),
/// files that were not found (not counted as validated), and files whose role checks cannot run (IDPDYN132).
/// </summary>
public sealed class RoleChecksAndSkippedFilesTests : IDisposable
{
    private readonly AppsRepository _repo = new();

    public void Dispose() => _repo.Dispose();

    private string OtherChart(string ns, string app)
    {
        string path = _repo.AddAt($"apps/{ns}/{app}/api", "replicaCount: 2\n", chartVersion: null);
        File.WriteAllText(_repo.FullPath($"apps/{ns}/{app}/api/application.yaml"), "helm:\n  chart: helm/idp-s3-bucket\n  chartVersion: \"1.0.0\"\n");
        return path;
    }

    [Fact]
    public void Files_of_other_charts_are_counted_in_the_summary_not_listed()
    {
        string values = _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        OtherChart("webshop-test", "catalog");
        OtherChart("webshop-prod", "catalog");

        var r = _repo.Run("validate", "apps/**/values.yaml");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("idp-dynamo: 1 file validated (2 skipped: other charts, --verbose lists them): 0 errors, 0 warnings, 0 infos\n", r.Stdout);
        Assert.Equal("apps/webshop-test/orders/dynamodb/values.yaml", values);
    }

    [Fact]
    public void Verbose_lists_the_files_of_other_charts()
    {
        _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        OtherChart("webshop-test", "catalog");

        var r = _repo.Run("validate", "apps/**/values.yaml", "--verbose");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(
            new[]
            {
                "apps/webshop-test/catalog/api/application.yaml(2,10): info IDPDYN014: application.yaml pins chart 'helm/idp-s3-bucket', not helm/idp-dynamodb; 'apps/webshop-test/catalog/api/values.yaml' is not validated",
                "idp-dynamo: 1 file validated (1 skipped: other charts): 0 errors, 0 warnings, 1 info",
            },
            r.StdoutLines);
    }

    [Fact]
    public void Json_keeps_the_notices_about_files_of_other_charts()
    {
        OtherChart("webshop-test", "catalog");

        var r = _repo.Run("validate", "apps/**/values.yaml", "--format", "json");

        Assert.True(r.ExitCode == 0, r.Describe());
        var item = Assert.Single(JsonDocument.Parse(r.Stdout).RootElement.EnumerateArray());
        Assert.Equal("IDPDYN014", item.GetProperty("id").GetString());
        Assert.Equal("info", item.GetProperty("severity").GetString());
        Assert.Equal(2, item.GetProperty("line").GetInt32());
        Assert.Equal(10, item.GetProperty("column").GetInt32());
    }

    [Fact]
    public void A_file_that_was_not_found_is_not_counted_as_validated()
    {
        var r = _repo.Run("validate", "apps/webshop-test/orders/dynamodb/values.yaml");

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.Equal("idp-dynamo: 0 files validated (1 not read): 1 error, 0 warnings, 0 infos", r.StdoutLines[^1]);
        Assert.StartsWith("apps/webshop-test/orders/dynamodb/values.yaml(1,1): error IDPDYN120: ", r.StdoutLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_apps_a_role_of_another_namespace_gets_a_warning_that_role_checks_cannot_run()
    {
        // Roles of webshop-prod, validated from a copy outside apps/<namespace>/: no IDPDYN080 can be reported.
        string path = _repo.AddAt("deploy/dynamodb", Yaml.Valid("webshop-prod"));

        var r = _repo.Run("validate", path);

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Contains(
            $"{path}(13,31): warning IDPDYN132: Role checks cannot run: the Kubernetes namespace of this file is unknown (no 'apps/<namespace>/' in its path), so its 2 roles (first: 'orders-api-webshop-prod') may belong to another namespace unnoticed. Pass --namespace <namespace>\n",
            r.Stdout, StringComparison.Ordinal);
        Assert.Equal("idp-dynamo: 1 file validated: 0 errors, 1 warning, 1 info", r.StdoutLines[^1]);
    }

    [Fact]
    public void With_the_namespace_option_the_role_checks_run_and_there_is_no_IDPDYN132()
    {
        string path = _repo.AddAt("deploy/dynamodb", Yaml.Valid("webshop-prod"));

        var r = _repo.Run("validate", path, "--namespace", "webshop-test");

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.DoesNotContain("IDPDYN132", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{path}(13,31): error IDPDYN080: Role 'orders-api-webshop-prod' does not end with '-webshop-test'", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_roles_and_without_a_namespace_gets_no_IDPDYN132()
    {
        string yaml = string.Join("\n", Yaml.Valid().Split('\n').Where(l => !l.Contains("Roles", StringComparison.Ordinal)));
        string path = _repo.AddAt("deploy/dynamodb", yaml);

        var r = _repo.Run("validate", path, "--format", "json");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.DoesNotContain("IDPDYN132", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("IDPDYN125", r.Stdout, StringComparison.Ordinal);
    }
}
