using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using IdpDynamo.Schema.IO;
using IdpDynamo.Schema.Tests.Infrastructure;
using IdpDynamo.Schema.Validation;

namespace IdpDynamo.Schema.Tests.Rules;

/// <summary>Roles and the generated IAM policies: IDPDYN080, 082–086.</summary>
public sealed class AccessRulesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "idpdyn-access-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>
    /// A valid table whose write role is <paramref name="roleYaml"/> (written as given, so quotes are part of it):
    /// line 10 is the read role, line 12 the write role, both at column 9. Line 4 is '- name: Orders'.
    /// </summary>
    private static string WithWriteRole(string roleYaml)
        => $$"""
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                billingMode: PAY_PER_REQUEST
                attributes:
                  - { name: CustomerId, type: 'S' }
                serviceAccountReadRoles:
                  - orders-api-webshop-test
                serviceAccountWriteRoles:
                  - {{roleYaml}}

            """;

    [Fact]
    public void Role_baseline_has_no_diagnostics()
    {
        var d = Check.Validate(WithWriteRole("orders-api-webshop-test"));
        Assert.True(d.Count == 0, Check.Describe(d));
    }

    // ---------------------------------------------------------------- IDPDYN080

    [Fact]
    public void Reports_IDPDYN080_with_a_deployment_name_hint_when_role_has_no_namespace_suffix()
    {
        var d = Check.Validate(WithWriteRole("orders-api"));
        var diagnostic = Check.Single(d, "IDPDYN080", 12, 9);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains("does not end with '-webshop-test'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("The role would be 'orders-api-webshop-test'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN080_with_a_namespace_hint_when_role_belongs_to_a_known_other_namespace()
    {
        var settings = new ValuesFileSettings(Check.DisplayPath, "webshop-test", "2.1.11",
            KnownNamespaces: new[] { "webshop-test", "webshop-prod" });
        var d = ValuesValidator.Validate(Encoding.UTF8.GetBytes(WithWriteRole("orders-api-webshop-prod")), settings).Diagnostics;
        var diagnostic = Check.Single(d, "IDPDYN080", 12, 9);
        Assert.Contains("'orders-api-webshop-prod' belongs to namespace 'webshop-prod'", diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("deployment name", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN080_with_a_namespace_hint_from_a_real_apps_tree()
    {
        string valuesDir = Path.Combine(_root, "apps", "webshop-test", "orders", "dynamodb");
        Directory.CreateDirectory(valuesDir);
        Directory.CreateDirectory(Path.Combine(_root, "apps", "webshop-prod", "orders"));
        string valuesPath = Path.Combine(valuesDir, "values.yaml");
        File.WriteAllText(valuesPath, WithWriteRole("orders-api-webshop-prod"));

        var result = ValuesFileLoader.ValidateFile("apps/webshop-test/orders/dynamodb/values.yaml", valuesPath, null, "2.1.11");

        Assert.Equal("webshop-test", result.Settings.Namespace);
        var diagnostic = Check.Single(result.Diagnostics, "IDPDYN080", 12, 9);
        Assert.Contains("belongs to namespace 'webshop-prod'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_IDPDYN080_naming_the_namespace_from_the_role_suffix_when_the_repository_does_not_have_it()
    {
        // shop-prod is not a directory of this repository (no KnownNamespaces): the suffix alone names it.
        var settings = new ValuesFileSettings(Check.DisplayPath, "shop-dev", "2.1.11");
        var d = ValuesValidator.Validate(Encoding.UTF8.GetBytes(WithWriteRole("cart-api-shop-prod").Replace("orders-api-webshop-test", "orders-api-shop-dev")), settings).Diagnostics;
        var diagnostic = Check.Single(d, "IDPDYN080", 12, 9);
        Assert.Equal(
            "Role 'cart-api-shop-prod' does not end with '-shop-dev'; roles created by idp-advanced for this namespace are named '<service>-<app dir>-shop-dev'. 'cart-api-shop-prod' belongs to namespace 'shop-prod'.",
            diagnostic.Message);
    }

    [Theory]
    [InlineData("cart-api-shop-prod", "shop-dev", "shop-prod")]
    [InlineData("orders-api-webshop-prod", "webshop-test", "webshop-prod")]
    [InlineData("api-team-shop-prod", "team-shop-dev", "team-shop-prod")]
    [InlineData("cart-api", "shop-dev", null)]                 // no suffix: a deployment name
    [InlineData("cart-api-shop", "shop-dev", null)]            // ends with the prefix, no environment after it
    [InlineData("shop-prod", "shop-dev", null)]                // nothing before the namespace: not a role of it
    [InlineData("cart-api-shop-prod-eu", "shop-dev", null)]    // more than one word after the prefix
    [InlineData("cart-api-prod", "koa", null)]                 // a namespace without '-' has no prefix to go by
    public void The_namespace_of_a_role_comes_from_its_suffix(string role, string ns, string? expected)
        => Assert.Equal(expected, IdpDynamo.Schema.Validation.Rules.AccessRules.NamespaceFromSuffix(role, ns));

    [Fact]
    public void IDPDYN080_keeps_the_deployment_name_hint_when_the_suffix_names_no_namespace()
    {
        var settings = new ValuesFileSettings(Check.DisplayPath, "shop-dev", "2.1.11");
        var d = ValuesValidator.Validate(Encoding.UTF8.GetBytes(WithWriteRole("cart-api").Replace("orders-api-webshop-test", "orders-api-shop-dev")), settings).Diagnostics;
        var diagnostic = Check.Single(d, "IDPDYN080", 12, 9);
        Assert.EndsWith("Did you use a deployment name as in idp-s3-bucket? The role would be 'cart-api-shop-dev'.", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN080_when_role_ends_with_the_namespace()
    {
        var d = Check.Validate(WithWriteRole("payments-worker-webshop-test"));
        Check.None(d, "IDPDYN080");
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN080_when_the_namespace_is_unknown()
    {
        var d = Check.Validate(WithWriteRole("orders-api"), ns: null);
        Check.None(d, "IDPDYN080");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN082

    [Theory]
    [InlineData("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-webshop-test'", "65 characters")] // 52 + 13 = 65
    [InlineData("'orders api-webshop-test'", "contains a space")]
    [InlineData("'orders*api-webshop-test'", "contains '*'")]
    public void Reports_IDPDYN082_when_role_is_not_a_valid_IAM_name(string roleYaml, string reason)
    {
        var d = Check.Validate(WithWriteRole(roleYaml));
        var diagnostic = Check.Single(d, "IDPDYN082", 12, 9);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains($"({reason})", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-webshop-test'")] // 51 + 13 = 64
    [InlineData("'orders_api+v2=x,y.z@w-webshop-test'")]
    public void No_IDPDYN082_when_role_is_a_valid_IAM_name(string roleYaml)
    {
        var d = Check.Validate(WithWriteRole(roleYaml));
        Check.None(d, "IDPDYN082");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN083

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/orders-api-webshop-test")]
    [InlineData("/service-role/orders-api-webshop-test")]
    public void Reports_IDPDYN083_when_role_is_an_ARN_or_a_path(string role)
    {
        var d = Check.Validate(WithWriteRole(role));
        var diagnostic = Check.Single(d, "IDPDYN083", 12, 9);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Equal("Use the role name, not an ARN or path: 'orders-api-webshop-test'", diagnostic.Message);
    }

    [Fact]
    public void No_IDPDYN083_when_role_is_a_plain_name()
    {
        var d = Check.Validate(WithWriteRole("orders-api-webshop-test"));
        Check.None(d, "IDPDYN083");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN084

    [Theory]
    [InlineData("")]
    [InlineData("    serviceAccountReadRoles: []\n    serviceAccountWriteRoles: []\n")]
    public void Reports_IDPDYN084_when_table_grants_no_access(string roles)
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                billingMode: PAY_PER_REQUEST
                attributes:
                  - { name: CustomerId, type: 'S' }

            """ + roles);
        var diagnostic = Check.Single(d, "IDPDYN084", 4, 11);
        Assert.Equal(Severity.Info, diagnostic.Severity);
        Assert.Contains("'Orders' grants no access", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    serviceAccountReadRoles: [orders-api-webshop-test]\n")]
    [InlineData("    serviceAccountReadRoles: []\n    serviceAccountWriteRoles: [orders-api-webshop-test]\n")]
    public void No_IDPDYN084_when_table_grants_access_to_one_role(string roles)
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                billingMode: PAY_PER_REQUEST
                attributes:
                  - { name: CustomerId, type: 'S' }

            """ + roles);
        Check.None(d, "IDPDYN084");
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN085

    // The heuristic of docs/rules/IDPDYN085.md: E = 40 + sum over grants of (c_access + 2 * (len(arn) + 3) + 8), warn when E > 6144.
    // arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/webshop-test-T01" = 62 characters, so a read grant costs
    // 260 + 130 + 8 = 398 and a write grant 190 + 130 + 8 = 328.
    // Read only: 15 tables = 40 + 15 * 398 = 6010 (fine), 16 tables = 6408 (warn).
    // Read and write: 8 tables = 40 + 8 * 726 = 5848 (fine), 9 tables = 6574 (warn).

    /// <summary>
    /// <paramref name="count"/> tables T01.. granting the role orders-api-webshop-test. Each table takes 6 lines from
    /// line 4; the first table's roles are on lines 8 and 9 (in the order given by <paramref name="rolesYaml"/>).
    /// </summary>
    private static string ManyTables(int count, string rolesYaml)
    {
        string tables = string.Join("\n", Enumerable.Range(1, count).Select(i =>
            $"  - name: T{i:00}\n    hashKey: Id\n    billingMode: PAY_PER_REQUEST\n    attributes: [{{ name: Id, type: 'S' }}]\n{rolesYaml}"));
        return $$"""
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
            {{tables}}

            """;
    }

    private const string ReadOnly = "    serviceAccountReadRoles: [orders-api-webshop-test]\n    serviceAccountWriteRoles: []";
    private const string ReadWrite = "    serviceAccountReadRoles: [orders-api-webshop-test]\n    serviceAccountWriteRoles: [orders-api-webshop-test]";
    private const string WriteThenRead = "    serviceAccountWriteRoles: [orders-api-webshop-test]\n    serviceAccountReadRoles: [orders-api-webshop-test]";

    [Fact]
    public void Reports_IDPDYN085_when_one_role_reads_16_tables()
    {
        var d = Check.Validate(ManyTables(16, ReadOnly));
        var diagnostic = Check.Single(d, "IDPDYN085", 8, 31);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Contains("Role 'orders-api-webshop-test' is granted access to 16 tables; its generated policy is estimated at 6408 characters",
            diagnostic.Message, StringComparison.Ordinal);
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN085_when_one_role_reads_15_tables()
    {
        var d = Check.Validate(ManyTables(15, ReadOnly));
        Check.None(d, "IDPDYN085");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN085_when_one_role_reads_and_writes_9_tables()
    {
        var d = Check.Validate(ManyTables(9, ReadWrite));
        var diagnostic = Check.Single(d, "IDPDYN085", 8, 31);
        Assert.Contains("granted access to 9 tables; its generated policy is estimated at 6574 characters", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_IDPDYN085_when_one_role_reads_and_writes_8_tables()
    {
        var d = Check.Validate(ManyTables(8, ReadWrite));
        Check.None(d, "IDPDYN085");
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN085_at_the_first_occurrence_when_write_roles_are_written_before_read_roles()
    {
        // The role first occurs on line 8 (serviceAccountWriteRoles, column 32), before the read role on line 9.
        var d = Check.Validate(ManyTables(9, WriteThenRead));
        Check.Single(d, "IDPDYN085", 8, 32);
    }

    // ---------------------------------------------------------------- IDPDYN086

    [Fact]
    public void Reports_IDPDYN086_when_role_contains_upper_case_letters()
    {
        var d = Check.Validate(WithWriteRole("Orders-Api-webshop-test"));
        var diagnostic = Check.Single(d, "IDPDYN086", 12, 9);
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Contains("did you mean 'orders-api-webshop-test'", diagnostic.Message, StringComparison.Ordinal);
        Check.NoErrors(d);
    }

    [Fact]
    public void Reports_IDPDYN086_at_the_second_of_two_roles_that_differ_only_by_case()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                billingMode: PAY_PER_REQUEST
                attributes:
                  - { name: CustomerId, type: 'S' }
                serviceAccountReadRoles:
                  - orders-api-webshop-test
                  - ORDERS-api-webshop-test

            """);
        var reported = d.Where(x => x.Id == "IDPDYN086").ToList();
        Assert.True(reported.Count > 0 && reported.All(x => x.Span.Line == 11 && x.Span.Column == 9), Check.Describe(d));
        Assert.Contains(reported, x => x.Message.Contains("'orders-api-webshop-test' and 'ORDERS-api-webshop-test' differ only by case", StringComparison.Ordinal));
        Check.NoErrors(d);
    }

    [Fact]
    public void No_IDPDYN086_when_roles_are_lower_case()
    {
        var d = Check.Validate(
            """
            managementPolicies: Control
            deletionPolicy: Orphan
            tables:
              - name: Orders
                hashKey: CustomerId
                billingMode: PAY_PER_REQUEST
                attributes:
                  - { name: CustomerId, type: 'S' }
                serviceAccountReadRoles:
                  - orders-api-webshop-test
                  - orders-web-webshop-test

            """);
        Check.None(d, "IDPDYN086");
        Check.NoErrors(d);
    }
}
