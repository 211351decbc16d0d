using System;
using System.IO;
using IdpDynamo.Build.Tests.Infrastructure;
using IdpDynamo.Tests;

namespace IdpDynamo.Build.Tests;

/// <summary>
/// Change detection through MSBuild: the copied sample folder becomes a real git repository, its values files are
/// committed, a table's key is changed, and `dotnet build -p:IdpDynamoBaselineRef=HEAD` must fail with IDPDYN046 at the
/// changed key. Same collection as <see cref="EndToEndTests"/> (one packed package, one sample copy, one test at a time).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ChangeDetectionEndToEndTests
{
    private const string Test = "webshop-test";

    private readonly SampleProject _sample;

    public ChangeDetectionEndToEndTests(PackageFixture package)
    {
        _sample = package.Sample;
        _sample.Reset();
    }

    [Fact]
    public void A_changed_hash_key_against_the_baseline_ref_fails_the_build_with_IDPDYN046()
    {
        string gitDirectory = Path.Combine(_sample.Root, ".git");
        try
        {
            TestProcesses.Git(_sample.Root, "init", "--quiet");
            TestProcesses.Git(_sample.Root, "add", "apps");
            TestProcesses.GitCommit(_sample.Root, "deployed");

            // The sample's Products table (line 35 '  - name: Products'), re-keyed: line 36 '    hashKey: ProductId',
            // the value at column 14.
            string original = SampleProject.OriginalValues(Test);
            Assert.Contains("    hashKey: Sku\n", original, StringComparison.Ordinal);
            _sample.WriteValues(Test, original.Replace("    hashKey: Sku\n", "    hashKey: ProductId\n", StringComparison.Ordinal)
                .Replace("      - name: Sku\n", "      - name: ProductId\n", StringComparison.Ordinal));

            var build = _sample.Build("n", "-p:IdpDynamoBaselineRef=HEAD");

            Assert.True(build.ExitCode != 0, "expected the build to fail\n" + build);
            string expected = $"{_sample.ValuesFile(Test)}(36,14): error IDPDYN046: Table 'webshop-test-Products' already exists with key (Sku, -) at HEAD; the key schema of a DynamoDB table cannot be changed.";
            Assert.True(build.Output.Contains(expected, StringComparison.Ordinal), $"expected the output to contain\n  {expected}\n{build}");
            Assert.False(build.Output.Contains("IDPDYN131", StringComparison.Ordinal), "the baseline was readable: no IDPDYN131\n" + build);
            Assert.False(build.Output.Contains("IDPDYN999", StringComparison.Ordinal), build.ToString());
        }
        finally
        {
            _sample.Reset();
            if (Directory.Exists(gitDirectory))
            {
                TestProcesses.MakeWritable(gitDirectory);
                Directory.Delete(gitDirectory, recursive: true);
            }
        }
    }
}
