using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using IdpDynamo.Schema;
using IdpDynamo.Schema.IO;
using IdpDynamo.Schema.Validation;

namespace IdpDynamo.Cli;

/// <summary><c>idp-dynamo validate</c>: expands the inputs, validates every file, prints in the chosen format.</summary>
internal sealed class ValidateCommand
{
    private readonly ValidateOptions _options;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly string _currentDirectory;
    private readonly bool _color;

    public ValidateCommand(ValidateOptions options, TextWriter stdout, TextWriter stderr, string currentDirectory, bool color)
    {
        _options = options;
        _stdout = stdout;
        _stderr = stderr;
        _currentDirectory = currentDirectory;
        _color = color;
    }

    /// <summary>IDPDYN131, reported once per run: change detection was asked for but could not run.</summary>
    internal static Diagnostic BaselineSkipped(string file, string baselineRef, string reason)
        => new(DiagnosticIds.BaselineSkipped, Severity.Info, $"Change detection against '{baselineRef}' was skipped: {reason}", file, SourceSpan.FileStart);

    public int Execute()
    {
        var diagnostics = new List<Diagnostic>();
        var results = new List<ValuesFileResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool ioProblem = false;
        bool baselineSkipped = false;

        foreach (var input in _options.Paths)
        {
            var files = Glob.IsPattern(input) ? Glob.Expand(input, _currentDirectory) : new List<string> { input };
            if (files.Count == 0)
            {
                ioProblem = true;
                diagnostics.Add(new Diagnostic(DiagnosticIds.PatternMatchesNothing, Severity.Error,
                    $"The pattern '{input}' matches no file (relative to {_currentDirectory})", input, SourceSpan.FileStart));
                continue;
            }

            foreach (var file in files)
            {
                string full = Path.GetFullPath(Path.Combine(_currentDirectory, file));
                if (!seen.Add(full))
                {
                    continue;
                }

                var result = ValuesFileLoader.ValidateFile(file, full, _options.Namespace, _options.ChartVersion, _options.Baseline, out var skipped);
                if (skipped is not null && !baselineSkipped)
                {
                    baselineSkipped = true;
                    diagnostics.Add(BaselineSkipped(file, _options.Baseline!, skipped));
                }

                results.Add(result);
                diagnostics.AddRange(result.Diagnostics);
                ioProblem |= result.Diagnostics.Any(d => d.Id is DiagnosticIds.FileNotFound or DiagnosticIds.PathIsDirectory or DiagnosticIds.FileUnreadable);
            }
        }

        diagnostics.AddRange(ValuesValidator.ValidateAcrossFiles(results));

        switch (_options.Format)
        {
            case OutputFormat.Json:
                JsonOutput.Write(_stdout, diagnostics);
                break;
            case OutputFormat.Sarif:
                SarifOutput.Write(_stdout, diagnostics);
                break;
            case OutputFormat.GitHub:
                GitHubOutput.Write(_stdout, diagnostics, _currentDirectory, results.Count(r => !r.Skipped), results.Count(r => r.Skipped));
                break;
            default:
                TextOutput.Write(_stdout, diagnostics, results.Count(r => !r.Skipped), results.Count(r => r.Skipped), _color);
                break;
        }

        if (ioProblem)
        {
            foreach (var d in diagnostics.Where(d => d.Id is DiagnosticIds.FileNotFound or DiagnosticIds.PathIsDirectory or DiagnosticIds.FileUnreadable or DiagnosticIds.PatternMatchesNothing))
            {
                _stderr.WriteLine($"idp-dynamo: {d.Message}");
            }

            return ExitCodes.Usage;
        }

        return diagnostics.Any(d => d.Severity == Severity.Error) ? ExitCodes.Errors : ExitCodes.Ok;
    }
}
