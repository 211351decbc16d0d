using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using IdpDynamo.Schema.IO;
using IdpDynamo.Schema.Tests.Infrastructure;

namespace IdpDynamo.Schema.Tests.Docs;

/// <summary>
/// Every diagnostic id has its docs/rules page and its README row, and the README table is generated from
/// <see cref="DiagnosticIds"/>. Run with IDPDYN_UPDATE_DOCS=1 to rewrite the README table.
/// </summary>
public class DocumentationTests
{
    private const string Begin = "<!-- rules -->";
    private const string End = "<!-- /rules -->";

    [Fact]
    public void Every_id_has_a_docs_page_with_its_title_line()
    {
        var missing = DiagnosticIds.All
            .Where(r => !File.Exists(PagePath(r.Id)) || !File.ReadLines(PagePath(r.Id)).First().StartsWith($"# {r.Id} - ", StringComparison.Ordinal))
            .Select(r => r.Id)
            .ToList();
        Assert.True(missing.Count == 0, "Missing or malformed docs/rules pages: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_docs_page_belongs_to_an_id()
    {
        var stale = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs", "rules"), "*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(id => DiagnosticIds.Find(id!) is null)
            .ToList();
        Assert.True(stale.Count == 0, "Pages without an implemented id: " + string.Join(", ", stale));
    }

    [Fact]
    public void Help_links_point_at_the_docs_pages()
    {
        foreach (var rule in DiagnosticIds.All)
        {
            Assert.Equal($"{DiagnosticIds.RepositoryUrl}/blob/main/docs/rules/{rule.Id}.md", DiagnosticIds.HelpLink(rule.Id));
        }
    }

    [Fact]
    public void Readme_diagnostics_table_lists_every_id()
    {
        string readmePath = Path.Combine(RepositoryPaths.Root, "README.md");
        string readme = File.ReadAllText(readmePath).Replace("\r\n", "\n");
        int begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        int end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"README.md needs the {Begin} ... {End} markers");

        string expected = Table();
        string actual = readme.Substring(begin + Begin.Length, end - begin - Begin.Length);
        if (actual != expected && Environment.GetEnvironmentVariable("IDPDYN_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(readmePath, readme.Substring(0, begin + Begin.Length) + expected + readme.Substring(end));
            return;
        }

        Assert.True(actual == expected, "The README diagnostics table is stale; run the tests with IDPDYN_UPDATE_DOCS=1 to regenerate it.");
    }

    [Fact]
    public void Docs_pages_say_which_hosts_report_the_id()
    {
        var wrong = new List<string>();
        foreach (var rule in DiagnosticIds.All)
        {
            string path = PagePath(rule.Id);
            string expected = $"| Reported by | {ReportedBy(rule, page: true)} |";
            var lines = File.ReadAllLines(path);
            int row = Array.FindIndex(lines, l => l.StartsWith("| Reported by |", StringComparison.Ordinal));
            if (row < 0 || lines[row] != expected)
            {
                if (row >= 0 && Environment.GetEnvironmentVariable("IDPDYN_UPDATE_DOCS") == "1")
                {
                    lines[row] = expected;
                    File.WriteAllText(path, string.Join("\n", lines) + "\n");
                    continue;
                }

                wrong.Add($"{rule.Id}: expected '{expected}'");
            }
        }

        Assert.True(wrong.Count == 0, "Stale 'Reported by' rows (run the tests with IDPDYN_UPDATE_DOCS=1 to rewrite them):\n" + string.Join("\n", wrong));
    }

    /// <summary>
    /// Who reports an id: the hosts whose pipeline declares it (<see cref="PipelineHost.ReportedIds"/>, derived from
    /// what each host runs), the analyzers for usage rules, every component for the internal error.
    /// </summary>
    private static string ReportedBy(RuleInfo rule, bool page)
    {
        if (rule.Id == DiagnosticIds.InternalError)
        {
            return page ? "MSBuild task (`dotnet build`), `idp-dynamo validate`, source generator, analyzers" : "any component";
        }

        if (rule.Category == DiagnosticIds.CategoryUsage)
        {
            return "analyzers (compiler, IDE)";
        }

        var hosts = new List<string>();
        if (PipelineHost.MSBuildTask.ReportedIds.Contains(rule.Id))
        {
            hosts.Add(page ? "MSBuild task (`dotnet build`)" : "MSBuild task");
        }

        if (PipelineHost.Cli.ReportedIds.Contains(rule.Id))
        {
            hosts.Add(page ? "`idp-dynamo validate`" : "CLI");
        }

        return hosts.Count == 0 ? "nothing" : string.Join(", ", hosts);
    }

    private static string PagePath(string id) => Path.Combine(RepositoryPaths.Root, "docs", "rules", id + ".md");

    private static string Table()
    {
        var sb = new StringBuilder("\n| Id | Category | Title | Default severity | Reported by | Code fix |\n|---|---|---|---|---|---|\n");
        foreach (var r in DiagnosticIds.All)
        {
            string by = ReportedBy(r, page: false);
            string fix = r.Id == DiagnosticIds.UseGeneratedAccessor ? "yes" : r.Id == DiagnosticIds.ExpressionPlaceholder ? "reserved words" : string.Empty;
            sb.Append($"| [{r.Id}](docs/rules/{r.Id}.md) | {r.Category} | {r.Title} | {r.SeverityText} | {by} | {fix} |\n");
        }

        return sb.ToString();
    }
}
