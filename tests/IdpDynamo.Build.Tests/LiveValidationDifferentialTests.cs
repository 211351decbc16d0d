using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Validation;
using IdpDynamo.Build.Tasks;
using IdpDynamo.Build.Tests.Infrastructure;
using Microsoft.Build.Framework;
using TaskItem = Microsoft.Build.Utilities.TaskItem;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Task = System.Threading.Tasks.Task;

namespace IdpDynamo.Build.Tests;

/// <summary>
/// Live validation against the task, on the same files: each scenario writes an apps repository, runs
/// <see cref="ValidateDynamoValues"/> on a <see cref="MockBuildEngine"/>, then compiles a project with
/// <see cref="ValuesFileAnalyzer"/> over the same files as the targets hand them to the compiler (values files flagged
/// with their metadata, the application.yaml beside each, the repository context the targets write, NoWarn /
/// WarningsAsErrors / WarningsNotAsErrors / TreatWarningsAsErrors as the Csc task passes them). Both must report the
/// same diagnostics: id, file, line, column, severity and message.
/// </summary>
public sealed class LiveValidationDifferentialTests : IDisposable
{
    private readonly TempApps _apps = new();

    public void Dispose() => _apps.Dispose();

    /// <summary>The severity switches of one build, as a project sets them.</summary>
    public sealed record Switches(string? NoWarn = null, string? WarningsAsErrors = null, string? WarningsNotAsErrors = null, bool TreatWarningsAsErrors = false);

    private const string Test = "webshop-test";
    private const string Prod = "webshop-prod";

    private static string Broken(string body) => $"managementPolicies: Control\ndeletionPolicy: Orphan\ntables:\n{body}";

    /// <summary>Scenario name → the files (namespace, YAML, chart version pinned by application.yaml or null).</summary>
    private static readonly Dictionary<string, (string Ns, string Yaml, string? Chart)[]> Scenarios = new()
    {
        ["unquoted N"] = new[] { (Test, TaskTests.UnquotedN, (string?)"2.1.11") },
        ["two warnings"] = new[] { (Test, TaskTests.TwoWarnings, (string?)"2.1.11") },
        ["no application.yaml"] = new[] { (Test, TaskTests.Orders(Test), (string?)null) },
        ["unknown chart version"] = new[] { (Test, TaskTests.Orders(Test), (string?)"9.9.9") },
        ["roles of another namespace"] = new[] { (Test, TaskTests.Orders(Prod), (string?)"2.1.11"), (Prod, TaskTests.Orders(Prod), "2.1.11") },
        ["environments differ"] = new[] { (Test, TaskTests.Orders(Test, "OrderId"), (string?)"2.1.11"), (Prod, TaskTests.Orders(Prod, "CustomerId"), "2.1.11") },
        ["table in one environment"] = new[]
        {
            (Test, TaskTests.Orders(Test) + "  - name: Products\n    hashKey: Sku\n    attributes:\n      - name: Sku\n        type: 'S'\n    billingMode: PAY_PER_REQUEST\n    serviceAccountReadRoles: [\"orders-api-webshop-test\"]\n", (string?)"2.1.11"),
            (Prod, TaskTests.Orders(Prod), "2.1.11"),
        },
        ["same table twice across files"] = new[] { (Test, TaskTests.Orders(Test), (string?)"2.1.11"), ("webshop-test2", TaskTests.Orders(Test).Replace("- name: Orders", "- name: Orders\n    region: eu-west-1", StringComparison.Ordinal), "2.1.11") },
        ["invalid YAML"] = new[] { (Test, Broken("  - name: Orders\n    hashKey: [OrderId\n"), (string?)"2.1.11") },
        ["keys and attributes"] = new[] { (Test, Broken("  - name: Orders\n    hashKey: OrderId\n    rangeKey: CreatedAt\n    attributes:\n      - name: Status\n        type: S\n      - name: Status\n        type: N\n    billingMode: PROVISIONED\n    unknownKey: 1\n"), (string?)"2.1.11") },
        ["indexes"] = new[] { (Test, Broken("  - name: Orders\n    hashKey: OrderId\n    attributes:\n      - name: OrderId\n        type: 'S'\n    billingMode: PAY_PER_REQUEST\n    localSecondaryIndex:\n      - name: ByDate\n        rangeKey: CreatedAt\n        projectionType: INCLUDE\n    globalSecondaryIndex:\n      - name: x\n        hashKey: OrderId\n        projectionType: ALL\n"), (string?)"2.1.11") },
        ["duplicate key, null, alias"] = new[] { (Test, "managementPolicies: Control\nmanagementPolicies: Observe\ndeletionPolicy:\nbase: &b\n  billingMode: PAY_PER_REQUEST\ntables:\n  - <<: *b\n    name: Orders\n", (string?)"2.1.11") },
        ["names the generator numbers"] = new[] { (Test, Broken("  - name: order-items\n    hashKey: Id\n    attributes:\n      - name: Id\n        type: 'S'\n    billingMode: PAY_PER_REQUEST\n  - name: order_items\n    hashKey: Id\n    attributes:\n      - name: Id\n        type: 'S'\n    billingMode: PAY_PER_REQUEST\n"), (string?)"2.1.11") },
    };

