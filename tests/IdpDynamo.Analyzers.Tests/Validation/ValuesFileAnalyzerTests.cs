using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using IdpDynamo.Analyzers.Validation;
using IdpDynamo.Schema;
using IdpDynamo.Schema.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace IdpDynamo.Analyzers.Tests.Validation;

/// <summary>
/// Live validation (<see cref="ValuesFileAnalyzer"/>): with <c>build_property.IdpDynamoLiveValidation = true</c> the
/// compiler reports the values-file diagnostics on the YAML, with the ids, messages, 1-based positions and severities
/// the validator gives the MSBuild task; without it the analyzer registers nothing. The values files reach the
/// analyzer as the targets pass them: AdditionalFiles flagged IdpDynamoValues, their application.yaml beside them.
/// </summary>
public sealed class ValuesFileAnalyzerTests
{
    private const string TestPath = "/repo/apps/webshop-test/orders/dynamodb/values.yaml";
    private const string ProdPath = "/repo/apps/webshop-prod/orders/dynamodb/values.yaml";
    private const string TestApplication = "/repo/apps/webshop-test/orders/dynamodb/application.yaml";

    private const string PinnedChart = "helm:\n  chart: helm/idp-dynamodb\n  chartVersion: \"2.1.11\"\n";

    private static string Orders(string ns, string hashKey = "OrderId") => $"""
        managementPolicies: Control
        deletionPolicy: Orphan
        tables:
          - name: Orders
            hashKey: {hashKey}
            attributes:
              - name: {hashKey}
                type: 'S'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-{ns}"]
            serviceAccountWriteRoles: ["orders-api-{ns}"]

        """;

    // Line 8: "        type: N": the scalar N starts at column 15 (IDPDYN006, error).
    private const string UnquotedN = """
        managementPolicies: Control
        deletionPolicy: Orphan
        tables:
          - name: Orders
            hashKey: OrderId
            attributes:
              - name: OrderId
                type: N
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]

        """;

    // No managementPolicies: IDPDYN100 (warning) at 'tables', line 2 column 1; a GSI without rangeKey: IDPDYN063
    // (warning) at the index entry, line 12 column 9.
    private const string TwoWarnings = """
        deletionPolicy: Orphan
        tables:
          - name: Orders
            hashKey: OrderId
            attributes:
              - name: OrderId
                type: 'S'
              - name: Status
                type: 'S'
            billingMode: PAY_PER_REQUEST
            globalSecondaryIndex:
              - name: StatusIndex
                hashKey: Status
                projectionType: ALL
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]

        """;

    /// <summary>A values file (flagged as the targets flag it) or any other AdditionalFile (application.yaml).</summary>
    private sealed record FileSpec(string Path, string Text, bool Values = true);

    private static FileSpec Values(string path, string yaml) => new(path, yaml);

    private static FileSpec Application(string path, string yaml = PinnedChart) => new(path, yaml, Values: false);

    private sealed record Run(ImmutableArray<Diagnostic> Diagnostics, int AdditionalFileActions);

