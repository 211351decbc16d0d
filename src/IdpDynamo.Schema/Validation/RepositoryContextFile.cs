using System.Text;

namespace IdpDynamo.Schema.Validation;

/// <summary>
/// The repository context of live validation: what the validator learns from the disk around a values file (the
/// namespaces of its apps repository, the roles its idp-advanced applications create) written down by the MSBuild task
/// for the analyzers, which read only AdditionalFiles. A <see cref="Header"/> line, then per values file a
/// <c>values</c> line followed by its <c>namespace</c> and <c>role</c> lines, tab-separated.
/// </summary>
internal static class RepositoryContextFile
{
    public const string FileName = "IdpDynamo.repository.txt";

    public const string Header = "# IdpDynamo.Build repository context 1";

    /// <summary>The namespaces and roles around one values file; <see cref="Key"/> tells two contexts apart.</summary>
    public sealed record Entry(IReadOnlyCollection<string> KnownNamespaces, IReadOnlyList<RepositoryRole>? Roles, string Key);

    public static string Format(IEnumerable<(string ValuesPath, IReadOnlyCollection<string> KnownNamespaces, IReadOnlyList<RepositoryRole>? Roles)> files)
    {
        var sb = new StringBuilder().Append(Header).Append('\n');
        foreach (var (path, namespaces, roles) in files)
        {
            if (!Plain(path))
            {
                continue;
            }

            sb.Append("values\t").Append(path).Append('\n');
            foreach (var name in namespaces)
            {
                if (Plain(name))
                {
                    sb.Append("namespace\t").Append(name).Append('\n');
                }
            }

            foreach (var role in roles ?? Array.Empty<RepositoryRole>())
            {
                if (Plain(role.Role) && Plain(role.Application))
                {
                    sb.Append("role\t").Append(role.Role).Append('\t').Append(role.Application).Append('\t').Append(role.IrsaDisabled ? "true" : "false").Append('\n');
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>The entries by values file path; empty when <paramref name="text"/> does not start with <see cref="Header"/>.</summary>
    public static Dictionary<string, Entry> Parse(string text)
    {
        var map = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0] != Header)
        {
            return map;
        }

        string? current = null;
        var namespaces = new List<string>();
        var roles = new List<RepositoryRole>();
        var key = new StringBuilder();

        void Flush()
        {
            if (current is not null)
            {
                map[current] = new Entry(namespaces.ToArray(), roles.Count > 0 ? roles.ToArray() : null, key.ToString());
            }

            namespaces.Clear();
            roles.Clear();
            key.Clear();
        }

        foreach (var line in lines)
        {
            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "values" when fields.Length == 2:
                    Flush();
                    current = fields[1];
                    break;
                case "namespace" when fields.Length == 2 && current is not null:
                    namespaces.Add(fields[1]);
                    key.Append(line).Append('\n');
                    break;
                case "role" when fields.Length == 4 && current is not null:
                    roles.Add(new RepositoryRole(fields[1], fields[2], fields[3] == "true"));
                    key.Append(line).Append('\n');
                    break;
            }
        }

        Flush();
        return map;
    }

    private static bool Plain(string value) => value.IndexOfAny(new[] { '\t', '\n', '\r' }) < 0;
}
