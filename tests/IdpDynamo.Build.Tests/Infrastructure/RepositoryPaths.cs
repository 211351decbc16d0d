using System;
using System.IO;

namespace IdpDynamo.Build.Tests.Infrastructure;

/// <summary>Locates the repository root: the first folder above the test assembly that holds IdpDynamo.Build.sln.</summary>
internal static class RepositoryPaths
{
    public static string Root => IdpDynamo.Tests.RepositoryRoot.Path;

    public static string Samples => Path.Combine(Root, "samples");
}
