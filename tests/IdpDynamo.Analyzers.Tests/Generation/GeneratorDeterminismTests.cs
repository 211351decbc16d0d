using System;
using System.Globalization;
using System.Linq;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Generation.ValuesFiles;

namespace IdpDynamo.Analyzers.Tests.Generation;

/// <summary>The generator is deterministic: same input, byte-identical output, whatever the order of the items or the machine's culture.</summary>
public class GeneratorDeterminismTests
{
    private static readonly (string Path, string Yaml)[] Files =
    {
        (TestPath, TestEnvironment + "\n" + HostileNames[HostileNames.IndexOf("  - name:", StringComparison.Ordinal)..]),
        (ProdPath, ProdEnvironment),
        ("/repo/apps/webshop-prod/catalog/dynamodb/values.yaml", GlobalIndexes),
    };

    [Fact]
    public void The_same_input_twice_gives_byte_identical_output()
    {
        var first = GeneratorHarness.RunOnValues(Files, withAwsSdk: true);
        var second = GeneratorHarness.RunOnValues(Files, withAwsSdk: true);
        Assert.Equal(Bytes(first), Bytes(second));
    }

    [Fact]
    public void The_order_of_the_values_files_does_not_change_the_output()
    {
        var expected = Bytes(GeneratorHarness.RunOnValues(Files, withAwsSdk: true));
        foreach (var order in new[] { new[] { 2, 1, 0 }, new[] { 1, 0, 2 }, new[] { 0, 2, 1 } })
        {
            Assert.Equal(expected, Bytes(GeneratorHarness.RunOnValues(order.Select(i => Files[i]), withAwsSdk: true)));
        }
    }

    [Fact]
    public void The_current_culture_does_not_change_the_output()
    {
        var expected = Bytes(GeneratorHarness.RunOnValues(Files, withAwsSdk: true));
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // Turkish: dotless i in case mapping; Danish: ',' as the decimal separator.
            foreach (var culture in new[] { "tr-TR", "da-DK", "ar-SA" })
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
                Assert.Equal(expected, Bytes(GeneratorHarness.RunOnValues(Files, withAwsSdk: true)));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void The_output_is_utf8_text_with_lf_line_endings()
    {
        var run = GeneratorHarness.RunOnValues(Files, withAwsSdk: true);
        var source = run.Result.GeneratedSources.Single();
        Assert.Equal("IdpDynamo.Tables.g.cs", source.HintName);
        Assert.Equal("utf-8", source.SourceText.Encoding?.WebName);
        Assert.DoesNotContain('\r', source.SourceText.ToString());
        Assert.EndsWith("}\n", source.SourceText.ToString(), StringComparison.Ordinal);
    }

    private static byte[] Bytes(GeneratorRun run)
    {
        var text = run.Result.GeneratedSources.Single().SourceText;
        return text.Encoding!.GetBytes(text.ToString());
    }
}
