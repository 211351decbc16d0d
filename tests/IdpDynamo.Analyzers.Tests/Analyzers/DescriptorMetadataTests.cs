using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using IdpDynamo.Schema;
using Microsoft.CodeAnalysis;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// Every descriptor an analyzer of the package supports (found by reflection, so a new analyzer is covered without
/// editing this test) is a registered id with its help link, and is tracked in AnalyzerReleases.Unshipped.md with the
/// same category and severity. The docs/rules pages and README rows are checked by the documentation tests.
/// </summary>
public class DescriptorMetadataTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = DynamoProject.AllAnalyzers()
        .SelectMany(a => a.SupportedDiagnostics)
        .GroupBy(d => d.Id, StringComparer.Ordinal)
        .Select(g => g.First())
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToArray();

    public static IEnumerable<object[]> Ids => Descriptors.Select(d => new object[] { d.Id });

    [Fact]
    public void Every_rule_has_an_analyzer()
    {
        // Usage rules by their analyzers, values-file rules (and IDPDYN999) by ValuesFileAnalyzer (live validation).
        var expected = DiagnosticIds.All.Select(r => r.Id).OrderBy(i => i, StringComparer.Ordinal);
        Assert.Equal(expected, Descriptors.Select(d => d.Id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_is_registered_with_its_help_link(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);
        var rule = DiagnosticIds.Find(id);
        Assert.True(rule is not null, $"{id} is not in DiagnosticIds.All");
        Assert.Contains(DiagnosticIds.All, r => r.Id == id);
        Assert.Equal(DiagnosticIds.HelpLink(id), descriptor.HelpLinkUri);
        Assert.Equal(rule!.Category, descriptor.Category);
        Assert.Equal(rule.Title, descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ToRoslyn(rule.DefaultSeverity), descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault, $"{id} is off by default");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_is_tracked_in_the_release_file(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);
        var rows = ReleaseRows();
        Assert.True(rows.TryGetValue(id, out var row), $"{id} is not listed in AnalyzerReleases.Unshipped.md (or Shipped.md)");
        Assert.Equal(descriptor.Category, row.Category);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), row.Severity);
    }

    private static DiagnosticSeverity ToRoslyn(Severity severity) => severity switch
    {
        Severity.Error => DiagnosticSeverity.Error,
        Severity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    /// <summary>The "Rule ID | Category | Severity | Notes" rows of both release files.</summary>
    private static Dictionary<string, (string Category, string Severity)> ReleaseRows()
    {
        var rows = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var name in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            foreach (var line in File.ReadAllLines(Path.Combine(IdpDynamo.Tests.RepositoryRoot.Path, "src", "IdpDynamo.Analyzers", name)))
            {
                var match = Regex.Match(line, @"^\s*(IDPDYN\d{3})\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|");
                if (match.Success)
                {
                    rows[match.Groups[1].Value] = (match.Groups[2].Value, match.Groups[3].Value);
                }
            }
        }

        return rows;
    }

}
