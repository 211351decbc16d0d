using System;
using IdpDynamo.Schema.Tests.Infrastructure;

namespace IdpDynamo.Schema.Tests.Rules;

/// <summary>Crossplane policies and backups: IDPDYN100–105.</summary>
public class PolicyRulesTests
{
    /// <summary>The table of <see cref="Values.Valid"/> (lines 3–14 there) after the two policy lines given.</summary>
    private static string WithPolicies(string policies)
        => policies + Values.Valid.Substring(Values.Valid.IndexOf("tables:", StringComparison.Ordinal));

    // ---------------------------------------------------------------- IDPDYN100

    [Fact]
    public void Reports_IDPDYN100_at_the_tables_key_when_managementPolicies_is_missing()
    {
        var d = Check.Validate(WithPolicies("deletionPolicy: Orphan\n"));
        var diagnostic = Check.Single(d, "IDPDYN100", 2, 1);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN100_when_managementPolicies_is_set()
    {
        var d = Check.Validate(Values.Valid);
        Check.None(d, "IDPDYN100");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN100_when_no_table_is_defined()
    {
        var d = Check.Validate(
            """
            deletionPolicy: Orphan
            tables: []

            """);
        Check.None(d, "IDPDYN100");
        Check.Single(d, "IDPDYN004", 2, 1);
    }

    // ---------------------------------------------------------------- IDPDYN101

    [Fact]
    public void Reports_IDPDYN101_when_managementPolicies_is_Observe()
    {
        var d = Check.Validate(WithPolicies("managementPolicies: Observe\ndeletionPolicy: Orphan\n"));
        var diagnostic = Check.Single(d, "IDPDYN101", 1, 21);
        Assert.Equal(Severity.Info, diagnostic.Severity);
        Check.None(d, "IDPDYN100");
    }

    [Fact]
    public void Reports_IDPDYN101_at_the_opening_quote_of_a_quoted_Observe()
    {
        var d = Check.Validate(WithPolicies("managementPolicies: 'Observe'\ndeletionPolicy: Orphan\n"));
        Check.Single(d, "IDPDYN101", 1, 21);
    }

    [Fact]
    public void No_IDPDYN101_when_managementPolicies_is_Control()
    {
        var d = Check.Validate(WithPolicies("managementPolicies: Control\ndeletionPolicy: Orphan\n"));
        Check.None(d, "IDPDYN101");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN102

    [Fact]
    public void Reports_IDPDYN102_at_the_start_of_the_file_when_deletionPolicy_is_missing()
    {
        var d = Check.Validate(WithPolicies("# Orders of the webshop\nmanagementPolicies: Control\n"));
        var diagnostic = Check.Single(d, "IDPDYN102", 1, 1);
        Assert.Equal(Severity.Info, diagnostic.Severity);
    }

    [Fact]
    public void Reports_IDPDYN102_when_deletionPolicy_is_missing_and_tables_is_empty()
    {
        // Unlike IDPDYN100 (only while at least one table is defined), IDPDYN102 has no condition; an emptied
        // tables list is exactly when the deletion policy decides what happens to the tables removed from the file.
        var d = Check.Validate(
            """
            managementPolicies: Control
            tables: []

            """);
        Check.Single(d, "IDPDYN102", 1, 1);
    }

    [Fact]
    public void No_IDPDYN102_when_deletionPolicy_is_set()
    {
        var d = Check.Validate(WithPolicies("# Orders of the webshop\nmanagementPolicies: Control\ndeletionPolicy: Orphan\n"));
        Check.None(d, "IDPDYN102");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN103

    [Fact]
    public void Reports_IDPDYN103_when_deletionPolicy_is_Delete()
    {
        var d = Check.Validate(WithPolicies("managementPolicies: Control\ndeletionPolicy: Delete\n"));
        var diagnostic = Check.Single(d, "IDPDYN103", 2, 17);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Check.None(d, "IDPDYN104");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN103_when_deletionPolicy_is_Orphan()
    {
        var d = Check.Validate(WithPolicies("managementPolicies: Control\ndeletionPolicy: Orphan\n"));
        Check.None(d, "IDPDYN103");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN104

    [Fact]
    public void Reports_IDPDYN104_when_Observe_is_combined_with_Delete()
    {
        var d = Check.Validate(WithPolicies("managementPolicies: Observe\ndeletionPolicy: Delete\n"));
        var diagnostic = Check.Single(d, "IDPDYN104", 2, 17);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN104_when_deletionPolicy_comes_before_managementPolicies()
    {
        var d = Check.Validate(WithPolicies("deletionPolicy: Delete\nmanagementPolicies: Observe\n"));
        Check.Single(d, "IDPDYN104", 1, 17);
    }

    [Theory]
    [InlineData("managementPolicies: Observe\ndeletionPolicy: Orphan\n")]
    [InlineData("managementPolicies: Control\ndeletionPolicy: Delete\n")]
    public void No_IDPDYN104_when_Observe_and_Delete_are_not_combined(string policies)
    {
        var d = Check.Validate(WithPolicies(policies));
        Check.None(d, "IDPDYN104");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN105

    [Theory]
    [InlineData("false")]
    [InlineData("no")] // YAML 1.1: Helm reads an unquoted 'no' as boolean false
    [InlineData("Off")]
    public void Reports_IDPDYN105_when_pointInTimeRecovery_is_false(string value)
    {
        var d = Check.Validate(Values.Valid + $"    pointInTimeRecovery: {value}\n");
        var diagnostic = Check.Single(d, "IDPDYN105", 15, 26);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Contains("'Orders'", diagnostic.Message, StringComparison.Ordinal);
        Check.NoErrors(d);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("yes")]
    public void No_IDPDYN105_when_pointInTimeRecovery_is_true(string value)
    {
        var d = Check.Validate(Values.Valid + $"    pointInTimeRecovery: {value}\n");
        Check.None(d, "IDPDYN105");
        Check.NoErrors(d);
    }
}
