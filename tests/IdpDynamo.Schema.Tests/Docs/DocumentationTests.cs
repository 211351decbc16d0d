using System;
using System.IO;
using System.Linq;
using System.Text;
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

    private static string PagePath(string id) => Path.Combine(RepositoryPaths.Root, "docs", "rules", id + ".md");

    private static string Table()
    {
        var sb = new StringBuilder("\n| Id | Category | Title | Default severity | Reported by | Code fix |\n|---|---|---|---|---|---|\n");
        foreach (var r in DiagnosticIds.All)
        {
            string by = r.Id == DiagnosticIds.InternalError ? "any component"
                : r.Category == DiagnosticIds.CategoryUsage ? "analyzers (compiler, IDE)"
                : "MSBuild task, CLI";
            string fix = r.Id == DiagnosticIds.UseGeneratedAccessor ? "yes" : string.Empty;
            sb.Append($"| [{r.Id}](docs/rules/{r.Id}.md) | {r.Category} | {r.Title} | {r.SeverityText} | {by} | {fix} |\n");
        }

        return sb.ToString();
    }
}
