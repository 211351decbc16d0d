using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using IdpDynamo.Cli.Tests.Infrastructure;

namespace IdpDynamo.Cli.Tests;

/// <summary>
/// Bad input through the whole CLI: binary files, nesting deep enough to overflow a recursive parser, alias bombs. Each
/// is one IDPDYN001 with its position and exit code 1, never a crash or a hang (the process hosts kill a run after two
/// minutes), and a process host prints exactly what <c>Program.Run</c> prints in the test process. (Unreadable and huge
/// files: <see cref="ExitCodeTests"/>.)
/// </summary>
public abstract class RobustnessTests : IDisposable
{
    private readonly AppsRepository _repo;

    protected RobustnessTests(CliHostKind host) => _repo = new(host);

    public void Dispose() => _repo.Dispose();

    /// <summary>Writes the file, runs <c>validate --format json</c>, returns the single error (infos may come with it).</summary>
    private JsonElement SingleDiagnostic(byte[] content, int expectedExit = 1)
    {
        string path = _repo.AddValues("webshop-test", "orders", string.Empty);
        File.WriteAllBytes(_repo.FullPath(path), content);

        var r = _repo.Run("validate", path, "--format", "json");
        var reference = CliRunner.Run(_repo.Root, colorCapable: false, "validate", path, "--format", "json");

        Assert.True(r.ExitCode == expectedExit, r.Describe());
        Assert.Equal(reference.Stdout, r.Stdout);
        Assert.Equal(reference.Stderr, r.Stderr);
        Assert.Equal(string.Empty, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var d = Assert.Single(doc.RootElement.EnumerateArray(), e => e.GetProperty("severity").GetString() != "info");
        Assert.Equal(path, d.GetProperty("file").GetString());
        return d.Clone();
    }

    private static void AssertAt(JsonElement d, string id, int line, int column)
    {
        Assert.Equal(id, d.GetProperty("id").GetString());
        Assert.Equal("error", d.GetProperty("severity").GetString());
        Assert.Equal(line, d.GetProperty("line").GetInt32());
        Assert.Equal(column, d.GetProperty("column").GetInt32());
    }

    [Fact]
    public void A_png_file_is_IDPDYN001_at_its_first_byte()
    {
        var d = SingleDiagnostic(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D });

        AssertAt(d, "IDPDYN001", 1, 1);
    }

    [Fact]
    public void A_zip_file_is_IDPDYN001_at_the_first_control_character()
    {
        var d = SingleDiagnostic(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00 });

        AssertAt(d, "IDPDYN001", 1, 3);
    }

    [Fact]
    public void Random_binary_garbage_is_one_IDPDYN001()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);

        var d = SingleDiagnostic(bytes);

        Assert.Equal("IDPDYN001", d.GetProperty("id").GetString());
    }

    [Fact]
    public void Ten_thousand_nested_flow_sequences_are_IDPDYN001_not_a_stack_overflow()
    {
        var d = SingleDiagnostic(Encoding.UTF8.GetBytes("tables: " + new string('[', 10_000) + new string(']', 10_000) + "\n"));

        Assert.Equal("IDPDYN001", d.GetProperty("id").GetString());
        Assert.Equal(1, d.GetProperty("line").GetInt32());
        Assert.Contains("nesting", d.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ten_thousand_nested_block_sequences_are_IDPDYN001_not_a_stack_overflow()
    {
        var d = SingleDiagnostic(Encoding.UTF8.GetBytes("tables:\n" + string.Concat(Enumerable.Repeat("- ", 10_000)) + "x\n"));

        Assert.Equal("IDPDYN001", d.GetProperty("id").GetString());
        Assert.Equal(2, d.GetProperty("line").GetInt32());
        Assert.Contains("nesting", d.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_billion_laughs_alias_bomb_is_IDPDYN001_excessive_aliasing()
    {
        var sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++)
        {
            sb.Append(c).Append(": &").Append(c).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + (char)(c - 1), 9))).Append("]\n");
        }

        sb.Append("tables: *i\n");

        var d = SingleDiagnostic(Encoding.UTF8.GetBytes(sb.ToString()));

        Assert.Equal("IDPDYN001", d.GetProperty("id").GetString());
        Assert.Contains("excessive aliasing", d.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
