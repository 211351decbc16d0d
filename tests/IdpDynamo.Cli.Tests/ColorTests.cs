using System;
using IdpDynamo.Cli.Tests.Infrastructure;

namespace IdpDynamo.Cli.Tests;

/// <summary>ANSI colour only when the terminal can show it, the user did not pass --no-color and NO_COLOR is unset.</summary>
public sealed class ColorTests : IDisposable
{
    private readonly AppsRepository _repo = new();

    public void Dispose() => _repo.Dispose();

    /// <summary>https://no-color.org: a non-empty NO_COLOR in the test environment switches colour off everywhere.</summary>
    private static bool NoColorEnvironment => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    [Fact]
    public void A_color_capable_terminal_gets_colored_severities()
    {
        string bad = _repo.AddValues("webshop-test", "orders", Yaml.WithError());
        string warn = _repo.AddValues("webshop-prod", "orders", Yaml.WithWarning("webshop-prod"));

        var r = _repo.RunColor("validate", bad, warn);

        Assert.True(r.ExitCode == 1, r.Describe());
        if (NoColorEnvironment)
        {
            Assert.DoesNotContain("\u001b", r.Stdout, StringComparison.Ordinal);
            return;
        }

        Assert.Contains(Yaml.Esc, r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{bad}(12,18): \u001b[31merror\u001b[0m IDPDYN010: ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("\u001b[33mwarning\u001b[0m IDPDYN100: ", r.Stdout, StringComparison.Ordinal);

        // The location stays plain so editors and CI logs still recognise "path(line,col):".
        foreach (var line in r.StdoutLines)
        {
            Assert.False(line.StartsWith("\u001b", StringComparison.Ordinal), line);
        }
    }

    [Fact]
    public void No_color_option_turns_color_off_on_a_color_capable_terminal()
    {
        string bad = _repo.AddValues("webshop-test", "orders", Yaml.WithError());
        string warn = _repo.AddValues("webshop-prod", "orders", Yaml.WithWarning("webshop-prod"));

        var r = _repo.RunColor("validate", bad, warn, "--no-color");

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.DoesNotContain("\u001b", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", r.Stderr, StringComparison.Ordinal);
        Assert.StartsWith($"{bad}(12,18): error IDPDYN010: ", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void No_color_option_may_come_before_the_paths()
    {
        string bad = _repo.AddValues("webshop-test", "orders", Yaml.WithError());

        var r = _repo.RunColor("validate", "--no-color", bad);

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.DoesNotContain("\u001b", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_redirected_output_gets_no_color()
    {
        string bad = _repo.AddValues("webshop-test", "orders", Yaml.WithError());

        var r = _repo.Run("validate", bad);

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.DoesNotContain("\u001b", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_never_contains_escape_codes()
    {
        string bad = _repo.AddValues("webshop-test", "orders", Yaml.WithError());

        var r = _repo.RunColor("validate", bad, "--format", "sarif");

        Assert.True(r.ExitCode == 1, r.Describe());
        Assert.DoesNotContain("\u001b", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_on_stderr_have_no_escape_codes()
    {
        var r = _repo.RunColor("validate", "--bogus");

        Assert.True(r.ExitCode == 2, r.Describe());
        Assert.DoesNotContain("\u001b", r.Stderr, StringComparison.Ordinal);
    }
}