    public static IEnumerable<object[]> ScenarioNames => Scenarios.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task Compiler_reports_what_the_task_reports(string scenario)
    {
        var paths = Write(Scenarios[scenario]);
        await AssertSameAsync(paths, new Switches());
    }

    public static IEnumerable<object[]> SwitchCases => new[]
    {
        new object[] { "two warnings", new Switches(NoWarn: "1701;1702;IDPDYN100") },
        new object[] { "unquoted N", new Switches(NoWarn: "IDPDYN006") },
        new object[] { "two warnings", new Switches(WarningsAsErrors: "NU1605;IDPDYN063") },
        new object[] { "two warnings", new Switches(TreatWarningsAsErrors: true) },
        new object[] { "two warnings", new Switches(TreatWarningsAsErrors: true, WarningsNotAsErrors: "IDPDYN100") },
        new object[] { "two warnings", new Switches(WarningsNotAsErrors: "IDPDYN100") },
        new object[] { "no application.yaml", new Switches(TreatWarningsAsErrors: true) },
        new object[] { "no application.yaml", new Switches(NoWarn: "IDPDYN014") },
        new object[] { "no application.yaml", new Switches(WarningsAsErrors: "IDPDYN014") },
        new object[] { "environments differ", new Switches(NoWarn: "IDPDYN126") },
    };

    [Theory]
    [MemberData(nameof(SwitchCases))]
    public async Task Severity_switches_act_alike(string scenario, Switches switches)
    {
        var paths = Write(Scenarios[scenario]);
        await AssertSameAsync(paths, switches);
    }

    [Fact]
    public async Task Roles_no_application_creates_are_IDPDYN081_in_both()
    {
        // apps/webshop-test/billing/api/application.yaml is an idp-advanced application: it creates billing-api-webshop-test;
        // the values file grants orders-api-webshop-test, which nothing creates (IDPDYN081, warning).
        string api = Path.Combine(_apps.Root, "apps", Test, "billing", "api");
        Directory.CreateDirectory(api);
        File.WriteAllText(Path.Combine(api, "application.yaml"), "helm:\n  chart: helm/idp-advanced\n  chartVersion: \"1.0.0\"\n");
        var paths = Write(new[] { (Test, TaskTests.Orders(Test), (string?)"2.1.11") });

        var rows = await AssertSameAsync(paths, new Switches());
        Assert.Contains(rows, r => r.Id == "IDPDYN081" && r.Severity == "warning");
    }

    private string[] Write((string Ns, string Yaml, string? Chart)[] files)
        => files.Select(f => _apps.Write(f.Ns, f.Yaml, f.Chart)).ToArray();

    private sealed record Row(string Id, string File, int Line, int Column, string Severity, string Message)
    {
        public override string ToString() => $"{File}({Line},{Column}): {Severity} {Id}: {Message}";
    }

    private static async Task<List<Row>> AssertSameAsync(string[] valuesPaths, Switches switches)
    {
        var task = TaskRows(valuesPaths, switches);
        var compiler = await CompilerRowsAsync(valuesPaths, switches);
        Assert.True(task.SequenceEqual(compiler),
            "task:\n  " + string.Join("\n  ", task) + "\ncompiler:\n  " + string.Join("\n  ", compiler));
        return task;
    }

    private static List<Row> TaskRows(string[] valuesPaths, Switches switches)
    {
        var engine = new MockBuildEngine();
        var task = new ValidateDynamoValues
        {
            BuildEngine = engine,
            ValuesFiles = valuesPaths.Select(p => (ITaskItem)new TaskItem(p)).ToArray(),
            NoWarn = switches.NoWarn,
            WarningsAsErrors = switches.WarningsAsErrors,
            WarningsNotAsErrors = switches.WarningsNotAsErrors,
            TreatWarningsAsErrors = switches.TreatWarningsAsErrors,
        };
        task.Execute();
        return Sorted(engine.Errors.Select(e => new Row(e.Code, e.File, e.LineNumber, e.ColumnNumber, "error", e.Message ?? ""))
            .Concat(engine.Warnings.Select(w => new Row(w.Code, w.File, w.LineNumber, w.ColumnNumber, "warning", w.Message ?? "")))
            .Concat(engine.Infos.Select(m => new Row(m.Code, m.File, m.LineNumber, m.ColumnNumber, "info", m.Message ?? ""))));
    }

