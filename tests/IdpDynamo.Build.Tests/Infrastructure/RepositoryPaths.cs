using System;
using System.IO;

namespace IdpDynamo.Build.Tests.Infrastructure;

/// <summary>Locates the repository root: the first folder above the test assembly that holds IdpDynamo.Build.sln.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IdpDynamo.Build.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("IdpDynamo.Build.sln not found above " + AppContext.BaseDirectory);
    }
}
