using System;
using IdpDynamo.Schema.Tests.Infrastructure;
using static IdpDynamo.Schema.Tests.Infrastructure.YamlEdit;

namespace IdpDynamo.Schema.Tests.Rules;

/// <summary>
/// Table keys and attribute definitions: IDPDYN020–029, 039 and 045. Line numbers of
/// <see cref="Values.Valid"/>: 5 '    hashKey: CustomerId' (value at column 14), 6 '    rangeKey: OrderDate' (value at
/// column 15), 8 '      - name: CustomerId' (value at column 15), 9 its type (value at column 15), 10 OrderDate, 11 its type.
/// </summary>
public class KeyRulesTests
{
    /// <summary>
    /// Orders (hash CustomerId, range ExpiresAt or OrderDate) with a ttl block; <paramref name="attributes"/> is the
    /// attribute list indented by 6 spaces starting at line 8, the ttl block follows.
    /// </summary>
    private static string WithTtl(string rangeKey, string attributes, string ttlAttribute)
        => $"""
           managementPolicies: Control
           deletionPolicy: Orphan
           tables:
             - name: Orders
               hashKey: CustomerId
               rangeKey: {rangeKey}
               attributes:
           {attributes}
               billingMode: PAY_PER_REQUEST
               ttl:
                 attributeName: {ttlAttribute}
                 enabled: true
               serviceAccountReadRoles: ["orders-api-webshop-test"]

           """;

    // ---------------------------------------------------------------- IDPDYN020

