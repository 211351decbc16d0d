using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using IdpDynamo.Build.Tests.Infrastructure;

namespace IdpDynamo.Build.Tests;

/// <summary>
/// The real thing: `dotnet build` of a copy of samples/Webshop.Orders against the freshly packed IdpDynamo.Build
/// (PackageReference from a local feed, isolated package cache). Every test starts from the sample's own values files
/// and rewrites them as it needs; the collection runs the tests one after another on that one copy.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class EndToEndTests
{
    private const string Test = "webshop-test";
    private const string Prod = "webshop-prod";

    private readonly SampleProject _sample;

    public EndToEndTests(PackageFixture package)
    {
        _sample = package.Sample;
        _sample.Reset();
    }

    private static void Succeeded(DotnetResult build) => Assert.True(build.ExitCode == 0, "expected the build to succeed\n" + build);

    private static void Failed(DotnetResult build) => Assert.True(build.ExitCode != 0, "expected the build to fail\n" + build);

    private static void Contains(string expected, DotnetResult build)
        => Assert.True(build.Output.Contains(expected, StringComparison.Ordinal), $"expected the output to contain\n  {expected}\n{build}");

    private static void DoesNotContain(string unexpected, DotnetResult build)
        => Assert.False(build.Output.Contains(unexpected, StringComparison.Ordinal), $"expected the output NOT to contain\n  {unexpected}\n{build}");

    private static void Matches(string pattern, DotnetResult build)
        => Assert.True(Regex.IsMatch(build.Output, pattern), $"expected the output to match\n  {pattern}\n{build}");

    // ---- (a) the sample as it is --------------------------------------------------------------------------------------

    [Fact]
    public void Good_values_build_and_print_the_summary()
    {
        var build = _sample.Build();

        Succeeded(build);
        Contains("IdpDynamo.Build: validated 2 values files with 2 tables in 2 namespaces", build);
        DoesNotContain("error IDPDYN", build);
        DoesNotContain("warning IDPDYN", build);
        Assert.True(File.Exists(_sample.StampFile), "the stamp is written after a clean validation\n" + build);
    }

    // ---- (g) infos -----------------------------------------------------------------------------------------------------

    [Fact]
    public void Infos_are_hidden_at_the_default_verbosity_and_shown_at_detailed_verbosity()
    {
        // The sample's CustomerOrders table has an LSI: IDPDYN058 (info) in both environments.
        var quiet = _sample.Build("m");

        Succeeded(quiet);
        var fromPackage = quiet.Output.Split('\n').Where(l => l.Contains("IDPDYN", StringComparison.Ordinal) || l.Contains("IdpDynamo", StringComparison.Ordinal)).ToList();
        Assert.True(fromPackage.Count == 1, "expected only the summary line from the package\n" + quiet);
        Assert.Equal("IdpDynamo.Build: validated 2 values files with 2 tables in 2 namespaces: 0 errors, 0 warnings, 2 infos", fromPackage[0].Trim());

        File.SetLastWriteTimeUtc(_sample.ValuesFile(Test), DateTime.UtcNow);
        var detailed = _sample.Build("d");

        Succeeded(detailed);
        Matches(Regex.Escape(_sample.ValuesFile(Test)) + @"\(\d+,\d+\): message IDPDYN058: ", detailed);
        Matches(Regex.Escape(_sample.ValuesFile(Prod)) + @"\(\d+,\d+\): message IDPDYN058: ", detailed);
    }

    // ---- (b) broken values files, one after another on the same project ------------------------------------------------

    /// <summary>Shared head of the broken files: lines 1-4.</summary>
    private const string Head = """
        managementPolicies: Control
        deletionPolicy: Orphan
        tables:
          - name: Orders
        """;

    /// <summary>Shared tail: the table's roles (of the folder's namespace).</summary>
    private const string Roles = """
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]

        """;

    /// <summary>
    /// name → (id, line, column, YAML). Positions are 1-based and counted by hand from the YAML: the rule's anchor
    /// (its docs/rules page) — the offending scalar, the key, or the entry's first key.
    /// </summary>
    private static readonly Dictionary<string, (string Id, int Line, int Column, string Yaml)> Broken = new()
    {
        // line 8 "        type: N": the unquoted N at column 15 is read by Helm as false.
        ["IDPDYN006 unquoted type N"] = ("IDPDYN006", 8, 15, $"""
            {Head}
                hashKey: OrderId
                attributes:
                  - name: OrderId
                    type: N
                billingMode: PAY_PER_REQUEST
            {Roles}
            """),

        // line 9 "    billingmode:": the key at column 5.
        ["IDPDYN007 misspelt key"] = ("IDPDYN007", 9, 5, $"""
            {Head}
                hashKey: OrderId
                attributes:
                  - name: OrderId
                    type: 'S'
                billingmode: PAY_PER_REQUEST
            {Roles}
            """),

        // no hashKey: the entry's first key, "name" on line 4 at column 5.
        ["IDPDYN008 missing hashKey"] = ("IDPDYN008", 4, 5, $"""
            {Head}
                attributes:
                  - name: OrderId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
            {Roles}
            """),

        // line 8 starts with a tab: the parser stops at line 8, column 1.
        ["IDPDYN001 tab indentation"] = ("IDPDYN001", 8, 1, $"""
            {Head}
                hashKey: OrderId
                attributes:
                  - name: OrderId
            {"\t"}type: 'S'
                billingMode: PAY_PER_REQUEST
            {Roles}
            """),

        // the second "hashKey" key, line 6 column 5.
        ["IDPDYN002 duplicate key"] = ("IDPDYN002", 6, 5, $"""
            {Head}
                hashKey: OrderId
                hashKey: OrderId
                attributes:
                  - name: OrderId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
            {Roles}
            """),

        // line 5 "    hashKey: CustomerId": the value at column 14.
        ["IDPDYN020 hashKey not in attributes"] = ("IDPDYN020", 5, 14, $"""
            {Head}
                hashKey: CustomerId
                attributes:
                  - name: OrderId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
            {Roles}
            """),

        // line 12 "    localSecondaryIndex:": the key at column 5.
        ["IDPDYN050 LSI without table rangeKey"] = ("IDPDYN050", 12, 5, $"""
            {Head}
                hashKey: OrderId
                attributes:
                  - name: OrderId
                    type: 'S'
                  - name: Amount
                    type: 'N'
                billingMode: PAY_PER_REQUEST
                localSecondaryIndex:
                  - name: AmountIndex
                    rangeKey: Amount
                    projectionType: ALL
                    nonKeyAttributes: []
            {Roles}
            """),

        // line 11 "    billingMode: PROVISIONED": the value at column 18.
        ["IDPDYN044 PROVISIONED with a GSI"] = ("IDPDYN044", 11, 18, $"""
            {Head}
                hashKey: OrderId
                attributes:
                  - name: OrderId
                    type: 'S'
                  - name: Status
                    type: 'S'
                billingMode: PROVISIONED
                readCapacity: 5
                writeCapacity: 5
                globalSecondaryIndex:
                  - name: StatusIndex
                    hashKey: Status
                    rangeKey: OrderId
                    projectionType: ALL
            {Roles}
            """),

        // line 16 "        projectionType: all": the value at column 25.
        ["IDPDYN010 bad projectionType"] = ("IDPDYN010", 16, 25, $"""
            {Head}
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
                    rangeKey: OrderId
                    projectionType: all
            {Roles}
            """),

        // line 10 '    serviceAccountReadRoles: ["orders-api-webshop-prod"]': the role item at column 31.
        ["IDPDYN080 role of another namespace"] = ("IDPDYN080", 10, 31, $"""
            {Head}
                hashKey: OrderId
                attributes:
                  - name: OrderId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-prod"]
                serviceAccountWriteRoles: ["orders-api-webshop-test"]

            """),

        // the second entry's name, line 12 "  - name: Orders": the value at column 11.
        ["IDPDYN033 duplicate table"] = ("IDPDYN033", 12, 11, $"""
            {Head}
                hashKey: OrderId
                attributes:
                  - name: OrderId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
            {Roles}  - name: Orders
                hashKey: OrderId
                attributes:
                  - name: OrderId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
            {Roles}
            """),

        // line 4 "  - name: ''": the empty value at column 11.
        ["IDPDYN032 empty table name"] = ("IDPDYN032", 4, 11, $"""
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: ''
                hashKey: OrderId
                attributes:
                  - name: OrderId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
            {Roles}
            """),
    };

    public static IEnumerable<object[]> BrokenCases => Broken.Keys.Select(k => new object[] { k });

    [Fact]
    public void Broken_cases_are_at_least_ten_different_rules()
        => Assert.True(Broken.Values.Select(c => c.Id).Distinct().Count() >= 10);

    [Theory]
    [MemberData(nameof(BrokenCases))]
    public void Broken_values_fail_the_build_with_the_canonical_line(string name)
    {
        var (id, line, column, yaml) = Broken[name];
        _sample.WriteValues(Test, yaml);

        var build = _sample.Build();

        Failed(build);
        Contains($"{_sample.ValuesFile(Test)}({line},{column}): error {id}: ", build);
        DoesNotContain("IDPDYN999", build);
    }

    // ---- (c) a values file that does not exist -------------------------------------------------------------------------

    [Fact]
    public void Missing_values_file_is_IDPDYN120_naming_the_path()
    {
        _sample.AddToProject("""<IdpDynamoValues Include="../apps/webshop-dev/orders/dynamodb/values.yaml" />""");
        string missing = Path.Combine(_sample.Root, "apps", "webshop-dev", "orders", "dynamodb", "values.yaml");

        var build = _sample.Build();

        Failed(build);
        Contains($"{missing}(1,1): error IDPDYN120: Values file '{missing}' was not found", build);
        Contains("listed in the project as IdpDynamoValues item '../apps/webshop-dev/orders/dynamodb/values.yaml'", build);
        DoesNotContain("Exception", build);
    }

    // ---- (d) namespace from the path -----------------------------------------------------------------------------------

    [Fact]
    public void Namespace_is_taken_from_the_folder()
    {
        // The test environment's file grants its tables to the prod role: reported against the folder's namespace.
        _sample.WriteValues(Test, SampleProject.OriginalValues(Test).Replace("orders-api-webshop-test", "orders-api-webshop-prod", StringComparison.Ordinal));

        var build = _sample.Build();

        Failed(build);
        Matches(Regex.Escape(_sample.ValuesFile(Test)) + @"\(\d+,\d+\): error IDPDYN080: Role 'orders-api-webshop-prod' does not end with '-webshop-test'.*belongs to namespace 'webshop-prod'", build);
        Assert.DoesNotContain(build.Output.Split('\n'), l => l.Contains(_sample.ValuesFile(Prod), StringComparison.Ordinal) && l.Contains("IDPDYN080", StringComparison.Ordinal));
    }

    // ---- (e) incremental -----------------------------------------------------------------------------------------------

    [Fact]
    public void No_op_build_skips_validation_and_a_touched_values_file_revalidates()
    {
        Succeeded(_sample.Build());

        var noOp = _sample.Build("d");
        Succeeded(noOp);
        Contains("Skipping target \"IdpDynamoValidateValues\" because all output files are up-to-date with respect to the input files.", noOp);
        DoesNotContain("IdpDynamo.Build: validated", noOp);
        Assert.True(File.Exists(_sample.StampFile), "IncrementalClean of the no-op build deleted the stamp\n" + noOp);

        File.SetLastWriteTimeUtc(_sample.ValuesFile(Prod), DateTime.UtcNow);
        var touched = _sample.Build();
        Succeeded(touched);
        Contains("IdpDynamo.Build: validated 2 values files with 2 tables in 2 namespaces", touched);
    }

    // ---- (f) warnings and the .NET severity switches -------------------------------------------------------------------

    /// <summary>
    /// The sample with webshop-test's managementPolicies commented out: one warning, IDPDYN100, anchored at the 'tables'
    /// key (column 1). The tables stay the sample's, so the service code that uses the generated accessors compiles.
    /// Returns the canonical prefix of that warning's line, <c>path(line,1): </c>.
    /// </summary>
    private string WriteOneWarning()
    {
        var lines = SampleProject.OriginalValues(Test).Split('\n');
        int policies = Array.FindIndex(lines, l => l.StartsWith("managementPolicies:", StringComparison.Ordinal));
        int tables = Array.FindIndex(lines, l => l.StartsWith("tables:", StringComparison.Ordinal));
        Assert.True(policies >= 0 && tables >= 0, "the sample sets managementPolicies and tables");
        lines[policies] = "# managementPolicies: deliberately not set";
        _sample.WriteValues(Test, string.Join("\n", lines));
        return $"{_sample.ValuesFile(Test)}({tables + 1},1): ";
    }

    [Fact]
    public void Warning_does_not_fail_the_build()
    {
        string warningAt = WriteOneWarning();

        var build = _sample.Build();

        Succeeded(build);
        Contains(warningAt + "warning IDPDYN100: ", build);
        Contains("IdpDynamo.Build: validated 2 values files with 2 tables in 2 namespaces: 0 errors, 1 warning,", build);
    }

    [Fact]
    public void TreatWarningsAsErrors_fails_the_build_on_a_warning()
    {
        string warningAt = WriteOneWarning();

        var build = _sample.Build("n", "-p:TreatWarningsAsErrors=true");

        Failed(build);
        Contains(warningAt + "error IDPDYN100: ", build);
        DoesNotContain("warning IDPDYN100", build);
    }

    [Fact]
    public void NoWarn_silences_a_warning()
    {
        WriteOneWarning();

        var build = _sample.Build("n", "-p:NoWarn=IDPDYN100");

        Succeeded(build);
        DoesNotContain(" IDPDYN100: ", build); // the command line echoes -p:NoWarn=IDPDYN100 and csc's /nowarn:IDPDYN100
        Contains("IdpDynamo.Build: validated 2 values files with 2 tables in 2 namespaces: 0 errors, 0 warnings,", build);
    }

    [Fact]
    public void WarningsAsErrors_promotes_a_warning()
    {
        string warningAt = WriteOneWarning();

        var build = _sample.Build("n", "-p:WarningsAsErrors=IDPDYN100");

        Failed(build);
        Contains(warningAt + "error IDPDYN100: ", build);
    }

    // ---- (h) design-time builds ----------------------------------------------------------------------------------------

    [Fact]
    public void Design_time_build_does_not_run_the_task()
    {
        _sample.WriteValues(Test, Broken["IDPDYN006 unquoted type N"].Yaml);

        // Live validation (the compiler's path, on by default in design-time builds) is covered by
        // LiveValidationEndToEndTests; here it is off, so nothing of the package may report.
        var build = _sample.Build("n", "-p:DesignTimeBuild=true", "-p:IdpDynamoLiveValidation=false");

        Succeeded(build);
        DoesNotContain("IdpDynamoValidateValues:", build);
        Assert.False(Regex.IsMatch(build.Output, @"(error|warning|message) IDPDYN\d{3}: "), "expected no IdpDynamo diagnostic\n" + build);
        DoesNotContain("IdpDynamo.Build: validated", build);
    }

    // ---- (i) clean -----------------------------------------------------------------------------------------------------

    [Fact]
    public void Clean_removes_the_stamp()
    {
        Succeeded(_sample.Build());
        Assert.True(File.Exists(_sample.StampFile), _sample.StampFile);
        Assert.True(File.Exists(_sample.SettingsFile), _sample.SettingsFile);

        var clean = _sample.Clean();

        Succeeded(clean);
        Assert.False(File.Exists(_sample.StampFile), "dotnet clean left the stamp behind\n" + clean);
        Assert.False(File.Exists(_sample.SettingsFile), "dotnet clean left the settings file behind\n" + clean);
    }
}
