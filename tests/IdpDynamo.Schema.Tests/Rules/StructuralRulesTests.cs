using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using IdpDynamo.Schema.Tests.Infrastructure;
using IdpDynamo.Schema.Validation;
using static IdpDynamo.Schema.Tests.Infrastructure.YamlEdit;

namespace IdpDynamo.Schema.Tests.Rules;

/// <summary>
/// Structural rules taken from the chart schema and the chart-version / platform-key rules: IDPDYN007–016
/// Line numbers of <see cref="Values.Valid"/>: 4 '  - name: Orders', 5 hashKey, 6 rangeKey,
/// 8 '      - name: CustomerId', 9 its type, 12 billingMode (value at column 18), 13 serviceAccountReadRoles
/// (first item at column 31), 14 serviceAccountWriteRoles.
/// </summary>
public class StructuralRulesTests
{
    private const string ApplicationYamlPath = "apps/webshop-test/orders/dynamodb/application.yaml";

    /// <summary>A table with a local secondary index; <paramref name="lsi"/> is the LSI item, indented by 6 spaces, starting at line 15.</summary>
    private static string WithLsi(string lsi)
        => $"""
           managementPolicies: Control
           deletionPolicy: Orphan
           tables:
             - name: Orders
               hashKey: CustomerId
               rangeKey: OrderDate
               attributes:
                 - name: CustomerId
                   type: 'S'
                 - name: OrderDate
                   type: 'S'
                 - name: Total
                   type: 'N'
               billingMode: PAY_PER_REQUEST
               localSecondaryIndex:
           {lsi}
               serviceAccountReadRoles: ["orders-api-webshop-test"]

           """;

    private static ValuesFileResult ValidateWith(string yaml, string? applicationYaml, string? explicitVersion = null)
        => ValuesValidator.Validate(
            Encoding.UTF8.GetBytes(yaml),
            new ValuesFileSettings(Check.DisplayPath, "webshop-test", explicitVersion, applicationYaml, applicationYaml is null ? null : ApplicationYamlPath));

    private static string Application(string chart, string chartVersion)
        => $"""
           apiVersion: argoproj.io/v1alpha1
           kind: Application
           helm:
             chart: {chart}
             chartVersion: {chartVersion}

           """;

    // ---------------------------------------------------------------- IDPDYN007

