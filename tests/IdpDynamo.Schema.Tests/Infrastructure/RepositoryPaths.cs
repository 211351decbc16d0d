using System;
using System.IO;

namespace IdpDynamo.Schema.Tests.Infrastructure;

/// <summary>Locates the repository root (the folder of IdpDynamo.Build.sln) and the shared/ folder beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root => IdpDynamo.Tests.RepositoryRoot.Path;

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));
}
