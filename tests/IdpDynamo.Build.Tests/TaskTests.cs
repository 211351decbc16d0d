using System;
using System.IO;
using System.Linq;
using IdpDynamo.Build.Tasks;
using IdpDynamo.Build.Tests.Infrastructure;
using IdpDynamo.Schema;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace IdpDynamo.Build.Tests;

/// <summary>
/// The <see cref="ValidateDynamoValues"/> task in-process on a <see cref="MockBuildEngine"/>: what MSBuild receives
/// (code, file, 1-based position, help link, importance) and how the .NET severity switches act on it. Values files live
/// in a temp apps repository (apps/&lt;ns&gt;/orders/dynamodb/values.yaml) so the namespace comes from the path.
/// </summary>
public sealed class TaskTests : IDisposable
{
    private readonly TempApps _apps = new();
    private readonly MockBuildEngine _engine = new();

    public void Dispose() => _apps.Dispose();

    /// <summary>A clean file: one table, roles of its own namespace.</summary>
    internal static string Orders(string ns, string hashKey = "OrderId") => $"""
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

    // Line 8: "        type: N" -> the scalar N starts at column 15 (IDPDYN006, error).
    internal const string UnquotedN = """
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

    // No managementPolicies: IDPDYN100 (warning) at the 'tables' key, line 2 column 1.
    // GSI without rangeKey: IDPDYN063 (warning) at the index entry's first key, line 12 column 9.
    internal const string TwoWarnings = """
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

    private ValidateDynamoValues Task(params ITaskItem[] items) => new() { BuildEngine = _engine, ValuesFiles = items };

    private static TaskItem Item(string path, string? ns = null, string? chartVersion = null)
    {
        var item = new TaskItem(path);
        if (ns is not null)
        {
            item.SetMetadata("Namespace", ns);
        }

        if (chartVersion is not null)
        {
            item.SetMetadata("ChartVersion", chartVersion);
        }

        return item;
    }

    [Fact]
    public void Error_is_logged_with_code_full_path_1_based_position_and_help_link_and_fails()
    {
        string path = _apps.Write("webshop-test", UnquotedN);
        var task = Task(Item(path));

        Assert.False(task.Execute(), _engine.Dump());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("IDPDYN006", error.Code);
        Assert.Equal(path, error.File);
        Assert.True(Path.IsPathFullyQualified(error.File));
        Assert.Equal(8, error.LineNumber);
        Assert.Equal(15, error.ColumnNumber);
        Assert.Equal("https://github.com/idp-dynamo/IdpDynamo.Build/blob/main/docs/rules/IDPDYN006.md", error.HelpLink);
        Assert.Equal(DiagnosticIds.HelpLink("IDPDYN006"), error.HelpLink);
        Assert.Contains("quote it: 'N'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void Clean_file_logs_no_diagnostics()
    {
        string path = _apps.Write("webshop-test", Orders("webshop-test"));

        Assert.True(Task(Item(path)).Execute(), _engine.Dump());
        Assert.Empty(_engine.Errors);
        Assert.Empty(_engine.Warnings);
        Assert.Empty(_engine.Infos);
    }

    [Fact]
    public void Warnings_are_logged_with_position_and_help_link_and_do_not_fail()
    {
        string path = _apps.Write("webshop-test", TwoWarnings);

        Assert.True(Task(Item(path)).Execute(), _engine.Dump());

        Assert.Empty(_engine.Errors);
        Assert.Equal(new[] { "IDPDYN100", "IDPDYN063" }.Order(), _engine.Warnings.Select(w => w.Code).Order());
        var warning = _engine.Warnings.Single(w => w.Code == "IDPDYN100");
        Assert.Equal(path, warning.File);
        Assert.Equal((2, 1), (warning.LineNumber, warning.ColumnNumber));
        Assert.Equal(DiagnosticIds.HelpLink("IDPDYN100"), warning.HelpLink);
        var gsi = _engine.Warnings.Single(w => w.Code == "IDPDYN063");
        Assert.Equal((12, 9), (gsi.LineNumber, gsi.ColumnNumber));
    }

    [Fact]
    public void NoWarn_silences_a_warning_id()
    {
        string path = _apps.Write("webshop-test", TwoWarnings);
        var task = Task(Item(path));
        task.NoWarn = "1701;1702;IDPDYN100";

        Assert.True(task.Execute(), _engine.Dump());
        Assert.Equal("IDPDYN063", Assert.Single(_engine.Warnings).Code);
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void NoWarn_silences_an_error_id_too()
    {
        string path = _apps.Write("webshop-test", UnquotedN);
        var task = Task(Item(path));
        task.NoWarn = "$(NoWarn),idpdyn006";

        Assert.True(task.Execute(), _engine.Dump());
        Assert.Empty(_engine.Errors);
        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void WarningsAsErrors_promotes_only_the_listed_id()
    {
        string path = _apps.Write("webshop-test", TwoWarnings);
        var task = Task(Item(path));
        task.WarningsAsErrors = "NU1605;IDPDYN063";

        Assert.False(task.Execute(), _engine.Dump());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("IDPDYN063", error.Code);
        Assert.Equal((path, 12, 9), (error.File, error.LineNumber, error.ColumnNumber));
        Assert.Equal(DiagnosticIds.HelpLink("IDPDYN063"), error.HelpLink);
        Assert.Equal("IDPDYN100", Assert.Single(_engine.Warnings).Code);
    }

    [Fact]
    public void WarningsAsErrors_promotes_a_listed_info_as_the_compiler_does()
    {
        // No application.yaml: IDPDYN014 (info) at the file start; listed, it is an error (live validation's compiler
        // diagnostics behave the same); TreatWarningsAsErrors alone leaves it an info.
        string path = _apps.Write("webshop-test", Orders("webshop-test"), chartVersion: null);
        var task = Task(Item(path));
        task.WarningsAsErrors = "IDPDYN014";

        Assert.False(task.Execute(), _engine.Dump());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal(("IDPDYN014", path, 1, 1), (error.Code, error.File, error.LineNumber, error.ColumnNumber));
        Assert.Empty(_engine.Infos);
    }

    [Fact]
    public void TreatWarningsAsErrors_leaves_infos_alone()
    {
        string path = _apps.Write("webshop-test", Orders("webshop-test"), chartVersion: null);
        var task = Task(Item(path));
        task.TreatWarningsAsErrors = true;

        Assert.True(task.Execute(), _engine.Dump());
        Assert.Equal("IDPDYN014", Assert.Single(_engine.Infos).Code);
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void TreatWarningsAsErrors_promotes_every_warning()
    {
        string path = _apps.Write("webshop-test", TwoWarnings);
        var task = Task(Item(path));
        task.TreatWarningsAsErrors = true;

        Assert.False(task.Execute(), _engine.Dump());
        Assert.Equal(new[] { "IDPDYN063", "IDPDYN100" }, _engine.Errors.Select(e => e.Code).Order());
        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void TreatWarningsAsErrors_keeps_WarningsNotAsErrors_as_warnings()
    {
        string path = _apps.Write("webshop-test", TwoWarnings);
        var task = Task(Item(path));
        task.TreatWarningsAsErrors = true;
        task.WarningsNotAsErrors = "IDPDYN100";

        Assert.False(task.Execute(), _engine.Dump());
        Assert.Equal("IDPDYN063", Assert.Single(_engine.Errors).Code);
        Assert.Equal("IDPDYN100", Assert.Single(_engine.Warnings).Code);
    }

    [Fact]
    public void WarningsNotAsErrors_alone_changes_nothing()
    {
        string path = _apps.Write("webshop-test", TwoWarnings);
        var task = Task(Item(path));
        task.WarningsNotAsErrors = "IDPDYN100";

        Assert.True(task.Execute(), _engine.Dump());
        Assert.Empty(_engine.Errors);
        Assert.Equal(2, _engine.Warnings.Count);
    }

    [Fact]
    public void Infos_are_low_importance_messages_with_a_code_and_do_not_fail()
    {
        // No application.yaml and no ChartVersion: IDPDYN014 (info) at the file start.
        string path = _apps.Write("webshop-test", Orders("webshop-test"), chartVersion: null);

        Assert.True(Task(Item(path)).Execute(), _engine.Dump());

        var info = Assert.Single(_engine.Infos);
        Assert.Equal("IDPDYN014", info.Code);
        Assert.Equal(MessageImportance.Low, info.Importance);
        Assert.Equal("No chart version given: there is no application.yaml next to the values file, and none was set (MSBuild IdpDynamoChartVersion, CLI --chart-version); validated against the newest bundled schema, idp-dynamodb 2.1.11", info.Message);
        Assert.Equal(path, info.File);
        Assert.Equal((1, 1), (info.LineNumber, info.ColumnNumber));
        Assert.Empty(_engine.Errors);
        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void ChartVersion_parameter_avoids_IDPDYN014_without_application_yaml()
    {
        string path = _apps.Write("webshop-test", Orders("webshop-test"), chartVersion: null);
        var task = Task(Item(path));
        task.ChartVersion = "2.1.11";

        Assert.True(task.Execute(), _engine.Dump());
        Assert.DoesNotContain(_engine.Infos, m => m.Code == "IDPDYN014");
        Assert.Empty(_engine.Errors);
        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void ChartVersion_metadata_avoids_IDPDYN014_without_application_yaml()
    {
        string path = _apps.Write("webshop-test", Orders("webshop-test"), chartVersion: null);

        Assert.True(Task(Item(path, chartVersion: "2.1.11")).Execute(), _engine.Dump());
        Assert.DoesNotContain(_engine.Infos, m => m.Code == "IDPDYN014");
    }

    [Fact]
    public void Missing_values_file_is_IDPDYN120_naming_the_path_and_the_item()
    {
        // A relative item spec, as a project writes it: reported at the full path, the item named as written.
        string path = _apps.Missing("webshop-dev");
        string itemSpec = Path.GetRelativePath(Environment.CurrentDirectory, path);

        Assert.False(Task(Item(itemSpec)).Execute(), _engine.Dump());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("IDPDYN120", error.Code);
        Assert.Equal(path, error.File);
        Assert.Equal((1, 1), (error.LineNumber, error.ColumnNumber));
        Assert.Contains($"'{path}' was not found", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"listed in the project as IdpDynamoValues item '{itemSpec}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticIds.HelpLink("IDPDYN120"), error.HelpLink);
    }

    [Fact]
    public void Directory_is_IDPDYN121_naming_the_path()
    {
        string path = _apps.Write("webshop-test", Orders("webshop-test"));
        string dir = Path.GetDirectoryName(path)!;

        Assert.False(Task(Item(dir)).Execute(), _engine.Dump());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("IDPDYN121", error.Code);
        Assert.Equal(dir, error.File);
        Assert.Contains($"'{dir}' is a directory", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"listed in the project as IdpDynamoValues item '{dir}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_comes_from_the_path()
    {
        // The folder says webshop-test; the roles belong to webshop-prod (the first role is on line 10, column 31).
        string path = _apps.Write("webshop-test", Orders("webshop-prod"));

        Assert.False(Task(Item(path)).Execute(), _engine.Dump());

        Assert.All(_engine.Errors, e => Assert.Equal("IDPDYN080", e.Code));
        Assert.Equal(2, _engine.Errors.Count);
        var first = _engine.Errors.OrderBy(e => e.LineNumber).First();
        Assert.Equal((10, 31), (first.LineNumber, first.ColumnNumber));
        Assert.Contains("does not end with '-webshop-test'", first.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_metadata_overrides_the_path()
    {
        string path = _apps.Write("webshop-test", Orders("webshop-prod"));

        Assert.True(Task(Item(path, ns: "webshop-prod")).Execute(), _engine.Dump());
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void Namespace_metadata_is_the_namespace_the_roles_are_checked_against()
    {
        string path = _apps.Write("webshop-test", Orders("webshop-test"));

        Assert.False(Task(Item(path, ns: "webshop-prod")).Execute(), _engine.Dump());
        Assert.All(_engine.Errors, e => Assert.Contains("does not end with '-webshop-prod'", e.Message, StringComparison.Ordinal));
        Assert.Equal(2, _engine.Errors.Count);
    }

    [Fact]
    public void Same_file_twice_with_different_Namespace_metadata_is_IDPDYN128()
    {
        string path = _apps.Write("webshop-test", Orders("webshop-test"));
        var task = Task(Item(path), Item(path, ns: "webshop-prod"));

        Assert.False(task.Execute(), _engine.Dump());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("IDPDYN128", error.Code);
        Assert.Equal(path, error.File);
        Assert.Equal(DiagnosticIds.HelpLink("IDPDYN128"), error.HelpLink);
        Assert.Equal(1, task.FileCount);
    }

    [Fact]
    public void Same_file_twice_with_the_same_metadata_is_validated_once()
    {
        string path = _apps.Write("webshop-test", UnquotedN);
        var task = Task(Item(path), Item(path));

        Assert.False(task.Execute(), _engine.Dump());
        Assert.Equal("IDPDYN006", Assert.Single(_engine.Errors).Code);
        Assert.Equal(1, task.FileCount);
        Assert.Equal(1, task.TableCount);
    }

    [Fact]
    public void Environments_with_a_different_hashKey_are_IDPDYN126()
    {
        string test = _apps.Write("webshop-test", Orders("webshop-test", hashKey: "OrderId"));
        string prod = _apps.Write("webshop-prod", Orders("webshop-prod", hashKey: "CustomerId"));

        Assert.False(Task(Item(test), Item(prod)).Execute(), _engine.Dump());

        // Reported on the later file's table name (line 4, column 11), the first file named in the message.
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("IDPDYN126", error.Code);
        Assert.Equal(prod, error.File);
        Assert.Equal((4, 11), (error.LineNumber, error.ColumnNumber));
        Assert.Contains("hashKey", error.Message, StringComparison.Ordinal);
        Assert.Contains(test, error.Message, StringComparison.Ordinal);
        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void Table_in_only_one_environment_is_IDPDYN127_warning()
    {
        string test = _apps.Write("webshop-test", Orders("webshop-test") + """
              - name: Products
                hashKey: Sku
                attributes:
                  - name: Sku
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);
        string prod = _apps.Write("webshop-prod", Orders("webshop-prod"));
        var task = Task(Item(test), Item(prod));

        Assert.True(task.Execute(), _engine.Dump());

        // "  - name: Products" is line 12; the name starts at column 11.
        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal("IDPDYN127", warning.Code);
        Assert.Equal(test, warning.File);
        Assert.Equal((12, 11), (warning.LineNumber, warning.ColumnNumber));
        Assert.Contains("webshop-prod", warning.Message, StringComparison.Ordinal);
        Assert.Empty(_engine.Errors);
        Assert.Equal(2, task.TableCount); // Orders (in both namespaces) and Products
    }

    [Fact]
    public void Outputs_count_files_and_tables()
    {
        string test = _apps.Write("webshop-test", Orders("webshop-test"));
        string prod = _apps.Write("webshop-prod", Orders("webshop-prod"));
        var task = Task(Item(test), Item(prod));

        Assert.True(task.Execute(), _engine.Dump());
        Assert.Equal(2, task.FileCount);
        Assert.Equal(1, task.TableCount); // Orders, in two namespaces
    }

    [Fact]
    public void Missing_file_is_not_counted_as_validated()
    {
        string test = _apps.Write("webshop-test", Orders("webshop-test"));
        var task = Task(Item(test), Item(_apps.Missing("webshop-dev")));

        Assert.False(task.Execute(), _engine.Dump());
        Assert.Equal(1, task.FileCount);
        Assert.Equal(1, task.TableCount);
    }

    [Fact]
    public void Summary_message_counts_files_tables_and_diagnostics()
    {
        // UnquotedN without managementPolicies: one error (IDPDYN006) and one warning (IDPDYN100).
        string path = _apps.Write("webshop-test", UnquotedN.Replace("managementPolicies: Control\n", "", StringComparison.Ordinal));

        Assert.False(Task(Item(path)).Execute(), _engine.Dump());

        var summary = Assert.Single(_engine.Messages, m => m.Message?.StartsWith("IdpDynamo.Build:", StringComparison.Ordinal) == true);
        Assert.Equal("IdpDynamo.Build: validated 1 values file with 1 table: 1 error, 1 warning, 0 infos", summary.Message);
        Assert.Equal(MessageImportance.High, summary.Importance);
        Assert.True(string.IsNullOrEmpty(summary.Code));
    }

    [Fact]
    public void Summary_message_uses_plurals()
    {
        string test = _apps.Write("webshop-test", Orders("webshop-test"), chartVersion: null);
        string prod = _apps.Write("webshop-prod", Orders("webshop-prod"), chartVersion: null);

        Assert.True(Task(Item(test), Item(prod)).Execute(), _engine.Dump());

        var summary = Assert.Single(_engine.Messages, m => m.Message?.StartsWith("IdpDynamo.Build:", StringComparison.Ordinal) == true);
        Assert.Equal("IdpDynamo.Build: validated 2 values files with 1 table in 2 namespaces: 0 errors, 0 warnings, 2 infos", summary.Message);
    }

    [Fact]
    public void Summary_counts_a_table_once_however_many_namespaces_declare_it()
    {
        // Both namespaces declare Orders and Carts: 4 table entries, 2 tables.
        static string Carts(string ns) => Orders(ns).Substring(Orders(ns).IndexOf("  - name: Orders", StringComparison.Ordinal)).Replace("name: Orders", "name: Carts", StringComparison.Ordinal);
        string test = _apps.Write("webshop-test", Orders("webshop-test") + Carts("webshop-test"));
        string prod = _apps.Write("webshop-prod", Orders("webshop-prod") + Carts("webshop-prod"));

        var task = Task(Item(test), Item(prod));
        Assert.True(task.Execute(), _engine.Dump());

        var summary = Assert.Single(_engine.Messages, m => m.Message?.StartsWith("IdpDynamo.Build:", StringComparison.Ordinal) == true);
        Assert.Equal("IdpDynamo.Build: validated 2 values files with 2 tables in 2 namespaces: 0 errors, 0 warnings, 0 infos", summary.Message);
        Assert.Equal(2, task.TableCount);
    }

    [Fact]
    public void Summary_does_not_count_a_file_that_was_not_found()
    {
        Assert.False(Task(Item(_apps.Missing("webshop-test"))).Execute(), _engine.Dump());

        var summary = Assert.Single(_engine.Messages, m => m.Message?.StartsWith("IdpDynamo.Build:", StringComparison.Ordinal) == true);
        Assert.Equal("IdpDynamo.Build: validated 0 values files with 0 tables: 1 error, 0 warnings, 0 infos", summary.Message);
    }

    [Fact]
    public void A_clean_build_logs_nothing_at_normal_importance_or_above_but_the_summary()
    {
        // An LSI (IDPDYN058 info) and no application.yaml (IDPDYN014 info): both stay below the default verbosity.
        const string yaml = """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: OrderId
                rangeKey: OrderDate
                attributes:
                  - { name: OrderId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Amount, type: 'N' }
                billingMode: PAY_PER_REQUEST
                localSecondaryIndex:
                  - name: ByAmount
                    rangeKey: Amount
                    projectionType: KEYS_ONLY
                    nonKeyAttributes: []
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                serviceAccountWriteRoles: ["orders-api-webshop-test"]

            """;
        string path = _apps.Write("webshop-test", yaml, chartVersion: null);

        Assert.True(Task(Item(path)).Execute(), _engine.Dump());

        Assert.Empty(_engine.Errors);
        Assert.Empty(_engine.Warnings);
        var visible = Assert.Single(_engine.Messages, m => m.Importance != MessageImportance.Low);
        Assert.Equal("IdpDynamo.Build: validated 1 values file with 1 table: 0 errors, 0 warnings, 2 infos", visible.Message);
        Assert.Equal(new[] { ("IDPDYN014", MessageImportance.Low), ("IDPDYN058", MessageImportance.Low) },
            _engine.Infos.Select(i => (i.Code, i.Importance)).OrderBy(i => i.Code, StringComparer.Ordinal).ToArray());
    }
}