    private static async Task<Run> AnalyzeAsync(IReadOnlyList<AdditionalText> texts, IReadOnlyCollection<string> valuesPaths, bool? live = true, CSharpCompilationOptions? compilationOptions = null, string source = "public class Service { }")
    {
        var provider = new TestOptionsProvider().WithProperty("RootNamespace", "Webshop.Orders");
        if (live is { } on)
        {
            provider = provider.WithProperty("IdpDynamoLiveValidation", on ? "true" : "false");
        }

        foreach (string path in valuesPaths)
        {
            provider = provider.WithValuesFile(path);
        }

        var compilation = CSharpCompilation.Create(
            "Live",
            new[] { CSharpSyntaxTree.ParseText(source, CompilationFactory.ParseOptions, path: "Service.cs") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            compilationOptions ?? new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var analyzer = new ValuesFileAnalyzer();
        var exceptions = new List<string>();
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(texts.ToImmutableArray(), provider), (ex, a, d) => exceptions.Add(ex.ToString()), concurrentAnalysis: true, logAnalyzerExecutionTime: true));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        Assert.True(exceptions.Count == 0, string.Join("\n", exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "IDPDYN999");
        return new Run(diagnostics, telemetry.AdditionalFileActionsCount);
    }

    private static Task<Run> AnalyzeAsync(params FileSpec[] files) => AnalyzeAsync(Texts(files), files.Where(f => f.Values).Select(f => f.Path).ToArray());

    private static AdditionalText[] Texts(IEnumerable<FileSpec> files) => files.Select(f => (AdditionalText)new CountingText(f.Path, f.Text)).ToArray();

    /// <summary>(id, path, line, column, severity, message) of a compiler diagnostic, 1-based as the compiler prints it.</summary>
    private static (string Id, string Path, int Line, int Column, DiagnosticSeverity Severity, string Message) Row(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return (d.Id, span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, d.Severity, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The validator's findings for the same bytes and settings, in the same shape.</summary>
    private static (string Id, string Path, int Line, int Column, DiagnosticSeverity Severity, string Message) Row(Schema.Diagnostic d)
        => (d.Id, d.File, d.Span.Line, d.Span.Column, d.Severity switch { Severity.Error => DiagnosticSeverity.Error, Severity.Warning => DiagnosticSeverity.Warning, _ => DiagnosticSeverity.Info }, d.Message);

    private static List<T> Sorted<T>(IEnumerable<T> rows) => rows.OrderBy(r => r!.ToString(), StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Off_without_the_property_registers_nothing_and_reports_nothing()
    {
        var files = new[] { Values(TestPath, UnquotedN), Application(TestApplication) };
        var run = await AnalyzeAsync(Texts(files), new[] { TestPath }, live: null);

        Assert.Empty(run.Diagnostics);
        Assert.Equal(0, run.AdditionalFileActions);
    }

    [Fact]
    public async Task Off_when_the_property_is_false()
    {
        var files = new[] { Values(TestPath, UnquotedN), Application(TestApplication) };
        var run = await AnalyzeAsync(Texts(files), new[] { TestPath }, live: false);

        Assert.Empty(run.Diagnostics);
        Assert.Equal(0, run.AdditionalFileActions);
    }

    [Fact]
    public async Task Error_is_reported_in_the_yaml_at_the_validators_position_with_its_message()
    {
        var run = await AnalyzeAsync(Values(TestPath, UnquotedN), Application(TestApplication));

        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("IDPDYN006", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.True(d.Location.Kind == LocationKind.ExternalFile, d.Location.Kind.ToString());
        var span = d.Location.GetLineSpan();
        Assert.Equal(TestPath, span.Path);
        Assert.Equal((8, 15), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Contains("quote it: 'N'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(DiagnosticIds.HelpLink("IDPDYN006"), d.Descriptor.HelpLinkUri);

        // The text span (squiggle) is the scalar N in the file's text.
        Assert.Equal("N", UnquotedN.Substring(d.Location.SourceSpan.Start, Math.Max(d.Location.SourceSpan.Length, 1)));
    }

    [Fact]
    public async Task Warnings_keep_their_severity_and_positions()
    {
        var run = await AnalyzeAsync(Values(TestPath, TwoWarnings), Application(TestApplication));

        Assert.Equal(
            new[] { ("IDPDYN100", 2, 1, DiagnosticSeverity.Warning), ("IDPDYN063", 12, 9, DiagnosticSeverity.Warning) },
            run.Diagnostics.Select(Row).OrderBy(r => r.Line).Select(r => (r.Id, r.Line, r.Column, r.Severity)));
    }

    [Fact]
    public async Task Without_application_yaml_the_chart_version_info_is_reported_at_the_file_start()
    {
        var run = await AnalyzeAsync(Values(TestPath, Orders("webshop-test")));

        var d = Assert.Single(run.Diagnostics);
        Assert.Equal(("IDPDYN014", TestPath, 1, 1, DiagnosticSeverity.Info), (Row(d).Id, Row(d).Path, Row(d).Line, Row(d).Column, Row(d).Severity));
    }

    [Fact]
    public async Task Findings_in_application_yaml_are_reported_in_application_yaml()
    {
        // An unknown chart version: IDPDYN014 (info) on the version scalar, line 3 column 17 of application.yaml.
        var run = await AnalyzeAsync(Values(TestPath, Orders("webshop-test")), Application(TestApplication, "helm:\n  chart: helm/idp-dynamodb\n  chartVersion: \"9.9.9\"\n"));

        var d = Assert.Single(run.Diagnostics);
        var row = Row(d);
        Assert.Equal(("IDPDYN014", TestApplication, 3, 17, DiagnosticSeverity.Info), (row.Id, row.Path, row.Line, row.Column, row.Severity));
        Assert.StartsWith("Chart version '9.9.9' is unknown to this validator", row.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environments_are_compared_across_files()
    {
        // Another hashKey in prod: IDPDYN126 on the later file's table name (line 4, column 11), naming the first file.
        var run = await AnalyzeAsync(
            Values(TestPath, Orders("webshop-test", "OrderId")), Application(TestApplication),
            Values(ProdPath, Orders("webshop-prod", "CustomerId")), Application(ProdPath.Replace("values.yaml", "application.yaml", StringComparison.Ordinal)));

        var d = Assert.Single(run.Diagnostics);
        var row = Row(d);
        Assert.Equal(("IDPDYN126", ProdPath, 4, 11, DiagnosticSeverity.Error), (row.Id, row.Path, row.Line, row.Column, row.Severity));
        Assert.Contains(TestPath, row.Message, StringComparison.Ordinal);
    }

    /// <summary>Broken files of every kind: the compiler's diagnostics are exactly the validator's, field by field.</summary>
    [Theory]
    [InlineData("unquoted N", UnquotedN)]
    [InlineData("two warnings", TwoWarnings)]
    [InlineData("roles of another namespace", "managementPolicies: Control\ndeletionPolicy: Orphan\ntables:\n  - name: Orders\n    hashKey: OrderId\n    attributes:\n      - name: OrderId\n        type: 'S'\n    billingMode: PAY_PER_REQUEST\n    serviceAccountReadRoles: [\"orders-api-webshop-prod\"]\n")]
    [InlineData("invalid YAML", "tables:\n  - name: Orders\n    hashKey: [OrderId\n")]
    [InlineData("duplicate key and null", "managementPolicies: Control\nmanagementPolicies: Observe\ndeletionPolicy:\ntables: []\n")]
    [InlineData("keys not declared", "managementPolicies: Control\ndeletionPolicy: Orphan\ntables:\n  - name: Orders\n    hashKey: OrderId\n    rangeKey: CreatedAt\n    attributes:\n      - name: Status\n        type: S\n    billingMode: PROVISIONED\n    unknownKey: 1\n")]
    [InlineData("non-ASCII table name", "tables:\n  - name: \"Ord\u00e9rs\"\n    hashKey: Id\n")]
    public async Task Every_finding_matches_the_validator(string name, string yaml)
    {
        _ = name;
        var run = await AnalyzeAsync(Values(TestPath, yaml), Application(TestApplication));
        var expected = ValuesValidator.Validate(Encoding.UTF8.GetBytes(yaml), new ValuesFileSettings(TestPath, "webshop-test", null, PinnedChart, TestApplication, Array.Empty<string>())).Diagnostics;

        Assert.NotEmpty(expected);
        Assert.Equal(Sorted(expected.Select(Row)), Sorted(run.Diagnostics.Select(Row)));
    }

    [Fact]
    public async Task Invalid_utf8_is_reported_at_the_byte_as_the_task_reports_it()
    {
        // The compiler decodes invalid UTF-8 with its fallback code page; the analyzer gives the validator the bytes back.
        byte[] bytes = Encoding.UTF8.GetBytes("tables:\n  - name: Orders\n").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var text = new BytesText(TestPath, bytes);
        var run = await AnalyzeAsync(new AdditionalText[] { text }, new[] { TestPath });

        var expected = ValuesValidator.Validate(bytes, new ValuesFileSettings(TestPath, "webshop-test")).Diagnostics;
        Assert.Contains(expected, d => d.Id == "IDPDYN001");
        Assert.Equal(Sorted(expected.Select(Row)), Sorted(run.Diagnostics.Select(Row)));
    }

    [Fact]
    public async Task TreatWarningsAsErrors_and_NoWarn_are_applied_by_the_compiler()
    {
        var files = Texts(new[] { Values(TestPath, TwoWarnings), Application(TestApplication) });
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithGeneralDiagnosticOption(ReportDiagnostic.Error)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["IDPDYN100"] = ReportDiagnostic.Suppress });
        var run = await AnalyzeAsync(files, new[] { TestPath }, compilationOptions: options);

        var d = Assert.Single(run.Diagnostics);
        Assert.Equal(("IDPDYN063", DiagnosticSeverity.Error), (d.Id, d.Severity));
    }

    [Fact]
    public async Task Infos_are_not_promoted_by_TreatWarningsAsErrors()
    {
        var files = Texts(new[] { Values(TestPath, Orders("webshop-test")) });
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary).WithGeneralDiagnosticOption(ReportDiagnostic.Error);
        var run = await AnalyzeAsync(files, new[] { TestPath }, compilationOptions: options);

        var d = Assert.Single(run.Diagnostics);
        Assert.Equal(("IDPDYN014", DiagnosticSeverity.Info), (d.Id, d.Severity));
    }

    [Fact]
    public async Task A_csharp_edit_reads_no_yaml()
    {
        // The same AdditionalTexts (unchanged files) in a new compilation with new options, as after a C# edit: every
        // text is read once (ValuesText), and the findings are the same.
        var files = new[] { Values(TestPath, TwoWarnings), Application(TestApplication) };
        var texts = Texts(files);
        var first = await AnalyzeAsync(texts, new[] { TestPath }, source: "public class Service { }");
        var second = await AnalyzeAsync(texts, new[] { TestPath }, source: "public class Service { public int Edited; }");

        Assert.Equal(2, first.Diagnostics.Length);
        Assert.Equal(Sorted(first.Diagnostics.Select(Row)), Sorted(second.Diagnostics.Select(Row)));
        Assert.Equal(1, ((CountingText)texts[0]).Reads);
        Assert.Equal(1, ((CountingText)texts[1]).Reads);
    }

    [Fact]
    public async Task A_changed_values_file_is_read_again()
    {
        var application = new CountingText(TestApplication, PinnedChart);
        var before = new CountingText(TestPath, TwoWarnings);
        var after = new CountingText(TestPath, UnquotedN);
        var first = await AnalyzeAsync(new AdditionalText[] { before, application }, new[] { TestPath });
        var second = await AnalyzeAsync(new AdditionalText[] { after, application }, new[] { TestPath });

        Assert.Equal(new[] { "IDPDYN063", "IDPDYN100" }, first.Diagnostics.Select(d => d.Id).Order());
        Assert.Equal("IDPDYN006", Assert.Single(second.Diagnostics).Id);
        Assert.Equal(1, after.Reads);
    }

    [Fact]
    public void Every_values_file_rule_has_a_descriptor_from_the_catalog()
    {
        var supported = new ValuesFileAnalyzer().SupportedDiagnostics;
        var expected = DiagnosticIds.All.Where(r => r.Category != DiagnosticIds.CategoryUsage).Select(r => r.Id);

        Assert.Equal(expected.Order(StringComparer.Ordinal), supported.Select(d => d.Id).Order(StringComparer.Ordinal));
        foreach (var descriptor in supported)
        {
            var rule = DiagnosticIds.Find(descriptor.Id)!;
            Assert.Equal(rule.Title, descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(DiagnosticIds.HelpLink(rule.Id), descriptor.HelpLinkUri);
            Assert.Equal("{0}", descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The release tracker cannot see descriptors built from the catalog (RS2002 is off): this checks its direction.</summary>
    [Fact]
    public void Every_rule_of_the_release_files_is_supported_by_an_analyzer()
    {
        var supported = DynamoProject.AllAnalyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        string dir = IdpDynamo.Tests.RepositoryRoot.Path;

        var listed = new List<string>();
        foreach (var name in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            foreach (var line in File.ReadAllLines(Path.Combine(dir, "src", "IdpDynamo.Analyzers", name)))
            {
                var match = Regex.Match(line, @"^\s*(IDPDYN\d{3})\s*\|");
                if (match.Success)
                {
                    listed.Add(match.Groups[1].Value);
                }
            }
        }

        Assert.NotEmpty(listed);
        Assert.DoesNotContain(listed, id => !supported.Contains(id));
    }

    /// <summary>An in-memory AdditionalText that counts how often its text is read.</summary>
    private sealed class CountingText(string path, string content) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(content, new UTF8Encoding(false));
        private int _reads;

        public int Reads => _reads;

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return _text;
        }
    }

    /// <summary>A file's bytes decoded as the command-line compiler decodes an AdditionalFile (EncodedStringText).</summary>
    private sealed class BytesText(string path, byte[] bytes) : AdditionalText
    {
        private readonly SourceText _text = Decode(bytes);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;

        private static SourceText Decode(byte[] bytes)
        {
            try
            {
                return SourceText.From(new UTF8Encoding(false, true).GetString(bytes), new UTF8Encoding(false));
            }
            catch (DecoderFallbackException)
            {
                var latin1 = Encoding.Latin1;
                return SourceText.From(latin1.GetString(bytes), latin1);
            }
        }
    }
}
