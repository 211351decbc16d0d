using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using IdpDynamo.Cli.Tests.Infrastructure;

namespace IdpDynamo.Cli.Tests;

/// <summary><c>--format sarif</c>: SARIF 2.1.0 that code-scanning UIs show inline.</summary>
public abstract class SarifFormatTests : IDisposable
{
    private readonly AppsRepository _repo;

    protected SarifFormatTests(CliHostKind host) => _repo = new(host);

    public void Dispose() => _repo.Dispose();

    private static JsonDocument Parse(CliResult r)
    {
        try
        {
            return JsonDocument.Parse(r.Stdout);
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not a single JSON value ({ex.Message}):\n{r.Describe()}");
        }
    }

    [Fact]
    public void The_log_has_version_schema_tool_and_rules_with_help_links()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid());

        var r = _repo.Run("validate", path, "--format", "sarif");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(string.Empty, r.Stderr);
        using var doc = Parse(r);
        var root = doc.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        string schema = root.GetProperty("$schema").GetString()!;
        Assert.Contains("sarif", schema, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("2.1.0", schema, StringComparison.Ordinal);
        Assert.True(Uri.TryCreate(schema, UriKind.Absolute, out _), schema);

        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("idp-dynamo", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.NotEmpty(rules);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            string id = rule.GetProperty("id").GetString()!;
            Assert.Matches("^IDPDYN[0-9]{3}$", id);
            Assert.True(ids.Add(id), $"rule {id} listed twice");
            string help = rule.GetProperty("helpUri").GetString()!;
            Assert.True(Uri.TryCreate(help, UriKind.Absolute, out _), help);
            Assert.EndsWith($"/docs/rules/{id}.md", help, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
        }

        // The ids the CLI itself can produce are among the rules.
        foreach (var id in new[] { "IDPDYN001", "IDPDYN010", "IDPDYN014", "IDPDYN033", "IDPDYN120", "IDPDYN121", "IDPDYN123", "IDPDYN130" })
        {
            Assert.Contains(id, ids);
        }

        Assert.Empty(run.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public void Results_carry_rule_level_location_and_region()
    {
        string bad = _repo.AddValues("webshop-test", "orders", Yaml.WithError());
        string warn = _repo.AddValues("webshop-prod", "orders", Yaml.WithWarning("webshop-prod"), chartVersion: null);

        var r = _repo.Run("validate", bad, warn, "--format", "sarif");

        Assert.True(r.ExitCode == 1, r.Describe());
        using var doc = Parse(r);
        var run = doc.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            string ruleId = result.GetProperty("ruleId").GetString()!;
            Assert.Contains(rules, rule => rule.GetProperty("id").GetString() == ruleId);
            if (result.TryGetProperty("ruleIndex", out var ruleIndex))
            {
                Assert.Equal(ruleId, rules[ruleIndex.GetInt32()].GetProperty("id").GetString());
            }

            Assert.Contains(result.GetProperty("level").GetString(), new[] { "error", "warning", "note" });
            Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("message").GetProperty("text").GetString()));
            var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            string uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            Assert.True(uri == bad || uri == warn, uri);
            var region = physical.GetProperty("region");
            Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
            Assert.True(region.GetProperty("startColumn").GetInt32() >= 1);
        }

        var error = Assert.Single(results, x => x.GetProperty("ruleId").GetString() == "IDPDYN010");
        Assert.Equal("error", error.GetProperty("level").GetString());
        var errorLocation = error.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("apps/webshop-test/orders/dynamodb/values.yaml", errorLocation.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(12, errorLocation.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(18, errorLocation.GetProperty("region").GetProperty("startColumn").GetInt32());

        var warning = Assert.Single(results, x => x.GetProperty("ruleId").GetString() == "IDPDYN100");
        Assert.Equal("warning", warning.GetProperty("level").GetString());

        // SARIF has no "info" level: infos are "note".
        var info = Assert.Single(results, x => x.GetProperty("ruleId").GetString() == "IDPDYN014");
        Assert.Equal("note", info.GetProperty("level").GetString());
        Assert.Equal(1, info.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void An_IO_problem_still_writes_a_valid_log_and_exits_2()
    {
        var r = _repo.Run("validate", "apps/webshop-test/orders/dynamodb/values.yaml", "--format", "sarif");

        Assert.True(r.ExitCode == 2, r.Describe());
        using var doc = Parse(r);
        var result = Assert.Single(doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Equal("IDPDYN120", result.GetProperty("ruleId").GetString());
        Assert.NotEqual(string.Empty, r.Stderr);
    }

    [Fact]
    public void Artifact_uris_are_valid_uri_references_even_for_paths_with_spaces()
    {
        // SARIF 2.1.0 §3.10: artifactLocation.uri is a URI reference (RFC 3986); a space must be percent-encoded.
        string path = _repo.AddAt("my repo/apps/webshop-test/orders/dynamodb", Yaml.WithError());

        var r = _repo.Run("validate", path, "--format", "sarif");

        Assert.True(r.ExitCode == 1, r.Describe());
        using var doc = Parse(r);
        var result = doc.RootElement.GetProperty("runs")[0].GetProperty("results")[0];
        string uri = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
        Assert.DoesNotContain(" ", uri, StringComparison.Ordinal);
        Assert.Equal(path, Uri.UnescapeDataString(uri));
    }
}
