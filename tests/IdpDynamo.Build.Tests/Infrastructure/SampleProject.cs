using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace IdpDynamo.Build.Tests.Infrastructure;

/// <summary>
/// A copy of samples/Webshop.Orders, samples/apps and samples/Directory.* in a temp folder, built like a service
/// repository builds it: PackageReference IdpDynamo.Build in the version just packed (IdpDynamoBuildVersion in the
/// environment of every build) from a NuGet.config whose local source is the test feed.
/// The machine's default sources stay (no &lt;clear/&gt;), for whatever else a restore needs.
/// </summary>
public sealed class SampleProject
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    private readonly Dictionary<string, string> _environment;

    internal SampleProject(string root, string feed, string packagesFolder, string packageVersion)
    {
        Root = root;
        Directory.CreateDirectory(root);
        CopyDirectory(Path.Combine(RepositoryPaths.Samples, "Webshop.Orders"), Path.Combine(root, "Webshop.Orders"));
        CopyDirectory(Path.Combine(RepositoryPaths.Samples, "apps"), Path.Combine(root, "apps"));
        foreach (string file in Directory.GetFiles(RepositoryPaths.Samples, "Directory.*"))
        {
            File.Copy(file, Path.Combine(root, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(root, "NuGet.config"),
            $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <!-- The feed the tests packed IdpDynamo.Build into; the machine's other sources stay. -->
              <packageSources>
                <add key="idpdynamo-tests" value="{feed}" />
              </packageSources>
            </configuration>

            """, Utf8NoBom);
        _environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packagesFolder, ["IdpDynamoBuildVersion"] = packageVersion };
    }

    public string Root { get; }

    public string ProjectDirectory => Path.Combine(Root, "Webshop.Orders");

    public string ProjectFile => Path.Combine(ProjectDirectory, "Webshop.Orders.csproj");

    /// <summary>The validation stamp of a Debug build.</summary>
    public string StampFile => Path.Combine(ProjectDirectory, "obj", "Debug", "net10.0", "IdpDynamo.validated.stamp");

    /// <summary>The settings file the targets write next to the stamp.</summary>
    public string SettingsFile => Path.Combine(ProjectDirectory, "obj", "Debug", "net10.0", "IdpDynamo.settings.txt");

    /// <summary>Full path of the values file of a namespace (apps/&lt;ns&gt;/orders/dynamodb/values.yaml).</summary>
    public string ValuesFile(string ns) => Path.Combine(Root, "apps", ns, "orders", "dynamodb", "values.yaml");

    /// <summary>The repository's original sample values file of a namespace.</summary>
    public static string OriginalValues(string ns)
        => File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "apps", ns, "orders", "dynamodb", "values.yaml"));

    /// <summary>
    /// Back to the repository's sample: both values files rewritten (always, so the next build re-validates) and the
    /// project file restored if a test changed it.
    /// </summary>
    public void Reset()
    {
        foreach (string ns in new[] { "webshop-test", "webshop-prod" })
        {
            WriteValues(ns, OriginalValues(ns));
        }

        string project = File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "Webshop.Orders", "Webshop.Orders.csproj"));
        if (File.ReadAllText(ProjectFile) != project)
        {
            File.WriteAllText(ProjectFile, project, Utf8NoBom);
        }
    }

    public void WriteValues(string ns, string yaml) => File.WriteAllText(ValuesFile(ns), yaml, Utf8NoBom);

    /// <summary>Adds an item to the project file (restored by <see cref="Reset"/>).</summary>
    public void AddToProject(string itemXml)
    {
        string project = File.ReadAllText(ProjectFile);
        int end = project.LastIndexOf("</Project>", StringComparison.Ordinal);
        File.WriteAllText(ProjectFile, project[..end] + "  <ItemGroup>\n    " + itemXml + "\n  </ItemGroup>\n" + project[end..], Utf8NoBom);
    }

    /// <summary><c>dotnet build</c> at the given verbosity, console logger without the summary (every diagnostic once).</summary>
    public DotnetResult Build(string verbosity = "n", params string[] extra)
        => DotnetCli.Run(ProjectDirectory, _environment,
            new[] { "build", ProjectFile, "-nologo", "-v:" + verbosity, "-clp:NoSummary", "-nodeReuse:false", "-tl:off" }.Concat(extra).ToArray());

    public DotnetResult Clean()
        => DotnetCli.Run(ProjectDirectory, _environment, "clean", ProjectFile, "-nologo", "-v:m", "-nodeReuse:false", "-tl:off");

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string dir in Directory.GetDirectories(from))
        {
            string name = Path.GetFileName(dir);
            if (name is "bin" or "obj")
            {
                continue;
            }

            CopyDirectory(dir, Path.Combine(to, name));
        }
    }
}