    [Theory]
    [InlineData("    hashKey:", "    HashKey:", 5, "hashKey")]
    [InlineData("    hashKey:", "    hashkey:", 5, "hashKey")]
    [InlineData("    billingMode:", "    billingmode:", 12, "billingMode")]
    [InlineData("    serviceAccountReadRoles:", "    serviceAccountReadRole:", 13, "serviceAccountReadRoles")]
    [InlineData("    rangeKey:", "    range_key:", 6, "rangeKey")]
    public void Reports_IDPDYN007_with_a_suggestion_when_a_table_key_is_misspelt(string key, string misspelt, int line, string suggestion)
    {
        var d = Check.Validate(Replace(Values.Valid, key, misspelt));

        var diagnostic = Check.Single(d, "IDPDYN007", line, 5);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.StartsWith($"Unknown key '{misspelt.Trim().TrimEnd(':')}' at tables[0]; allowed keys: ", diagnostic.Message, StringComparison.Ordinal);
        Assert.EndsWith($"; did you mean '{suggestion}'?", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN007_when_an_attribute_key_is_capitalised()
    {
        var d = Check.Validate(Replace(Values.Valid, "      - name: CustomerId\n        type: 'S'", "      - name: CustomerId\n        Type: 'S'"));

        var diagnostic = Check.Single(d, "IDPDYN007", 9, 9);
        Assert.Contains("at tables[0].attributes[0]", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'type'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN007_when_localSecondaryIndexes_is_plural()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                attributes:
                  - name: CustomerId
                    type: 'S'
                  - name: OrderDate
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                localSecondaryIndexes: []
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        var diagnostic = Check.Single(d, "IDPDYN007", 13, 5);
        Assert.Contains("did you mean 'localSecondaryIndex'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN007_when_globalSecondaryIndexes_is_plural()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n", "    billingMode: PAY_PER_REQUEST\n    globalSecondaryIndexes: []\n"));

        var diagnostic = Check.Single(d, "IDPDYN007", 13, 5);
        Assert.Contains("did you mean 'globalSecondaryIndex'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN007_when_a_ttl_key_uses_snake_case()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n",
            "    billingMode: PAY_PER_REQUEST\n    ttl:\n      attribute_name: ExpiresAt\n      enabled: true\n"));

        var diagnostic = Check.Single(d, "IDPDYN007", 14, 7);
        Assert.Contains("at tables[0].ttl", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'attributeName'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN007_when_an_LSI_has_a_hashKey()
    {
        var d = Check.Validate(WithLsi(
            """
                  - name: ByTotal
                    hashKey: CustomerId
                    rangeKey: Total
                    projectionType: ALL
                    nonKeyAttributes: []
            """));

        var diagnostic = Check.Single(d, "IDPDYN007", 17, 9);
        Assert.StartsWith("Unknown key 'hashKey' at tables[0].localSecondaryIndex[0]", diagnostic.Message, StringComparison.Ordinal);
        // hashKey is close to no LSI key; the hint explains that an LSI always uses the table's hashKey.
        Assert.Contains("always uses the table's hashKey", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN007_when_the_LSI_has_no_hashKey()
    {
        var d = Check.Validate(WithLsi(
            """
                  - name: ByTotal
                    rangeKey: Total
                    projectionType: ALL
                    nonKeyAttributes: []
            """));

        Check.None(d, "IDPDYN007");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN007_when_table_is_used_at_the_root()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            table:
              - name: Orders
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                billingMode: PAY_PER_REQUEST

            """);

        var diagnostic = Check.Single(d, "IDPDYN007", 3, 1);
        Assert.StartsWith("Unknown key 'table' at the top level; allowed keys: ", diagnostic.Message, StringComparison.Ordinal);
        Assert.EndsWith("; did you mean 'tables'?", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN007_when_every_key_is_spelt_as_in_the_schema()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN007");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN008

    [Fact]
    public void Reports_IDPDYN008_at_the_first_key_of_a_table_without_billingMode()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n", ""));

        var diagnostic = Check.Single(d, "IDPDYN008", 4, 5);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("Missing required key 'billingMode' in tables[0]", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN008_at_the_first_key_of_an_attribute_without_type()
    {
        var d = Check.Validate(Replace(Values.Valid, "      - name: CustomerId\n        type: 'S'\n", "      - name: CustomerId\n"));

        var diagnostic = Check.Single(d, "IDPDYN008", 8, 9);
        Assert.Equal("Missing required key 'type' in tables[0].attributes[0]", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN008_when_ttl_has_no_enabled()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n",
            "    billingMode: PAY_PER_REQUEST\n    ttl:\n      attributeName: ExpiresAt\n"));

        var diagnostic = Check.Single(d, "IDPDYN008", 14, 7);
        Assert.Equal("Missing required key 'enabled' in tables[0].ttl", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN008_when_a_GSI_has_no_projectionType()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                  - name: Status
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                globalSecondaryIndex:
                  - name: ByStatus
                    hashKey: Status
                    rangeKey: CustomerId
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        var diagnostic = Check.Single(d, "IDPDYN008", 13, 9);
        Assert.Equal("Missing required key 'projectionType' in tables[0].globalSecondaryIndex[0]", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN008_with_a_hint_when_an_LSI_has_no_nonKeyAttributes()
    {
        var d = Check.Validate(WithLsi(
            """
                  - name: ByTotal
                    rangeKey: Total
                    projectionType: ALL
            """));

        var diagnostic = Check.Single(d, "IDPDYN008", 16, 9);
        Assert.Equal(
            "Missing required key 'nonKeyAttributes' in tables[0].localSecondaryIndex[0]; use 'nonKeyAttributes: []' when projectionType is ALL or KEYS_ONLY",
            diagnostic.Message);
    }

    [Fact]
    public void No_IDPDYN008_when_the_LSI_has_an_empty_nonKeyAttributes_list()
    {
        var d = Check.Validate(WithLsi(
            """
                  - name: ByTotal
                    rangeKey: Total
                    projectionType: ALL
                    nonKeyAttributes: []
            """));

        Check.None(d, "IDPDYN008");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN008_when_every_required_key_is_present()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN008");
    }

    // ---------------------------------------------------------------- IDPDYN009

    [Fact]
    public void Reports_IDPDYN009_when_pointInTimeRecovery_is_a_quoted_true()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n", "    billingMode: PAY_PER_REQUEST\n    pointInTimeRecovery: 'true'\n"));

        var diagnostic = Check.Single(d, "IDPDYN009", 13, 26);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("tables[0].pointInTimeRecovery must be a boolean but is a string ('true')", diagnostic.Message);
        Check.None(d, "IDPDYN006");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("yes")]
    public void No_IDPDYN009_when_pointInTimeRecovery_is_a_boolean(string value)
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n", $"    billingMode: PAY_PER_REQUEST\n    pointInTimeRecovery: {value}\n"));

        Check.None(d, "IDPDYN009");
        Check.NoErrors(d);
    }

    [Theory]
    [InlineData("5.5", "a number ('5.5')")]
    [InlineData("'5'", "a string ('5')")]
    [InlineData("\"5\"", "a string ('5')")]
    public void Reports_IDPDYN009_when_readCapacity_is_not_an_integer(string value, string actual)
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n",
            $"    billingMode: PROVISIONED\n    readCapacity: {value}\n    writeCapacity: 5\n"));

        var diagnostic = Check.Single(d, "IDPDYN009", 13, 19);
        Assert.Equal($"tables[0].readCapacity must be an integer but is {actual}", diagnostic.Message);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("5.0")]
    public void No_IDPDYN009_when_readCapacity_is_integral(string value)
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n",
            $"    billingMode: PROVISIONED\n    readCapacity: {value}\n    writeCapacity: 5\n"));

        Check.None(d, "IDPDYN009");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN009_when_a_role_list_is_a_single_string()
    {
        var d = Check.Validate(Replace(Values.Valid, "serviceAccountReadRoles: [\"orders-api-webshop-test\"]", "serviceAccountReadRoles: orders-api-webshop-test"));

        var diagnostic = Check.Single(d, "IDPDYN009", 13, 30);
        Assert.Equal("tables[0].serviceAccountReadRoles must be an array but is a string ('orders-api-webshop-test')", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN009_when_tables_is_a_mapping()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              orders:
                name: Orders
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                billingMode: PAY_PER_REQUEST

            """);

        var diagnostic = Check.Single(d, "IDPDYN009", 4, 3);
        Assert.Equal("tables must be an array but is an object", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN009_when_a_table_item_is_a_string()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - Orders

            """);

        Check.Single(d, "IDPDYN009", 4, 5);
    }

    [Fact]
    public void Reports_IDPDYN009_when_ingress_is_not_an_object()
    {
        var d = Check.Validate("ingress: enabled\n" + Values.Valid);

        Check.Single(d, "IDPDYN009", 1, 10);
    }

    // ---------------------------------------------------------------- IDPDYN010

    [Theory]
    [InlineData("billingMode: PAY_PER_REQUEST", "billingMode: pay_per_request", 12, 18, "PAY_PER_REQUEST")]
    [InlineData("billingMode: PAY_PER_REQUEST", "billingMode: ON_DEMAND", 12, 18, "PAY_PER_REQUEST")]
    [InlineData("billingMode: PAY_PER_REQUEST", "billingMode: provisioned", 12, 18, "PROVISIONED")]
    [InlineData("deletionPolicy: Orphan", "deletionPolicy: Retain", 2, 17, "Orphan")]
    [InlineData("managementPolicies: Control", "managementPolicies: control", 1, 21, "Control")]
    public void Reports_IDPDYN010_with_a_suggestion_when_a_value_is_not_in_the_enum(string line, string wrong, int lineNumber, int column, string suggestion)
    {
        var d = Check.Validate(Replace(Values.Valid, line, wrong));

        var diagnostic = Check.Single(d, "IDPDYN010", lineNumber, column);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.EndsWith($"; did you mean '{suggestion}'?", diagnostic.Message, StringComparison.Ordinal);
        string value = wrong.Substring(wrong.IndexOf(": ", StringComparison.Ordinal) + 2);
        string key = wrong.Substring(0, wrong.IndexOf(':'));
        Assert.StartsWith($"'{value}' is not a valid {key}; expected one of ", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN010_when_an_index_projectionType_is_INCLUDES()
    {
        var d = Check.Validate(WithLsi(
            """
                  - name: ByTotal
                    rangeKey: Total
                    projectionType: INCLUDES
                    nonKeyAttributes: [Items]
            """));

        var diagnostic = Check.Single(d, "IDPDYN010", 18, 25);
        Assert.Contains("did you mean 'INCLUDE'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("billingMode: PAY_PER_REQUEST", "billingMode: PAY_PER_REQUEST")]
    [InlineData("deletionPolicy: Orphan", "deletionPolicy: Delete")]
    [InlineData("managementPolicies: Control", "managementPolicies: Observe")]
    public void No_IDPDYN010_when_the_value_is_in_the_enum(string line, string value)
    {
        var d = Check.Validate(Replace(Values.Valid, line, value));

        Check.None(d, "IDPDYN010");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN011

    [Fact]
    public void Reports_IDPDYN011_when_a_role_is_empty()
    {
        var d = Check.Validate(Replace(Values.Valid, "serviceAccountReadRoles: [\"orders-api-webshop-test\"]", "serviceAccountReadRoles: [\"\"]"));

        var diagnostic = Check.Single(d, "IDPDYN011", 13, 31);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("tables[0].serviceAccountReadRoles[0] must not be empty", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN011_when_the_ttl_attributeName_is_empty()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n",
            "    billingMode: PAY_PER_REQUEST\n    ttl:\n      attributeName: ''\n      enabled: true\n"));

        var diagnostic = Check.Single(d, "IDPDYN011", 14, 22);
        Assert.Equal("tables[0].ttl.attributeName must not be empty", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN011_when_an_LSI_name_is_empty()
    {
        var d = Check.Validate(WithLsi(
            """
                  - name: ''
                    rangeKey: Total
                    projectionType: ALL
                    nonKeyAttributes: []
            """));

        Check.Single(d, "IDPDYN011", 16, 15);
    }

    [Theory]
    [InlineData("name: Orders", "name: ''")]
    [InlineData("hashKey: CustomerId", "hashKey: ''")]
    public void No_IDPDYN011_for_empty_table_names_and_keys_which_the_schema_does_not_limit(string line, string empty)
    {
        // These are IDPDYN032 / IDPDYN028, not schema minLength violations.
        var d = Check.Validate(Replace(Values.Valid, line, empty));

        Check.None(d, "IDPDYN011");
    }

    [Fact]
    public void No_IDPDYN011_when_the_role_is_not_empty()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN011");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN012

    [Fact]
    public void Reports_IDPDYN012_at_the_second_occurrence_of_a_role()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles:
                  - orders-api-webshop-test
                  - orders-worker-webshop-test
                  - orders-api-webshop-test

            """);

        var diagnostic = Check.Single(d, "IDPDYN012", 13, 9);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("Role 'orders-api-webshop-test' is listed twice in tables[0].serviceAccountReadRoles (first at line 11)", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN012_in_a_flow_list()
    {
        var d = Check.Validate(Replace(Values.Valid, "serviceAccountWriteRoles: [\"orders-api-webshop-test\"]",
            "serviceAccountWriteRoles: [\"orders-api-webshop-test\", \"orders-api-webshop-test\"]"));

        Check.Single(d, "IDPDYN012", 14, 59);
    }

    [Fact]
    public void No_IDPDYN012_when_the_roles_differ()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles:
                  - orders-api-webshop-test
                  - orders-worker-webshop-test
                  - orders-admin-webshop-test

            """);

        Check.None(d, "IDPDYN012");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN012_when_the_same_role_is_in_the_read_and_the_write_list()
    {
        // Values.Valid grants orders-api-webshop-test both read and write access: two lists, no duplicate.
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN012");
    }

    // ---------------------------------------------------------------- IDPDYN013

    [Theory]
    [InlineData("rangeKey:")]
    [InlineData("rangeKey: ~")]
    [InlineData("rangeKey: null")]
    [InlineData("rangeKey: Null")]
    public void Reports_IDPDYN013_at_the_key_when_rangeKey_has_no_value(string line)
    {
        var d = Check.Validate(Replace(Values.Valid, "rangeKey: OrderDate", line));

        var diagnostic = Check.Single(d, "IDPDYN013", 6, 5);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("'rangeKey' has no value (null); remove the key or give it a value", diagnostic.Message);
        Check.None(d, "IDPDYN009");
    }

    [Theory]
    [InlineData("billingMode:")]
    [InlineData("billingMode: ~")]
    public void Reports_IDPDYN013_when_billingMode_has_no_value(string line)
    {
        // billingMode has an enum but no 'type' in the schema; Helm keeps the null inside the list item and the enum
        // rejects it, so the null is reported like every other key's.
        var d = Check.Validate(Replace(Values.Valid, "billingMode: PAY_PER_REQUEST", line));

        Check.Single(d, "IDPDYN013", 12, 5);
    }

    [Fact]
    public void Reports_IDPDYN013_when_managementPolicies_has_no_value()
    {
        var d = Check.Validate(Replace(Values.Valid, "managementPolicies: Control", "managementPolicies:"));

        Check.Single(d, "IDPDYN013", 1, 1);
    }

    [Fact]
    public void Reports_IDPDYN013_when_ttl_has_no_value()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n", "    billingMode: PAY_PER_REQUEST\n    ttl:\n"));

        Check.Single(d, "IDPDYN013", 13, 5);
    }

    [Fact]
    public void Reports_IDPDYN013_when_an_LSI_rangeKey_has_no_value()
    {
        var d = Check.Validate(WithLsi(
            """
                  - name: ByTotal
                    rangeKey:
                    projectionType: ALL
                    nonKeyAttributes: []
            """));

        Check.Single(d, "IDPDYN013", 17, 9);
    }

    [Fact]
    public void No_IDPDYN013_when_rangeKey_has_a_value()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN013");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN013_when_rangeKey_is_a_quoted_empty_string()
    {
        // '' is an (empty) string, not null: IDPDYN028, not 013.
        var d = Check.Validate(Replace(Values.Valid, "rangeKey: OrderDate", "rangeKey: ''"));

        Check.None(d, "IDPDYN013");
    }

    // ---------------------------------------------------------------- IDPDYN014

    [Fact]
    public void Reports_IDPDYN014_at_line_1_when_no_application_yaml_and_no_explicit_version()
    {
        var result = ValidateWith(Values.Valid, applicationYaml: null);

        var diagnostic = Check.Single(result.Diagnostics, "IDPDYN014", 1, 1);
        Assert.Equal(Severity.Info, diagnostic.Severity);
        Assert.Equal(Check.DisplayPath, diagnostic.File);
        Assert.Equal("No chart version given: there is no application.yaml next to the values file, and none was set (MSBuild IdpDynamoChartVersion, CLI --chart-version); validated against the newest bundled schema, idp-dynamodb 2.1.11", diagnostic.Message);
        Assert.False(result.Skipped);
    }

    [Fact]
    public void IDPDYN014_says_the_application_yaml_has_no_chart_version_when_it_pins_none()
    {
        var result = ValidateWith(Values.Valid, applicationYaml: "helm:\n  chart: helm/idp-dynamodb\n");

        var diagnostic = Check.Single(result.Diagnostics, "IDPDYN014", 1, 1);
        Assert.Equal("No chart version given: the application.yaml next to the values file has no helm.chartVersion, and none was set (MSBuild IdpDynamoChartVersion, CLI --chart-version); validated against the newest bundled schema, idp-dynamodb 2.1.11", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN014_at_line_1_when_the_explicit_version_is_unknown()
    {
        var result = ValidateWith(Values.Valid, applicationYaml: null, explicitVersion: "2.1.99");

        var diagnostic = Check.Single(result.Diagnostics, "IDPDYN014", 1, 1);
        Assert.Equal("Chart version '2.1.99' is unknown to this validator; validated against idp-dynamodb 2.1.11", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN014_in_application_yaml_at_an_unknown_chartVersion()
    {
        var result = ValidateWith(Values.Valid, Application("helm/idp-dynamodb", "\"2.1.99\""));

        var diagnostic = Check.Single(result.Diagnostics, "IDPDYN014", 5, 17);
        Assert.Equal(Severity.Info, diagnostic.Severity);
        Assert.Equal(ApplicationYamlPath, diagnostic.File);
        Assert.Equal("Chart version '2.1.99' is unknown to this validator; validated against idp-dynamodb 2.1.11", diagnostic.Message);
        Assert.False(result.Skipped);
    }

    [Fact]
    public void Reports_IDPDYN014_and_skips_the_file_when_the_chart_is_not_idp_dynamodb()
    {
        // The values file is not even well-formed: it is not validated at all.
        var result = ValidateWith("tables:\n\t- name: Orders\n", Application("helm/idp-s3-bucket", "\"1.4.0\""));

        Assert.True(result.Skipped);
        var diagnostic = Check.Single(result.Diagnostics, "IDPDYN014", 4, 10);
        Assert.Equal(ApplicationYamlPath, diagnostic.File);
        Assert.Equal(Severity.Info, diagnostic.Severity);
        Assert.Single(result.Diagnostics);
    }

    [Theory]
    [InlineData("\"2.1.11\"")]
    [InlineData("2.1.10")]
    [InlineData("'2.1.8'")]
    public void No_IDPDYN014_when_application_yaml_pins_a_known_version(string version)
    {
        var result = ValidateWith(Values.Valid, Application("helm/idp-dynamodb", version));

        Check.None(result.Diagnostics, "IDPDYN014");
        Check.NoErrors(result.Diagnostics);
        Assert.False(result.Skipped);
    }

    [Fact]
    public void No_IDPDYN014_when_the_explicit_version_is_known()
    {
        var result = ValidateWith(Values.Valid, applicationYaml: null, explicitVersion: "2.1.9");

        Check.None(result.Diagnostics, "IDPDYN014");
    }

    // ---------------------------------------------------------------- IDPDYN015

    [Theory]
    [InlineData("idp_aws_account: \"123456789012\"")]
    [InlineData("idp_aws_account: 123456789012")]
    [InlineData("idp_oidc_provider_url: https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE")]
    public void Reports_IDPDYN015_warning_when_a_platform_injected_key_is_set(string line)
    {
        var d = Check.Validate(line + "\n" + Values.Valid);

        var diagnostic = Check.Single(d, "IDPDYN015", 1, 1);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.EndsWith("is set automatically by ArgoCD; a value here overrides it (intended only for local testing)", diagnostic.Message, StringComparison.Ordinal);
        Check.NoErrors(d);
    }

    [Theory]
    [InlineData("ingress: {}", "2.1.11")]
    [InlineData("global: {}", "2.1.10")]
    [InlineData("global: {}", "2.1.11")]
    public void Reports_IDPDYN015_info_when_an_unused_key_is_set(string line, string chartVersion)
    {
        var d = Check.Validate(line + "\n" + Values.Valid, chartVersion: chartVersion);

        var diagnostic = Check.Single(d, "IDPDYN015", 1, 1);
        Assert.Equal(Severity.Info, diagnostic.Severity);
        Assert.EndsWith("is not used by idp-dynamodb", diagnostic.Message, StringComparison.Ordinal);
        Check.None(d, "IDPDYN007");
        Check.NoErrors(d);
    }

    [Theory]
    [InlineData("2.1.8")]
    [InlineData("2.1.9")]
    public void Reports_IDPDYN007_not_IDPDYN015_for_global_before_2_1_10(string chartVersion)
    {
        var d = Check.Validate("global: {}\n" + Values.Valid, chartVersion: chartVersion);

        Check.Single(d, "IDPDYN007", 1, 1);
        Check.None(d, "IDPDYN015");
    }

    [Fact]
    public void Reports_IDPDYN009_when_idp_aws_account_is_a_boolean_on_2_1_11()
    {
        var d = Check.Validate("idp_aws_account: true\n" + Values.Valid, chartVersion: "2.1.11");

        // The bundled schemas: 'idp_aws_account: true' is valid in 2.1.8–2.1.10 and fails 'must be string,number' in
        // 2.1.11 (schema inventory: 009 / 015). 'true' is a boolean in every YAML version, not a YAML 1.1 surprise.
        Check.Single(d, "IDPDYN009", 1, 18);
        Check.None(d, "IDPDYN006");
        Check.Single(d, "IDPDYN015", 1, 1);
    }

    [Theory]
    [InlineData("2.1.8")]
    [InlineData("2.1.9")]
    [InlineData("2.1.10")]
    public void No_IDPDYN009_when_idp_aws_account_is_a_boolean_before_2_1_11(string chartVersion)
    {
        var d = Check.Validate("idp_aws_account: true\n" + Values.Valid, chartVersion: chartVersion);

        Check.None(d, "IDPDYN009");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN015_when_no_platform_key_is_set()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN015");
    }

    // ---------------------------------------------------------------- IDPDYN016

    [Fact]
    public void Reports_IDPDYN016_when_the_modeline_version_differs_from_chartVersion()
    {
        string yaml = "# yaml-language-server: $schema=https://public.docs.idp.jppol.dk/schemas/idp-dynamodb/v2.1.10.json\n" + Values.Valid;
        var result = ValidateWith(yaml, Application("helm/idp-dynamodb", "\"2.1.11\""));

        var diagnostic = Check.Single(result.Diagnostics, "IDPDYN016", 1, 1);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Equal(Check.DisplayPath, diagnostic.File);
        Assert.Equal("Schema modeline uses idp-dynamodb v2.1.10 but application.yaml pins 2.1.11", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN016_when_the_modeline_names_another_chart()
    {
        string yaml = "# yaml-language-server: $schema=https://public.docs.idp.jppol.dk/schemas/idp-s3-bucket/v2.1.11.json\n" + Values.Valid;
        var result = ValidateWith(yaml, Application("helm/idp-dynamodb", "\"2.1.11\""));

        var diagnostic = Check.Single(result.Diagnostics, "IDPDYN016", 1, 1);
        Assert.Contains("idp-s3-bucket", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN016_at_a_modeline_below_other_comments()
    {
        string yaml = "# Orders tables\n# yaml-language-server: $schema=https://public.docs.idp.jppol.dk/schemas/idp-dynamodb/v2.1.8.json\n" + Values.Valid;
        var result = ValidateWith(yaml, Application("helm/idp-dynamodb", "\"2.1.11\""));

        Check.Single(result.Diagnostics, "IDPDYN016", 2, 1);
    }

    [Fact]
    public void No_IDPDYN016_when_the_modeline_matches_chartVersion()
    {
        string yaml = "# yaml-language-server: $schema=https://public.docs.idp.jppol.dk/schemas/idp-dynamodb/v2.1.11.json\n" + Values.Valid;
        var result = ValidateWith(yaml, Application("helm/idp-dynamodb", "\"2.1.11\""));

        Check.None(result.Diagnostics, "IDPDYN016");
        Check.NoErrors(result.Diagnostics);
        Assert.Empty(result.Diagnostics);
    }

    // The modeline is read by hand (no regex): the forms editors accept, and the ones that are not modelines.
    [Theory]
    [InlineData("#yaml-language-server:$schema=https://h/schemas/idp-dynamodb/v2.1.10.json", "2.1.10")]
    [InlineData("#   yaml-language-server:   $schema=https://h/schemas/idp-dynamodb/2.1.9.json   # old", "2.1.9")]
    [InlineData("# yaml-language-server: $schema=../../schemas/x/schemas/idp-dynamodb/v2.1.8-rc.1.json", "2.1.8-rc.1")]
    [InlineData("deletionPolicy: Orphan # yaml-language-server: $schema=https://h/schemas/idp-dynamodb/v2.1.10.json", "2.1.10")]
    public void Reports_IDPDYN016_for_every_modeline_form(string modeline, string version)
    {
        // On line 1, before the valid file (whose own deletionPolicy then repeats the key: IDPDYN002, not checked here).
        var result = ValidateWith(modeline + "\n" + Values.Valid, Application("helm/idp-dynamodb", "\"2.1.11\""));

        var diagnostic = Check.Single(result.Diagnostics, "IDPDYN016", 1, modeline.IndexOf('#', StringComparison.Ordinal) + 1);
        Assert.Equal($"Schema modeline uses idp-dynamodb v{version} but application.yaml pins 2.1.11", diagnostic.Message);
    }

    [Theory]
    [InlineData("# yaml-language-server: $schema=https://h/schemas/idp-dynamodb/vnext.json")]
    [InlineData("# yaml-language-server: $schema=https://h/schemas/idp-dynamodb/v2.1.10.yaml")]
    [InlineData("# yaml-language-server: $schema=https://h/idp-dynamodb/v2.1.10.json")]
    [InlineData("# yaml-language-server: $schema=https://h/schemas//v2.1.10.json")]
    [InlineData("# yaml-language-server: schema=https://h/schemas/idp-dynamodb/v2.1.10.json")]
    [InlineData("# see yaml-language-server: $schema=https://h/schemas/idp-dynamodb/v2.1.10.json")]
    [InlineData("# yaml-language-server: $schema=")]
    public void No_IDPDYN016_for_what_is_not_a_modeline_with_a_version(string modeline)
    {
        var result = ValidateWith(modeline + "\n" + Values.Valid, Application("helm/idp-dynamodb", "\"2.1.11\""));

        Check.None(result.Diagnostics, "IDPDYN016");
    }
}
