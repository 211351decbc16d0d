using System;
using System.Collections.Generic;
using System.Linq;
using IdpDynamo.Schema.Tests.Infrastructure;

namespace IdpDynamo.Schema.Tests.Rules;

/// <summary>Local and global secondary indexes and projections: IDPDYN050–054, 056, 058–066, 070–078.</summary>
public class IndexRulesTests
{
    /// <summary>
    /// A valid table with one LSI (ALL, <c>nonKeyAttributes: []</c>); its only diagnostic is the IDPDYN058 info.
    /// Line 13 is the <c>localSecondaryIndex</c> key, line 14 the LSI <c>name</c>, 15 its <c>rangeKey</c>, 16 its
    /// <c>projectionType</c>, 17 its <c>nonKeyAttributes</c>.
    /// </summary>
    private const string LsiBase =
        """
        managementPolicies: Control
        deletionPolicy: Orphan
        tables:
          - name: Orders
            hashKey: CustomerId
            rangeKey: OrderDate
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            attributes:
              - { name: CustomerId, type: 'S' }
              - { name: OrderDate, type: 'S' }
              - { name: Status, type: 'S' }
            localSecondaryIndex:
              - name: StatusIndex
                rangeKey: Status
                projectionType: ALL
                nonKeyAttributes: []

        """;

    /// <summary>
    /// A valid table with one GSI and no diagnostic at all. Line 13 is the <c>globalSecondaryIndex</c> key, line 14 the
    /// GSI <c>name</c>, 15 its <c>hashKey</c>, 16 its <c>rangeKey</c>, 17 its <c>projectionType</c>.
    /// </summary>
    private const string GsiBase =
        """
        managementPolicies: Control
        deletionPolicy: Orphan
        tables:
          - name: Orders
            hashKey: CustomerId
            rangeKey: OrderDate
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            attributes:
              - { name: CustomerId, type: 'S' }
              - { name: OrderDate, type: 'S' }
              - { name: Status, type: 'S' }
            globalSecondaryIndex:
              - name: StatusIndex
                hashKey: Status
                rangeKey: OrderDate
                projectionType: ALL

        """;

    // ---------------------------------------------------------------- baselines

    [Fact]
    public void Lsi_baseline_reports_only_the_IDPDYN058_info()
    {
        var d = Check.Validate(LsiBase);
        Assert.True(d.Count == 1 && d[0].Id == "IDPDYN058", Check.Describe(d));
    }

    [Fact]
    public void Gsi_baseline_has_no_diagnostics()
    {
        var d = Check.Validate(GsiBase);
        Assert.True(d.Count == 0, Check.Describe(d));
    }

    // ---------------------------------------------------------------- IDPDYN050

