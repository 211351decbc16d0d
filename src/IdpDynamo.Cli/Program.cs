using System.IO;
using System.Text;

namespace IdpDynamo.Cli;

/// <summary>Entry point of the <c>idp-dynamo</c> dotnet tool.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false, NewLine = "\n" };
        var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        try
        {
            bool terminal = !Console.IsOutputRedirected;
            return Run(args, stdout, stderr, Directory.GetCurrentDirectory(), terminal);
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"idp-dynamo: internal error; this is a bug in IdpDynamo.Build, please report it: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Usage;
        }
        finally
        {
            stdout.Flush();
        }
    }

    /// <summary>Runs a command line; the testable core of <see cref="Main"/>.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string currentDirectory, bool colorCapable = false)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).Write(Usage.Text);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        if (args[0] is "--version")
        {
            // The package version (e.g. 0.2.0-alpha.0.5.g1a2b3c4d5e), without the build metadata the SDK appends.
            string? version = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(Program).Assembly)?.InformationalVersion;
            stdout.WriteLine(version?.Split('+')[0] ?? "0.0.0");
            return ExitCodes.Ok;
        }

        if (args[0] != "validate")
        {
            stderr.WriteLine($"idp-dynamo: unknown command '{args[0]}'");
            stderr.Write(Usage.Text);
            return ExitCodes.Usage;
        }

        if (!ValidateOptions.TryParse(args, 1, out var options, out var error))
        {
            stderr.WriteLine($"idp-dynamo: {error}");
            stderr.Write(Usage.Text);
            return ExitCodes.Usage;
        }

        if (options.Help)
        {
            stdout.Write(Usage.Text);
            return ExitCodes.Ok;
        }

        bool color = colorCapable && !options.NoColor && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return new ValidateCommand(options, stdout, stderr, currentDirectory, color).Execute();
    }
}

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Errors = 1;
    public const int Usage = 2;
}

internal static class Usage
{
    public const string Text =
        "Usage: idp-dynamo validate <path-or-glob>... [--namespace NS] [--chart-version V] [--format text|json|sarif|github] [--no-color] [--verbose] [--baseline REF]\n" +
        "\n" +
        "Validates idp-dynamodb Helm values files (tables[] of DynamoDB tables).\n" +
        "  <path-or-glob>     values files; globs (quote them) such as 'apps/**/dynamodb/values.yaml'\n" +
        "  --namespace NS     Kubernetes namespace (default: the path segment after the last 'apps/')\n" +
        "  --chart-version V  idp-dynamodb chart version when no application.yaml next to a file pins one\n" +
        "  --format F         text (default, compiler line format), json, sarif (SARIF 2.1.0), or github (GitHub\n" +
        "                     Actions annotations: one ::error/::warning/::notice command per finding, then the summary)\n" +
        "  --no-color         plain text output\n" +
        "  -v, --verbose      text output also lists the files of other charts that were not validated\n" +
        "  --baseline REF     also report what the change since git REF (e.g. origin/main) cannot do or will destroy\n" +
        "Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem.\n";
}
