namespace IdpDynamo.Cli;

internal enum OutputFormat
{
    Text,
    Json,
    Sarif,
    GitHub,
}

/// <summary>Options of <c>idp-dynamo validate</c>.</summary>
internal sealed class ValidateOptions
{
    public List<string> Paths { get; } = new();

    public string? Namespace { get; private set; }

    public string? ChartVersion { get; private set; }

    /// <summary>A git ref (e.g. origin/main) to compare each file with (change detection).</summary>
    public string? Baseline { get; private set; }

    public OutputFormat Format { get; private set; } = OutputFormat.Text;

    public bool NoColor { get; private set; }

    /// <summary>Text output also lists the files of other charts that were not validated (IDPDYN014).</summary>
    public bool Verbose { get; private set; }

    public bool Help { get; private set; }

    public static bool TryParse(string[] args, int start, out ValidateOptions options, out string error)
    {
        options = new ValidateOptions();
        error = string.Empty;
        bool onlyPaths = false;
        for (int i = start; i < args.Length; i++)
        {
            string arg = args[i];
            if (onlyPaths || !arg.StartsWith("-", System.StringComparison.Ordinal) || arg == "-")
            {
                options.Paths.Add(arg);
                continue;
            }

            string name = arg;
            string? value = null;
            int eq = arg.IndexOf('=');
            if (arg.StartsWith("--", System.StringComparison.Ordinal) && eq > 0)
            {
                name = arg.Substring(0, eq);
                value = arg.Substring(eq + 1);
            }

            switch (name)
            {
                case "--":
                    onlyPaths = true;
                    break;
                case "--no-color":
                    options.NoColor = true;
                    break;
                case "-v":
                case "--verbose":
                    options.Verbose = true;
                    break;
                case "-h":
                case "--help":
                    options.Help = true;
                    break;
                case "--namespace":
                case "--chart-version":
                case "--baseline":
                case "--format":
                    if (value is null)
                    {
                        if (i + 1 >= args.Length)
                        {
                            error = $"option {name} needs a value";
                            return false;
                        }

                        value = args[++i];
                    }

                    if (value.Length == 0)
                    {
                        error = $"option {name} needs a non-empty value";
                        return false;
                    }

                    if (name == "--namespace")
                    {
                        options.Namespace = value;
                    }
                    else if (name == "--chart-version")
                    {
                        options.ChartVersion = value;
                    }
                    else if (name == "--baseline")
                    {
                        options.Baseline = value;
                    }
                    else
                    {
                        switch (value)
                        {
                            case "text":
                                options.Format = OutputFormat.Text;
                                break;
                            case "json":
                                options.Format = OutputFormat.Json;
                                break;
                            case "sarif":
                                options.Format = OutputFormat.Sarif;
                                break;
                            case "github":
                                options.Format = OutputFormat.GitHub;
                                break;
                            default:
                                error = $"unknown format '{value}'; use text, json, sarif or github";
                                return false;
                        }
                    }

                    break;
                default:
                    error = $"unknown option '{arg}'";
                    return false;
            }
        }

        if (options.Paths.Count == 0 && !options.Help)
        {
            error = "no values files given";
            return false;
        }

        return true;
    }
}