    [Fact]
    public void Reports_IDPDYN050_when_table_has_no_rangeKey()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: Status, type: 'S' }
                localSecondaryIndex:
                  - name: StatusIndex
                    rangeKey: Status
                    projectionType: ALL
                    nonKeyAttributes: []

            """);
        var diagnostic = Check.Single(d, "IDPDYN050", 11, 5);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("'Orders'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN050_when_table_has_rangeKey()
    {
        var d = Check.Validate(LsiBase);
        Check.None(d, "IDPDYN050");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN051 / 052 / 053

    [Fact]
    public void Reports_IDPDYN051_when_lsi_rangeKey_is_not_declared()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                localSecondaryIndex:
                  - name: StatusIndex
                    rangeKey: Status
                    projectionType: ALL
                    nonKeyAttributes: []

            """);
        var diagnostic = Check.Single(d, "IDPDYN051", 14, 19);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("'Status'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("'StatusIndex'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN051_when_lsi_rangeKey_is_declared()
    {
        var d = Check.Validate(LsiBase);
        Check.None(d, "IDPDYN051");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN052_when_lsi_rangeKey_is_the_table_hashKey()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                localSecondaryIndex:
                  - name: StatusIndex
                    rangeKey: CustomerId
                    projectionType: ALL
                    nonKeyAttributes: []

            """);
        var diagnostic = Check.Single(d, "IDPDYN052", 14, 19);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Check.None(d, "IDPDYN053");
    }

    [Fact]
    public void No_IDPDYN052_when_lsi_rangeKey_differs_from_the_table_hashKey()
    {
        var d = Check.Validate(LsiBase);
        Check.None(d, "IDPDYN052");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN053_when_lsi_rangeKey_is_the_table_rangeKey()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                localSecondaryIndex:
                  - name: DateIndex
                    rangeKey: OrderDate
                    projectionType: ALL
                    nonKeyAttributes: []

            """);
        var diagnostic = Check.Single(d, "IDPDYN053", 14, 19);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN053_when_lsi_rangeKey_differs_from_the_table_rangeKey()
    {
        var d = Check.Validate(LsiBase);
        Check.None(d, "IDPDYN053");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN054

    private static string WithLsis(int count)
    {
        string attributes = string.Join("\n", Enumerable.Range(1, count).Select(i => $"      - {{ name: S{i}, type: 'S' }}"));
        string lsis = string.Join("\n", Enumerable.Range(1, count).Select(i =>
            $"      - name: Lsi{i}\n        rangeKey: S{i}\n        projectionType: ALL\n        nonKeyAttributes: []"));
        return $$"""
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
            {{attributes}}
                localSecondaryIndex:
            {{lsis}}

            """;
    }

    [Fact]
    public void Reports_IDPDYN054_at_the_sixth_lsi()
    {
        string yaml = WithLsis(6);
        var sixth = Locate(yaml, "name: Lsi6");
        var diagnostic = Check.Single(Check.Validate(yaml), "IDPDYN054", sixth.Line, sixth.Column);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("6 local secondary indexes", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN054_with_five_lsis()
    {
        var d = Check.Validate(WithLsis(5));
        Check.None(d, "IDPDYN054");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN056

    [Fact]
    public void Reports_IDPDYN056_when_two_lsis_sort_on_the_same_attribute()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                localSecondaryIndex:
                  - name: StatusIndex
                    rangeKey: Status
                    projectionType: ALL
                    nonKeyAttributes: []
                  - name: StatusKeys
                    rangeKey: Status
                    projectionType: KEYS_ONLY
                    nonKeyAttributes: []

            """);
        var diagnostic = Check.Single(d, "IDPDYN056", 18, 9);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Contains("'StatusIndex' and 'StatusKeys'", diagnostic.Message, StringComparison.Ordinal);
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN056_when_lsis_sort_on_different_attributes()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                  - { name: Amount, type: 'N' }
                localSecondaryIndex:
                  - name: StatusIndex
                    rangeKey: Status
                    projectionType: ALL
                    nonKeyAttributes: []
                  - name: AmountKeys
                    rangeKey: Amount
                    projectionType: KEYS_ONLY
                    nonKeyAttributes: []

            """);
        Check.None(d, "IDPDYN056");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN058

    [Fact]
    public void Reports_IDPDYN058_when_table_has_an_lsi()
    {
        var diagnostic = Check.Single(Check.Validate(LsiBase), "IDPDYN058", 13, 5);
        Assert.Equal(Severity.Info, diagnostic.Severity);
    }

    [Fact]
    public void No_IDPDYN058_when_localSecondaryIndex_is_empty()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                localSecondaryIndex: []

            """);
        Check.None(d, "IDPDYN058");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN059

    private static string LsiIncluding(string quotedAttribute)
        => $$"""
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                localSecondaryIndex:
                  - name: StatusIndex
                    rangeKey: Status
                    projectionType: INCLUDE
                    nonKeyAttributes:
                      - '{{quotedAttribute}}'

            """;

    [Theory]
    [InlineData("a", 256)] // 256 characters
    [InlineData("ø", 128)] // 128 characters, but 256 UTF-8 bytes
    public void Reports_IDPDYN059_when_projected_attribute_name_is_above_255_bytes(string character, int count)
    {
        var d = Check.Validate(LsiIncluding(string.Concat(Enumerable.Repeat(character, count))));
        var diagnostic = Check.Single(d, "IDPDYN059", 18, 13);
        Assert.Equal(Severity.Error, diagnostic.Severity);
    }

    [Fact]
    public void An_empty_projected_attribute_name_is_reported_once_as_IDPDYN011_not_also_IDPDYN059()
    {
        // An empty name is also IDPDYN011; every problem is reported once, so the schema rule reports it.
        var d = Check.Validate(LsiIncluding(string.Empty));
        Check.Single(d, "IDPDYN011", 18, 13);
        Check.None(d, "IDPDYN059");
    }

    [Theory]
    [InlineData("a", 255)]
    [InlineData("ø", 127)]
    [InlineData("a", 1)]
    public void No_IDPDYN059_when_projected_attribute_name_has_1_to_255_bytes(string character, int count)
    {
        var d = Check.Validate(LsiIncluding(string.Concat(Enumerable.Repeat(character, count))));
        Check.None(d, "IDPDYN059");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN060 / 061 / 062

    [Fact]
    public void Reports_IDPDYN060_when_gsi_hashKey_is_not_declared()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                globalSecondaryIndex:
                  - name: StatusIndex
                    hashKey: Status
                    rangeKey: OrderDate
                    projectionType: ALL

            """);
        var diagnostic = Check.Single(d, "IDPDYN060", 14, 18);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("'Status'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN060_when_gsi_hashKey_is_declared()
    {
        var d = Check.Validate(GsiBase);
        Check.None(d, "IDPDYN060");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN061_when_gsi_rangeKey_is_not_declared()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                globalSecondaryIndex:
                  - name: StatusIndex
                    hashKey: Status
                    rangeKey: Amount
                    projectionType: ALL

            """);
        var diagnostic = Check.Single(d, "IDPDYN061", 16, 19);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("'Amount'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN061_when_gsi_rangeKey_is_declared()
    {
        var d = Check.Validate(GsiBase);
        Check.None(d, "IDPDYN061");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN062_when_gsi_hashKey_equals_its_rangeKey()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                globalSecondaryIndex:
                  - name: StatusIndex
                    hashKey: Status
                    rangeKey: Status
                    projectionType: ALL

            """);
        var diagnostic = Check.Single(d, "IDPDYN062", 16, 19);
        Assert.Equal(Severity.Error, diagnostic.Severity);
    }

    [Fact]
    public void No_IDPDYN062_when_gsi_keys_differ()
    {
        var d = Check.Validate(GsiBase);
        Check.None(d, "IDPDYN062");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN063

    [Fact]
    public void Reports_IDPDYN063_when_gsi_has_no_rangeKey()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                globalSecondaryIndex:
                  - name: StatusIndex
                    hashKey: Status
                    projectionType: ALL

            """);
        var diagnostic = Check.Single(d, "IDPDYN063", 14, 9);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN063_when_gsi_has_rangeKey()
    {
        var d = Check.Validate(GsiBase);
        Check.None(d, "IDPDYN063");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN064

    private static string WithGsis(int count)
    {
        string attributes = string.Join("\n", Enumerable.Range(1, count).Select(i => $"      - {{ name: G{i}, type: 'S' }}"));
        string gsis = string.Join("\n", Enumerable.Range(1, count).Select(i =>
            $"      - name: Gsi{i}\n        hashKey: G{i}\n        rangeKey: OrderDate\n        projectionType: KEYS_ONLY"));
        return $$"""
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
            {{attributes}}
                globalSecondaryIndex:
            {{gsis}}

            """;
    }

    [Fact]
    public void Reports_IDPDYN064_at_the_21st_gsi()
    {
        string yaml = WithGsis(21);
        var entry = Locate(yaml, "name: Gsi21");
        var diagnostic = Check.Single(Check.Validate(yaml), "IDPDYN064", entry.Line, entry.Column);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("21 global secondary indexes", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN064_with_20_gsis()
    {
        var d = Check.Validate(WithGsis(20));
        Check.None(d, "IDPDYN064");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN065

    [Fact]
    public void Reports_IDPDYN065_when_gsi_has_the_same_keys_as_the_table()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                globalSecondaryIndex:
                  - name: ByCustomer
                    hashKey: CustomerId
                    rangeKey: OrderDate
                    projectionType: ALL

            """);
        var diagnostic = Check.Single(d, "IDPDYN065", 13, 9);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Contains("the same keys as the table", diagnostic.Message, StringComparison.Ordinal);
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN065_when_gsi_has_the_same_keys_as_another_gsi()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                globalSecondaryIndex:
                  - name: StatusIndex
                    hashKey: Status
                    rangeKey: OrderDate
                    projectionType: ALL
                  - name: StatusKeys
                    hashKey: Status
                    rangeKey: OrderDate
                    projectionType: KEYS_ONLY

            """);
        var diagnostic = Check.Single(d, "IDPDYN065", 18, 9);
        Assert.Contains("'StatusKeys' has the same keys as index 'StatusIndex'", diagnostic.Message, StringComparison.Ordinal);
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN065_when_gsi_keys_differ_from_table_and_other_gsis()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                globalSecondaryIndex:
                  - name: StatusIndex
                    hashKey: Status
                    rangeKey: OrderDate
                    projectionType: ALL
                  - name: StatusKeys
                    hashKey: Status
                    rangeKey: CustomerId
                    projectionType: KEYS_ONLY

            """);
        Check.None(d, "IDPDYN065");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN066

    [Theory]
    [InlineData("readCapacity")]
    [InlineData("writeCapacity")]
    public void Reports_IDPDYN066_with_PAY_PER_REQUEST_wording_when_gsi_sets_capacity(string key)
    {
        var d = Check.Validate(GsiBase + $"        {key}: 5\n");
        var diagnostic = Check.Single(d, "IDPDYN066", 18, 9);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Equal($"{key} on global secondary index 'StatusIndex' is not used by the chart and is not allowed with PAY_PER_REQUEST", diagnostic.Message);
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN066_without_PAY_PER_REQUEST_wording_on_a_PROVISIONED_table()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PROVISIONED
                readCapacity: 5
                writeCapacity: 5
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                globalSecondaryIndex:
                  - name: StatusIndex
                    hashKey: Status
                    rangeKey: OrderDate
                    projectionType: ALL
                    writeCapacity: 5

            """);
        var diagnostic = Check.Single(d, "IDPDYN066", 20, 9);
        Assert.Equal("writeCapacity on global secondary index 'StatusIndex' is not used by the chart", diagnostic.Message);
    }

    [Fact]
    public void No_IDPDYN066_when_gsi_sets_no_capacity()
    {
        var d = Check.Validate(GsiBase);
        Check.None(d, "IDPDYN066");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN070

    [Fact]
    public void Reports_IDPDYN070_when_lsi_and_gsi_have_the_same_name()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                localSecondaryIndex:
                  - name: StatusIndex
                    rangeKey: Status
                    projectionType: ALL
                    nonKeyAttributes: []
                globalSecondaryIndex:
                  - name: StatusIndex
                    hashKey: Status
                    rangeKey: OrderDate
                    projectionType: ALL

            """);
        var diagnostic = Check.Single(d, "IDPDYN070", 19, 15);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("(first at line 14)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN070_at_the_later_name_when_globalSecondaryIndex_is_written_before_localSecondaryIndex()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                globalSecondaryIndex:
                  - name: StatusIndex
                    hashKey: Status
                    rangeKey: OrderDate
                    projectionType: ALL
                localSecondaryIndex:
                  - name: StatusIndex
                    rangeKey: Status
                    projectionType: ALL
                    nonKeyAttributes: []

            """);
        var diagnostic = Check.Single(d, "IDPDYN070", 19, 15);
        Assert.Contains("(first at line 14)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN070_when_two_gsis_have_the_same_name()
    {
        var d = Check.Validate(GsiBase +
            """
                  - name: StatusIndex
                    hashKey: Status
                    rangeKey: CustomerId
                    projectionType: KEYS_ONLY

            """);
        Check.Single(d, "IDPDYN070", 18, 15);
    }

    [Fact]
    public void No_IDPDYN070_when_index_names_differ()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                localSecondaryIndex:
                  - name: StatusIndex
                    rangeKey: Status
                    projectionType: ALL
                    nonKeyAttributes: []
                globalSecondaryIndex:
                  - name: StatusByDate
                    hashKey: Status
                    rangeKey: OrderDate
                    projectionType: ALL

            """);
        Check.None(d, "IDPDYN070");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN071 / 072

    private static string GsiNamed(string name) => GsiBase.Replace("- name: StatusIndex", "- name: " + name, StringComparison.Ordinal);

    [Theory]
    [InlineData(2)]
    [InlineData(256)]
    public void Reports_IDPDYN071_when_index_name_length_is_outside_3_to_255(int length)
    {
        var d = Check.Validate(GsiNamed(new string('i', length)));
        var diagnostic = Check.Single(d, "IDPDYN071", 14, 15);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains($"has {length} characters", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(255)]
    public void No_IDPDYN071_when_index_name_has_3_to_255_characters(int length)
    {
        var d = Check.Validate(GsiNamed(new string('i', length)));
        Check.None(d, "IDPDYN071");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN072_at_the_space_of_an_index_name()
    {
        var d = Check.Validate(GsiNamed("my index"));
        var diagnostic = Check.Single(d, "IDPDYN072", 14, 17);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("contains ' '", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN072_at_the_slash_of_a_quoted_lsi_name()
    {
        var d = Check.Validate(LsiBase.Replace("- name: StatusIndex", "- name: 'by/amount'", StringComparison.Ordinal));
        Check.Single(d, "IDPDYN072", 14, 18);
    }

    [Theory]
    [InlineData("my-index")]
    [InlineData("my_index.v2")]
    public void No_IDPDYN072_when_index_name_uses_allowed_characters(string name)
    {
        var d = Check.Validate(GsiNamed(name));
        Check.None(d, "IDPDYN072");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN073 / 074

    [Fact]
    public void Reports_IDPDYN073_when_gsi_uses_INCLUDE_without_nonKeyAttributes()
    {
        var d = Check.Validate(GsiBase.Replace("projectionType: ALL", "projectionType: INCLUDE", StringComparison.Ordinal));
        var diagnostic = Check.Single(d, "IDPDYN073", 17, 25);
        Assert.Equal(Severity.Error, diagnostic.Severity);
    }

    [Fact]
    public void No_IDPDYN073_when_gsi_uses_INCLUDE_with_nonKeyAttributes()
    {
        var d = Check.Validate(GsiBase.Replace("projectionType: ALL", "projectionType: INCLUDE", StringComparison.Ordinal)
            + "        nonKeyAttributes: [Total]\n");
        Check.None(d, "IDPDYN073");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN073_when_lsi_uses_INCLUDE_with_an_empty_nonKeyAttributes_list()
    {
        var d = Check.Validate(LsiBase.Replace("projectionType: ALL", "projectionType: INCLUDE", StringComparison.Ordinal));
        Check.Single(d, "IDPDYN073", 16, 25);
    }

    [Fact]
    public void No_IDPDYN073_when_lsi_uses_INCLUDE_with_nonKeyAttributes()
    {
        var d = Check.Validate(LsiBase
            .Replace("projectionType: ALL", "projectionType: INCLUDE", StringComparison.Ordinal)
            .Replace("nonKeyAttributes: []", "nonKeyAttributes: [Total]", StringComparison.Ordinal));
        Check.None(d, "IDPDYN073");
        Check.NoErrors(d);
    }

    [Theory]
    [InlineData("ALL")]
    [InlineData("KEYS_ONLY")]
    public void No_IDPDYN073_or_IDPDYN074_when_lsi_has_empty_nonKeyAttributes_and_projection(string projection)
    {
        var d = Check.Validate(LsiBase.Replace("projectionType: ALL", "projectionType: " + projection, StringComparison.Ordinal));
        Check.None(d, "IDPDYN073");
        Check.None(d, "IDPDYN074");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN074_when_gsi_uses_ALL_with_nonKeyAttributes()
    {
        var d = Check.Validate(GsiBase + "        nonKeyAttributes: [Total]\n");
        var diagnostic = Check.Single(d, "IDPDYN074", 18, 9);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("projectionType ALL", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN074_when_lsi_uses_KEYS_ONLY_with_nonKeyAttributes()
    {
        var d = Check.Validate(LsiBase
            .Replace("projectionType: ALL", "projectionType: KEYS_ONLY", StringComparison.Ordinal)
            .Replace("nonKeyAttributes: []", "nonKeyAttributes: [Total]", StringComparison.Ordinal));
        var diagnostic = Check.Single(d, "IDPDYN074", 17, 9);
        Assert.Contains("projectionType KEYS_ONLY", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN074_when_gsi_uses_ALL_with_an_empty_nonKeyAttributes_list()
    {
        var d = Check.Validate(GsiBase + "        nonKeyAttributes: []\n");
        Check.None(d, "IDPDYN074");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN075

    private static string GsiProjecting(int count)
    {
        string entries = string.Join("\n", Enumerable.Range(1, count).Select(i => $"          - A{i:00}"));
        return GsiBase.Replace("projectionType: ALL", "projectionType: INCLUDE", StringComparison.Ordinal)
            + "        nonKeyAttributes:\n" + entries + "\n";
    }

    [Fact]
    public void Reports_IDPDYN075_at_the_21st_nonKeyAttribute()
    {
        string yaml = GsiProjecting(21);
        var entry = Locate(yaml, "A21");
        var diagnostic = Check.Single(Check.Validate(yaml), "IDPDYN075", entry.Line, entry.Column);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("projects 21 nonKeyAttributes", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN075_with_20_nonKeyAttributes()
    {
        var d = Check.Validate(GsiProjecting(20));
        Check.None(d, "IDPDYN075");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN076

    private static readonly string Twenty = "[" + string.Join(", ", Enumerable.Range(1, 20).Select(i => $"N{i:00}")) + "]";

    /// <summary>An LSI and four GSIs each projecting the same 20 names (INCLUDE), plus a fifth GSI given as YAML.</summary>
    private static string HundredProjected(string fifthGsi)
        => $$"""
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                  - { name: G1, type: 'S' }
                  - { name: G2, type: 'S' }
                  - { name: G3, type: 'S' }
                  - { name: G4, type: 'S' }
                  - { name: G5, type: 'S' }
                localSecondaryIndex:
                  - name: StatusIndex
                    rangeKey: Status
                    projectionType: INCLUDE
                    nonKeyAttributes: {{Twenty}}
                globalSecondaryIndex:
                  - { name: Gsi1, hashKey: G1, rangeKey: OrderDate, projectionType: INCLUDE, nonKeyAttributes: {{Twenty}} }
                  - { name: Gsi2, hashKey: G2, rangeKey: OrderDate, projectionType: INCLUDE, nonKeyAttributes: {{Twenty}} }
                  - { name: Gsi3, hashKey: G3, rangeKey: OrderDate, projectionType: INCLUDE, nonKeyAttributes: {{Twenty}} }
                  - { name: Gsi4, hashKey: G4, rangeKey: OrderDate, projectionType: INCLUDE, nonKeyAttributes: {{Twenty}} }
                  - name: Gsi5
                    hashKey: G5
                    rangeKey: OrderDate
            {{fifthGsi}}

            """;

    [Fact]
    public void Reports_IDPDYN076_at_the_101st_nonKeyAttribute_counting_duplicates_across_indexes()
    {
        string yaml = HundredProjected("        projectionType: INCLUDE\n        nonKeyAttributes:\n          - Extra1");
        var entry = Locate(yaml, "Extra1");
        var diagnostic = Check.Single(Check.Validate(yaml), "IDPDYN076", entry.Line, entry.Column);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("projects 101 nonKeyAttributes", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN076_with_exactly_100_nonKeyAttributes()
    {
        var d = Check.Validate(HundredProjected("        projectionType: ALL"));
        Check.None(d, "IDPDYN076");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN076_when_the_extra_nonKeyAttribute_belongs_to_a_non_INCLUDE_index()
    {
        string yaml = HundredProjected("        projectionType: KEYS_ONLY\n        nonKeyAttributes:\n          - Extra1");
        var d = Check.Validate(yaml);
        Check.None(d, "IDPDYN076");
        var keysOnly = Locate(yaml, "nonKeyAttributes:\n          - Extra1");
        Check.Single(d, "IDPDYN074", keysOnly.Line, keysOnly.Column);
    }

    [Fact]
    public void Reports_IDPDYN076_at_the_entry_that_crosses_100_in_file_order_when_gsis_come_first()
    {
        string yaml =
            $$"""
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                  - { name: G1, type: 'S' }
                  - { name: G2, type: 'S' }
                  - { name: G3, type: 'S' }
                  - { name: G4, type: 'S' }
                  - { name: G5, type: 'S' }
                globalSecondaryIndex:
                  - { name: Gsi1, hashKey: G1, rangeKey: OrderDate, projectionType: INCLUDE, nonKeyAttributes: {{Twenty}} }
                  - { name: Gsi2, hashKey: G2, rangeKey: OrderDate, projectionType: INCLUDE, nonKeyAttributes: {{Twenty}} }
                  - { name: Gsi3, hashKey: G3, rangeKey: OrderDate, projectionType: INCLUDE, nonKeyAttributes: {{Twenty}} }
                  - { name: Gsi4, hashKey: G4, rangeKey: OrderDate, projectionType: INCLUDE, nonKeyAttributes: {{Twenty}} }
                  - { name: Gsi5, hashKey: G5, rangeKey: OrderDate, projectionType: INCLUDE, nonKeyAttributes: {{Twenty}} }
                localSecondaryIndex:
                  - name: StatusIndex
                    rangeKey: Status
                    projectionType: INCLUDE
                    nonKeyAttributes:
                      - Extra1

            """;
        var entry = Locate(yaml, "Extra1");
        Check.Single(Check.Validate(yaml), "IDPDYN076", entry.Line, entry.Column);
    }

    // ---------------------------------------------------------------- IDPDYN077

    [Fact]
    public void Reports_IDPDYN077_as_error_when_lsi_projects_an_attribute_twice()
    {
        var d = Check.Validate(LsiBase
            .Replace("projectionType: ALL", "projectionType: INCLUDE", StringComparison.Ordinal)
            .Replace("nonKeyAttributes: []", "nonKeyAttributes: [Total, Items, Total]", StringComparison.Ordinal));
        var diagnostic = Check.Single(d, "IDPDYN077", 17, 42);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("'Total'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN077_as_warning_when_gsi_projects_an_attribute_twice()
    {
        var d = Check.Validate(GsiBase.Replace("projectionType: ALL", "projectionType: INCLUDE", StringComparison.Ordinal)
            + "        nonKeyAttributes: [Total, Items, Total]\n");
        var diagnostic = Check.Single(d, "IDPDYN077", 18, 42);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN077_when_nonKeyAttributes_are_distinct()
    {
        var d = Check.Validate(LsiBase
            .Replace("projectionType: ALL", "projectionType: INCLUDE", StringComparison.Ordinal)
            .Replace("nonKeyAttributes: []", "nonKeyAttributes: [Total, Items]", StringComparison.Ordinal));
        Check.None(d, "IDPDYN077");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN078

    [Theory]
    [InlineData("CustomerId")] // the table hashKey
    [InlineData("OrderDate")] // the table rangeKey (and the GSI rangeKey)
    [InlineData("Status")] // the GSI's own hashKey
    public void Reports_IDPDYN078_when_gsi_projects_a_key_attribute(string attribute)
    {
        var d = Check.Validate(GsiBase.Replace("projectionType: ALL", "projectionType: INCLUDE", StringComparison.Ordinal)
            + $"        nonKeyAttributes: [Total, {attribute}]\n");
        var diagnostic = Check.Single(d, "IDPDYN078", 18, 35);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains($"'{attribute}' is a key attribute", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CustomerId")] // the table hashKey (the LSI's hash key)
    [InlineData("OrderDate")] // the table rangeKey
    [InlineData("Status")] // the LSI's own rangeKey
    public void Reports_IDPDYN078_when_lsi_projects_a_key_attribute(string attribute)
    {
        var d = Check.Validate(LsiBase
            .Replace("projectionType: ALL", "projectionType: INCLUDE", StringComparison.Ordinal)
            .Replace("nonKeyAttributes: []", $"nonKeyAttributes: [Total, {attribute}]", StringComparison.Ordinal));
        Check.Single(d, "IDPDYN078", 17, 35);
    }

    [Fact]
    public void No_IDPDYN078_when_gsi_projects_the_key_of_another_index()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                rangeKey: OrderDate
                billingMode: PAY_PER_REQUEST
                serviceAccountReadRoles: ["orders-api-webshop-test"]
                attributes:
                  - { name: CustomerId, type: 'S' }
                  - { name: OrderDate, type: 'S' }
                  - { name: Status, type: 'S' }
                  - { name: Amount, type: 'N' }
                globalSecondaryIndex:
                  - name: StatusIndex
                    hashKey: Status
                    rangeKey: OrderDate
                    projectionType: INCLUDE
                    nonKeyAttributes: [Amount]
                  - name: AmountIndex
                    hashKey: Amount
                    rangeKey: OrderDate
                    projectionType: KEYS_ONLY

            """);
        Check.None(d, "IDPDYN078");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN078_when_nonKeyAttributes_are_not_keys()
    {
        var d = Check.Validate(GsiBase.Replace("projectionType: ALL", "projectionType: INCLUDE", StringComparison.Ordinal)
            + "        nonKeyAttributes: [Total, Items]\n");
        Check.None(d, "IDPDYN078");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>1-based line and column of the only occurrence of <paramref name="needle"/> in <paramref name="text"/>.</summary>
    private static (int Line, int Column) Locate(string text, string needle)
    {
        int index = text.IndexOf(needle, StringComparison.Ordinal);
        Assert.True(index >= 0 && text.IndexOf(needle, index + 1, StringComparison.Ordinal) < 0, $"'{needle}' must occur exactly once");
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }
}
