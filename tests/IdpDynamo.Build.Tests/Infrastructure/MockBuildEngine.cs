using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;

namespace IdpDynamo.Build.Tests.Infrastructure;

/// <summary>
/// The smallest <see cref="IBuildEngine"/> a task can run on: it keeps every event the task logs, so tests assert on the
/// real <see cref="BuildErrorEventArgs"/> (code, file, position, help link) instead of on formatted text.
/// </summary>
internal sealed class MockBuildEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = new();

    public List<BuildWarningEventArgs> Warnings { get; } = new();

    public List<BuildMessageEventArgs> Messages { get; } = new();

    /// <summary>Messages that carry a diagnostic id (the validator's infos).</summary>
    public IEnumerable<BuildMessageEventArgs> Infos => Messages.Where(m => !string.IsNullOrEmpty(m.Code));

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "Test.csproj";

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => true;

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    /// <summary>Everything logged, one line each, for assertion messages.</summary>
    public string Dump()
        => string.Join("\n", Errors.Select(e => $"error {e.Code} {e.File}({e.LineNumber},{e.ColumnNumber}): {e.Message}")
            .Concat(Warnings.Select(w => $"warning {w.Code} {w.File}({w.LineNumber},{w.ColumnNumber}): {w.Message}"))
            .Concat(Messages.Select(m => $"message[{m.Importance}] {m.Code} {m.File}({m.LineNumber},{m.ColumnNumber}): {m.Message}")));
}
