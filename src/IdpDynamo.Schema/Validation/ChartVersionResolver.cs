using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using IdpDynamo.Schema.Schema;
using IdpDynamo.Schema.Yaml;

namespace IdpDynamo.Schema.Validation;

/// <summary>Where the chart version of a values file came from.</summary>
internal enum ChartVersionSource
{
    ApplicationYaml,
    Explicit,
    Default,
}

/// <summary>The chart version used to pick the schema, and whether the file should be validated at all.</summary>
internal sealed record ChartVersionInfo(string SchemaVersion, string? PinnedVersion, ChartVersionSource Source, bool Skip);

/// <summary>
/// Resolves the chart version as product.md §3 says: <c>helm.chartVersion</c> of the sibling application.yaml, else an
/// explicit version (CLI --chart-version / MSBuild IdpDynamoChartVersion), else the newest bundled schema (IDPDYN014).
/// Also checks the IDE schema modeline (IDPDYN016).
/// </summary>
internal static class ChartVersionResolver
{
    public const string ChartName = "helm/idp-dynamodb";

    // In a class of their own: built only for a file that has a modeline, not whenever this class is first used.
    private static class Patterns
    {
        public static readonly Regex Modeline = new(@"#\s*yaml-language-server:\s*\$schema=(\S+)", RegexOptions.CultureInvariant);
        public static readonly Regex SchemaUrl = new(@"/schemas/([^/]+)/v?([0-9][0-9A-Za-z.\-]*)\.json$", RegexOptions.CultureInvariant);
    }

    public static ChartVersionInfo Resolve(string? applicationYaml, string? applicationYamlPath, string? explicitVersion, DiagnosticBag bag, string valuesDisplayPath)
    {
        string latest = SchemaBundle.Latest;
        if (applicationYaml is not null && applicationYamlPath is not null)
        {
            var (chart, version) = ApplicationYaml.Read(applicationYaml);
            if (chart is not null && !ApplicationYaml.Names(chart.Text, "idp-dynamodb"))
            {
                bag.Add(new Diagnostic(DiagnosticIds.UnknownChartVersion, Severity.Info,
                    $"application.yaml pins chart '{chart.Text}', not {ChartName}; '{valuesDisplayPath}' is not validated", applicationYamlPath, chart.Span));
                return new ChartVersionInfo(latest, null, ChartVersionSource.ApplicationYaml, true);
            }

            if (version is not null)
            {
                // chartVersion: 2.1.10 unquoted is a float to YAML; the text is what ArgoCD passes on.
                string pinned = version.Text.Trim().TrimStart('v');
                if (SchemaBundle.IsKnown(pinned))
                {
                    return new ChartVersionInfo(pinned, pinned, ChartVersionSource.ApplicationYaml, false);
                }

                bag.Add(new Diagnostic(DiagnosticIds.UnknownChartVersion, Severity.Info,
                    $"Chart version '{version.Text}' is unknown to this validator; validated against idp-dynamodb {latest}", applicationYamlPath, version.Span));
                return new ChartVersionInfo(latest, pinned, ChartVersionSource.ApplicationYaml, false);
            }
        }

        if (!string.IsNullOrWhiteSpace(explicitVersion))
        {
            string pinned = explicitVersion!.Trim().TrimStart('v');
            if (SchemaBundle.IsKnown(pinned))
            {
                return new ChartVersionInfo(pinned, pinned, ChartVersionSource.Explicit, false);
            }

            bag.Report(DiagnosticIds.UnknownChartVersion, SourceSpan.FileStart,
                $"Chart version '{explicitVersion}' is unknown to this validator; validated against idp-dynamodb {latest}");
            return new ChartVersionInfo(latest, pinned, ChartVersionSource.Explicit, false);
        }

        bag.Report(DiagnosticIds.UnknownChartVersion, SourceSpan.FileStart,
            $"Chart version '(none)' is unknown to this validator: no application.yaml next to the values file pins helm.chartVersion; validated against idp-dynamodb {latest}");
        return new ChartVersionInfo(latest, null, ChartVersionSource.Default, false);
    }

    /// <summary>IDPDYN016: a <c># yaml-language-server: $schema=...</c> modeline naming another version or chart.</summary>
    public static void CheckModeline(string text, ChartVersionInfo version, DiagnosticBag bag)
    {
        if (text.IndexOf("yaml-language-server", StringComparison.Ordinal) < 0)
        {
            return; // no modeline: the regex (and its construction, in a cold process) is not needed
        }

        int line = 1;
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            int hash = text.IndexOf('#', start, end - start);
            if (hash >= 0)
            {
                var m = Patterns.Modeline.Match(text, hash, end - hash);
                if (m.Success && m.Index == hash)
                {
                    var span = new SourceSpan(line, hash - start + 1, line, end - start + 1);
                    var url = Patterns.SchemaUrl.Match(m.Groups[1].Value);
                    if (url.Success && url.Groups[1].Value != "idp-dynamodb")
                    {
                        bag.Report(DiagnosticIds.ModelineMismatch, span,
                            $"Schema modeline points to the '{url.Groups[1].Value}' schema, not idp-dynamodb; the IDE validates this file against the wrong chart");
                    }
                    else if (url.Success && version.PinnedVersion is { } pinned && url.Groups[2].Value != pinned)
                    {
                        bag.Report(DiagnosticIds.ModelineMismatch, span,
                            $"Schema modeline uses idp-dynamodb v{url.Groups[2].Value} but {(version.Source == ChartVersionSource.ApplicationYaml ? "application.yaml pins" : "the chart version is")} {pinned}");
                    }
                }
            }

            start = end + 1;
            line++;
        }
    }
}
