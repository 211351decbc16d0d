using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using IdpDynamo.Schema.Tests.Infrastructure;

namespace IdpDynamo.Schema.Tests.Docs;

/// <summary>
/// Rule ids are spelled once, in DiagnosticIds.cs: code names them through its constants (a misspelt constant does not
/// compile). Each docs/rules page names the source files that report its id and the test files that pin it, and those
/// references stay true. Run with IDPDYN_UPDATE_DOCS=1 to rewrite the pages' Source and Tests rows from a scan.
/// </summary>
public class RuleReferencesTests
{
    private const string Catalog = "src/IdpDynamo.Schema/DiagnosticIds.cs";
    private const string Descriptors = "src/IdpDynamo.Analyzers/Diagnostics/DiagnosticDescriptors.cs";

    /// <summary>At most this many test files are named on a page: those that mention the id most.</summary>
    private const int MaxTestFiles = 4;

    private static readonly Regex IdText = new("IDPDYN", RegexOptions.Compiled);
    private static readonly Regex Constant = new(@"public const string (\w+) = ""(IDPDYN\d{3})"";", RegexOptions.Compiled);
    private static readonly Regex Descriptor = new(@"DiagnosticDescriptor (\w+) = \w+\(\s*DiagnosticIds\.(\w+)", RegexOptions.Compiled);
    private static readonly Regex IdConstantUse = new(@"\bDiagnosticIds\.(\w+)\b", RegexOptions.Compiled);
    private static readonly Regex DescriptorUse = new(@"\bDiagnosticDescriptors\.(\w+)\b", RegexOptions.Compiled);
    private static readonly Regex IdMention = new(@"\bIDPDYN\d{3}\b", RegexOptions.Compiled);
    private static readonly Regex Link = new(@"\[[^\]]*\]\(\.\./\.\./([^)]+)\)", RegexOptions.Compiled);

