using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Generation.ValuesFiles;

namespace IdpDynamo.Analyzers.Tests.Generation;

/// <summary>
/// The generator puts up with any YAML. Bad input reports nothing from the generator (the task
/// owns YAML errors), never throws (no CS8785, no IDPDYN999), and whatever it generates compiles without warnings.
/// </summary>
public class GeneratorRobustnessTests
{
    /// <summary>Inputs by name (built lazily: some are large).</summary>
    private static readonly Dictionary<string, Func<string>> Inputs = new(StringComparer.Ordinal)
    {
        ["malformed"] = () => "tables:\n  - name: [Orders\n    hashKey: : :\n  -- {\n",
        ["unclosed quote"] = () => "tables:\n  - name: \"Orders\n    hashKey: Id\n",
        ["tab indentation"] = () => "tables:\n\t- name: Orders\n",
        ["binary garbage"] = BinaryGarbage,
        ["alias bomb"] = AliasBomb,
        ["10,000-deep flow nesting"] = () => "tables: " + new string('[', 10_000) + new string(']', 10_000) + "\n",
        ["10,000-deep mapping nesting"] = () => "tables:\n  - name: Deep\n    ttl: " + string.Concat(Enumerable.Repeat("{a: ", 10_000)) + "1" + new string('}', 10_000) + "\n",
        ["empty file"] = () => string.Empty,
        ["comments only"] = () => "# nothing here yet\n",
        ["scalar document"] = () => "just a string\n",
        ["tables is not a list"] = () => "tables: 5\n",
        ["several documents"] = () => LocalIndexes + "\n---\n" + TimeToLive,
        ["table without name or hashKey"] = () => "tables:\n  - billingMode: PAY_PER_REQUEST\n    attributes:\n      - name: Id\n        type: 'S'\n  - name: NoKey\n    billingMode: PAY_PER_REQUEST\n",
        ["empty names"] = () => "tables:\n  - name: ''\n    hashKey: ''\n    rangeKey: ''\n    attributes:\n      - name: ''\n        type: 'S'\n    globalSecondaryIndex:\n      - name: ''\n        hashKey: ''\n",
        ["names of the wrong type"] = () => "tables:\n  - name: 123\n    hashKey: [a]\n    attributes: {name: Id}\n    localSecondaryIndex: true\n  - name: Ok\n    hashKey: 7\n",
        ["hashKey with an invalid type"] = () => "tables:\n  - name: Bad\n    hashKey: Id\n    rangeKey: Day\n    attributes:\n      - name: Id\n        type: X\n      - name: Day\n        type: N\n",
        ["hashKey not among the attributes"] = () => "tables:\n  - name: Orphan\n    hashKey: Id\n    rangeKey: Id\n",
        ["duplicate tables"] = () => LocalIndexes + "\n" + LocalIndexes[LocalIndexes.IndexOf("  - name:", StringComparison.Ordinal)..].Replace("AmountIndex", "OtherIndex", StringComparison.Ordinal),
        ["duplicate indexes and attributes"] = () => "tables:\n  - name: T\n    hashKey: Id\n    attributes:\n      - {name: Id, type: 'S'}\n      - {name: Id, type: 'N'}\n    globalSecondaryIndex:\n      - {name: I, hashKey: Id}\n      - {name: I, hashKey: Id}\n",
        ["control characters via escapes"] = () => Tables("\"Nul\\0Bell\\aEsc\\eDel\\x7FNel\\NNbsp\\_Ls\\LPs\\PEnd\"", "\"\\uFFFE\\uFFFF\""),
        ["unpaired surrogates via escapes"] = () => Tables("\"High\\uD800\"", "\"\\uDFFFLow\"", "\"Pair\\uD83D\\uDE80\""),
        ["a 100,000-character name"] = () => $"tables:\n  - name: {new string('x', 100_000)}\n    hashKey: Id\n    attributes:\n      - name: Id\n        type: 'S'\n",
        ["combining marks and format characters"] = () => "tables:\n  - name: \"\\u0301\\u200Dé\\u00ADx\"\n    hashKey: Id\n    attributes:\n      - name: Id\n        type: 'S'\n",
        ["contextual keywords"] = () => "tables:\n" + string.Concat(new[] { "var", "dynamic", "record", "async", "await", "nameof", "value", "global", "partial", "_" }
            .Select(n => $"  - name: {n}\n    hashKey: {n}\n    attributes:\n      - name: {n}\n        type: 'S'\n")),
    };

