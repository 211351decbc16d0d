using System;
using System.Collections.Generic;
using System.IO;

namespace IdpDynamo.Build.Tests.Infrastructure;

/// <summary>
/// Packs IdpDynamo.Build ONCE per test run (<c>dotnet pack nuget/IdpDynamo.Build.Package.csproj -c Release -o &lt;temp feed&gt;</c>)
/// and copies the sample service next to it, wired to that feed. Shared by every test of <see cref="PackageCollection"/>.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    /// <summary>
    /// The global packages folder of the sample builds: one per test run, deleted with it. A folder shared between runs
    /// (two checkouts, two CI jobs on one machine) let one run's freshly packed IdpDynamo.Build 0.1.0 replace another's
    /// in the middle of its builds; the rest of what the samples restore (the AWS SDK) is downloaded again per run.
    /// </summary>
    public static readonly string PackagesFolder = Path.Combine(Path.GetTempPath(), "IdpDynamo.Build.Tests", "nuget-packages-" + Guid.NewGuid().ToString("N"));

    public PackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "idpdyn-e2e-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);

        try
        {
            // The pack restores and builds the repository's own projects: it runs with the caller's package cache, never
            // the isolated one (that would rewrite the repository's obj/project.assets.json to point at a temp folder).
            Pack = DotnetCli.Run(RepositoryPaths.Root, null,
                "pack", Path.Combine(RepositoryPaths.Root, "nuget", "IdpDynamo.Build.Package.csproj"),
                "-c", "Release", "-o", Feed, "-nologo", "-nodeReuse:false", "-tl:off");
            string[] packages = Directory.GetFiles(Feed, "*.nupkg");
            if (Pack.ExitCode != 0 || packages.Length != 1)
            {
                throw new InvalidOperationException($"Packing IdpDynamo.Build failed ({packages.Length} .nupkg in {Feed}):\n{Pack}");
            }

            Nupkg = packages[0];
            Version = Path.GetFileNameWithoutExtension(Nupkg)["IdpDynamo.Build.".Length..];

            Sample = new SampleProject(Path.Combine(Root, "work"), Feed, PackagesFolder, Version);
        }
        catch
        {
            Dispose(); // xunit does not dispose a fixture whose constructor threw
            throw;
        }
    }

    /// <summary>Temp folder of this run (feed and sample copy); deleted on dispose.</summary>
    public string Root { get; }

    /// <summary>The local feed the package was packed into.</summary>
    public string Feed { get; }

    /// <summary>The packed IdpDynamo.Build.&lt;version&gt;.nupkg.</summary>
    public string Nupkg { get; }

    /// <summary>The version the package was packed as (from git; every sample build restores exactly this one).</summary>
    public string Version { get; }

    /// <summary>The <c>dotnet pack</c> run (for diagnosing failures).</summary>
    public DotnetResult Pack { get; }

    /// <summary>The copied sample service that references the packed package.</summary>
    public SampleProject Sample { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
            if (Directory.Exists(PackagesFolder))
            {
                Directory.Delete(PackagesFolder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind must not fail the run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>
/// The tests that need the packed package. One collection, so they share one pack and run one after another (the
/// end-to-end tests rewrite the same copied sample).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "IdpDynamo.Build package";
}
