using System;
using IdpDynamo.Schema.Tests.Infrastructure;
using static IdpDynamo.Schema.Tests.Infrastructure.YamlEdit;

namespace IdpDynamo.Schema.Tests.Rules;

/// <summary>
/// YAML-level rules: IDPDYN001–006, 017 and 018. Most cases break <see cref="Values.Valid"/>
/// in exactly one place; its line 4 is '  - name: Orders' (value at column 11), line 5 '    hashKey: CustomerId'
/// (value at column 14), line 8 '      - name: CustomerId', line 9 '        type: 'S'' (value at column 15), line 12
/// '    billingMode: PAY_PER_REQUEST' (value at column 18).
/// </summary>
public class YamlRulesTests
{
    private const string Nbsp = "\u00A0";
    private const string ZeroWidthSpace = "\u200B";
    private const string ZeroWidthNoBreakSpace = "\uFEFF";
    private const string CyrillicCapitalO = "\u041E";

    /// <summary>Replaces the single occurrence of <paramref name="oldText"/> (fails the test if it is not unique).</summary>
    // ---------------------------------------------------------------- IDPDYN001

    [Theory]
    [InlineData("\thashKey", 1)]
    [InlineData("  \t  hashKey", 3)]
    public void Reports_IDPDYN001_when_a_tab_is_used_for_indentation(string indentedKey, int column)
    {
        var d = Check.Validate(Replace(Values.Valid, "    hashKey", indentedKey));

        var diagnostic = Check.Single(d, "IDPDYN001", 5, column);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.StartsWith("Invalid YAML: ", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("tab", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN001_when_a_tab_only_separates_a_key_from_its_value()
    {
        var d = Check.Validate(Replace(Values.Valid, "hashKey: CustomerId", "hashKey:\tCustomerId"));

        Check.None(d, "IDPDYN001");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN001_when_a_single_quote_is_not_terminated()
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
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                serviceAccountWriteRoles: 'orders-api-webshop-test

            """);

        // Anchor: the position the parser reports, the opening quote of the unterminated scalar.
        var diagnostic = Check.Single(d, "IDPDYN001", 14, 31);
        Assert.Contains("quoted scalar", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN001_when_a_double_quote_is_not_terminated()
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
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                serviceAccountWriteRoles: ["orders-api-webshop-test]

            """);

        Check.Single(d, "IDPDYN001", 14, 32);
    }

    [Fact]
    public void No_IDPDYN001_when_the_quote_is_terminated()
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
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                serviceAccountWriteRoles: ['orders-api-webshop-test']

            """);

        Check.None(d, "IDPDYN001");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN001_when_a_flow_sequence_at_the_end_of_the_file_is_not_closed()
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
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                serviceAccountWriteRoles: ["orders-api-webshop-test"

            """);

        // The parser notices the missing ']' at the end of the stream.
        var diagnostic = Check.Single(d, "IDPDYN001", 15, 1);
        Assert.Contains("flow sequence", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN001_when_a_flow_sequence_in_the_middle_of_the_file_is_not_closed()
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
                serviceAccountReadRoles: ["orders-api-webshop-test"
                serviceAccountWriteRoles: ["orders-api-webshop-test"]

            """);

        // An unterminated flow collection is malformed YAML (IDPDYN001), not an internal error; the diagnostic
        // belongs at the '[' that is never closed.
        Check.None(d, "IDPDYN999");
        Check.Single(d, "IDPDYN001", 13, 30);
    }

    [Fact]
    public void Reports_IDPDYN001_when_indentation_is_inconsistent()
    {
        var d = Check.Validate(Replace(Values.Valid, "    rangeKey: OrderDate", "   rangeKey: OrderDate"));

        Check.Single(d, "IDPDYN001", 6, 4);
    }

    [Fact]
    public void Reports_IDPDYN001_when_an_alias_names_no_anchor()
    {
        var d = Check.Validate(Replace(Values.Valid, "serviceAccountWriteRoles: [\"orders-api-webshop-test\"]", "serviceAccountWriteRoles: *roles"));

        var diagnostic = Check.Single(d, "IDPDYN001", 14, 31);
        Assert.Contains("'roles'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".inf", "+Inf")]
    [InlineData("-.inf", "-Inf")]
    [InlineData(".NaN", "NaN")]
    public void Reports_IDPDYN001_when_a_value_is_not_finite(string value, string resolved)
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n",
            $"    billingMode: PROVISIONED\n    readCapacity: {value}\n    writeCapacity: 5\n"));

        var diagnostic = Check.Single(d, "IDPDYN001", 13, 19);
        Assert.Contains(resolved, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN001_when_a_name_is_an_unquoted_inf()
    {
        var d = Check.Validate(Replace(Values.Valid, "name: Orders", "name: .inf"));

        Check.Single(d, "IDPDYN001", 4, 11);
    }

    [Fact]
    public void No_IDPDYN001_when_inf_is_quoted()
    {
        var d = Check.Validate(Replace(Values.Valid, "name: Orders", "name: '.inf'"));

        Check.None(d, "IDPDYN001");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN002

    [Fact]
    public void Reports_IDPDYN002_when_a_top_level_key_is_repeated()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            deletionPolicy: Delete
            tables:
              - name: Orders
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        var diagnostic = Check.Single(d, "IDPDYN002", 3, 1);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("Duplicate key 'deletionPolicy' (first defined on line 2); Helm silently uses the last value", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN002_when_a_key_is_repeated_inside_a_table()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n",
            "    billingMode: PAY_PER_REQUEST\n    billingMode: PAY_PER_REQUEST\n"));

        var diagnostic = Check.Single(d, "IDPDYN002", 13, 5);
        Assert.Contains("'billingMode' (first defined on line 12)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN002_when_a_key_is_repeated_inside_an_attribute()
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
                    type: 'N'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        var diagnostic = Check.Single(d, "IDPDYN002", 9, 9);
        Assert.Contains("'type' (first defined on line 8)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN002_when_the_repeated_key_is_quoted()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n",
            "    billingMode: PAY_PER_REQUEST\n    'billingMode': PAY_PER_REQUEST\n"));

        Check.Single(d, "IDPDYN002", 13, 5);
    }

    [Fact]
    public void No_IDPDYN002_when_every_key_appears_once()
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
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        Check.None(d, "IDPDYN002");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN002_when_a_key_overrides_a_merged_key()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - &orders
                name: Orders
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
              - <<: *orders
                name: Returns

            """);

        Check.None(d, "IDPDYN002");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN003

    [Fact]
    public void Reports_IDPDYN003_at_the_second_document_marker()
    {
        var d = Check.Validate(
            """
            ---
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
            ---
            deletionPolicy: Delete

            """);

        var diagnostic = Check.Single(d, "IDPDYN003", 12, 1);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("2 YAML documents", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("(line 12)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN003_when_an_implicit_first_document_is_followed_by_a_second()
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
                serviceAccountReadRoles: ["orders-api-webshop-test"]
            ---
            deletionPolicy: Delete

            """);

        Check.Single(d, "IDPDYN003", 11, 1);
    }

    [Fact]
    public void Reports_IDPDYN003_when_the_first_document_is_empty_and_the_second_holds_the_tables()
    {
        // Helm 3 reads only the first (empty) document and renders nothing; Helm 4 merges both. The second '---' is
        // followed by content, so this is the multi-document case of IDPDYN003 (besides IDPDYN004 for Helm 3's view).
        var d = Check.Validate(
            """
            ---
            # orders tables
            ---
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        Check.Single(d, "IDPDYN003", 3, 1);
    }

    [Fact]
    public void No_IDPDYN003_when_comments_precede_the_only_document_marker()
    {
        var d = Check.Validate(
            """
            # orders tables
            ---
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        Check.None(d, "IDPDYN003");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN003_when_a_single_leading_document_marker_is_used()
    {
        var d = Check.Validate(
            """
            ---
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        Check.None(d, "IDPDYN003");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN003_when_the_second_document_holds_only_a_comment()
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
                serviceAccountReadRoles: ["orders-api-webshop-test"]
            ---
            # deletionPolicy: Delete

            """);

        Check.None(d, "IDPDYN003");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN004

    [Theory]
    [InlineData("")]
    [InlineData("# nothing here yet\n")]
    [InlineData("# nothing here yet\n\n# still nothing\n")]
    [InlineData("managementPolicies: Control\ndeletionPolicy: Orphan\n")]
    public void Reports_IDPDYN004_at_line_1_when_there_is_no_tables_key(string yaml)
    {
        var d = Check.Validate(yaml);

        var diagnostic = Check.Single(d, "IDPDYN004", 1, 1);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Equal("No tables are defined in this values file; the idp-dynamodb release will render no resources", diagnostic.Message);
    }

    [Theory]
    [InlineData("tables: []")]
    [InlineData("tables:")]
    [InlineData("tables: ~")]
    [InlineData("tables: null")]
    public void Reports_IDPDYN004_at_the_tables_key_when_tables_is_empty_or_null(string tablesLine)
    {
        var d = Check.Validate(
            $"""
            managementPolicies: Control
            deletionPolicy: Orphan
            {tablesLine}

            """);

        Check.Single(d, "IDPDYN004", 3, 1);
        // Top-level 'tables' with a null value is 004 only (Helm deletes the key), never 013.
        Check.None(d, "IDPDYN013");
        Check.None(d, "IDPDYN009");
    }

    [Fact]
    public void No_IDPDYN004_when_a_table_is_defined()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN004");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN005

    [Fact]
    public void Reports_IDPDYN005_at_an_alias()
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
                serviceAccountReadRoles: &roles ["orders-api-webshop-test"]
                serviceAccountWriteRoles: *roles

            """);

        var diagnostic = Check.Single(d, "IDPDYN005", 11, 31);
        Assert.Equal(Severity.Info, diagnostic.Severity);
        Assert.Contains("copied from line 10", diagnostic.Message, StringComparison.Ordinal);
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN005_at_a_merge_key()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - &orders
                name: Orders
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
              - <<: *orders
                name: Returns

            """);

        var diagnostic = Check.Single(d, "IDPDYN005", 12, 5);
        Assert.Contains("own 'name'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN005_when_the_values_are_written_out()
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
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                serviceAccountWriteRoles: ["orders-api-webshop-test"]

            """);

        Check.None(d, "IDPDYN005");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN006

    [Fact]
    public void Reports_IDPDYN006_not_IDPDYN009_when_type_is_an_unquoted_N()
    {
        var d = Check.Validate(Replace(Values.Valid, "      - name: CustomerId\n        type: 'S'", "      - name: CustomerId\n        type: N"));

        var diagnostic = Check.Single(d, "IDPDYN006", 9, 15);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("'N' is read by Helm (YAML 1.1) as boolean false, not the string 'N'; quote it: 'N'", diagnostic.Message);
        Check.None(d, "IDPDYN009");
        Check.None(d, "IDPDYN024");
    }

    [Theory]
    [InlineData("S")]
    [InlineData("B")]
    [InlineData("'N'")]
    [InlineData("\"N\"")]
    public void No_IDPDYN006_when_type_is_unquoted_S_or_B_or_a_quoted_N(string type)
    {
        var d = Check.Validate(Replace(Values.Valid, "      - name: CustomerId\n        type: 'S'", $"      - name: CustomerId\n        type: {type}"));

        Check.None(d, "IDPDYN006");
        Check.NoErrors(d);
    }

    [Theory]
    [InlineData("no", "boolean false")]
    [InlineData("yes", "boolean true")]
    [InlineData("off", "boolean false")]
    [InlineData("y", "boolean true")]
    [InlineData("012", "integer 10")]
    [InlineData("0o12", "integer 10")]
    [InlineData("0x1F", "integer 31")]
    [InlineData("0b101", "integer 5")]
    [InlineData("1_000", "integer 1000")]
    [InlineData("+5", "integer 5")]
    [InlineData("1e3", "number 1000")]
    [InlineData(".5", "number 0.5")]
    public void Reports_IDPDYN006_when_an_unquoted_name_is_not_a_string_in_YAML_1_1(string value, string resolved)
    {
        var d = Check.Validate(Replace(Values.Valid, "name: Orders", $"name: {value}"));

        var diagnostic = Check.Single(d, "IDPDYN006", 4, 11);
        Assert.Equal($"'{value}' is read by Helm (YAML 1.1) as {resolved}, not the string '{value}'; quote it: '{value}'", diagnostic.Message);
        Check.None(d, "IDPDYN009");
    }

    [Theory]
    [InlineData("'no'")]
    [InlineData("\"012\"")]
    [InlineData("'0x1F'")]
    [InlineData("'1_000'")]
    [InlineData("2024-01-01")]
    [InlineData("0.1.0")]
    [InlineData("v1")]
    public void No_IDPDYN006_when_the_name_is_quoted_or_stays_a_string(string value)
    {
        var d = Check.Validate(Replace(Values.Valid, "name: Orders", $"name: {value}"));

        Check.None(d, "IDPDYN006");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN006_when_a_key_is_an_unquoted_on()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n", "    billingMode: PAY_PER_REQUEST\n    on: PAY_PER_REQUEST\n"));

        var diagnostic = Check.Single(d, "IDPDYN006", 13, 5);
        Assert.Contains("boolean true", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN006_when_the_on_key_is_quoted()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n", "    billingMode: PAY_PER_REQUEST\n    'on': PAY_PER_REQUEST\n"));

        Check.None(d, "IDPDYN006");
        // Quoted, the key is the string 'on', which the table schema does not allow.
        Check.Single(d, "IDPDYN007", 13, 5);
    }

    // ---------------------------------------------------------------- IDPDYN017

    [Fact]
    public void Reports_IDPDYN017_when_a_custom_tag_is_used()
    {
        var d = Check.Validate(Replace(Values.Valid, "hashKey: CustomerId", "hashKey: !Ref CustomerId"));

        var diagnostic = Check.Single(d, "IDPDYN017", 5, 14);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Equal("YAML tag '!Ref' is ignored by Helm; the value becomes 'CustomerId'", diagnostic.Message);
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN017_when_a_Sub_tag_is_used_on_the_name()
    {
        var d = Check.Validate(Replace(Values.Valid, "name: Orders", "name: !Sub Orders"));

        Check.Single(d, "IDPDYN017", 4, 11);
    }

    [Fact]
    public void Reports_IDPDYN017_when_an_int_tag_changes_the_type()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n",
            "    billingMode: PROVISIONED\n    readCapacity: !!int \"5\"\n    writeCapacity: 5\n"));

        var diagnostic = Check.Single(d, "IDPDYN017", 13, 19);
        Assert.Equal("YAML tag '!!int' is ignored by Helm; the value becomes 5", diagnostic.Message);
        // Helm reads the integer 5, which is what the schema wants.
        Check.None(d, "IDPDYN009");
    }

    [Fact]
    public void Reports_IDPDYN017_when_a_custom_tag_is_used_on_a_sequence()
    {
        // CloudFormation habit: Helm drops the tag and the name becomes the array ["-", ["Orders", "v2"]].
        var d = Check.Validate(Replace(Values.Valid, "name: Orders", "name: !Join [\"-\", [Orders, v2]]"));

        var diagnostic = Check.Single(d, "IDPDYN017", 4, 11);
        Assert.Contains("'!Join'", diagnostic.Message, StringComparison.Ordinal);
        Check.Single(d, "IDPDYN009", 4, 11);
    }

    [Fact]
    public void Reports_IDPDYN017_when_a_custom_tag_is_used_on_a_mapping()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n",
            "    billingMode: PAY_PER_REQUEST\n    ttl: !Ttl\n      attributeName: ExpiresAt\n      enabled: true\n"));

        var diagnostic = Check.Single(d, "IDPDYN017", 13, 10);
        Assert.Contains("'!Ttl'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("!!str N")]
    [InlineData("!!str 'S'")]
    public void No_IDPDYN017_when_the_tag_is_str(string type)
    {
        var d = Check.Validate(Replace(Values.Valid, "      - name: CustomerId\n        type: 'S'", $"      - name: CustomerId\n        type: {type}"));

        Check.None(d, "IDPDYN017");
        Check.None(d, "IDPDYN006");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN017_when_no_tag_is_used()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN017");
    }

    // ---------------------------------------------------------------- IDPDYN018

    [Theory]
    [InlineData("'CustomerId '", "trailing whitespace")]
    [InlineData("\" CustomerId\"", "leading whitespace")]
    [InlineData("\"Customer\\tId\"", "a tab")]
    public void Reports_IDPDYN018_when_a_quoted_hashKey_contains_whitespace(string value, string what)
    {
        var d = Check.Validate(Replace(Values.Valid, "hashKey: CustomerId", $"hashKey: {value}"));

        var diagnostic = Check.Single(d, "IDPDYN018", 5, 14);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Contains(what, diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ord" + Nbsp + "ers", "no-break space (U+00A0) at position 4")]
    [InlineData("Orders" + ZeroWidthSpace, "U+200B")]
    [InlineData("Ord" + ZeroWidthNoBreakSpace + "ers", "U+FEFF")]
    [InlineData(CyrillicCapitalO + "rders", "U+041E")]
    public void Reports_IDPDYN018_when_the_name_contains_an_invisible_or_look_alike_character(string name, string what)
    {
        var d = Check.Validate(Replace(Values.Valid, "name: Orders", $"name: {name}"));

        var diagnostic = Check.Single(d, "IDPDYN018", 4, 11);
        Assert.Contains(what, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN018_when_a_hashKey_contains_a_Cyrillic_O()
    {
        var d = Check.Validate(Replace(Values.Valid, "hashKey: CustomerId", $"hashKey: Cust{CyrillicCapitalO}merId"));

        var diagnostic = Check.Single(d, "IDPDYN018", 5, 14);
        Assert.Contains("position 5", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN018_when_a_role_has_a_trailing_space()
    {
        var d = Check.Validate(Replace(Values.Valid, "serviceAccountReadRoles: [\"orders-api-webshop-test\"]", "serviceAccountReadRoles: [\"orders-api-webshop-test \"]"));

        Check.Single(d, "IDPDYN018", 13, 31);
    }

    [Theory]
    [InlineData("hashKey: CustomerId   ")]
    [InlineData("hashKey: 'CustomerId'")]
    [InlineData("hashKey: \"CustomerId\"")]
    public void No_IDPDYN018_when_the_hashKey_has_no_whitespace_inside_quotes(string line)
    {
        // Trailing spaces after a plain scalar are not part of the value.
        var d = Check.Validate(Replace(Values.Valid, "hashKey: CustomerId", line));

        Check.None(d, "IDPDYN018");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN018_when_the_name_is_plain_ASCII()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN018");
    }
}
