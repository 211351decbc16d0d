using System.Text.RegularExpressions;
using IdpDynamo.Schema.ChartSchema;
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
/// Resolves the chart version: <c>helm.chartVersion</c> of the sibling application.yaml, else an
/// explicit version (CLI --chart-version / MSBuild IdpDynamoChartVersion), else the newest bundled schema (IDPDYN014).
/// Also checks the IDE schema modeline (IDPDYN016).
/// </summary>
internal static class ChartVersionResolver
{
    public const string ChartName = "helm/idp-dynamodb";


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

        // No version given anywhere: say so (nothing is "unknown"), and where a version would come from.
        string where = applicationYaml is null
            ? "there is no application.yaml next to the values file"
            : "the application.yaml next to the values file has no helm.chartVersion";
        bag.Report(DiagnosticIds.UnknownChartVersion, SourceSpan.FileStart,
            $"No chart version given: {where}, and none was set (MSBuild IdpDynamoChartVersion, CLI --chart-version); validated against the newest bundled schema, idp-dynamodb {latest}");
        return new ChartVersionInfo(latest, null, ChartVersionSource.Default, false);
    }

    /// <summary>IDPDYN016: a <c># yaml-language-server: $schema=...</c> modeline naming another version or chart.</summary>
    public static void CheckModeline(string text, ChartVersionInfo version, DiagnosticBag bag)
    {
        if (text.IndexOf("yaml-language-server", StringComparison.Ordinal) < 0)
        {
            return;
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
                if (ModelineUrl(text, hash, end) is { } url)
                {
                    var span = new SourceSpan(line, hash - start + 1, line, end - start + 1);
                    bool parsed = TrySchemaUrl(url, out string chart, out string schemaVersion);
                    if (parsed && chart != "idp-dynamodb")
                    {
                        bag.Report(DiagnosticIds.ModelineMismatch, span,
                            $"Schema modeline points to the '{chart}' schema, not idp-dynamodb; the IDE validates this file against the wrong chart");
                    }
                    else if (parsed && version.PinnedVersion is { } pinned && schemaVersion != pinned)
                    {
                        bag.Report(DiagnosticIds.ModelineMismatch, span,
                            $"Schema modeline uses idp-dynamodb v{schemaVersion} but {(version.Source == ChartVersionSource.ApplicationYaml ? "application.yaml pins" : "the chart version is")} {pinned}");
                    }
                }
            }

            start = end + 1;
            line++;
        }
    }

    // The two patterns below are written out by hand rather than as regexes: every values file carries a modeline, and
    // building a Regex costs milliseconds in a fresh process (the CLI, a cold MSBuild node).

    /// <summary>
    /// The URL of a modeline that starts at <paramref name="hash"/> (<c>#\s*yaml-language-server:\s*$schema=(\S+)</c>
    /// within the line), or null.
    /// </summary>
    private static string? ModelineUrl(string text, int hash, int end)
    {
        const string Server = "yaml-language-server:";
        const string Schema = "$schema=";
        int i = SkipWhiteSpace(text, hash + 1, end);
        if (i + Server.Length > end || string.CompareOrdinal(text, i, Server, 0, Server.Length) != 0)
        {
            return null;
        }

        i = SkipWhiteSpace(text, i + Server.Length, end);
        if (i + Schema.Length > end || string.CompareOrdinal(text, i, Schema, 0, Schema.Length) != 0)
        {
            return null;
        }

        i += Schema.Length;
        int j = i;
        while (j < end && !char.IsWhiteSpace(text[j]))
        {
            j++;
        }

        return j > i ? text.Substring(i, j - i) : null;
    }

    private static int SkipWhiteSpace(string text, int i, int end)
    {
        while (i < end && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Chart and version of <c>…/schemas/&lt;chart&gt;/v&lt;version&gt;.json</c> (<c>/schemas/([^/]+)/v?([0-9][0-9A-Za-z.-]*)\.json$</c>).</summary>
    private static bool TrySchemaUrl(string url, out string chart, out string version)
    {
        const string Marker = "/schemas/";
        const string Suffix = ".json";
        chart = version = string.Empty;
        if (!url.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        int versionEnd = url.Length - Suffix.Length;
        for (int at = url.IndexOf(Marker, StringComparison.Ordinal); at >= 0; at = url.IndexOf(Marker, at + 1, StringComparison.Ordinal))
        {
            int name = at + Marker.Length;
            int slash = url.IndexOf('/', name);
            if (slash <= name)
            {
                continue;
            }

            int first = slash + 1;
            if (first + 1 < versionEnd && url[first] == 'v' && IsDigit(url[first + 1]))
            {
                first++;
            }

            if (first >= versionEnd || !IsDigit(url[first]) || !IsVersionText(url, first, versionEnd))
            {
                continue;
            }

            chart = url.Substring(name, slash - name);
            version = url.Substring(first, versionEnd - first);
            return true;
        }

        return false;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsVersionText(string s, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            char c = s[i];
            if (!(IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
