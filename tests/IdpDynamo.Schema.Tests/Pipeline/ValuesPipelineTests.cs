using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using IdpDynamo.Schema.IO;
using IdpDynamo.Schema.Tests.Infrastructure;

namespace IdpDynamo.Schema.Tests.Pipeline;

/// <summary>
/// The multi-file pipeline both hosts run: the same ids for the same files, environments compared per service
/// (service directory of the apps repository for the CLI, all items for the MSBuild task), duplicates skipped.
/// </summary>
public sealed class ValuesPipelineTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "idpdyn-pipeline-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind must not fail a test.
        }
    }

    private string Write(string relativePath, string yaml)
    {
        string path = Path.Combine(_root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml, new UTF8Encoding(false));
        return path;
    }

    private static string Orders(string ns, string hashKey = "CustomerId")
        => Values.Valid.Replace("webshop-test", ns, StringComparison.Ordinal).Replace("CustomerId", hashKey, StringComparison.Ordinal);

    private static List<(string Id, string File, int Line, int Column)> Run(PipelineHost host, params string[] files)
        => ValuesPipeline.Run(host, files.Select(f => new ValuesInput(f, f)), "2.1.11", null).Diagnostics
            .Select(d => (d.Id, d.File, d.Span.Line, d.Span.Column))
            .ToList();

    [Fact]
    public void Cli_compares_the_environments_of_one_service_IDPDYN126_on_the_later_file()
    {
        string test = Write("apps/webshop-test/orders/dynamodb/values.yaml", Orders("webshop-test"));
        string prod = Write("apps/webshop-prod/orders/dynamodb/values.yaml", Orders("webshop-prod", hashKey: "ShopperId"));

        var d = Run(PipelineHost.Cli, test, prod);

        Assert.Equal(new[] { (DiagnosticIds.EnvironmentsDisagree, prod, 4, 11) }, d);
    }

    [Fact]
    public void Cli_groups_the_older_layout_by_release_directory()
    {
        string test = Write("apps/webshop-test/orders/values.yaml", Orders("webshop-test"));
        string prod = Write("apps/webshop-prod/orders/values.yaml", Orders("webshop-prod", hashKey: "ShopperId"));

        var d = Run(PipelineHost.Cli, test, prod);

        Assert.Equal(new[] { (DiagnosticIds.EnvironmentsDisagree, prod, 4, 11) }, d);
    }

    [Fact]
    public void Cli_does_not_compare_different_services()
    {
        string orders = Write("apps/webshop-test/orders/dynamodb/values.yaml", Orders("webshop-test"));
        string billing = Write("apps/webshop-prod/billing/dynamodb/values.yaml", Orders("webshop-prod", hashKey: "ShopperId"));
        string loose = Write("elsewhere/values.yaml", Orders("webshop-test", hashKey: "Other"));

        var d = Run(PipelineHost.Cli, orders, billing, loose);

        // The loose file has no namespace (IDPDYN125, once per run), so the CLI cannot check its roles (IDPDYN132 at
        // the first role); nothing else, and no comparison.
        Assert.Equal(new[] { (DiagnosticIds.NamespaceUnknown, loose, 1, 1), (DiagnosticIds.RoleChecksSkipped, loose, 13, 31) }, d);
    }

    [Fact]
    public void Only_the_cli_warns_that_role_checks_cannot_run()
    {
        string loose = Write("elsewhere/values.yaml", Orders("webshop-test"));

        // The task's namespace comes from the project (IDPDYN125 says when it is missing); IDPDYN132 is the CLI's.
        Assert.Equal(new[] { (DiagnosticIds.NamespaceUnknown, loose, 1, 1) }, Run(PipelineHost.MSBuildTask, loose));
        Assert.Equal(new[] { (DiagnosticIds.NamespaceUnknown, loose, 1, 1), (DiagnosticIds.RoleChecksSkipped, loose, 13, 31) }, Run(PipelineHost.Cli, loose));
        Assert.DoesNotContain(DiagnosticIds.RoleChecksSkipped, PipelineHost.MSBuildTask.ReportedIds);
        Assert.Contains(DiagnosticIds.RoleChecksSkipped, PipelineHost.Cli.ReportedIds);
    }

    [Fact]
    public void The_task_compares_all_its_items_as_one_service()
    {
        string orders = Write("apps/webshop-test/orders/dynamodb/values.yaml", Orders("webshop-test"));
        string billing = Write("apps/webshop-prod/billing/dynamodb/values.yaml", Orders("webshop-prod", hashKey: "ShopperId"));

        Assert.Equal(new[] { (DiagnosticIds.EnvironmentsDisagree, billing, 4, 11) }, Run(PipelineHost.MSBuildTask, orders, billing));
    }

    [Fact]
    public void A_table_missing_in_one_environment_is_IDPDYN127_from_both_hosts()
    {
        string extra = "  - name: Products\n    hashKey: Sku\n    attributes:\n      - name: Sku\n        type: 'S'\n    billingMode: PAY_PER_REQUEST\n    serviceAccountReadRoles: [\"orders-api-webshop-test\"]\n";
        string test = Write("apps/webshop-test/orders/dynamodb/values.yaml", Orders("webshop-test") + extra);
        string prod = Write("apps/webshop-prod/orders/dynamodb/values.yaml", Orders("webshop-prod"));

        var expected = new[] { (DiagnosticIds.TableMissingInEnvironment, test, 15, 11) };
        Assert.Equal(expected, Run(PipelineHost.Cli, test, prod));
        Assert.Equal(expected, Run(PipelineHost.MSBuildTask, test, prod));
    }

    [Fact]
    public void Names_that_map_to_one_identifier_are_IDPDYN129_from_both_hosts()
    {
        string yaml = Orders("webshop-test").Replace("name: Orders", "name: order-items", StringComparison.Ordinal)
            + Orders("webshop-test").Split('\n', 4)[3].Replace("name: Orders", "name: order_items", StringComparison.Ordinal);
        string file = Write("apps/webshop-test/orders/dynamodb/values.yaml", yaml);

        // order_items is a C# identifier as it is; order-items (line 4) would become the same one and is numbered.
        var expected = new[] { (DiagnosticIds.IdentifierCollision, file, 4, 11) };
        Assert.Equal(expected, Run(PipelineHost.Cli, file));
        Assert.Equal(expected, Run(PipelineHost.MSBuildTask, file));
    }

    [Fact]
    public void A_file_listed_twice_is_validated_once()
    {
        string file = Write("apps/webshop-test/orders/dynamodb/values.yaml", Orders("webshop-test").Replace("PAY_PER_REQUEST", "ON_DEMAND", StringComparison.Ordinal));

        var run = ValuesPipeline.Run(PipelineHost.Cli, new[] { new ValuesInput("a", file), new ValuesInput("b", file) }, "2.1.11", null);

        Assert.Single(run.Files);
        Assert.Equal(new[] { (DiagnosticIds.NotInEnum, "a", 12, 18) }, run.Diagnostics.Select(d => (d.Id, d.File, d.Span.Line, d.Span.Column)));
    }

    [Fact]
    public void Only_the_task_checks_item_metadata_IDPDYN128_and_only_the_cli_expands_patterns_IDPDYN123()
    {
        string file = Write("apps/webshop-test/orders/dynamodb/values.yaml", Orders("webshop-test"));
        var inputs = new[] { new ValuesInput(file, file, "webshop-test"), new ValuesInput(file, file, "other") };

        Assert.Equal(new[] { (DiagnosticIds.ConflictingMetadata, file, 1, 1) }, ValuesPipeline.Run(PipelineHost.MSBuildTask, inputs, "2.1.11", null).Diagnostics.Select(d => (d.Id, d.File, d.Span.Line, d.Span.Column)));
        Assert.Empty(ValuesPipeline.Run(PipelineHost.Cli, inputs, "2.1.11", null).Diagnostics);
        Assert.Contains(DiagnosticIds.ConflictingMetadata, PipelineHost.MSBuildTask.ReportedIds);
        Assert.DoesNotContain(DiagnosticIds.ConflictingMetadata, PipelineHost.Cli.ReportedIds);
        Assert.Contains(DiagnosticIds.PatternMatchesNothing, PipelineHost.Cli.ReportedIds);
        Assert.DoesNotContain(DiagnosticIds.PatternMatchesNothing, PipelineHost.MSBuildTask.ReportedIds);
    }

    [Fact]
    public void Change_detection_that_cannot_run_is_one_IDPDYN131_per_run()
    {
        string test = Write("apps/webshop-test/orders/dynamodb/values.yaml", Orders("webshop-test"));
        string prod = Write("apps/webshop-prod/orders/dynamodb/values.yaml", Orders("webshop-prod"));

        var run = ValuesPipeline.Run(PipelineHost.Cli, new[] { new ValuesInput(test, test), new ValuesInput(prod, prod) }, "2.1.11", "origin/main");

        Assert.Equal(new[] { (DiagnosticIds.BaselineSkipped, test, 1, 1) }, run.Diagnostics.Select(d => (d.Id, d.File, d.Span.Line, d.Span.Column)));
    }

    [Fact]
    public void Every_id_a_host_reports_over_the_test_inputs_is_one_it_declares()
    {
        string test = Write("apps/webshop-test/orders/dynamodb/values.yaml", Orders("webshop-test").Replace("PAY_PER_REQUEST", "ON_DEMAND", StringComparison.Ordinal));
        string prod = Write("apps/webshop-prod/orders/dynamodb/values.yaml", Orders("webshop-prod", hashKey: "ShopperId"));
        string loose = Write("elsewhere/values.yaml", "tables: [");
        string missing = Path.Combine(_root, "apps", "webshop-test", "none", "dynamodb", "values.yaml");
        foreach (var host in new[] { PipelineHost.MSBuildTask, PipelineHost.Cli })
        {
            var inputs = new[] { test, prod, loose, missing, _root }.Select(f => new ValuesInput(f, f, ChartVersion: f == prod ? "2.1.10" : null))
                .Append(new ValuesInput(test, test, "webshop-prod"))
                .Concat(host.ExpandsPatterns ? new[] { ValuesInput.NothingMatched("apps/*/nothing.yaml", _root) } : Array.Empty<ValuesInput>());
            var ids = ValuesPipeline.Run(host, inputs, "2.1.11", "origin/main").Diagnostics.Select(d => d.Id).Distinct().ToList();

            Assert.Contains(DiagnosticIds.EnvironmentsDisagree, ids);
            Assert.All(ids, id => Assert.Contains(id, host.ReportedIds));
        }
    }
}
