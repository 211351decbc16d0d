using System.IO;
using IdpDynamo.Schema.Validation;
using IdpDynamo.Schema.Yaml;

namespace IdpDynamo.Schema.IO;

/// <summary>
/// The idp-advanced applications of an apps repository namespace and the IRSA roles they create (IDPDYN081):
/// <c>apps/&lt;ns&gt;/&lt;service&gt;/&lt;app dir&gt;/application.yaml</c> creates <c>&lt;service&gt;-&lt;app dir&gt;-&lt;ns&gt;</c>,
/// the older <c>apps/&lt;ns&gt;/&lt;app&gt;/application.yaml</c> creates <c>&lt;app&gt;-&lt;ns&gt;</c>; only applications whose
/// helm.chart is idp-advanced count, and one whose values disable IRSA creates no role.
/// </summary>
internal static class RepositoryLayout
{
    /// <summary>The roles of namespace <paramref name="ns"/>, or null when the file is not in an apps layout or none is found.</summary>
    public static IReadOnlyList<RepositoryRole>? RolesOf(string valuesFullPath, string? ns)
    {
        if (ns is null)
        {
            return null;
        }

        try
        {
            var dir = new DirectoryInfo(Path.GetDirectoryName(valuesFullPath) ?? ".");
            while (dir is not null && !(dir.Name == ns && dir.Parent?.Name == "apps"))
            {
                dir = dir.Parent;
            }

            if (dir is null)
            {
                return null;
            }

            var roles = new List<RepositoryRole>();
            foreach (var app in dir.EnumerateDirectories())
            {
                Add(roles, app, app.Name + "-" + ns, app.Name);
                foreach (var sub in app.EnumerateDirectories())
                {
                    Add(roles, sub, $"{app.Name}-{sub.Name}-{ns}", $"{app.Name}/{sub.Name}");
                }
            }

            return roles.Count > 0 ? roles : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return null;
        }
    }

    private static void Add(List<RepositoryRole> roles, DirectoryInfo directory, string role, string application)
    {
        string applicationYaml = Path.Combine(directory.FullName, "application.yaml");
        if (!File.Exists(applicationYaml) || !IsIdpAdvanced(File.ReadAllText(applicationYaml)))
        {
            return;
        }

        string valuesYaml = Path.Combine(directory.FullName, "values.yaml");
        bool irsaDisabled = File.Exists(valuesYaml) && IrsaDisabled(File.ReadAllText(valuesYaml));
        roles.Add(new RepositoryRole(role, application, irsaDisabled));
    }

    private static bool IsIdpAdvanced(string text)
        => ApplicationYaml.Read(text).Chart is { } chart && ApplicationYaml.Names(chart.Text, "idp-advanced");

    private static bool IrsaDisabled(string text)
    {
        var root = YamlReader.Read(text, new DiagnosticBag("values.yaml")).Root as YMapping;
        var serviceAccount = root?.Find("serviceAccount")?.Value as YMapping;
        if (serviceAccount is null)
        {
            return false;
        }

        bool createOff = serviceAccount.Find("create")?.Value is YScalar { Kind: ScalarKind.Bool, ResolvedText: "false" };
        bool irsaOff = (serviceAccount.Find("irsa")?.Value as YMapping)?.Find("enabled")?.Value is YScalar { Kind: ScalarKind.Bool, ResolvedText: "false" };
        return createOff || irsaOff;
    }
}
