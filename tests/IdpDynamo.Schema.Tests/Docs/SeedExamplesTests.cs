using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using IdpDynamo.Schema.Tests.Infrastructure;

namespace IdpDynamo.Schema.Tests.Docs;

/// <summary>
/// Every YAML example of the platform's own "Working with DynamoDB" page (both versions in shared/seeds) must validate
/// without errors, with exactly the warnings and infos listed here. Examples are extracted from the seed files at test
/// time, so a changed page changes the test input.
/// </summary>
public class SeedExamplesTests
{
    // The examples live in apps-koa/apps/koa-dev/dynamo-tables/values.yaml (old layout): namespace koa-dev.
    private const string Namespace = "koa-dev";

    public static IEnumerable<object[]> Examples()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Shared, "seeds"), "*.txt").OrderBy(f => f))
        {
            var examples = Extract(File.ReadAllText(file));
            for (int i = 0; i < examples.Count; i++)
            {
                yield return new object[] { Path.GetFileName(file), i };
            }
        }
    }

    [Fact]
    public void Both_seed_pages_have_examples()
    {
        var counts = Directory.GetFiles(Path.Combine(RepositoryPaths.Shared, "seeds"), "*.txt").OrderBy(f => f)
            .Select(f => Extract(File.ReadAllText(f)).Count).ToArray();
        Assert.Equal(new[] { 3, 5 }, counts);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Seed_example_validates_without_errors(string seed, int index)
    {
        string yaml = Extract(File.ReadAllText(Path.Combine(RepositoryPaths.Shared, "seeds", seed)))[index];
        var diagnostics = Check.Validate(yaml, Namespace);
        Check.NoErrors(diagnostics);

        // Exactly the advice the platform's own examples get: they predate managementPolicies/deletionPolicy
        // (IDPDYN100/102), use the legacy idp- prefix (IDPDYN035) and LSIs (IDPDYN058).
        string expected = (seed, index) switch
        {
            (_, _) when yaml.StartsWith("managementPolicies", System.StringComparison.Ordinal) => "IDPDYN004 IDPDYN103",
            (_, _) when yaml.Contains("localSecondaryIndex") => "IDPDYN035 IDPDYN058 IDPDYN100 IDPDYN102",
            _ => "IDPDYN035 IDPDYN100 IDPDYN102",
        };
        Assert.Equal(expected, string.Join(" ", diagnostics.Select(d => d.Id).OrderBy(id => id)));
    }

    /// <summary>
    /// YAML examples of a seed page: ```yaml fences in the Markdown version; in the rendered-text version, blocks that
    /// start with a YAML comment, 'tables:', 'managementPolicies:' or a list item and run until prose resumes.
    /// A fragment that continues the previous example's table list ('  - name: ...') is validated under 'tables:'.
    /// </summary>
    internal static List<string> Extract(string page)
    {
        var examples = new List<string>();
        var fenced = Regex.Matches(page.Replace("\r\n", "\n"), "```ya?ml\n(.*?)```", RegexOptions.Singleline);
        if (fenced.Count > 0)
        {
            examples.AddRange(fenced.Select(m => m.Groups[1].Value));
        }
        else
        {
            var lines = page.Replace("\r\n", "\n").Split('\n');
            var current = new List<string>();
            var start = new Regex(@"^(# |tables:|managementPolicies:|  - name:)");
            var yamlLine = new Regex(@"^(\s*$|\s+\S|#|(tables|managementPolicies|deletionPolicy|ingress|global|idp_\w+):)");
            foreach (var line in lines)
            {
                if (current.Count == 0)
                {
                    if (start.IsMatch(line))
                    {
                        current.Add(line);
                    }

                    continue;
                }

                if (yamlLine.IsMatch(line) && !line.Contains('•'))
                {
                    current.Add(line);
                    continue;
                }

                examples.Add(string.Join("\n", current).TrimEnd() + "\n");
                current.Clear();
                if (start.IsMatch(line))
                {
                    current.Add(line);
                }
            }

            if (current.Count > 0)
            {
                examples.Add(string.Join("\n", current).TrimEnd() + "\n");
            }
        }

        return examples.Select(e => Regex.IsMatch(e, @"^(#[^\n]*\n|\s*\n)*  - name:") ? "tables:\n" + e : e).ToList();
    }
}
