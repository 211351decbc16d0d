using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace IdpDynamo.Cli.Tests.Infrastructure;

/// <summary>What one CLI invocation produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>stdout split into lines ('\n'), without the empty string after the final newline.</summary>
    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            var lines = Stdout.Split('\n').ToList();
            if (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            return lines;
        }
    }

    /// <summary>Everything the invocation printed, for assertion messages.</summary>
    public string Describe() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs the CLI in-process through <see cref="Program.Run"/>, the testable core of Main.</summary>
internal static class CliRunner
{
    public static CliResult Run(string currentDirectory, bool colorCapable, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int exit = Program.Run(args, stdout, stderr, currentDirectory, colorCapable);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>Values files used by the CLI tests.</summary>
internal static class Yaml
{
    /// <summary>A clean file for namespace <paramref name="ns"/>: no diagnostic at all. Line 4 is '  - name: {table}'.</summary>
    public static string Valid(string ns = "webshop-test", string table = "Orders") =>
        "managementPolicies: Control\n" +
        "deletionPolicy: Orphan\n" +
        "tables:\n" +
        $"  - name: {table}\n" +
        "    hashKey: CustomerId\n" +
        "    rangeKey: OrderDate\n" +
        "    attributes:\n" +
        "      - name: CustomerId\n" +
        "        type: 'S'\n" +
        "      - name: OrderDate\n" +
        "        type: 'S'\n" +
        "    billingMode: PAY_PER_REQUEST\n" +
        $"    serviceAccountReadRoles: [\"orders-api-{ns}\"]\n" +
        $"    serviceAccountWriteRoles: [\"orders-api-{ns}\"]\n";

    /// <summary>Valid but for a warning: managementPolicies missing (IDPDYN100, a warning; exit code stays 0).</summary>
    public static string WithWarning(string ns = "webshop-test") =>
        string.Concat(Valid(ns).Split('\n').Skip(1).Select(l => l.Length == 0 ? string.Empty : l + "\n"));

    /// <summary>Exactly one error: billingMode ON_DEMAND is not in the enum (IDPDYN010 at line 12, column 18, the value).</summary>
    public static string WithError(string ns = "webshop-test") => Valid(ns).Replace("billingMode: PAY_PER_REQUEST", "billingMode: ON_DEMAND", StringComparison.Ordinal);

    public const string Esc = "\u001b[";
}
