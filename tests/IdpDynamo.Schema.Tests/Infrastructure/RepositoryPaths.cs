using System;
using System.IO;

namespace IdpDynamo.Schema.Tests.Infrastructure;

/// <summary>Locates the repository root (the folder of IdpDynamo.Build.sln) and the shared/ folder beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

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
