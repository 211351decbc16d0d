using IdpDynamo.Schema.Yaml;

namespace IdpDynamo.Schema.Validation;

/// <summary>The chart an application.yaml pins: the scalars as written (for positions), or null.</summary>
internal sealed record ApplicationChart(YScalar? Chart, YScalar? Version);

/// <summary>
/// Reads the chart an ArgoCD application.yaml deploys, in the platform's form (<c>helm: {chart, chartVersion}</c>,
/// at the top level or nested) or an ArgoCD Application's (<c>spec.source.chart</c>). Shared by the chart-version
/// resolution (IDPDYN014/016) and the repository layout (IDPDYN081), so both read the same files the same way.
/// </summary>
internal static class ApplicationYaml
{
    public static ApplicationChart Read(string text)
    {
        var root = YamlReader.Read(text, new DiagnosticBag("application.yaml")).Root;
        var helm = FindHelm(root);
        var chart = helm?.Find("chart")?.Value as YScalar
            ?? (((root as YMapping)?.Find("spec")?.Value as YMapping)?.Find("source")?.Value as YMapping)?.Find("chart")?.Value as YScalar;
        return new ApplicationChart(chart is { IsNull: false } ? chart : null, helm?.Find("chartVersion")?.Value is YScalar { IsNull: false } version ? version : null);
    }

    /// <summary>Whether <paramref name="chart"/> names the chart <paramref name="name"/> (<c>helm/idp-dynamodb</c>, <c>idp-dynamodb</c>, ...).</summary>
    public static bool Names(string chart, string name)
    {
        chart = chart.Trim();
        return chart == name || chart.EndsWith("/" + name, StringComparison.Ordinal) || chart.EndsWith("/helm-" + name, StringComparison.Ordinal);
    }

    /// <summary>The <c>helm</c> mapping (top level or nested, breadth first), or any mapping with chartVersion.</summary>
    private static YMapping? FindHelm(YNode? root)
    {
        var queue = new Queue<(YNode Node, int Depth)>();
        if (root is not null)
        {
            queue.Enqueue((root, 0));
        }

        YMapping? withVersion = null;
        while (queue.Count > 0)
        {
            var (node, depth) = queue.Dequeue();
            if (node is not YMapping map || depth > 6)
            {
                continue;
            }

            if (map.Find("helm")?.Value is YMapping helm && (helm.Find("chartVersion") is not null || helm.Find("chart") is not null))
            {
                return helm;
            }

            if (withVersion is null && map.Find("chartVersion") is not null)
            {
                withVersion = map;
            }

            foreach (var e in map.Entries)
            {
                queue.Enqueue((e.Value, depth + 1));
            }
        }

        return withVersion;
    }
}