    [Fact]
    public void Reports_IDPDYN020_when_hashKey_is_not_declared()
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
                  - name: OrderDate
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        var diagnostic = Check.Single(d, "IDPDYN020", 5, 14);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("hashKey 'CustomerId' of table 'Orders' is not declared in 'attributes'; add \"- name: CustomerId\" with type 'S', 'N' or 'B'", diagnostic.Message);
        Check.None(d, "IDPDYN029");
    }

    [Fact]
    public void Reports_IDPDYN020_when_attributes_is_empty()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                attributes: []
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        Check.Single(d, "IDPDYN020", 5, 14);
    }

    [Fact]
    public void No_IDPDYN020_when_hashKey_is_declared()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN020");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN021

    [Fact]
    public void Reports_IDPDYN021_when_rangeKey_is_not_declared()
    {
        var d = Check.Validate(Replace(Values.Valid, "      - name: OrderDate\n        type: 'S'\n", ""));

        var diagnostic = Check.Single(d, "IDPDYN021", 6, 15);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.StartsWith("rangeKey 'OrderDate' of table 'Orders' is not declared in 'attributes'", diagnostic.Message, StringComparison.Ordinal);
        Check.None(d, "IDPDYN020");
    }

    [Fact]
    public void No_IDPDYN021_when_rangeKey_is_declared()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN021");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN022

    [Fact]
    public void Reports_IDPDYN022_when_an_attribute_is_not_a_key()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode:", "      - name: Status\n        type: 'S'\n    billingMode:"));

        var diagnostic = Check.Single(d, "IDPDYN022", 12, 15);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.StartsWith("Attribute 'Status' is declared but is not a key of table 'Orders' or of any of its indexes", diagnostic.Message, StringComparison.Ordinal);
        Check.None(d, "IDPDYN023");
    }

    [Fact]
    public void Reports_IDPDYN022_when_an_unused_attribute_is_declared_in_a_table_with_a_GSI()
    {
        // dynalite accepts this (it only compares counts without indexes); AWS and Terraform reject it.
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
                  - name: Total
                    type: 'N'
                billingMode: PAY_PER_REQUEST
                globalSecondaryIndex:
                  - name: ByStatus
                    hashKey: Status
                    rangeKey: CustomerId
                    projectionType: ALL
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        Check.Single(d, "IDPDYN022", 11, 15);
    }

    [Fact]
    public void No_IDPDYN022_when_the_attribute_is_a_GSI_key()
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
                    projectionType: ALL
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        Check.None(d, "IDPDYN022");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN022_when_every_attribute_is_a_key()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN022");
    }

    // ---------------------------------------------------------------- IDPDYN023

    [Fact]
    public void Reports_IDPDYN023_not_IDPDYN022_when_the_ttl_attribute_is_declared()
    {
        var d = Check.Validate(WithTtl("OrderDate",
            """
                  - name: CustomerId
                    type: 'S'
                  - name: OrderDate
                    type: 'S'
                  - name: ExpiresAt
                    type: 'N'
            """,
            "ExpiresAt"));

        var diagnostic = Check.Single(d, "IDPDYN023", 12, 15);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("TTL attribute 'ExpiresAt' must not be declared in 'attributes' unless it is also a key; remove it (TTL needs no attribute definition)", diagnostic.Message);
        Check.None(d, "IDPDYN022");
    }

    [Fact]
    public void No_IDPDYN023_when_the_ttl_attribute_is_not_declared()
    {
        var d = Check.Validate(WithTtl("OrderDate",
            """
                  - name: CustomerId
                    type: 'S'
                  - name: OrderDate
                    type: 'S'
            """,
            "ExpiresAt"));

        Check.None(d, "IDPDYN023");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN023_when_the_ttl_attribute_is_also_a_key()
    {
        var d = Check.Validate(WithTtl("ExpiresAt",
            """
                  - name: CustomerId
                    type: 'S'
                  - name: ExpiresAt
                    type: 'N'
            """,
            "ExpiresAt"));

        Check.None(d, "IDPDYN023");
        Check.None(d, "IDPDYN022");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN024

    [Theory]
    [InlineData("'Text'", "Text", "")]
    [InlineData("'s'", "s", "; did you mean 'S'?")]
    [InlineData("String", "String", "; did you mean 'S'?")]
    [InlineData("Number", "Number", "; did you mean 'N'?")]
    [InlineData("Integer", "Integer", "; did you mean 'N'?")]
    [InlineData("Binary", "Binary", "; did you mean 'B'?")]
    [InlineData("BOOL", "BOOL", "; set, list, map, null and boolean types are not allowed for keys")]
    [InlineData("SS", "SS", "; set, list, map, null and boolean types are not allowed for keys")]
    [InlineData("M", "M", "; set, list, map, null and boolean types are not allowed for keys")]
    public void Reports_IDPDYN024_when_the_attribute_type_is_not_S_N_or_B(string written, string value, string hint)
    {
        var d = Check.Validate(Replace(Values.Valid, "      - name: CustomerId\n        type: 'S'", $"      - name: CustomerId\n        type: {written}"));

        var diagnostic = Check.Single(d, "IDPDYN024", 9, 15);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal($"Attribute type '{value}' of 'CustomerId' is invalid; key attributes must be 'S' (string), 'N' (number) or 'B' (binary){hint}", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN024_when_the_attribute_type_is_empty()
    {
        var d = Check.Validate(Replace(Values.Valid, "      - name: CustomerId\n        type: 'S'", "      - name: CustomerId\n        type: ''"));

        Check.Single(d, "IDPDYN024", 9, 15);
    }

    [Fact]
    public void Reports_IDPDYN006_not_IDPDYN024_when_the_type_is_an_unquoted_N()
    {
        var d = Check.Validate(Replace(Values.Valid, "      - name: CustomerId\n        type: 'S'", "      - name: CustomerId\n        type: N"));

        Check.None(d, "IDPDYN024");
        Check.Single(d, "IDPDYN006", 9, 15);
    }

    [Theory]
    [InlineData("'S'")]
    [InlineData("'N'")]
    [InlineData("'B'")]
    public void No_IDPDYN024_when_the_type_is_S_N_or_B(string type)
    {
        var d = Check.Validate(Replace(Values.Valid, "      - name: CustomerId\n        type: 'S'", $"      - name: CustomerId\n        type: {type}"));

        Check.None(d, "IDPDYN024");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN025

    [Fact]
    public void Reports_IDPDYN025_error_when_an_attribute_is_declared_twice_with_different_types()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode:", "      - name: CustomerId\n        type: 'N'\n    billingMode:"));

        var diagnostic = Check.Single(d, "IDPDYN025", 12, 15);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("Attribute 'CustomerId' is declared twice (line 8) with different types 'S' and 'N'", diagnostic.Message);
    }

    [Fact]
    public void Reports_IDPDYN025_warning_when_an_attribute_is_declared_twice_identically()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode:", "      - name: CustomerId\n        type: 'S'\n    billingMode:"));

        var diagnostic = Check.Single(d, "IDPDYN025", 12, 15);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Equal("Attribute 'CustomerId' is declared twice (line 8)", diagnostic.Message);
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN025_when_each_attribute_is_declared_once()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN025");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN025_when_two_tables_declare_the_same_attribute()
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
              - name: Returns
                hashKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'N'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        Check.None(d, "IDPDYN025");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN026

    [Fact]
    public void Reports_IDPDYN026_when_hashKey_equals_rangeKey()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: CustomerId
                attributes:
                  - name: CustomerId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        var diagnostic = Check.Single(d, "IDPDYN026", 6, 15);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("hashKey and rangeKey of table 'Orders' are both 'CustomerId'; the sort key must be a different attribute (or omit rangeKey)", diagnostic.Message);
    }

    [Fact]
    public void No_IDPDYN026_when_rangeKey_is_a_different_attribute()
    {
        var d = Check.Validate(Values.Valid);

        Check.None(d, "IDPDYN026");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN027

    [Fact]
    public void Reports_IDPDYN027_when_a_key_attribute_name_is_longer_than_255_bytes()
    {
        string name = new string('k', 256);
        var d = Check.Validate(Replace(Replace(Values.Valid, "hashKey: CustomerId", $"hashKey: {name}"), "- name: CustomerId", $"- name: {name}"));

        var diagnostic = Check.Single(d, "IDPDYN027", 5, 14);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("is 256 bytes; DynamoDB allows at most 255 bytes for key attribute names", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN027_when_a_key_attribute_name_has_255_characters_but_more_than_255_UTF8_bytes()
    {
        // 128 × 'ø' is 128 characters but 256 bytes in UTF-8.
        string name = new string('ø', 128);
        var d = Check.Validate(Replace(Replace(Values.Valid, "rangeKey: OrderDate", $"rangeKey: {name}"), "- name: OrderDate", $"- name: {name}"));

        var diagnostic = Check.Single(d, "IDPDYN027", 6, 15);
        Assert.Contains("is 256 bytes", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN027_when_a_key_attribute_name_has_255_bytes()
    {
        string name = new string('k', 255);
        var d = Check.Validate(Replace(Replace(Values.Valid, "hashKey: CustomerId", $"hashKey: {name}"), "- name: CustomerId", $"- name: {name}"));

        Check.None(d, "IDPDYN027");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN028

    [Fact]
    public void Reports_IDPDYN028_when_hashKey_is_empty()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: ''
                attributes: []
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        var diagnostic = Check.Single(d, "IDPDYN028", 5, 14);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("tables[0].hashKey is empty", diagnostic.Message);
        Check.None(d, "IDPDYN011");
        Check.None(d, "IDPDYN020");
    }

    [Fact]
    public void Reports_IDPDYN028_with_a_hint_when_rangeKey_is_empty()
    {
        var d = Check.Validate(Replace(Replace(Values.Valid, "rangeKey: OrderDate", "rangeKey: \"\""), "      - name: OrderDate\n        type: 'S'\n", ""));

        var diagnostic = Check.Single(d, "IDPDYN028", 6, 15);
        Assert.Equal("tables[0].rangeKey is empty; remove the key instead (an empty rangeKey silently creates a table without a sort key)", diagnostic.Message);
        Check.None(d, "IDPDYN021");
    }

    [Fact]
    public void Reports_IDPDYN028_when_an_attribute_name_is_empty()
    {
        var d = Check.Validate(Replace(Values.Valid, "    billingMode:", "      - name: ''\n        type: 'S'\n    billingMode:"));

        var diagnostic = Check.Single(d, "IDPDYN028", 12, 15);
        Assert.Equal("tables[0].attributes[2].name is empty", diagnostic.Message);
    }

    [Fact]
    public void No_IDPDYN028_when_the_rangeKey_is_removed()
    {
        var d = Check.Validate(Replace(Replace(Values.Valid, "    rangeKey: OrderDate\n", ""), "      - name: OrderDate\n        type: 'S'\n", ""));

        Check.None(d, "IDPDYN028");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN028_when_the_table_name_is_empty()
    {
        // An empty table name is IDPDYN032.
        var d = Check.Validate(Replace(Values.Valid, "name: Orders", "name: ''"));

        Check.None(d, "IDPDYN028");
    }

    // ---------------------------------------------------------------- IDPDYN029

    [Fact]
    public void Reports_IDPDYN029_not_IDPDYN020_when_hashKey_differs_from_the_attribute_only_by_case()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: orderId
                attributes:
                  - name: OrderId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        var diagnostic = Check.Single(d, "IDPDYN029", 5, 14);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("'orderId' does not match any attribute; did you mean 'OrderId' (line 7)? Names are case-sensitive", diagnostic.Message);
        Check.None(d, "IDPDYN020");
        Check.None(d, "IDPDYN022");
    }

    [Fact]
    public void Reports_IDPDYN029_not_IDPDYN021_when_rangeKey_differs_only_by_case()
    {
        var d = Check.Validate(Replace(Values.Valid, "rangeKey: OrderDate", "rangeKey: orderDate"));

        Check.Single(d, "IDPDYN029", 6, 15);
        Check.None(d, "IDPDYN021");
        Check.None(d, "IDPDYN022");
    }

    [Fact]
    public void Reports_IDPDYN029_when_a_key_differs_from_the_attribute_by_surrounding_whitespace()
    {
        var d = Check.Validate(Replace(Values.Valid, "- name: CustomerId", "- name: 'CustomerId '"));

        var diagnostic = Check.Single(d, "IDPDYN029", 5, 14);
        Assert.Contains("did you mean 'CustomerId ' (line 8)", diagnostic.Message, StringComparison.Ordinal);
        Check.None(d, "IDPDYN020");
    }

    [Fact]
    public void Reports_IDPDYN029_not_IDPDYN060_when_a_GSI_hashKey_differs_only_by_case()
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
                    hashKey: status
                    rangeKey: CustomerId
                    projectionType: ALL
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        Check.Single(d, "IDPDYN029", 14, 18);
        Check.None(d, "IDPDYN060");
        Check.None(d, "IDPDYN022");
    }

    [Fact]
    public void No_IDPDYN029_when_the_key_matches_the_attribute_exactly()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: OrderId
                attributes:
                  - name: OrderId
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        Check.None(d, "IDPDYN029");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN039

    [Theory]
    [InlineData("'S'")]
    [InlineData("'B'")]
    public void Reports_IDPDYN039_when_the_ttl_attribute_is_a_key_of_type_S_or_B(string type)
    {
        var d = Check.Validate(WithTtl("ExpiresAt",
            $"""
                  - name: CustomerId
                    type: 'S'
                  - name: ExpiresAt
                    type: {type}
            """,
            "ExpiresAt"));

        var diagnostic = Check.Single(d, "IDPDYN039", 14, 22);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Equal(
            $"TTL attribute 'ExpiresAt' is declared as type '{type.Trim('\'')}'; DynamoDB TTL ignores items whose TTL value is not a Number (epoch seconds)",
            diagnostic.Message);
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN039_when_the_ttl_attribute_is_a_GSI_key_of_type_S()
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
                  - name: ExpiresAt
                    type: 'S'
                billingMode: PAY_PER_REQUEST
                globalSecondaryIndex:
                  - name: ByExpiry
                    hashKey: ExpiresAt
                    rangeKey: CustomerId
                    projectionType: KEYS_ONLY
                ttl:
                  attributeName: ExpiresAt
                  enabled: true
                serviceAccountReadRoles: ["orders-api-webshop-test"]

            """);

        Check.Single(d, "IDPDYN039", 18, 22);
    }

    [Fact]
    public void No_IDPDYN039_when_the_ttl_key_attribute_is_a_Number()
    {
        var d = Check.Validate(WithTtl("ExpiresAt",
            """
                  - name: CustomerId
                    type: 'S'
                  - name: ExpiresAt
                    type: 'N'
            """,
            "ExpiresAt"));

        Check.None(d, "IDPDYN039");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN045

    [Fact]
    public void Reports_IDPDYN045_when_the_ttl_attribute_name_is_longer_than_255_characters()
    {
        var d = Check.Validate(WithTtl("OrderDate",
            """
                  - name: CustomerId
                    type: 'S'
                  - name: OrderDate
                    type: 'S'
            """,
            new string('t', 256)));

        var diagnostic = Check.Single(d, "IDPDYN045", 14, 22);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("TTL attribute name is 256 characters; DynamoDB allows at most 255", diagnostic.Message);
    }

    [Fact]
    public void No_IDPDYN045_when_the_ttl_attribute_name_has_255_characters()
    {
        var d = Check.Validate(WithTtl("OrderDate",
            """
                  - name: CustomerId
                    type: 'S'
                  - name: OrderDate
                    type: 'S'
            """,
            new string('t', 255)));

        Check.None(d, "IDPDYN045");
        Check.NoErrors(d);
    }
}