    public static TheoryData<string> Names => new(Inputs.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Hostile_input_yields_no_exception_no_diagnostic_and_compiling_code(string name)
    {
        string yaml = Inputs[name]();
        foreach (bool withAwsSdk in new[] { true, false })
        {
            var run = OnSmallStack(() => GeneratorHarness.RunOnValues(new[] { (TestPath, yaml) }, withAwsSdk));
            if (run.GeneratedText is not null)
            {
                GeneratedCode.AssertNoWarnings(run, "CS8981", "CS8860"); // lower-case type names, a type named 'record'
            }
        }
    }

    [Fact]
    public void A_hashKey_with_an_invalid_type_gets_no_Key_helper()
    {
        var run = GeneratorHarness.RunOnValues(new[] { (TestPath, Inputs["hashKey with an invalid type"]()) }, withAwsSdk: true);
        Assert.Contains("public const string HashKey = \"Id\";", run.GeneratedText, StringComparison.Ordinal);
        Assert.Contains("(type 'X')", run.GeneratedText, StringComparison.Ordinal);
        Assert.DoesNotContain(" Key(", run.GeneratedText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_table_is_described_by_its_first_definition()
    {
        var run = GeneratorHarness.RunOnValues(new[] { (TestPath, Inputs["duplicate tables"]()) }, withAwsSdk: true);
        Assert.Single(AllIndexesOf(run.GeneratedText!, "public static partial class CustomerOrders\n"));
        Assert.Contains("AmountIndex", run.GeneratedText, StringComparison.Ordinal);
        Assert.DoesNotContain("OtherIndex", run.GeneratedText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_the_generator_cannot_read_leaves_the_other_files_generated()
    {
        var run = GeneratorHarness.RunOnValues(new[] { (TestPath, AliasBomb()), (ProdPath, LocalIndexes) }, withAwsSdk: true);
        Assert.Contains("public static partial class CustomerOrders", run.GeneratedText, StringComparison.Ordinal);
    }

    /// <summary>One table per name, each with an S hash key of the same name.</summary>
    private static string Tables(params string[] names)
        => "tables:\n" + string.Concat(names.Select(n => $"  - name: {n}\n    hashKey: {n}\n    attributes:\n      - name: {n}\n        type: 'S'\n"));

    private static IEnumerable<int> AllIndexesOf(string text, string value)
    {
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            yield return i;
        }
    }

    /// <summary>Random bytes read as Latin-1: NULs, control characters, stray quotes and brackets.</summary>
    private static string BinaryGarbage()
    {
        var bytes = new byte[64 * 1024];
        new Random(20240501).NextBytes(bytes);
        return Encoding.Latin1.GetString(bytes);
    }

    /// <summary>"Billion laughs": nine levels of nine aliases each, 9^9 nodes if expanded.</summary>
    private static string AliasBomb()
    {
        var sb = new StringBuilder("a0: &a0 [\"lol\"]\n");
        for (int i = 1; i <= 9; i++)
        {
            sb.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))).Append("]\n");
        }

        return sb.Append("tables:\n  - name: Bomb\n    hashKey: Id\n    serviceAccountReadRoles: *a9\n").ToString();
    }

    /// <summary>Runs on a 1 MiB stack (Windows' default, as in an MSBuild node or the IDE), so deep recursion fails here too.</summary>
    private static T OnSmallStack<T>(Func<T> action)
    {
        T? result = default;
        Exception? thrown = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = action();
                }
                catch (Exception ex)
                {
                    thrown = ex;
                }
            },
            maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        if (thrown is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(thrown).Throw();
        }

        return result!;
    }
}
