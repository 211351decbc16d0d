using System.IO;
using IdpDynamo.Schema;
using IdpDynamo.Schema.IO;

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

    /// <summary>What this command runs of the shared pipeline (and so which ids it reports).</summary>
    internal static PipelineHost Host => PipelineHost.Cli;

    public int Execute()
    {
        var run = ValuesPipeline.Run(Host, Inputs(), _options.ChartVersion, _options.Baseline);
        var diagnostics = run.Diagnostics;
        bool ioProblem = diagnostics.Any(d => ValuesPipeline.IsInputProblem(d.Id));

        switch (_options.Format)
        {
            case OutputFormat.Json:
                JsonOutput.Write(_stdout, diagnostics);
                break;
            case OutputFormat.Sarif:
                SarifOutput.Write(_stdout, diagnostics);
                break;
            case OutputFormat.GitHub:
                GitHubOutput.Write(_stdout, run, _currentDirectory);
                break;
            default:
                TextOutput.Write(_stdout, run, _options.Verbose, _color);
                break;
        }

        if (ioProblem)
        {
            foreach (var d in diagnostics.Where(d => ValuesPipeline.IsInputProblem(d.Id)))
            {
                _stderr.WriteLine($"idp-dynamo: {d.Message}");
            }

            return ExitCodes.Usage;
        }

        return diagnostics.Any(d => d.Severity == Severity.Error) ? ExitCodes.Errors : ExitCodes.Ok;
    }

    /// <summary>The inputs in order: each pattern expanded (a pattern that matches nothing stays as IDPDYN123).</summary>
    private IEnumerable<ValuesInput> Inputs()
    {
        foreach (var input in _options.Paths)
        {
            var files = Glob.IsPattern(input) ? Glob.Expand(input, _currentDirectory) : new List<string> { input };
            if (files.Count == 0)
            {
                yield return ValuesInput.NothingMatched(input, _currentDirectory);
                continue;
            }

            foreach (var file in files)
            {
                yield return new ValuesInput(file, Path.GetFullPath(Path.Combine(_currentDirectory, file)), _options.Namespace);
            }
        }
    }
}