    [Fact]
    public void No_file_of_src_spells_an_id_in_a_string_but_the_catalog()
    {
        var offenders = new List<string>();
        foreach (var file in Files("src"))
        {
            if (file == Catalog)
            {
                continue;
            }

            var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, file));
            for (int i = 0; i < lines.Length; i++)
            {
                string code = CodeOf(lines[i]);
                foreach (Match literal in Regex.Matches(code, @"""(?:[^""\\]|\\.)*"""))
                {
                    if (IdText.IsMatch(literal.Value))
                    {
                        offenders.Add($"{file}:{i + 1}: {literal.Value}");
                    }
                }
            }
        }

        Assert.True(offenders.Count == 0, "Name ids through the DiagnosticIds constants:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Every_id_of_the_catalog_is_a_named_constant_spelt_once()
    {
        var constants = Constant.Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, Catalog))).Cast<Match>().ToList();

        Assert.Equal(DiagnosticIds.All.Select(r => r.Id).OrderBy(i => i, StringComparer.Ordinal), constants.Select(m => m.Groups[2].Value).OrderBy(i => i, StringComparer.Ordinal));
        Assert.Equal(constants.Count, constants.Select(m => m.Groups[2].Value).Distinct().Count());
    }

    [Fact]
    public void Docs_pages_name_source_and_test_files_that_mention_the_id()
    {
        var scan = Scan();
        var problems = new List<string>();
        bool update = Environment.GetEnvironmentVariable("IDPDYN_UPDATE_DOCS") == "1";
        foreach (var rule in DiagnosticIds.All)
        {
            string page = Path.Combine(RepositoryPaths.Root, "docs", "rules", rule.Id + ".md");
            var lines = File.ReadAllLines(page).ToList();
            if (update)
            {
                SetRow(lines, "Source", scan.Sources.TryGetValue(rule.Id, out var s) ? s.OrderBy(f => f, StringComparer.Ordinal) : Enumerable.Empty<string>());
                SetRow(lines, "Tests", scan.Tests.TryGetValue(rule.Id, out var t)
                    ? t.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Take(MaxTestFiles).Select(x => x.Key)
                    : Enumerable.Empty<string>());
                File.WriteAllText(page, string.Join("\n", lines) + "\n");
            }

            Check(rule.Id, lines, "Source", scan.Sources, problems);
            Check(rule.Id, lines, "Tests", scan.Tests.ToDictionary(x => x.Key, x => (ISet<string>)new HashSet<string>(x.Value.Keys)), problems);
        }

        Assert.True(problems.Count == 0, "docs/rules references (run the tests with IDPDYN_UPDATE_DOCS=1 to rewrite them):\n" + string.Join("\n", problems));
    }

    private static void Check(string id, List<string> lines, string row, IReadOnlyDictionary<string, ISet<string>> mentions, List<string> problems)
    {
        string? text = lines.FirstOrDefault(l => l.StartsWith($"| {row} |", StringComparison.Ordinal));
        var files = text is null ? new List<string>() : Link.Matches(text).Cast<Match>().Select(m => m.Groups[1].Value).ToList();
        if (files.Count == 0)
        {
            problems.Add($"{id}: no '{row}' row naming a file");
        }

        foreach (var file in files)
        {
            if (!File.Exists(Path.Combine(RepositoryPaths.Root, file)))
            {
                problems.Add($"{id}: {row} names {file}, which does not exist");
            }
            else if (!mentions.TryGetValue(id, out var found) || !found.Contains(file))
            {
                problems.Add($"{id}: {row} names {file}, which does not mention {id} or its constant");
            }
        }
    }

    private static void SetRow(List<string> lines, string row, IEnumerable<string> files)
    {
        string text = $"| {row} | {string.Join(", ", files.Select(f => $"[{Path.GetFileName(f)}](../../{f})"))} |";
        int at = lines.FindIndex(l => l.StartsWith($"| {row} |", StringComparison.Ordinal));
        if (at >= 0)
        {
            lines[at] = text;
            return;
        }

        // New rows go after the last row of the page's first table.
        int last = lines.FindIndex(l => l.StartsWith("| Reported by |", StringComparison.Ordinal));
        while (last + 1 < lines.Count && lines[last + 1].StartsWith("| ", StringComparison.Ordinal))
        {
            last++;
        }

        lines.Insert(last + 1, text);
    }

    /// <summary>Which files of src/ name each id (its constant, or its analyzer descriptor), and how often tests/ files mention it.</summary>
    private static (Dictionary<string, ISet<string>> Sources, Dictionary<string, Dictionary<string, int>> Tests) Scan()
    {
        var idOfConstant = Constant.Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, Catalog))).Cast<Match>()
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        var idOfDescriptor = Descriptor.Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, Descriptors))).Cast<Match>()
            .Where(m => idOfConstant.ContainsKey(m.Groups[2].Value))
            .ToDictionary(m => m.Groups[1].Value, m => idOfConstant[m.Groups[2].Value], StringComparer.Ordinal);

        var sources = new Dictionary<string, ISet<string>>(StringComparer.Ordinal);
        foreach (var file in Files("src").Where(f => f != Catalog && f != Descriptors))
        {
            string code = string.Join("\n", File.ReadLines(Path.Combine(RepositoryPaths.Root, file)).Select(CodeOf));
            var ids = IdConstantUse.Matches(code).Cast<Match>().Select(m => idOfConstant.TryGetValue(m.Groups[1].Value, out var id) ? id : null)
                .Concat(DescriptorUse.Matches(code).Cast<Match>().Select(m => idOfDescriptor.TryGetValue(m.Groups[1].Value, out var id) ? id : null))
                .OfType<string>();
            foreach (var id in ids)
            {
                (sources.TryGetValue(id, out var set) ? set : sources[id] = new SortedSet<string>(StringComparer.Ordinal)).Add(file);
            }
        }

        var tests = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        // Test harnesses (Infrastructure folders) are not where a rule is pinned.
        foreach (var file in Files("tests").Where(f => !f.Contains("/Infrastructure/", StringComparison.Ordinal)))
        {
            string text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, file));
            var ids = IdMention.Matches(text).Cast<Match>().Select(m => m.Value)
                .Concat(IdConstantUse.Matches(text).Cast<Match>().Select(m => idOfConstant.TryGetValue(m.Groups[1].Value, out var id) ? id : null).OfType<string>());
            foreach (var id in ids)
            {
                var counts = tests.TryGetValue(id, out var c) ? c : tests[id] = new Dictionary<string, int>(StringComparer.Ordinal);
                counts[file] = counts.TryGetValue(file, out int n) ? n + 1 : 1;
            }
        }

        return (sources, tests);
    }

    /// <summary>A line without its <c>//</c> comment (a rough cut that keeps strings containing "//" whole).</summary>
    private static string CodeOf(string line)
    {
        bool inString = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '"' && (i == 0 || line[i - 1] != '\\'))
            {
                inString = !inString;
            }
            else if (!inString && c == '/' && i + 1 < line.Length && line[i + 1] == '/')
            {
                return line.Substring(0, i);
            }
        }

        return line;
    }

    /// <summary>The C# files below <paramref name="folder"/>, as repository-relative paths with '/' separators.</summary>
    private static IEnumerable<string> Files(string folder)
        => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal);
}
