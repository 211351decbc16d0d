using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using IdpDynamo.Schema.ChartSchema;
using IdpDynamo.Schema.Tests.Docs;
using IdpDynamo.Schema.Tests.Infrastructure;
using IdpDynamo.Schema.Tests.Robustness;
using IdpDynamo.Schema.Yaml;
using IdpDynamo.Tests.Robustness;
using Xunit.Abstractions;

namespace IdpDynamo.Schema.Tests.Yaml;

/// <summary>
/// <see cref="BlockYamlScanner"/> must produce exactly YamlDotNet's events (kind, 1-based start and end, value, style)
/// for every input it accepts, and must give up on the rest (YamlDotNet then reads it). Checked on the real files
/// (which it must accept: that is what makes it worth having), on the mutation corpus, and on generated YAML-like text
/// built from the pieces that trip parsers up.
/// </summary>
public class BlockYamlScannerTests
{
    private readonly ITestOutputHelper _output;

    public BlockYamlScannerTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> RealFiles()
    {
        foreach (var (name, _) in MutationTests.Corpus())
        {
            yield return new object[] { name };
        }

        foreach (var version in SchemaBundle.Versions)
        {
            yield return new object[] { "schema " + version };
        }

        foreach (var example in SeedExamplesTests.Examples())
        {
            yield return new object[] { $"seed {example[0]} #{example[1]}" };
        }
    }

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void Reads_the_real_files_itself_with_YamlDotNets_events(string name)
    {
        string text = RealFile(name);
        var events = new EventList();
        Assert.True(BlockYamlScanner.TryScan(text, events), $"{name}: the scanner gave up on a real file");
        AssertSameEvents(name, text, events);
    }

