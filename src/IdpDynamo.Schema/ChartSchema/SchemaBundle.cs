using System.IO;
using System.Reflection;
using IdpDynamo.Schema.Yaml;

namespace IdpDynamo.Schema.ChartSchema;

/// <summary>
/// The chart's published values schemas, embedded as resources named <c>IdpDynamo.Schemas.values.schema.v{version}.json</c>.
/// Versions are discovered from the resource names, so a newer schema dropped into src/IdpDynamo.Schema/Schemas works
/// without code changes.
/// </summary>
internal static class SchemaBundle
{
    private const string Prefix = "IdpDynamo.Schemas.values.schema.v";
    private const string Suffix = ".json";
    private static readonly object Gate = new();
    private static readonly Dictionary<string, SchemaNode> Cache = new(StringComparer.Ordinal);
    private static IReadOnlyList<string>? _versions;

    /// <summary>Bundled chart versions, oldest first.</summary>
    public static IReadOnlyList<string> Versions => _versions ??= Discover();

    public static string Latest => Versions[Versions.Count - 1];

    public static bool IsKnown(string version) => IndexOf(version) >= 0;

    /// <summary>The schema of <paramref name="version"/> (must be bundled).</summary>
    public static SchemaNode Get(string version)
    {
        lock (Gate)
        {
            if (Cache.TryGetValue(version, out var cached))
            {
                return cached;
            }

            using var stream = typeof(SchemaBundle).Assembly.GetManifestResourceStream(Prefix + version + Suffix)
                ?? throw new InvalidOperationException($"Schema {version} is not bundled.");
            using var reader = new StreamReader(stream);
            var bag = new DiagnosticBag("schema");
            var doc = YamlReader.Read(reader.ReadToEnd(), bag);
            var schema = SchemaNode.FromYaml(doc.Root ?? throw new InvalidOperationException($"Schema {version} is not valid JSON."));
            Cache[version] = schema;
            return schema;
        }
    }

    private static int IndexOf(string version)
    {
        var versions = Versions;
        for (int i = 0; i < versions.Count; i++)
        {
            if (versions[i] == version)
            {
                return i;
            }
        }

        return -1;
    }

    private static IReadOnlyList<string> Discover()
    {
        var list = new List<string>();
        foreach (var name in typeof(SchemaBundle).Assembly.GetManifestResourceNames())
        {
            if (name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(Suffix, StringComparison.Ordinal))
            {
                list.Add(name.Substring(Prefix.Length, name.Length - Prefix.Length - Suffix.Length));
            }
        }

        list.Sort(CompareVersions);
        return list;
    }

    /// <summary>Compares dotted numeric versions (2.1.9 &lt; 2.1.10).</summary>
    public static int CompareVersions(string a, string b)
    {
        var pa = a.Split('.');
        var pb = b.Split('.');
        for (int i = 0; i < Math.Max(pa.Length, pb.Length); i++)
        {
            int x = i < pa.Length && int.TryParse(pa[i], out var xa) ? xa : 0;
            int y = i < pb.Length && int.TryParse(pb[i], out var yb) ? yb : 0;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return string.CompareOrdinal(a, b);
    }
}
