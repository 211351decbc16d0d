using System;
using System.Collections.Generic;
using System.Linq;
using IdpDynamo.Analyzers.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

/// <summary>Which DynamoDB SDK the test compilation references.</summary>
internal enum SdkShape
{
    /// <summary>The real AWSSDK.DynamoDBv2 4.0.110 the test project references.</summary>
    V4,

    /// <summary>
    /// Small v3.7-shaped stubs (<see cref="DynamoV3Stubs"/>) instead: the registry serves no 3.7 package, and the
    /// analyzers match the SDK by metadata name, so stubs exercise the v3-only shapes.
    /// </summary>
    V3Stubs,

    /// <summary>No SDK at all: the analyzers must stay silent.</summary>
    None,
}

/// <summary>How a Roslyn test compiles and configures the project (the MSBuild side of a real build).</summary>
internal sealed record VerifyOptions
{
    public static readonly VerifyOptions Default = new();

    /// <summary><c>build_property.IdpDynamoServiceRole</c>; <c>&lt;ns&gt;</c> stands for each values file's namespace.</summary>
    public string? ServiceRole { get; init; }

    /// <summary><c>build_property.RootNamespace</c>: the namespace of the generated DynamoTables class.</summary>
    public string RootNamespace { get; init; } = "Webshop.Orders";

    public SdkShape Sdk { get; init; } = SdkShape.V4;

    /// <summary>Runs the accessor generator before the analyzers, as the compiler does (so DynamoTables exists).</summary>
    public bool RunGenerator { get; init; } = true;

    /// <summary>Compiles an executable (for top-level statements) instead of a library.</summary>
    public bool Executable { get; init; }

    /// <summary>Whether the values files are marked IdpDynamoValues (false: plain AdditionalFiles, analyzers stay silent).</summary>
    public bool MarkValuesFiles { get; init; } = true;

    /// <summary>
    /// appsettings files (path, JSON): AdditionalFiles marked IdpDynamoAppSettings, as the package's targets add them;
    /// any file here also adds the Microsoft.Extensions.Options and Configuration references (<see cref="TestReferences.Configuration"/>).
    /// </summary>
    public IReadOnlyList<(string Path, string Json)> AppSettings { get; init; } = Array.Empty<(string, string)>();

    /// <summary>References Microsoft.Extensions.Options and Configuration even without appsettings files.</summary>
    public bool ConfigurationReferences { get; init; }
}

/// <summary>The project every Roslyn test of the package sets up: values files, MSBuild options, references.</summary>
internal static class DynamoProject
{
    /// <summary>The values file path of the apps-repository layout: namespace <c>webshop-test</c>.</summary>
    public const string ValuesPath = "/repo/apps/webshop-test/orders/dynamodb/values.yaml";

    /// <summary>The path of the global analyzer config that carries the MSBuild properties and item metadata.</summary>
    public const string GlobalConfigPath = "/0/IdpDynamo.globalconfig";

    /// <summary>Adds the values files, the global analyzer config and the SDK references to <paramref name="state"/>.</summary>
    public static void Configure(ProjectState state, VerifyOptions options, IEnumerable<(string Path, string Yaml)> values)
    {
        var files = values.ToList();
        foreach (var (path, yaml) in files)
        {
            state.AdditionalFiles.Add((path, yaml));
        }

        foreach (var (path, json) in options.AppSettings)
        {
            state.AdditionalFiles.Add((path, json));
        }

        state.AnalyzerConfigFiles.Add((GlobalConfigPath, GlobalConfig(options, files.Select(f => f.Path))));
        state.AdditionalReferences.AddRange(TestReferences.Sdk(options.Sdk));
        if (options.ConfigurationReferences || options.AppSettings.Count > 0)
        {
            state.AdditionalReferences.AddRange(TestReferences.Configuration);
        }
        if (options.Executable)
        {
            state.OutputKind = OutputKind.ConsoleApplication;
        }
    }

    /// <summary>
    /// What MSBuild's generated global config holds for the package: <c>build_property.*</c> for the properties the
    /// package makes visible, and a section per values file with its <c>build_metadata.AdditionalFiles.*</c>.
    /// </summary>
    public static string GlobalConfig(VerifyOptions options, IEnumerable<string> valuesPaths, IEnumerable<(string Name, string Value)>? extraProperties = null)
    {
        var lines = new List<string> { "is_global = true", $"build_property.RootNamespace = {options.RootNamespace}" };
        if (options.ServiceRole is { } role)
        {
            lines.Add($"build_property.IdpDynamoServiceRole = {role}");
        }

        foreach (var (name, value) in extraProperties ?? Enumerable.Empty<(string, string)>())
        {
            lines.Add($"build_property.{name} = {value}");
        }

        if (options.MarkValuesFiles)
        {
            foreach (string path in valuesPaths)
            {
                lines.Add(string.Empty);
                lines.Add($"[{path}]");
                lines.Add("build_metadata.AdditionalFiles.IdpDynamoValues = true");
            }
        }

        foreach (var (path, _) in options.AppSettings)
        {
            lines.Add(string.Empty);
            lines.Add($"[{path}]");
            lines.Add("build_metadata.AdditionalFiles.IdpDynamoAppSettings = true");
        }

        return string.Join("\n", lines) + "\n";
    }

    /// <summary>A new instance of every analyzer the compiler loads from the analyzer assembly (those with [DiagnosticAnalyzer]).</summary>
    public static DiagnosticAnalyzer[] AllAnalyzers()
        => typeof(DynamoAnalyzerBase).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.IsDefined(typeof(DiagnosticAnalyzerAttribute), false))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToArray();

    /// <summary>
    /// An expected diagnostic <paramref name="id"/> of one of <paramref name="analyzers"/>' rules, with that rule's
    /// severity; its message is compared only when a test adds <c>.WithMessage(...)</c>.
    /// </summary>
    public static DiagnosticResult Diagnostic(IEnumerable<DiagnosticAnalyzer> analyzers, string id)
    {
        var descriptor = analyzers.SelectMany(a => a.SupportedDiagnostics).FirstOrDefault(d => d.Id == id)
            ?? throw new ArgumentException($"No analyzer under test reports {id}.", nameof(id));
        return new DiagnosticResult(descriptor.Id, descriptor.DefaultSeverity);
    }

    /// <summary>The rule under test: the first analyzer's first rule other than IDPDYN999 (the crash rule every analyzer has).</summary>
    public static DiagnosticDescriptor? RuleUnderTest(IEnumerable<DiagnosticAnalyzer> analyzers)
        => analyzers.FirstOrDefault()?.SupportedDiagnostics.FirstOrDefault(d => d.Id != "IDPDYN999");
}
