using System;
using System.IO;
using IdpDynamo.Schema.Tests.Infrastructure;

namespace IdpDynamo.Schema.Tests.ChangeDetection;

/// <summary>
/// Tests that change the PATH of the test process. xunit runs a collection with DisableParallelization alone, after
/// every parallel collection, so no other test starts a process while PATH is emptied.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment (PATH) changes";
}

/// <summary>The no-baseline path "git missing": PATH without git gives a skip reason, never an error or a crash.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class GitMissingTests : IDisposable
{
    private readonly GitRepository _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Git_not_on_PATH_skips_change_detection_with_a_reason()
    {
        _repo.CommitValues(Values.Valid);
        _repo.WriteValues(Values.Valid.Replace("- name: Orders", "- name: OrderHistory", StringComparison.Ordinal));

        // An existing, empty directory: .NET finds no 'git' there (nor next to the test host or in the current folder).
        string empty = Path.Combine(_repo.Root, "no-git-here");
        Directory.CreateDirectory(empty);
        string? path = Environment.GetEnvironmentVariable("PATH");
        System.Collections.Generic.IReadOnlyList<Diagnostic> d;
        string? skip;
        try
        {
            Environment.SetEnvironmentVariable("PATH", empty);
            d = _repo.Validate("HEAD", out skip);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }

        Assert.Equal("git is not installed or not on PATH", skip);
        Assert.Empty(DeltaIds.Of(d));
        Check.NoErrors(d);
        Check.None(d, "IDPDYN999");
    }
}
