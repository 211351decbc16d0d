using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using IdpDynamo.Cli.Tests.Infrastructure;

namespace IdpDynamo.Cli.Tests;

/// <summary>Quoted globs such as <c>'apps/**/values.yaml'</c> expand to files, sorted, printed relative as written.</summary>
public abstract class GlobTests : IDisposable
{
    private readonly AppsRepository _repo;

    protected GlobTests(CliHostKind host) => _repo = new(host);

    public void Dispose() => _repo.Dispose();

    private static string[] Files(CliResult r)
    {
        using var doc = JsonDocument.Parse(r.Stdout);
        return doc.RootElement.EnumerateArray().Select(d => d.GetProperty("file").GetString()!).Distinct().ToArray();
    }

    [Fact]
    public void Double_star_finds_files_in_two_namespaces_sorted()
    {
        // Created out of order; each has one warning so that every file shows up in the output.
        _repo.AddValues("webshop-test", "orders", Yaml.WithWarning("webshop-test"));
        _repo.AddValues("webshop-prod", "orders", Yaml.WithWarning("webshop-prod"));

        var r = _repo.Run("validate", "apps/**/values.yaml", "--format", "json");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(
            new[] { "apps/webshop-prod/orders/dynamodb/values.yaml", "apps/webshop-test/orders/dynamodb/values.yaml" },
            Files(r));
    }

    [Fact]
    public void Double_star_reports_the_number_of_files_in_the_text_summary()
    {
        _repo.AddValues("webshop-test", "orders", Yaml.Valid("webshop-test"));
        _repo.AddValues("webshop-prod", "orders", Yaml.Valid("webshop-prod"));
        _repo.AddAt("apps/koa-dev/dynamo-tables", Yaml.Valid("koa-dev"));

        var r = _repo.Run("validate", "apps/**/values.yaml");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("idp-dynamo: 3 files validated: 0 errors, 0 warnings, 0 infos\n", r.Stdout);
    }

    [Fact]
    public void Current_and_older_layouts_are_both_matched_and_the_namespace_comes_from_each_path()
    {
        _repo.AddValues("webshop-test", "orders", Yaml.WithWarning("webshop-test"));
        _repo.AddAt("apps/koa-dev/dynamo-tables", Yaml.WithWarning("koa-dev"));

        var r = _repo.Run("validate", "apps/**/values.yaml", "--format", "json");

        // No IDPDYN080: each file's roles end with the namespace of its own path.
        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(
            new[] { "apps/koa-dev/dynamo-tables/values.yaml", "apps/webshop-test/orders/dynamodb/values.yaml" },
            Files(r));
    }

    [Fact]
    public void A_single_star_matches_one_directory_level()
    {
        _repo.AddValues("webshop-test", "orders", Yaml.WithWarning("webshop-test"));
        _repo.AddValues("webshop-prod", "orders", Yaml.WithWarning("webshop-prod"));
        _repo.AddValues("koa-dev", "orders", Yaml.WithWarning("koa-dev"));

        var r = _repo.Run("validate", "apps/webshop-*/orders/dynamodb/values.yaml", "--format", "json");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(
            new[] { "apps/webshop-prod/orders/dynamodb/values.yaml", "apps/webshop-test/orders/dynamodb/values.yaml" },
            Files(r));
    }

    [Fact]
    public void Globs_do_not_pick_up_sibling_files_with_other_names()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid());
        File.WriteAllText(_repo.FullPath("apps/webshop-test/orders/dynamodb/values.yaml.bak"), "not: [yaml");
        File.WriteAllText(_repo.FullPath("apps/webshop-test/orders/dynamodb/values-old.yaml"), "not: [yaml");

        var r = _repo.Run("validate", "apps/**/values.yaml");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("idp-dynamo: 1 file validated: 0 errors, 0 warnings, 0 infos\n", r.Stdout);
        Assert.True(File.Exists(_repo.FullPath(path)));
    }

    [Fact]
    public void Errors_found_through_a_glob_name_the_expanded_relative_path()
    {
        _repo.AddValues("webshop-test", "orders", Yaml.WithError());

        var r = _repo.Run("validate", "apps/**/dynamodb/values.yaml");

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.StartsWith("apps/webshop-test/orders/dynamodb/values.yaml(12,18): error IDPDYN010: ", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absolute_glob_gives_absolute_paths()
    {
        _repo.AddValues("webshop-test", "orders", Yaml.WithError());
        string pattern = _repo.Root.Replace('\\', '/') + "/apps/**/values.yaml";

        var r = _repo.Run("validate", pattern, "--format", "json");

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.Equal(new[] { _repo.Root.Replace('\\', '/') + "/apps/webshop-test/orders/dynamodb/values.yaml" }, Files(r));
    }
}
