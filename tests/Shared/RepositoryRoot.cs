// Linked into IdpDynamo.Schema.Tests, IdpDynamo.Build.Tests and IdpDynamo.Analyzers.Tests: where the repository is.
using System;
using System.IO;

namespace IdpDynamo.Tests;

/// <summary>The repository root: the first folder above the test assembly that holds IdpDynamo.Build.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "IdpDynamo.Build.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IdpDynamo.Build.sln not found above " + AppContext.BaseDirectory);
    }
}
