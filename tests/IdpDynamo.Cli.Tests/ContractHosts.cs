using IdpDynamo.Cli.Tests.Infrastructure;

namespace IdpDynamo.Cli.Tests;

// The contract tests, each class run three ways: in this process (Program.Run), through the managed executable
// (dotnet idp-dynamo.dll) and through the Native AOT executable of the packed and installed tool. Same assertions, byte
// for byte: the native build changes nothing a user or a script sees. (Filter with FullyQualifiedName~Native etc.)

/// <summary>The contract tests through <c>Program.Run</c> in the test process.</summary>
public static class InProcess
{
    public sealed class ExitCodes() : ExitCodeTests(CliHostKind.InProcess);

    public sealed class TextFormat() : TextFormatTests(CliHostKind.InProcess);

    public sealed class JsonFormat() : JsonFormatTests(CliHostKind.InProcess);

    public sealed class SarifFormat() : SarifFormatTests(CliHostKind.InProcess);

    public sealed class GitHubFormat() : GitHubFormatTests(CliHostKind.InProcess);

    public sealed class NamespaceAndChartVersion() : NamespaceAndChartVersionTests(CliHostKind.InProcess);

    public sealed class CrossFile() : CrossFileTests(CliHostKind.InProcess);

    public sealed class Globs() : GlobTests(CliHostKind.InProcess);

    public sealed class Baseline() : BaselineTests(CliHostKind.InProcess);

    public sealed class Robustness() : RobustnessTests(CliHostKind.InProcess);
}

/// <summary>The contract tests through <c>dotnet idp-dynamo.dll</c>, the managed build.</summary>
public static class Managed
{
    public sealed class ExitCodes() : ExitCodeTests(CliHostKind.Managed);

    public sealed class TextFormat() : TextFormatTests(CliHostKind.Managed);

    public sealed class JsonFormat() : JsonFormatTests(CliHostKind.Managed);

    public sealed class SarifFormat() : SarifFormatTests(CliHostKind.Managed);

    public sealed class GitHubFormat() : GitHubFormatTests(CliHostKind.Managed);

    public sealed class NamespaceAndChartVersion() : NamespaceAndChartVersionTests(CliHostKind.Managed);

    public sealed class CrossFile() : CrossFileTests(CliHostKind.Managed);

    public sealed class Globs() : GlobTests(CliHostKind.Managed);

    public sealed class Baseline() : BaselineTests(CliHostKind.Managed);

    public sealed class Robustness() : RobustnessTests(CliHostKind.Managed);

    public sealed class Process() : ProcessTests(CliHostKind.Managed);
}

/// <summary>The contract tests through the installed Native AOT <c>idp-dynamo</c> (skipped, with the reason, where it cannot be built).</summary>
public static class Native
{
    public sealed class ExitCodes() : ExitCodeTests(CliHostKind.Native);

    public sealed class TextFormat() : TextFormatTests(CliHostKind.Native);

    public sealed class JsonFormat() : JsonFormatTests(CliHostKind.Native);

    public sealed class SarifFormat() : SarifFormatTests(CliHostKind.Native);

    public sealed class GitHubFormat() : GitHubFormatTests(CliHostKind.Native);

    public sealed class NamespaceAndChartVersion() : NamespaceAndChartVersionTests(CliHostKind.Native);

    public sealed class CrossFile() : CrossFileTests(CliHostKind.Native);

    public sealed class Globs() : GlobTests(CliHostKind.Native);

    public sealed class Baseline() : BaselineTests(CliHostKind.Native);

    public sealed class Robustness() : RobustnessTests(CliHostKind.Native);

    public sealed class Process() : ProcessTests(CliHostKind.Native);
}