    [Theory]
    [InlineData("a: 1\n")]
    [InlineData("a: 1")]
    [InlineData("---\na: 1\n")]
    [InlineData("--- # the values\na: 1\n")]
    [InlineData("# only\n\n  # comments\n")]
    [InlineData("")]
    [InlineData("  a: 1\n  b:\n    - x\n")]
    [InlineData("a:\n- x\n- y: 1\n  z:\nb: 2\n")]
    [InlineData("a:\n  - - x\n    - y\n  -\n    z: 1\n  - \n  -\n")]
    [InlineData("a: [x, \"y\", 1]   \nb: {k: v, \"q\": 2}\nc: []\nd: {}\n")]
    [InlineData("\"qk\": 1\n'sk': 2\n\"sp\" : 3\nkey with space: v w  # c\n")]
    [InlineData("q: 'it''s'\nd: \"a\\\"b\\\\c\\/d\\n\\t\\u0041\"\n")]
    [InlineData("a: 1\r\nb:\r\n  - x\r\n  # c\r\n")]
    [InlineData("a: -1\nb: -x\nc: x-y\nd: http://h:80/p\ne: a#b\nf: x]\ng: x,y\nh: a :b\n")]
    [InlineData("a:\n  b:\n    c:\n      d: 1\n  e: 2\nf: 3\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("a: 1 # c\n# c\nb: 2 #c\n")]
    [InlineData("{\n  \"a\": [1, 2],\n  \"b\": {\"c\": \"d\"}\n}\n")]
    [InlineData("a: ~\nb: null\nc: yes\nd: 0x1F\ne: 1e3\n")]
    [InlineData("<<: {a: 1}\nb: 2\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: é — b\nc: \"—\" # ü\n")]
    public void Agrees_with_YamlDotNet_where_it_reads_the_text(string text)
    {
        var events = new EventList();
        Assert.True(BlockYamlScanner.TryScan(text, events), "the scanner gave up");
        AssertSameEvents(text, text, events);
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a: |\n  text\n")]
    [InlineData("a: >\n  text\n")]
    [InlineData("a: one\n  two\n")]
    [InlineData("a: 'one\n  two'\n")]
    [InlineData("a: [1,\n  2]\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("a: 1\n...\n")]
    [InlineData("a:\tb\n")]
    [InlineData("a: 😀\n")]
    [InlineData("? a\n: b\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a: - b\n")]
    [InlineData("a: 1\n b: 2\n")]
    [InlineData("a: \"x\"y\n")]
    [InlineData("scalar\n")]
    [InlineData("---\n")]
    [InlineData("---\n---\na: 1\n")]
    [InlineData("a: [b, c,]\n")]
    [InlineData("a: \"\\x41\"\n")]
    public void Gives_up_outside_the_subset(string text)
        => Assert.False(BlockYamlScanner.TryScan(text, new EventList()));

    [Fact]
    public void Agrees_with_YamlDotNet_on_every_mutation_it_reads()
    {
        var mutator = new ValuesMutator(MutationTests.Corpus(), MutationTests.Seed);
        int count = ValuesMutator.CountFromEnvironment("IDPDYN_MUTATIONS", MutationTests.DefaultCount);
        int read = 0;
        var failures = new List<string>();
        for (int i = 0; i < count && failures.Count < 5; i++)
        {
            var mutant = mutator.Create(i);
            string text;
            try
            {
                text = new UTF8Encoding(false, true).GetString(mutant.Bytes);
            }
            catch (DecoderFallbackException)
            {
                continue;
            }

            var events = new EventList();
            if (BlockYamlScanner.TryScan(text, events))
            {
                read++;
                if (Difference(text, events) is { } difference)
                {
                    failures.Add($"{mutant.Describe()}: {difference}\n{mutant.Escaped(600)}");
                }
            }
        }

        _output.WriteLine($"{read} of {count} mutations read by the scanner, the rest by YamlDotNet");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(read > count / 4, $"only {read} of {count} mutations were read by the scanner");
    }

    [Fact]
    public void Agrees_with_YamlDotNet_on_generated_yaml_like_text()
    {
        const int Count = 30_000;
        var random = new Random(7_2026);
        int read = 0;
        var failures = new List<string>();
        for (int i = 0; i < Count && failures.Count < 5; i++)
        {
            string text = YamlLike(random);
            var events = new EventList();
            if (BlockYamlScanner.TryScan(text, events))
            {
                read++;
                if (Difference(text, events) is { } difference)
                {
                    failures.Add($"case {i}: {difference}\n---- input ----\n{text.Replace("\r", "\\r", StringComparison.Ordinal)}");
                }
            }
        }

        _output.WriteLine($"{read} of {Count} generated texts read by the scanner");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(read > Count / 10, $"only {read} of {Count} generated texts were read by the scanner");
    }

    /// <summary>A few lines of block YAML from pieces that matter to a scanner: indentation, dashes, keys, quotes, flow.</summary>
    private static string YamlLike(Random random)
    {
        string[] keys = { "a", "name", "key with space", "\"q\"", "'s'", "\"a b\"", "-k", "k-", "a.b", "0", "<<", "on", "x:y", "u_v" };
        string[] values =
        {
            "1", "-2", "x", "x y", "yes", "~", "null", "0x1F", "1e3", ".inf", "a#b", "a #b", "a: b", "http://x:1/", "x]", "x,y", "[]", "{}",
            "[a, b]", "[a,b]", "[ a , \"b\" ]", "{a: 1, b: 2}", "{a: 1,b: [1]}", "{a:1}", "['x', \"y\"]", "[a: b]", "'it''s'", "''",
            "\"\"", "\"a\\\"b\"", "\"\\n\\t\"", "\"\\u0041\"", "\"a\"b", "'x' #c", "-", "- x", "?", ":", "x:", "&a x", "*a", "!t x",
            "|", ">", "%x", "@x", "`x", "\"unterminated", "[1,", "x # c", "  x  ", "- - x", "[[1]]", "{a: {b: c}}", "x ]", "--x", "é", "\"—x\"", "x — y", "'é'", "\"\U0001F600\"", "😀",
        };
        var sb = new StringBuilder();
        if (random.Next(8) == 0)
        {
            sb.Append(random.Next(3) == 0 ? "--- # doc\n" : "---\n");
        }

        int lines = random.Next(1, 9);
        string newline = random.Next(6) == 0 ? "\r\n" : "\n";
        for (int l = 0; l < lines; l++)
        {
            int indent = random.Next(5) switch { 0 or 1 => 0, 2 => 2, 3 => 4, _ => random.Next(7) };
            sb.Append(' ', indent);
            switch (random.Next(10))
            {
                case 0:
                    sb.Append("# comment");
                    break;
                case 1:
                    break;
                case 2 or 3:
                    sb.Append('-');
                    if (random.Next(3) > 0)
                    {
                        sb.Append(' ').Append(random.Next(2) == 0 ? values[random.Next(values.Length)] : keys[random.Next(keys.Length)] + ": " + values[random.Next(values.Length)]);
                    }

                    break;
                default:
                    sb.Append(keys[random.Next(keys.Length)]).Append(random.Next(8) == 0 ? " :" : ":");
                    if (random.Next(3) > 0)
                    {
                        sb.Append(random.Next(6) == 0 ? "  " : " ").Append(values[random.Next(values.Length)]);
                    }

                    break;
            }

            if (random.Next(6) == 0)
            {
                sb.Append(random.Next(2) == 0 ? " # c" : "  ");
            }

            if (l < lines - 1 || random.Next(4) > 0)
            {
                sb.Append(newline);
            }
        }

        return sb.ToString();
    }

    private static string RealFile(string name)
    {
        if (name.StartsWith("schema ", StringComparison.Ordinal))
        {
            using var stream = typeof(SchemaBundle).Assembly.GetManifestResourceStream("IdpDynamo.Schemas.values.schema.v" + name.Substring(7) + ".json")!;
            return new StreamReader(stream).ReadToEnd();
        }

        if (name.StartsWith("seed ", StringComparison.Ordinal))
        {
            var parts = name.Substring(5).Split(" #");
            return SeedExamplesTests.Extract(File.ReadAllText(Path.Combine(RepositoryPaths.Shared, "seeds", parts[0])))[int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)];
        }

        return MutationTests.Corpus().Single(c => c.Name == name).Text;
    }

    private static void AssertSameEvents(string name, string text, EventList events)
    {
        if (Difference(text, events) is { } difference)
        {
            Assert.Fail($"{name}: {difference}");
        }
    }

    /// <summary>Null when YamlDotNet reads <paramref name="text"/> into the same events; else what differs.</summary>
    private static string? Difference(string text, EventList events)
    {
        var expected = YamlDotNetAdapter.Events(text);
        if (expected is null)
        {
            return "YamlDotNet rejects this text, the scanner accepted it";
        }

        for (int i = 0; i < Math.Max(expected.Count, events.Count); i++)
        {
            string want = i < expected.Count ? Show(expected[i]) : "(none)";
            string got = i < events.Count ? Show(events[i]) : "(none)";
            if (want != got)
            {
                return $"event {i}: YamlDotNet {want}, scanner {got}";
            }
        }

        return null;
    }

    private sealed class EventList : List<YamlEvent>, IYamlEventSink
    {
        public void Handle(in YamlEvent ev) => Add(ev);
    }

    // Ends carry no position the builder uses; everything else is compared in full.
    private static string Show(YamlEvent e) => e.Kind is YamlEventKind.End or YamlEventKind.DocumentEnd
        ? e.Kind.ToString()
        : $"{e.Kind} {e.Span.Line}:{e.Span.Column}-{e.Span.EndLine}:{e.Span.EndColumn} {e.Style} [{e.Value}] tag={e.Tag} anchor={e.Anchor}";
}
