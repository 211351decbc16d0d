using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using IdpDynamo.Schema.Tests.Infrastructure;
using IdpDynamo.Schema.Validation;
using static IdpDynamo.Schema.Tests.Infrastructure.YamlEdit;

namespace IdpDynamo.Schema.Tests.Rules;

/// <summary>
/// Table names, regions and capacity: IDPDYN030–038 and 040–044. Line numbers of
/// <see cref="Values.Valid"/>: 4 '  - name: Orders' (value at column 11), 12 '    billingMode: PAY_PER_REQUEST' (value
/// at column 18); lines inserted after billingMode start at line 13 ('    region: ' puts the value at column 13,
/// '    readCapacity: ' at column 19, '    writeCapacity: ' at column 20).
/// </summary>
public class TableRulesTests
{
    /// <summary><see cref="Values.Valid"/> with <paramref name="lines"/> (each indented by 4 spaces) inserted after billingMode.</summary>
    private static string AfterBillingMode(string billingMode, params string[] lines)
    {
        string inserted = string.Concat(Array.ConvertAll(lines, l => "    " + l + "\n"));
        return Replace(Values.Valid, "    billingMode: PAY_PER_REQUEST\n", $"    billingMode: {billingMode}\n" + inserted);
    }

    /// <summary>
    /// Two tables; the second one's name is on line 11 (value at column 11). <paramref name="secondExtra"/> (a key of the
    /// second table, indented by 4 spaces) is appended on line 18.
    /// </summary>
    private static string TwoTables(string firstName, string secondName, string secondExtra = "")
        => $"""
           managementPolicies: Control
           deletionPolicy: Orphan
           tables:
             - name: {firstName}
               hashKey: CustomerId
               attributes:
                 - name: CustomerId
                   type: 'S'
               billingMode: PAY_PER_REQUEST
               serviceAccountReadRoles: ["orders-api-webshop-test"]
             - name: {secondName}
               hashKey: CustomerId
               attributes:
                 - name: CustomerId
                   type: 'S'
               billingMode: PAY_PER_REQUEST
               serviceAccountReadRoles: ["orders-api-webshop-test"]
           {secondExtra}

           """;

    /// <summary>Three PROVISIONED tables; readCapacity values on lines 10, 19 and 28 (column 19).</summary>
    private static string ThreeProvisioned(int first, int second, int third, string thirdRegion = "eu-west-1")
        => $"""
           managementPolicies: Control
           deletionPolicy: Orphan
           tables:
             - name: Orders
               hashKey: CustomerId
               attributes:
                 - name: CustomerId
                   type: 'S'
               billingMode: PROVISIONED
               readCapacity: {first}
               writeCapacity: 5
               serviceAccountReadRoles: ["orders-api-webshop-test"]
             - name: Returns
               hashKey: CustomerId
               attributes:
                 - name: CustomerId
                   type: 'S'
               billingMode: PROVISIONED
               readCapacity: {second}
               writeCapacity: 5
               serviceAccountReadRoles: ["orders-api-webshop-test"]
             - name: Invoices
               hashKey: CustomerId
               attributes:
                 - name: CustomerId
                   type: 'S'
               billingMode: PROVISIONED
               readCapacity: {third}
               writeCapacity: 5
               region: {thirdRegion}
               serviceAccountReadRoles: ["orders-api-webshop-test"]

           """;

    private static string WithGsi(string billingMode)
        => $"""
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
               billingMode: {billingMode}
               readCapacity: 5
               writeCapacity: 5
               globalSecondaryIndex:
                 - name: ByStatus
                   hashKey: Status
                   rangeKey: CustomerId
                   projectionType: ALL
               serviceAccountReadRoles: ["orders-api-webshop-test"]

           """;

    // ---------------------------------------------------------------- IDPDYN030

