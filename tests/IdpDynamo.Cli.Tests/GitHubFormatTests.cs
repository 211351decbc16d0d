using System;
using System.IO;
using System.Text;
using IdpDynamo.Cli.Tests.Infrastructure;

namespace IdpDynamo.Cli.Tests;

/// <summary>
/// <c>--format github</c>: one GitHub Actions workflow command per finding (<c>::error</c>, <c>::warning</c>,
/// <c>::notice</c>, with file, line, col, endLine, endColumn and title properties), then the text format's summary line.
/// </summary>
public abstract class GitHubFormatTests : IDisposable
{
    private const string Summary1Error = "idp-dynamo: 1 file validated: 1 error, 0 warnings, 0 infos";

    private const string BillingModeMessage = "'ON_DEMAND' is not a valid billingMode; expected one of PAY_PER_REQUEST, PROVISIONED; did you mean 'PAY_PER_REQUEST'?";

    private readonly AppsRepository _repo;

    protected GitHubFormatTests(CliHostKind host) => _repo = new(host);

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void An_error_is_one_error_command_with_the_position_and_the_id_as_title_then_the_summary()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.WithError());

        var r = _repo.Run("validate", path, "--format", "github");

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.Equal(
            "::error file=apps/webshop-test/orders/dynamodb/values.yaml,line=12,col=18,endLine=12,endColumn=26,title=IDPDYN010::" + BillingModeMessage + "\n" +
            Summary1Error + "\n",
            r.Stdout);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void A_warning_is_a_warning_command_and_an_info_a_notice_command()
    {
        // No application.yaml: IDPDYN014 (info) at the start of the file; no managementPolicies: IDPDYN100 (warning), on
        // 'tables' (line 2, columns 1 to 6). The messages are those of the text format.
        string path = _repo.AddValues("webshop-test", "orders", Yaml.WithWarning(), chartVersion: null);
        var text = _repo.Run("validate", path).StdoutLines;
        string info = text[0][text[0].IndexOf("info IDPDYN014: ", StringComparison.Ordinal)..]["info IDPDYN014: ".Length..];
        string warning = text[1][text[1].IndexOf("warning IDPDYN100: ", StringComparison.Ordinal)..]["warning IDPDYN100: ".Length..];

        var r = _repo.Run("validate", path, "--format", "github");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal(
            "::notice file=apps/webshop-test/orders/dynamodb/values.yaml,line=1,col=1,title=IDPDYN014::" + info + "\n" +
            "::warning file=apps/webshop-test/orders/dynamodb/values.yaml,line=2,col=1,endLine=2,endColumn=6,title=IDPDYN100::" + warning + "\n" +
            text[2] + "\n",
            r.Stdout);
        Assert.Equal("idp-dynamo: 1 file validated: 0 errors, 1 warning, 1 info", r.StdoutLines[^1]);
    }

    [Fact]
    public void A_clean_file_prints_only_the_summary()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.Valid());

        var r = _repo.Run("validate", path, "--format", "github");

        Assert.True(r.ExitCode == 0, r.Describe());
        Assert.Equal("idp-dynamo: 1 file validated: 0 errors, 0 warnings, 0 infos\n", r.Stdout);
    }

    [Fact]
    public void Files_are_relative_to_the_working_directory_however_they_were_given()
    {
        string path = _repo.AddValues("webshop-test", "orders", Yaml.WithError());

        var dotted = _repo.Run("validate", "./apps/webshop-test/../webshop-test/orders/dynamodb/values.yaml", "--format", "github");
        var absolute = _repo.Run("validate", _repo.FullPath(path), "--format", "github");
        var glob = _repo.Run("validate", "apps/**/values.yaml", "--format", "github");

        string expected = "::error file=apps/webshop-test/orders/dynamodb/values.yaml,line=12,col=18,endLine=12,endColumn=26,title=IDPDYN010::" + BillingModeMessage + "\n" + Summary1Error + "\n";
        Assert.Equal(expected, dotted.Stdout);
        Assert.Equal(expected, absolute.Stdout);
        Assert.Equal(expected, glob.Stdout);
    }

    [Fact]
    public void A_file_in_a_sub_directory_of_the_working_directory_is_relative_to_it()
    {
        _repo.AddValues("webshop-test", "orders", Yaml.WithError());
        string sub = Path.Combine(_repo.Root, "apps", "webshop-test");

        var r = _repo.RunIn(sub, "validate", "orders/dynamodb/values.yaml", "--namespace", "webshop-test", "--format", "github");

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.StartsWith("::error file=orders/dynamodb/values.yaml,line=12,col=18,", r.StdoutLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Commas_and_colons_in_a_path_are_percent_encoded()
    {
        string path = _repo.AddAt("apps/webshop-test/a,b:c%d/dynamodb", Yaml.WithError());

        var r = _repo.Run("validate", path, "--namespace", "webshop-test", "--format", "github");

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.Equal(
            "::error file=apps/webshop-test/a%2Cb%3Ac%25d/dynamodb/values.yaml,line=12,col=18,endLine=12,endColumn=26,title=IDPDYN010::" + BillingModeMessage,
            r.StdoutLines[0]);
    }

    [Fact]
    public void A_pattern_that_matches_nothing_is_an_error_command_and_exit_2()
    {
        var r = _repo.Run("validate", "apps/**/valuez.yaml", "--format", "github");

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.StartsWith("::error file=apps/**/valuez.yaml,line=1,col=1,title=IDPDYN123::The pattern 'apps/**/valuez.yaml' matches no file", r.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains("apps/**/valuez.yaml", r.Stderr, StringComparison.Ordinal);
    }
}

/// <summary>The escaping of workflow command messages and property values, exactly.</summary>
public sealed class GitHubEscapingTests
{
    [Theory]
    [InlineData("plain text; with 'quotes' and ::colons, commas", "plain text; with 'quotes' and ::colons, commas")]
    [InlineData("100% sure", "100%25 sure")]
    [InlineData("line one\nline two", "line one%0Aline two")]
    [InlineData("crlf\r\nend", "crlf%0D%0Aend")]
    [InlineData("%0A is not a newline", "%250A is not a newline")]
    public void A_message_escapes_percent_cr_and_lf(string message, string expected)
    {
        Assert.Equal(expected, GitHubOutput.AppendData(new StringBuilder(), message).ToString());
    }

    [Theory]
    [InlineData("apps/x/values.yaml", "file=apps/x/values.yaml")]
    [InlineData("a,b:c", "file=a%2Cb%3Ac")]
    [InlineData("50%\r\n", "file=50%25%0D%0A")]
    public void A_property_value_also_escapes_colon_and_comma(string value, string expected)
    {
        Assert.Equal(expected, GitHubOutput.AppendProperty(new StringBuilder(), "file", value).ToString());
    }
}
