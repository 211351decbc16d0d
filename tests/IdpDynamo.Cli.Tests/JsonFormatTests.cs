using System;
using System.Linq;
using System.Text.Json;
using IdpDynamo.Cli.Tests.Infrastructure;

namespace IdpDynamo.Cli.Tests;

/// <summary>
/// <c>--format json</c>: a JSON array on stdout, one object per diagnostic,
/// <c>{"id","severity","file","line","column","message"}</c> with 1-based line and column. Nothing else on stdout.
/// </summary>
public abstract class JsonFormatTests : IDisposable
{
    private static readonly string[] Fields = { "id", "severity", "file", "line", "column", "message" };

    private readonly AppsRepository _repo;

    protected JsonFormatTests(CliHostKind host) => _repo = new(host);

    public void Dispose() => _repo.Dispose();

    /// <summary>Parses all of stdout as one JSON value (so any extra text fails) and checks every object's shape.</summary>
    private static JsonElement[] ParseArray(CliResult r)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(r.Stdout);
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not a single JSON value ({ex.Message}):\n{r.Describe()}");
        }

        using (doc)
        {
            Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
            var items = doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
            foreach (var item in items)
            {
                Assert.Equal(JsonValueKind.Object, item.ValueKind);
                Assert.Equal(Fields, item.EnumerateObject().Select(p => p.Name).ToArray());
                Assert.Equal(JsonValueKind.String, item.GetProperty("id").ValueKind);
                Assert.Matches("^IDPDYN[0-9]{3}$", item.GetProperty("id").GetString());
                Assert.Contains(item.GetProperty("severity").GetString(), new[] { "error", "warning", "info" });
                Assert.Equal(JsonValueKind.String, item.GetProperty("file").ValueKind);
                Assert.Equal(JsonValueKind.Number, item.GetProperty("line").ValueKind);
                Assert.Equal(JsonValueKind.Number, item.GetProperty("column").ValueKind);
                Assert.True(item.GetProperty("line").TryGetInt32(out int line) && line >= 1, item.ToString());
                Assert.True(item.GetProperty("column").TryGetInt32(out int column) && column >= 1, item.ToString());
                Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("message").GetString()), item.ToString());
            }

            return items;
        }
    }

    [Fact]
    public void A_valid_file_gives_an_empty_array_and_exit_0()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid());

        var r = _repo.Run("validate", path, "--format", "json");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Empty(ParseArray(r));
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void An_error_has_every_field_with_the_path_as_given_and_1_based_position()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.WithError());

        var r = _repo.Run("validate", path, "--format", "json");

        Assert.True(r.ExitCode == 1, r.Describe());
        var d = Assert.Single(ParseArray(r));
        Assert.Equal("IDPDYN010", d.GetProperty("id").GetString());
        Assert.Equal("error", d.GetProperty("severity").GetString());
        Assert.Equal("apps/webshop-test/orders/dynamodb/values.yaml", d.GetProperty("file").GetString());
        Assert.Equal(12, d.GetProperty("line").GetInt32());
        Assert.Equal(18, d.GetProperty("column").GetInt32());
        Assert.Equal(
            "'ON_DEMAND' is not a valid billingMode; expected one of PAY_PER_REQUEST, PROVISIONED; did you mean 'PAY_PER_REQUEST'?",
            d.GetProperty("message").GetString());
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void Warnings_and_infos_carry_their_severity_and_the_summary_is_not_printed()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.WithWarning(), chartVersion: null);

        var r = _repo.Run("validate", "./" + path, "--format", "json");

        Assert.True(r.ExitCode == 0, r.Describe());
        var items = ParseArray(r);
        Assert.Contains(items, d => d.GetProperty("id").GetString() == "IDPDYN014" && d.GetProperty("severity").GetString() == "info");
        Assert.Contains(items, d => d.GetProperty("id").GetString() == "IDPDYN100" && d.GetProperty("severity").GetString() == "warning");
        Assert.All(items, d => Assert.Equal("./" + path, d.GetProperty("file").GetString()));
        Assert.DoesNotContain("file validated:", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("files validated:", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_with_quotes_backslashes_and_non_ascii_are_escaped_correctly()
    {
        // The table name appears verbatim in the IDPDYN031 message.
        string yaml = Yaml.Valid().Replace("- name: Orders", "- name: 'Or\"d\\ers-ä'", StringComparison.Ordinal);
        string path = _repo.AddValues("webshop-test", "orders", yaml);

        var r = _repo.Run("validate", path, "--format", "json");

        Assert.True(r.ExitCode == 1, r.Describe());
        var items = ParseArray(r);
        Assert.Contains(items, d => d.GetProperty("message").GetString()!.Contains("Or\"d\\ers-ä", StringComparison.Ordinal));
    }

    [Fact]
    public void Diagnostics_of_several_files_are_one_array()
    {
        string a = _repo.AddValues("webshop-test", "orders", Yaml.WithError());
        string b = _repo.AddValues("webshop-prod", "orders", Yaml.WithError("webshop-prod"));

        var r = _repo.Run("validate", a, b, "--format", "json");

        Assert.True(r.ExitCode == 1, r.Describe());
        var items = ParseArray(r);
        Assert.Equal(new[] { a, b }, items.Select(d => d.GetProperty("file").GetString()).ToArray());
    }

    [Fact]
    public void Color_capable_output_never_puts_escape_codes_into_json()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.WithError());

        var r = _repo.RunColor("validate", path, "--format", "json");

        Assert.DoesNotContain("\u001b", r.Stdout, StringComparison.Ordinal);
        Assert.Single(ParseArray(r));
    }
}