    [Theory]
    [InlineData("webshop-test", false, 243, 256, 242, "webshop-test-")]
    [InlineData("webshop-test", true, 239, 256, 238, "idp-webshop-test-")]
    [InlineData(null, false, 192, 256, 191, "<namespace>-")]
    [InlineData(null, true, 188, 256, 187, "idp-<namespace>-")]
    public void Reports_IDPDYN030_when_the_rendered_table_name_is_longer_than_255(string? ns, bool useIdpPrefix, int nameLength, int rendered, int max, string prefix)
    {
        string name = new string('o', nameLength);
        string yaml = Replace(Values.Valid, "name: Orders", $"name: {name}");
        if (useIdpPrefix)
        {
            yaml = Replace(yaml, "    billingMode:", "    useIdpPrefix: true\n    billingMode:");
        }

        var d = Check.Validate(yaml, ns: ns);

        var diagnostic = Check.Single(d, "IDPDYN030", 4, 11);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains($"would be {rendered} characters", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains($"(the chart adds '{prefix}')", diagnostic.Message, StringComparison.Ordinal);
        Assert.EndsWith($"Shorten 'name' to at most {max} characters", diagnostic.Message, StringComparison.Ordinal);
        if (ns is null)
        {
            Assert.Contains("assuming a 63-character namespace", diagnostic.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("webshop-test", false, 242)]
    [InlineData("webshop-test", true, 238)]
    [InlineData(null, false, 191)]
    [InlineData(null, true, 187)]
    public void No_IDPDYN030_when_the_rendered_table_name_has_255_characters(string? ns, bool useIdpPrefix, int nameLength)
    {
        string yaml = Replace(Values.Valid, "name: Orders", $"name: {new string('o', nameLength)}");
        if (useIdpPrefix)
        {
            yaml = Replace(yaml, "    billingMode:", "    useIdpPrefix: true\n    billingMode:");
        }

        var d = Check.Validate(yaml, ns: ns);

        Check.None(d, "IDPDYN030");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN031

    [Theory]
    [InlineData("Orders v2", 17, " ")]
    [InlineData("'Orders v2'", 18, " ")]
    [InlineData("\"Orders v2\"", 18, " ")]
    [InlineData("Orders:v2", 17, ":")]
    [InlineData("kunder/ordrer", 17, "/")]
    [InlineData("orders@shop", 17, "@")]
    [InlineData("Bøger", 12, "ø")]
    public void Reports_IDPDYN031_at_the_first_invalid_character_of_the_name(string name, int column, string bad)
    {
        var d = Check.Validate(Replace(Values.Valid, "name: Orders", $"name: {name}"));

        var diagnostic = Check.Single(d, "IDPDYN031", 4, column);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.StartsWith($"Table name 'webshop-test-{name.Trim('\'', '"')}' contains '{bad}'; only a-z, A-Z, 0-9, '_', '-' and '.' are allowed", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Orders-v2")]
    [InlineData("Orders_v2.1")]
    [InlineData("'Orders.v2'")]
    public void No_IDPDYN031_when_the_name_has_only_allowed_characters(string name)
    {
        var d = Check.Validate(Replace(Values.Valid, "name: Orders", $"name: {name}"));

        Check.None(d, "IDPDYN031");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN032

    [Theory]
    [InlineData("''")]
    [InlineData("\"\"")]
    public void Reports_IDPDYN032_when_the_name_is_empty(string empty)
    {
        var d = Check.Validate(Replace(Values.Valid, "name: Orders", $"name: {empty}"));

        var diagnostic = Check.Single(d, "IDPDYN032", 4, 11);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("Table 'name' is empty; it would create the table 'webshop-test-'", diagnostic.Message);
        Check.None(d, "IDPDYN011");
        Check.None(d, "IDPDYN030");
    }

    [Fact]
    public void No_IDPDYN032_when_the_name_is_not_empty()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN032");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN033

    [Fact]
    public void Reports_IDPDYN033_error_at_the_second_table_with_the_same_name_and_region()
    {
        var d = Check.Validate(TwoTables("Orders", "Orders"));

        var diagnostic = Check.Single(d, "IDPDYN033", 11, 11);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal($"Table 'webshop-test-Orders' is defined twice (first at {Check.DisplayPath}:4); each table needs a unique name", diagnostic.Message);
        Check.None(d, "IDPDYN034");
    }

    [Fact]
    public void Reports_IDPDYN033_error_when_one_table_names_the_default_region_explicitly()
    {
        var d = Check.Validate(TwoTables("Orders", "Orders", "    region: eu-west-1"));

        var diagnostic = Check.Single(d, "IDPDYN033", 11, 11);
        Assert.Equal(Severity.Error, diagnostic.Severity);
    }

    [Fact]
    public void Reports_IDPDYN033_warning_when_the_same_name_is_used_in_another_region()
    {
        var d = Check.Validate(TwoTables("Orders", "Orders", "    region: eu-north-1"));

        var diagnostic = Check.Single(d, "IDPDYN033", 11, 11);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Contains("in regions 'eu-west-1' and 'eu-north-1'", diagnostic.Message, StringComparison.Ordinal);
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN033_when_the_namespace_is_unknown()
    {
        var d = Check.Validate(TwoTables("Orders", "Orders"), ns: null);

        Check.Single(d, "IDPDYN033", 11, 11);
    }

    [Fact]
    public void No_IDPDYN033_when_the_names_differ()
    {
        var d = Check.Validate(TwoTables("Orders", "Returns"));

        Check.None(d, "IDPDYN033");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN033_when_only_one_table_uses_the_idp_prefix()
    {
        // idp-webshop-test-Orders and webshop-test-Orders are different tables.
        var d = Check.Validate(TwoTables("Orders", "Orders", "    useIdpPrefix: true"));

        Check.None(d, "IDPDYN033");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN033_error_when_a_third_table_repeats_the_name_and_region_of_the_second()
    {
        // Orders (eu-west-1), Orders (eu-north-1), Orders (eu-north-1): the third entry collides with the second in
        // eu-north-1 (ResourceInUseException), although its first match by name is in another region.
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
              - name: Orders
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                region: eu-north-1
                serviceAccountReadRoles: ["orders-api-webshop-test"]
              - name: Orders
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                region: eu-north-1
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        // The second entry is a warning (other region than the first); the third is an error against the second.
        Assert.Equal(2, d.Count(x => x.Id == "IDPDYN033"));
        Assert.Equal(Severity.Warning, Check.Has(d, "IDPDYN033", 11, 11).Severity);
        var third = Check.Has(d, "IDPDYN033", 19, 11);
        Assert.True(third.Severity == Severity.Error, Check.Describe(d));
        Assert.Contains($"first at {Check.DisplayPath}:11", third.Message, StringComparison.Ordinal);
    }

    private const string ReturnsPath = "apps/webshop-test/returns/dynamodb/values.yaml";

    private static ValuesFileResult ValidateFile(string path, string? ns, string yaml)
        => ValuesValidator.Validate(Encoding.UTF8.GetBytes(yaml), new ValuesFileSettings(path, ns, "2.1.11"));

    [Fact]
    public void Reports_IDPDYN033_error_across_values_files_of_one_namespace()
    {
        var files = new List<ValuesFileResult>
        {
            ValidateFile(Check.DisplayPath, "webshop-test", Values.Valid),
            ValidateFile(ReturnsPath, "webshop-test", Values.Valid),
        };

        var d = ValuesValidator.ValidateAcrossFiles(files);

        var diagnostic = Check.Single(d, "IDPDYN033", 4, 11);
        Assert.Equal(ReturnsPath, diagnostic.File);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal($"Table 'webshop-test-Orders' is defined twice (first at {Check.DisplayPath}:4); each table needs a unique name", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN033_warning_across_values_files_when_the_regions_differ()
    {
        var files = new List<ValuesFileResult>
        {
            ValidateFile(Check.DisplayPath, "webshop-test", Values.Valid),
            ValidateFile(ReturnsPath, "webshop-test", AfterBillingMode("PAY_PER_REQUEST", "region: eu-north-1")),
        };

        var d = ValuesValidator.ValidateAcrossFiles(files);

        var diagnostic = Check.Single(d, "IDPDYN033", 4, 11);
        Assert.Equal(ReturnsPath, diagnostic.File);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void Reports_IDPDYN033_error_across_values_files_when_a_third_file_repeats_the_region_of_the_second()
    {
        const string InvoicesPath = "apps/webshop-test/invoices/dynamodb/values.yaml";
        var files = new List<ValuesFileResult>
        {
            ValidateFile(Check.DisplayPath, "webshop-test", Values.Valid),
            ValidateFile(ReturnsPath, "webshop-test", AfterBillingMode("PAY_PER_REQUEST", "region: eu-north-1")),
            ValidateFile(InvoicesPath, "webshop-test", AfterBillingMode("PAY_PER_REQUEST", "region: eu-north-1")),
        };

        var d = ValuesValidator.ValidateAcrossFiles(files);

        var inInvoices = d.Where(x => x.Id == "IDPDYN033" && x.File == InvoicesPath).ToList();
        Assert.True(inInvoices.Count == 1, Check.Describe(d));
        Assert.Equal(Severity.Error, inInvoices[0].Severity);
        Assert.Contains($"first at {ReturnsPath}:4", inInvoices[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN033_across_values_files_of_different_namespaces()
    {
        var files = new List<ValuesFileResult>
        {
            ValidateFile(Check.DisplayPath, "webshop-test", Values.Valid),
            ValidateFile("apps/webshop-prod/orders/dynamodb/values.yaml", "webshop-prod", Values.Valid),
        };

        var d = ValuesValidator.ValidateAcrossFiles(files);

        Check.None(d, "IDPDYN033");
    }

    // ---------------------------------------------------------------- IDPDYN034

    [Fact]
    public void Reports_IDPDYN034_when_two_names_differ_only_by_case()
    {
        var d = Check.Validate(TwoTables("Orders", "orders"));

        var diagnostic = Check.Single(d, "IDPDYN034", 11, 11);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Equal("Tables 'webshop-test-Orders' and 'webshop-test-orders' differ only by case", diagnostic.Message);
        Check.None(d, "IDPDYN033");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN034_when_the_names_differ_by_more_than_case()
    {
        var d = Check.Validate(TwoTables("Orders", "orders2"));

        Check.None(d, "IDPDYN034");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN035

    [Fact]
    public void Reports_IDPDYN035_at_the_key_when_useIdpPrefix_is_true()
    {
        var d = Check.Validate(AfterBillingMode("PAY_PER_REQUEST", "useIdpPrefix: true"));

        var diagnostic = Check.Single(d, "IDPDYN035", 13, 5);
        Assert.Equal(Severity.Info, diagnostic.Severity);
        Assert.Equal("useIdpPrefix is for legacy tables only; omit it for new tables (table becomes 'idp-webshop-test-Orders')", diagnostic.Message);
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN035_when_useIdpPrefix_is_false()
    {
        var d = Check.Validate(AfterBillingMode("PAY_PER_REQUEST", "useIdpPrefix: false"));

        Check.None(d, "IDPDYN035");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN036

    [Theory]
    [InlineData("webshop-test-Orders", "webshop-test-", "webshop-test-webshop-test-Orders")]
    [InlineData("idp-Orders", "idp-", "webshop-test-idp-Orders")]
    public void Reports_IDPDYN036_when_the_name_already_carries_a_prefix(string name, string prefix, string rendered)
    {
        var d = Check.Validate(Replace(Values.Valid, "name: Orders", $"name: {name}"));

        var diagnostic = Check.Single(d, "IDPDYN036", 4, 11);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Equal($"'name' already starts with '{prefix}'; the chart adds the namespace itself, so the table would be '{rendered}'", diagnostic.Message);
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN036_for_an_idp_prefix_when_the_namespace_is_unknown()
    {
        var d = Check.Validate(Replace(Values.Valid, "name: Orders", "name: idp-Orders"), ns: null);

        Check.Single(d, "IDPDYN036", 4, 11);
    }

    [Theory]
    [InlineData("Orders", "webshop-test")]
    [InlineData("webshopOrders", "webshop-test")]
    [InlineData("webshop-test-Orders", null)]
    public void No_IDPDYN036_when_the_name_does_not_start_with_a_known_prefix(string name, string? ns)
    {
        var d = Check.Validate(Replace(Values.Valid, "name: Orders", $"name: {name}"), ns: ns);

        Check.None(d, "IDPDYN036");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN037

    [Theory]
    [InlineData("eu-west1", "eu-west-1")]
    [InlineData("EU-WEST-1", "eu-west-1")]
    [InlineData("eu_west_1", "eu-west-1")]
    [InlineData("eu-west", "eu-west-1")]
    [InlineData("Ireland", "eu-west-1")]
    public void Reports_IDPDYN037_error_with_a_suggestion_when_the_region_is_malformed(string region, string suggestion)
    {
        var d = Check.Validate(AfterBillingMode("PAY_PER_REQUEST", $"region: {region}"));

        var diagnostic = Check.Single(d, "IDPDYN037", 13, 13);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal($"'{region}' is not a valid AWS region; did you mean '{suggestion}'?", diagnostic.Message);
    }

    [Theory]
    [InlineData("cn-north-1")]
    [InlineData("us-gov-west-1")]
    [InlineData("aws-global")]
    public void Reports_IDPDYN037_error_when_the_region_belongs_to_another_partition(string region)
    {
        var d = Check.Validate(AfterBillingMode("PAY_PER_REQUEST", $"region: {region}"));

        var diagnostic = Check.Single(d, "IDPDYN037", 13, 13);
        Assert.Equal(Severity.Error, diagnostic.Severity);
    }

    [Fact]
    public void Reports_IDPDYN037_warning_when_the_region_is_well_formed_but_unknown()
    {
        var d = Check.Validate(AfterBillingMode("PAY_PER_REQUEST", "region: eu-west-9"));

        var diagnostic = Check.Single(d, "IDPDYN037", 13, 13);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Check.NoErrors(d);
    }

    [Theory]
    [InlineData("eu-west-1")]
    [InlineData("eu-north-1")]
    [InlineData("us-east-1")]
    public void No_IDPDYN037_when_the_region_is_known(string region)
    {
        var d = Check.Validate(AfterBillingMode("PAY_PER_REQUEST", $"region: {region}"));

        Check.None(d, "IDPDYN037");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN038

    [Fact]
    public void Reports_IDPDYN038_when_the_region_differs_from_the_default()
    {
        var d = Check.Validate(AfterBillingMode("PAY_PER_REQUEST", "region: eu-north-1"));

        var diagnostic = Check.Single(d, "IDPDYN038", 13, 13);
        Assert.Equal(Severity.Info, diagnostic.Severity);
        Assert.Equal("Region 'eu-north-1' differs from the default eu-west-1; the table and its IAM policy will live in eu-north-1", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN038_for_an_opt_in_region()
    {
        var d = Check.Validate(AfterBillingMode("PAY_PER_REQUEST", "region: eu-south-1"));

        var diagnostic = Check.Single(d, "IDPDYN038", 13, 13);
        Assert.StartsWith("Region 'eu-south-1' is an opt-in region that must be enabled for the platform account; ", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN038_when_the_region_is_the_default()
    {
        var d = Check.Validate(AfterBillingMode("PAY_PER_REQUEST", "region: eu-west-1"));

        Check.None(d, "IDPDYN038");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN040

    [Fact]
    public void Reports_IDPDYN040_at_billingMode_when_a_PROVISIONED_table_has_no_capacity()
    {
        var d = Check.Validate(AfterBillingMode("PROVISIONED"));

        var diagnostic = Check.Single(d, "IDPDYN040", 12, 18);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("Table 'Orders' uses PROVISIONED billing but readCapacity and writeCapacity are missing; set both readCapacity and writeCapacity (≥ 1)", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN040_when_a_PROVISIONED_table_has_only_readCapacity()
    {
        var d = Check.Validate(AfterBillingMode("PROVISIONED", "readCapacity: 5"));

        var diagnostic = Check.Single(d, "IDPDYN040", 12, 18);
        Assert.Contains("but writeCapacity is missing", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN040_when_a_PROVISIONED_table_has_both_capacities()
    {
        var d = Check.Validate(AfterBillingMode("PROVISIONED", "readCapacity: 5", "writeCapacity: 5"));

        Check.None(d, "IDPDYN040");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN040_when_readCapacity_is_present_but_quoted()
    {
        // The capacity is not missing; its type is wrong, which IDPDYN009 reports.
        var d = Check.Validate(AfterBillingMode("PROVISIONED", "readCapacity: '5'", "writeCapacity: 5"));

        Check.Single(d, "IDPDYN009", 13, 19);
        Check.None(d, "IDPDYN040");
    }

    // ---------------------------------------------------------------- IDPDYN041

    [Fact]
    public void Reports_IDPDYN041_when_readCapacity_is_0()
    {
        var d = Check.Validate(AfterBillingMode("PROVISIONED", "readCapacity: 0", "writeCapacity: 5"));

        var diagnostic = Check.Single(d, "IDPDYN041", 13, 19);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("readCapacity must be at least 1 for PROVISIONED tables (got 0)", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN041_when_writeCapacity_is_negative()
    {
        var d = Check.Validate(AfterBillingMode("PROVISIONED", "readCapacity: 5", "writeCapacity: -1"));

        var diagnostic = Check.Single(d, "IDPDYN041", 14, 20);
        Assert.Equal("writeCapacity must be at least 1 for PROVISIONED tables (got -1)", diagnostic.Message);
    }

    [Fact]
    public void No_IDPDYN041_when_the_capacities_are_1()
    {
        var d = Check.Validate(AfterBillingMode("PROVISIONED", "readCapacity: 1", "writeCapacity: 1"));

        Check.None(d, "IDPDYN041");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN042

    [Fact]
    public void Reports_IDPDYN042_when_readCapacity_exceeds_the_per_table_quota()
    {
        var d = Check.Validate(AfterBillingMode("PROVISIONED", "readCapacity: 40001", "writeCapacity: 5"));

        var diagnostic = Check.Single(d, "IDPDYN042", 13, 19);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Equal("readCapacity 40001 exceeds the default DynamoDB quota of 40,000 capacity units per table; the account needs a quota increase", diagnostic.Message);
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN042_when_writeCapacity_exceeds_the_per_table_quota()
    {
        var d = Check.Validate(AfterBillingMode("PROVISIONED", "readCapacity: 5", "writeCapacity: 40001"));

        Check.Single(d, "IDPDYN042", 14, 20);
    }

    [Fact]
    public void No_IDPDYN042_when_the_capacities_are_at_the_per_table_quota()
    {
        var d = Check.Validate(AfterBillingMode("PROVISIONED", "readCapacity: 40000", "writeCapacity: 40000"));

        Check.None(d, "IDPDYN042");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN042_at_the_table_that_takes_the_region_sum_above_80000()
    {
        var d = Check.Validate(ThreeProvisioned(40000, 40000, 1));

        var diagnostic = Check.Single(d, "IDPDYN042", 28, 19);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Contains("80001 readCapacity units in eu-west-1", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("80,000 per account and region", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN042_when_the_region_sum_is_80000()
    {
        var d = Check.Validate(ThreeProvisioned(40000, 39999, 1));

        Check.None(d, "IDPDYN042");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN042_when_the_capacity_is_spread_over_two_regions()
    {
        var d = Check.Validate(ThreeProvisioned(40000, 40000, 1, thirdRegion: "eu-north-1"));

        Check.None(d, "IDPDYN042");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN043

    [Theory]
    [InlineData("readCapacity", 13)]
    [InlineData("writeCapacity", 13)]
    public void Reports_IDPDYN043_at_the_key_when_capacity_is_set_on_a_PAY_PER_REQUEST_table(string key, int line)
    {
        var d = Check.Validate(AfterBillingMode("PAY_PER_REQUEST", $"{key}: 5"));

        var diagnostic = Check.Single(d, "IDPDYN043", line, 5);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Equal($"{key} has no effect with PAY_PER_REQUEST billing; remove it or switch to PROVISIONED", diagnostic.Message);
        Check.None(d, "IDPDYN040");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN043_when_a_PAY_PER_REQUEST_table_sets_no_capacity()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN043");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN043_when_capacity_is_set_on_a_PROVISIONED_table()
    {
        var d = Check.Validate(AfterBillingMode("PROVISIONED", "readCapacity: 5", "writeCapacity: 5"));

        Check.None(d, "IDPDYN043");
    }

    // ---------------------------------------------------------------- IDPDYN044

    [Fact]
    public void Reports_IDPDYN044_at_billingMode_when_a_PROVISIONED_table_has_a_GSI()
    {
        var d = Check.Validate(WithGsi("PROVISIONED"));

        var diagnostic = Check.Single(d, "IDPDYN044", 11, 18);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("Table 'Orders' has global secondary indexes; the chart does not set GSI capacity, so PROVISIONED billing fails. Use billingMode: PAY_PER_REQUEST", diagnostic.Message);
    }

    [Fact]
    public void No_IDPDYN044_when_the_table_with_a_GSI_is_PAY_PER_REQUEST()
    {
        var d = Check.Validate(Replace(Replace(WithGsi("PAY_PER_REQUEST"), "    readCapacity: 5\n", ""), "    writeCapacity: 5\n", ""));

        Check.None(d, "IDPDYN044");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN044_when_the_PROVISIONED_table_has_an_empty_GSI_list()
    {
        var d = Check.Validate(AfterBillingMode("PROVISIONED", "readCapacity: 5", "writeCapacity: 5", "globalSecondaryIndex: []"));

        Check.None(d, "IDPDYN044");
        Check.NoErrors(d);
    }
}