    private static async Task<List<Row>> CompilerRowsAsync(string[] valuesPaths, Switches switches)
    {
        // What IdpDynamo.Build.targets hands the compiler with IdpDynamoLiveValidation=true.
        var texts = new List<AdditionalText>();
        var global = new Dictionary<string, string>
        {
            ["build_property.IdpDynamoLiveValidation"] = "true",
            ["build_property.IdpDynamoChartVersion"] = "",
            ["build_property.IdpDynamoGeneratedClassName"] = "DynamoTables",
        };
        var perFile = new Dictionary<string, Dictionary<string, string>>();
        foreach (string path in valuesPaths)
        {
            texts.Add(new FileText(path));
            perFile[path] = new Dictionary<string, string>
            {
                ["build_metadata.AdditionalFiles.IdpDynamoValues"] = "true",
                ["build_metadata.AdditionalFiles.IdpDynamoNamespace"] = "",
                ["build_metadata.AdditionalFiles.IdpDynamoChartVersion"] = "",
            };
        }

        foreach (string application in valuesPaths.Select(p => Path.Combine(Path.GetDirectoryName(p)!, "application.yaml")).Where(File.Exists).Distinct())
        {
            texts.Add(new FileText(application));
        }

        var context = new WriteDynamoRepositoryContext { ValuesFiles = valuesPaths.Select(p => (ITaskItem)new TaskItem(p)).ToArray() };
        string contextPath = Path.Combine(Path.GetDirectoryName(valuesPaths[0])!, "obj", "IdpDynamo.repository.txt");
        texts.Add(new FileText(contextPath, context.Content()));

        var compilation = CSharpCompilation.Create(
            "Service",
            new[] { CSharpSyntaxTree.ParseText("public class Service { }") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            CompilerOptions(switches));
        var analyzer = new ValuesFileAnalyzer();
        var exceptions = new List<Exception>();
        var diagnostics = await compilation.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
                new CompilationWithAnalyzersOptions(new AnalyzerOptions(texts.ToImmutableArray(), new Options(global, perFile)), (ex, _, _) => exceptions.Add(ex), concurrentAnalysis: true, logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);

        return Sorted(diagnostics.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            string severity = d.Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "info" };
            return new Row(d.Id, span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, severity, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }));
    }

    /// <summary>The compilation options the Csc task derives from the properties: /nowarn, /warnaserror[+-][:ids].</summary>
    private static CSharpCompilationOptions CompilerOptions(Switches switches)
    {
        var specific = new Dictionary<string, ReportDiagnostic>(StringComparer.OrdinalIgnoreCase);
        foreach (string id in Ids(switches.WarningsAsErrors))
        {
            specific[id] = ReportDiagnostic.Error;
        }

        foreach (string id in Ids(switches.WarningsNotAsErrors))
        {
            specific[id] = ReportDiagnostic.Default;
        }

        foreach (string id in Ids(switches.NoWarn))
        {
            specific[id] = ReportDiagnostic.Suppress;
        }

        return new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithGeneralDiagnosticOption(switches.TreatWarningsAsErrors ? ReportDiagnostic.Error : ReportDiagnostic.Default)
            .WithSpecificDiagnosticOptions(specific);
    }

    private static IEnumerable<string> Ids(string? list)
        => (list ?? "").Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static List<Row> Sorted(IEnumerable<Row> rows)
        => rows.OrderBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Line).ThenBy(r => r.Column).ThenBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Message, StringComparer.Ordinal).ToList();

    /// <summary>An AdditionalFile as the command-line compiler reads it (UTF-8), or given text for a file the targets write.</summary>
    private sealed class FileText(string path, string? content = null) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(content ?? File.ReadAllText(path), new UTF8Encoding(false));

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>The generated .editorconfig of such a build: global <c>build_property.*</c>, per-file <c>build_metadata.*</c>.</summary>
    private sealed class Options(Dictionary<string, string> global, Dictionary<string, Dictionary<string, string>> perFile) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
            => new Values(perFile.TryGetValue(textFile.Path, out var metadata) ? metadata : new Dictionary<string, string>());

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
