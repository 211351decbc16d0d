using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using IdpDynamo.Schema.Tests.Infrastructure;

namespace IdpDynamo.Schema.Tests.ChangeDetection;

/// <summary>
/// The change-detection rules (IDPDYN046–049, 057, 067, 106, 107) against REAL git repositories: a
/// values file is committed at apps/webshop-test/orders/dynamodb/values.yaml, changed on disk, and validated with
/// <c>ValuesFileLoader.ValidateFile(..., "HEAD", out skip)</c>. Positions are 1-based and counted by hand from the YAML.
/// Every Δ test asserts the complete list of Δ diagnostics, so a rule that fires too often fails as well.
/// </summary>
public sealed class ChangeDetectionTests : IDisposable
{
    /// <summary>
    /// The baseline. Lines that the tests point at:
    /// 4 '  - name: Orders' (value at 11), 5 'hashKey' (value at 14), 6 'rangeKey' (value at 15),
    /// 9/11/13/15 the 'type' values of CustomerId/OrderDate/Status/TotalAmount (column 15),
    /// 17 'localSecondaryIndex' (key at 5), 18 the LSI entry (first key at 9), 22 'globalSecondaryIndex' (key at 5),
    /// 23 the GSI entry (first key at 9), 27 'ttl' (key at 5), 32 '  - name: Products' (value at 11).
    /// </summary>
    private const string Base = """
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
              - name: Status
                type: 'S'
              - name: TotalAmount
                type: 'N'
            billingMode: PAY_PER_REQUEST
            localSecondaryIndex:
              - name: AmountIndex
                rangeKey: TotalAmount
                projectionType: KEYS_ONLY
                nonKeyAttributes: []
            globalSecondaryIndex:
              - name: StatusIndex
                hashKey: Status
                rangeKey: OrderDate
                projectionType: ALL
            ttl:
              attributeName: ExpiresAt
              enabled: true
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]
          - name: Products
            hashKey: Sku
            attributes:
              - name: Sku
                type: 'S'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]

        """;

    /// <summary>The Products entry of <see cref="Base"/> (lines 32–39).</summary>
    private const string ProductsEntry = """
          - name: Products
            hashKey: Sku
            attributes:
              - name: Sku
                type: 'S'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]

        """;

    private readonly GitRepository _repo = new();

    public void Dispose() => _repo.Dispose();

    /// <summary><paramref name="yaml"/> with <paramref name="old"/> (which must occur exactly once) replaced.</summary>
    private static string Change(string yaml, string old, string now)
    {
        int first = yaml.IndexOf(old, StringComparison.Ordinal);
        Assert.True(first >= 0 && yaml.IndexOf(old, first + 1, StringComparison.Ordinal) < 0, $"'{old}' must occur exactly once");
        return yaml.Replace(old, now, StringComparison.Ordinal);
    }

    /// <summary>Commits <paramref name="before"/>, writes <paramref name="after"/>, validates against HEAD.</summary>
    private IReadOnlyList<Diagnostic> Run(string before, string after)
    {
        _repo.CommitValues(before);
        _repo.WriteValues(after);
        return _repo.ValidateAgainstHead();
    }

    private static void Delta(IReadOnlyList<Diagnostic> diagnostics, params string[] expected)
        => Assert.True(DeltaIds.Of(diagnostics).SequenceEqual(expected),
            $"Expected Δ diagnostics [{string.Join(", ", expected)}]; got:\n{Check.Describe(diagnostics)}");

    private static Diagnostic One(IReadOnlyList<Diagnostic> diagnostics, string id, int line, int column, Severity severity)
    {
        var d = Check.Has(diagnostics, id, line, column);
        Assert.Equal(severity, d.Severity);
        return d;
    }

    private static void Mentions(Diagnostic d, params string[] parts)
    {
        foreach (string part in parts)
        {
            Assert.True(d.Message.Contains(part, StringComparison.Ordinal), $"'{d.Message}' should mention '{part}'");
        }
    }

    // ---------------------------------------------------------------- the baseline itself and the no-baseline paths

    [Fact]
    public void The_base_file_is_clean_apart_from_the_LSI_info()
    {
        _repo.WriteValues(Base);
        var d = _repo.Validate(null, out string? skip);

        Assert.Null(skip);
        Assert.True(d.All(x => x.Severity == Severity.Info), Check.Describe(d));
        Assert.Equal(new[] { "IDPDYN058" }, Check.Ids(d));
    }

    [Fact]
    public void An_unchanged_file_has_no_delta_diagnostics()
    {
        var d = Run(Base, Base);

        Delta(d);
        Assert.Equal(new[] { "IDPDYN058" }, Check.Ids(d));
    }

    [Fact]
    public void Without_a_baseline_ref_nothing_is_compared_even_in_a_repository()
    {
        _repo.CommitValues(Base);
        _repo.WriteValues(Change(Base, "hashKey: CustomerId", "hashKey: OrderDate"));

        var d = _repo.Validate(null, out string? skip);

        Assert.Null(skip);
        Delta(d);
    }

    [Fact]
    public void A_file_that_is_new_in_this_change_has_no_baseline_no_delta_and_no_skip_reason()
    {
        // The repository has a commit, but not of this file: it is new in the change.
        _repo.Write("README.md", "apps\n");
        _repo.CommitAll("first");
        _repo.WriteValues(Base);

        var d = _repo.Validate("HEAD", out string? skip);

        Assert.Null(skip);
        Delta(d);
        Check.None(d, "IDPDYN131");
    }

    [Fact]
    public void A_file_added_in_the_index_but_not_committed_is_still_new()
    {
        _repo.Write("README.md", "apps\n");
        _repo.CommitAll("first");
        _repo.WriteValues(Base);
        _repo.Git("add", "-A");

        var d = _repo.Validate("HEAD", out string? skip);

        Assert.Null(skip);
        Delta(d);
    }

    [Fact]
    public void A_file_outside_any_git_repository_is_skipped_with_a_reason()
    {
        using var plain = new GitRepository(init: false);
        plain.WriteValues(Base);

        var d = plain.Validate("HEAD", out string? skip);

        Assert.NotNull(skip);
        Assert.Contains("is not inside a git repository", skip, StringComparison.Ordinal);
        Delta(d);
        Check.None(d, "IDPDYN131"); // the CLI and the task report 131 once per run; the loader only says why
        Assert.Equal(new[] { "IDPDYN058" }, Check.Ids(d)); // never an error: validation itself still ran
    }

    [Fact]
    public void An_unknown_ref_is_skipped_with_a_reason()
    {
        _repo.CommitValues(Base);
        _repo.WriteValues(Change(Base, "hashKey: CustomerId", "hashKey: OrderDate"));

        var d = _repo.Validate("origin/no-such-branch", out string? skip);

        Assert.NotNull(skip);
        Assert.Contains("'origin/no-such-branch' does not exist", skip, StringComparison.Ordinal);
        Assert.DoesNotContain("shallow", skip, StringComparison.Ordinal);
        Delta(d);
    }

    [Fact]
    public void A_repository_without_any_commit_is_an_unknown_ref()
    {
        _repo.WriteValues(Base);

        var d = _repo.Validate("HEAD", out string? skip);

        Assert.NotNull(skip);
        Assert.Contains("'HEAD' does not exist", skip, StringComparison.Ordinal);
        Delta(d);
    }

    [Fact]
    public void A_ref_that_looks_like_an_option_is_an_unknown_ref_and_never_a_git_option()
    {
        _repo.CommitValues(Base);

        var d = _repo.Validate("--output=/tmp/idpdyn-should-not-exist", out string? skip);

        Assert.NotNull(skip);
        Assert.Contains("does not exist", skip, StringComparison.Ordinal);
        Assert.False(File.Exists("/tmp/idpdyn-should-not-exist"));
        Delta(d);
    }

    [Fact]
    public void A_shallow_clone_without_the_ref_is_skipped_and_the_reason_says_shallow()
    {
        _repo.CommitValues(Base);
        _repo.WriteValues(Change(Base, "hashKey: CustomerId", "hashKey: OrderDate"));
        _repo.CommitAll("second");
        using var clone = _repo.ShallowClone();
        Assert.Equal("true", clone.Git("rev-parse", "--is-shallow-repository").Trim());

        var d = clone.Validate("HEAD~1", out string? skip);

        Assert.NotNull(skip);
        Assert.Contains("shallow", skip, StringComparison.Ordinal);
        Assert.Contains("'HEAD~1'", skip, StringComparison.Ordinal);
        Delta(d);
    }

    [Fact]
    public void A_shallow_clone_that_has_the_ref_compares_normally()
    {
        // Nearest negative of the shallow case: the ref is the one commit the clone has.
        _repo.CommitValues(Base);
        using var clone = _repo.ShallowClone();
        clone.WriteValues(Change(Base, "hashKey: CustomerId", "hashKey: OrderDate"));

        var d = clone.ValidateAgainstHead();

        Assert.Contains("IDPDYN046(5,14)", DeltaIds.Of(d));
    }

    [Fact]
    public void A_branch_name_works_as_baseline_and_the_message_names_it()
    {
        _repo.CommitValues(Base);
        _repo.Git("branch", "main-before");
        _repo.WriteValues(Change(Base, "hashKey: CustomerId", "hashKey: OrderDate"));
        _repo.CommitAll("on top");

        var d = _repo.Validate("main-before", out string? skip);

        Assert.Null(skip);
        Mentions(Check.Single(d, "IDPDYN046", 5, 14), "main-before");
    }

    [Fact]
    public void A_baseline_that_is_not_a_values_mapping_gives_no_delta_and_no_crash()
    {
        _repo.CommitValues("- just\n- a list\n");
        _repo.WriteValues(Base);

        var d = _repo.ValidateAgainstHead();

        Delta(d);
        Check.None(d, "IDPDYN999");
    }

    // ---------------------------------------------------------------- IDPDYN046 key schema

    [Fact]
    public void Reports_IDPDYN046_at_the_changed_hashKey()
    {
        var d = Run(Base, Change(Change(Base, "hashKey: CustomerId", "hashKey: ShopperId"), "- name: CustomerId", "- name: ShopperId"));

        Delta(d, "IDPDYN046(5,14)");
        Mentions(One(d, "IDPDYN046", 5, 14, Severity.Error), "'webshop-test-Orders'", "(CustomerId, OrderDate)", "HEAD", "cannot be changed");
    }

    [Fact]
    public void Reports_IDPDYN046_at_the_changed_rangeKey()
    {
        var d = Run(Base, Change(Base, "    rangeKey: OrderDate\n    attributes:\n", "    rangeKey: PlacedAt\n    attributes:\n      - name: PlacedAt\n        type: 'S'\n"));

        Delta(d, "IDPDYN046(6,15)");
        Mentions(One(d, "IDPDYN046", 6, 15, Severity.Error), "(CustomerId, OrderDate)");
    }

    [Fact]
    public void Reports_IDPDYN046_at_the_table_name_when_the_rangeKey_is_removed()
    {
        var d = Run(Base, Change(Base, "    rangeKey: OrderDate\n    attributes:", "    attributes:"));

        Delta(d, "IDPDYN046(4,11)");
    }

    [Fact]
    public void Reports_IDPDYN046_when_a_rangeKey_is_added()
    {
        string before = Change(Change(Base, "    rangeKey: OrderDate\n    attributes:", "    attributes:"), "    localSecondaryIndex:\n      - name: AmountIndex\n        rangeKey: TotalAmount\n        projectionType: KEYS_ONLY\n        nonKeyAttributes: []\n", string.Empty);
        string after = Change(Base, "    localSecondaryIndex:\n      - name: AmountIndex\n        rangeKey: TotalAmount\n        projectionType: KEYS_ONLY\n        nonKeyAttributes: []\n", string.Empty);

        var d = Run(before, after);

        Delta(d, "IDPDYN046(6,15)");
        Mentions(Check.Single(d, "IDPDYN046", 6, 15), "(CustomerId, -)");
    }

    [Fact]
    public void No_IDPDYN046_when_the_same_key_is_only_written_differently()
    {
        var d = Run(Base, Change(Base, "hashKey: CustomerId", "hashKey: \"CustomerId\""));

        Delta(d);
    }

    [Fact]
    public void No_IDPDYN046_when_the_key_change_comes_with_a_new_table_name()
    {
        // A new name is a new table (048 says what happens to the old one): its keys are free.
        string after = Change(Change(Change(Base, "hashKey: CustomerId", "hashKey: ShopperId"), "- name: CustomerId", "- name: ShopperId"), "- name: Orders", "- name: OrdersV2");

        var d = Run(Base, after);

        Check.None(d, "IDPDYN046");
    }

    // ---------------------------------------------------------------- IDPDYN047 key attribute types

    [Fact]
    public void Reports_IDPDYN047_error_when_the_type_of_a_table_key_changes()
    {
        var d = Run(Base, Change(Base, "- name: OrderDate\n        type: 'S'", "- name: OrderDate\n        type: 'N'"));

        Delta(d, "IDPDYN047(11,15)");
        Mentions(One(d, "IDPDYN047", 11, 15, Severity.Error), "'OrderDate'", "from 'S' to 'N'", "silently ignored", "HEAD");
    }

    [Fact]
    public void Reports_IDPDYN047_error_when_the_type_of_an_LSI_sort_key_changes()
    {
        // An LSI's key is part of the table's fixed key schema (the key attributes of a table).
        var d = Run(Base, Change(Base, "- name: TotalAmount\n        type: 'N'", "- name: TotalAmount\n        type: 'S'"));

        Delta(d, "IDPDYN047(15,15)");
        Mentions(One(d, "IDPDYN047", 15, 15, Severity.Error), "'TotalAmount'", "from 'N' to 'S'");
    }

    [Fact]
    public void Reports_IDPDYN047_warning_and_IDPDYN067_when_the_type_of_a_GSI_key_changes()
    {
        var d = Run(Base, Change(Base, "- name: Status\n        type: 'S'", "- name: Status\n        type: 'N'"));

        Delta(d, "IDPDYN047(13,15)", "IDPDYN067(23,9)");
        Mentions(One(d, "IDPDYN047", 13, 15, Severity.Warning), "rebuilds index 'StatusIndex'");
        Mentions(One(d, "IDPDYN067", 23, 9, Severity.Info), "'StatusIndex' will be rebuilt");
    }

    [Fact]
    public void A_type_change_of_an_attribute_that_is_both_table_key_and_GSI_key_is_one_error()
    {
        // OrderDate is the table's and the GSI's sort key; its type changes: the table-key error, not a second
        // (warning) 047 at the same place.
        string before = Base;
        string after = Change(before, "- name: OrderDate\n        type: 'S'", "- name: OrderDate\n        type: 'N'");

        var d = Run(before, after);

        Assert.Single(d, x => x.Id == "IDPDYN047");
        One(d, "IDPDYN047", 11, 15, Severity.Error);
    }

    [Fact]
    public void No_IDPDYN047_when_the_type_is_only_quoted_differently()
    {
        var d = Run(Base, Change(Base, "- name: OrderDate\n        type: 'S'", "- name: OrderDate\n        type: \"S\""));

        Delta(d);
    }

    // ---------------------------------------------------------------- IDPDYN048 identity changes (rename heuristic)

    [Fact]
    public void Reports_IDPDYN048_at_the_new_name_and_says_the_old_table_is_orphaned()
    {
        var d = Run(Base, Change(Base, "- name: Orders", "- name: OrderHistory"));

        Delta(d, "IDPDYN048(4,11)");
        Mentions(One(d, "IDPDYN048", 4, 11, Severity.Warning),
            "Changing name of 'webshop-test-Orders'", "new empty table 'webshop-test-OrderHistory'", "orphaned (kept, unmanaged)", "HEAD");
    }

    [Fact]
    public void Reports_IDPDYN048_with_DELETED_when_the_deletionPolicy_is_Delete()
    {
        string before = Change(Base, "deletionPolicy: Orphan", "deletionPolicy: Delete");

        var d = Run(before, Change(before, "- name: Orders", "- name: OrderHistory"));

        Delta(d, "IDPDYN048(4,11)");
        Mentions(Check.Single(d, "IDPDYN048", 4, 11), "DELETED with its data");
    }

    [Fact]
    public void Reports_IDPDYN048_at_the_region_when_the_table_moves_to_another_region()
    {
        // Line 17 '    region: eu-north-1': the value at column 13.
        string after = Change(Base, "    billingMode: PAY_PER_REQUEST\n    localSecondaryIndex:", "    billingMode: PAY_PER_REQUEST\n    region: eu-north-1\n    localSecondaryIndex:");

        var d = Run(Base, after);

        Delta(d, "IDPDYN048(17,13)");
        Mentions(One(d, "IDPDYN048", 17, 13, Severity.Warning), "Changing region", "'webshop-test-Orders'", "in eu-north-1");
    }

    [Fact]
    public void No_IDPDYN048_when_the_default_region_is_written_out()
    {
        string after = Change(Base, "    billingMode: PAY_PER_REQUEST\n    localSecondaryIndex:", "    billingMode: PAY_PER_REQUEST\n    region: eu-west-1\n    localSecondaryIndex:");

        var d = Run(Base, after);

        Delta(d);
    }

    [Fact]
    public void Reports_IDPDYN048_at_useIdpPrefix_when_the_prefix_is_switched_on()
    {
        // Line 5 '    useIdpPrefix: true': the value at column 19.
        var d = Run(Base, Change(Base, "  - name: Orders\n", "  - name: Orders\n    useIdpPrefix: true\n"));

        Delta(d, "IDPDYN048(5,19)");
        Mentions(One(d, "IDPDYN048", 5, 19, Severity.Warning), "Changing useIdpPrefix of 'webshop-test-Orders'", "'idp-webshop-test-Orders'");
    }

    [Fact]
    public void Reports_IDPDYN048_at_the_name_when_useIdpPrefix_is_removed()
    {
        string before = Change(Base, "  - name: Orders\n", "  - name: Orders\n    useIdpPrefix: true\n");

        var d = Run(before, Base);

        Delta(d, "IDPDYN048(4,11)");
        Mentions(Check.Single(d, "IDPDYN048", 4, 11), "Changing useIdpPrefix of 'idp-webshop-test-Orders'", "'webshop-test-Orders'");
    }

    [Fact]
    public void No_IDPDYN048_when_useIdpPrefix_false_is_written_out()
    {
        var d = Run(Base, Change(Base, "  - name: Orders\n", "  - name: Orders\n    useIdpPrefix: false\n"));

        Delta(d);
    }

    [Fact]
    public void No_delta_when_tables_only_change_order()
    {
        // Identity is the rendered name + region, not the position.
        string products = ProductsEntry;
        string after = Change(Base, products, string.Empty).Replace("tables:\n", "tables:\n" + products, StringComparison.Ordinal);

        var d = Run(Base, after);

        Delta(d);
    }

    [Fact]
    public void A_renamed_table_whose_indexes_also_changed_is_still_matched_by_position_and_hash_key()
    {
        // Not the same shape any more (a second GSI), but the same position and the same hashKey.
        string after = Change(Base, "- name: Orders", "- name: OrderHistory")
            .Replace("        projectionType: ALL\n", "        projectionType: ALL\n      - name: AmountGlobal\n        hashKey: TotalAmount\n        projectionType: KEYS_ONLY\n", StringComparison.Ordinal);

        var d = Run(Base, after);

        Delta(d, "IDPDYN048(4,11)");
    }

    [Fact]
    public void A_renamed_table_with_other_keys_at_another_position_is_a_new_table_and_the_old_one_is_removed()
    {
        // Products renamed AND re-keyed, moved to the top: nothing ties it to the old entry.
        string moved = ProductsEntry.Replace("name: Products", "name: Catalog", StringComparison.Ordinal).Replace("Sku", "CatalogId", StringComparison.Ordinal);
        string after = Change(Base, ProductsEntry, string.Empty).Replace("tables:\n", "tables:\n" + moved, StringComparison.Ordinal);

        var d = Run(Base, after);

        Delta(d, "IDPDYN107(1,1)");
        Mentions(Check.Single(d, "IDPDYN107", 1, 1), "'webshop-test-Products'", "line 32");
    }

    // ---- the rename heuristic on ambiguous cases: two entries of the same shape (hashKey Sku, no indexes)

    private static string Entry(string name, string hashKey = "Sku") => $$"""
          - name: {{name}}
            hashKey: {{hashKey}}
            attributes:
              - name: {{hashKey}}
                type: 'S'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]

        """;

    /// <summary>A file of 8-line entries: entry i (0-based) has its name on line 4 + 8i, value at column 11.</summary>
    private static string ValuesOf(string deletionPolicy, params string[] entries)
        => $"managementPolicies: Control\ndeletionPolicy: {deletionPolicy}\ntables:\n" + string.Concat(entries);

    [Fact]
    public void Ambiguous_one_of_two_twins_renamed_the_other_keeps_its_identity()
    {
        var d = Run(ValuesOf("Orphan", Entry("Products"), Entry("Archive")), ValuesOf("Orphan", Entry("Catalog"), Entry("Archive")));

        Delta(d, "IDPDYN048(4,11)");
        Mentions(Check.Single(d, "IDPDYN048", 4, 11), "'webshop-test-Products'", "'webshop-test-Catalog'");
    }

    [Fact]
    public void Ambiguous_two_twins_become_one_the_same_position_wins_and_the_other_is_removed()
    {
        var d = Run(ValuesOf("Orphan", Entry("Products"), Entry("Archive")), ValuesOf("Orphan", Entry("Catalog")));

        Delta(d, "IDPDYN107(1,1)", "IDPDYN048(4,11)");
        Mentions(Check.Single(d, "IDPDYN048", 4, 11), "'webshop-test-Products'");
        Mentions(Check.Single(d, "IDPDYN107", 1, 1), "'webshop-test-Archive'", "line 12");
    }

    [Fact]
    public void Ambiguous_both_twins_renamed_each_is_paired_by_position()
    {
        var d = Run(ValuesOf("Orphan", Entry("Products"), Entry("Archive")), ValuesOf("Orphan", Entry("Catalog"), Entry("Attic")));

        Delta(d, "IDPDYN048(4,11)", "IDPDYN048(12,11)");
        Mentions(Check.Has(d, "IDPDYN048", 4, 11), "'webshop-test-Products'", "'webshop-test-Catalog'");
        Mentions(Check.Has(d, "IDPDYN048", 12, 11), "'webshop-test-Archive'", "'webshop-test-Attic'");
    }

    [Fact]
    public void Ambiguous_twins_without_a_position_to_break_the_tie_are_not_guessed_both_are_reported_removed()
    {
        // Catalog (3rd entry) has the shape of both Products and Archive, and neither is at its position: no 048 is
        // guessed; both old tables are reported as removed (107 here, 106 with Delete), so the loss is still visible.
        var d = Run(
            ValuesOf("Orphan", Entry("Products"), Entry("Archive")),
            ValuesOf("Orphan", Entry("Customers", "CustomerId"), Entry("Suppliers", "SupplierId"), Entry("Catalog")));

        Delta(d, "IDPDYN107(1,1)", "IDPDYN107(1,1)");
        Check.None(d, "IDPDYN048");
        Assert.Contains(d, x => x.Id == "IDPDYN107" && x.Message.Contains("'webshop-test-Products'", StringComparison.Ordinal));
        Assert.Contains(d, x => x.Id == "IDPDYN107" && x.Message.Contains("'webshop-test-Archive'", StringComparison.Ordinal));
    }

    [Fact]
    public void Ambiguous_one_old_table_two_new_twins_the_first_new_entry_takes_the_rename()
    {
        var d = Run(ValuesOf("Orphan", Entry("Products")), ValuesOf("Orphan", Entry("Catalog"), Entry("Inventory")));

        Delta(d, "IDPDYN048(4,11)");
        Mentions(Check.Single(d, "IDPDYN048", 4, 11), "'webshop-test-Catalog'");
    }

    // ---------------------------------------------------------------- IDPDYN049 TTL

    [Fact]
    public void Reports_IDPDYN049_at_ttl_when_TTL_is_disabled()
    {
        var d = Run(Base, Change(Base, "enabled: true", "enabled: false"));

        Delta(d, "IDPDYN049(27,5)");
        Mentions(One(d, "IDPDYN049", 27, 5, Severity.Warning), "'webshop-test-Orders'", "TTL disabled", "HEAD");
    }

    [Fact]
    public void Reports_IDPDYN049_when_the_TTL_attribute_changes_while_enabled()
    {
        var d = Run(Base, Change(Base, "attributeName: ExpiresAt", "attributeName: ValidUntil"));

        Delta(d, "IDPDYN049(27,5)");
        Mentions(Check.Single(d, "IDPDYN049", 27, 5), "'ExpiresAt' → 'ValidUntil'");
    }

    [Fact]
    public void Reports_IDPDYN049_at_the_name_when_the_ttl_block_is_removed()
    {
        var d = Run(Base, Change(Base, "    ttl:\n      attributeName: ExpiresAt\n      enabled: true\n", string.Empty));

        Delta(d, "IDPDYN049(4,11)");
        Mentions(Check.Single(d, "IDPDYN049", 4, 11), "TTL disabled");
    }

    [Fact]
    public void Reports_IDPDYN049_when_TTL_is_enabled_on_an_existing_table()
    {
        // Line 38 '    ttl:' of Products.
        string after = Change(Base, "        type: 'S'\n    billingMode: PAY_PER_REQUEST\n    serviceAccountReadRoles", "        type: 'S'\n    billingMode: PAY_PER_REQUEST\n    ttl:\n      attributeName: ExpiresAt\n      enabled: true\n    serviceAccountReadRoles");

        var d = Run(Base, after);

        Delta(d, "IDPDYN049(38,5)");
        Mentions(Check.Single(d, "IDPDYN049", 38, 5), "'webshop-test-Products'", "TTL enabled");
    }

    [Fact]
    public void No_IDPDYN049_when_the_attribute_changes_while_TTL_stays_disabled()
    {
        string before = Change(Base, "enabled: true", "enabled: false");

        var d = Run(before, Change(before, "attributeName: ExpiresAt", "attributeName: ValidUntil"));

        Delta(d);
    }

    // ---------------------------------------------------------------- IDPDYN057 LSIs

    private const string Lsi = "    localSecondaryIndex:\n      - name: AmountIndex\n        rangeKey: TotalAmount\n        projectionType: KEYS_ONLY\n        nonKeyAttributes: []\n";

    [Fact]
    public void Reports_IDPDYN057_at_the_LSI_entry_when_it_changes()
    {
        var d = Run(Base, Change(Base, "projectionType: KEYS_ONLY", "projectionType: ALL"));

        Delta(d, "IDPDYN057(18,9)");
        Mentions(One(d, "IDPDYN057", 18, 9, Severity.Error), "'webshop-test-Orders'", "'AmountIndex' changed since HEAD");
    }

    [Fact]
    public void Reports_IDPDYN057_at_the_new_LSI_entry_when_one_is_added()
    {
        // Lines 22–25: the new LSI, its first key at column 9.
        var d = Run(Base, Change(Base, Lsi, Lsi + "      - name: StatusLocal\n        rangeKey: Status\n        projectionType: KEYS_ONLY\n        nonKeyAttributes: []\n"));

        Delta(d, "IDPDYN057(22,9)");
        Mentions(Check.Single(d, "IDPDYN057", 22, 9), "'StatusLocal' added");
    }

    [Fact]
    public void Reports_IDPDYN057_at_the_key_when_an_LSI_is_removed()
    {
        var d = Run(Base, Change(Base, Lsi, "    localSecondaryIndex: []\n"));

        Delta(d, "IDPDYN057(17,5)");
        Mentions(Check.Single(d, "IDPDYN057", 17, 5), "'AmountIndex' removed");
    }

    [Fact]
    public void Reports_IDPDYN057_at_the_table_name_when_the_whole_LSI_list_is_removed()
    {
        var d = Run(Base, Change(Base, Lsi, string.Empty));

        Delta(d, "IDPDYN057(4,11)");
    }

    [Fact]
    public void No_IDPDYN057_when_the_same_LSI_is_written_in_flow_style()
    {
        var d = Run(Base, Change(Base, Lsi, "    localSecondaryIndex:\n      - { name: AmountIndex, rangeKey: TotalAmount, projectionType: KEYS_ONLY, nonKeyAttributes: [] }\n"));

        Delta(d);
    }

    [Fact]
    public void No_IDPDYN057_for_an_LSI_of_a_table_that_is_new()
    {
        string newTable = Entry("Events", "EventId").Replace("    billingMode", "    rangeKey: At\n    billingMode", StringComparison.Ordinal)
            .Replace("        type: 'S'\n", "        type: 'S'\n      - name: At\n        type: 'S'\n      - name: Kind\n        type: 'S'\n", StringComparison.Ordinal)
            .Replace("    billingMode: PAY_PER_REQUEST\n", "    billingMode: PAY_PER_REQUEST\n    localSecondaryIndex:\n      - name: KindIndex\n        rangeKey: Kind\n        projectionType: KEYS_ONLY\n        nonKeyAttributes: []\n", StringComparison.Ordinal);

        var d = Run(Base, Base + newTable);

        Delta(d);
        Check.NoErrors(d);
    }

    // ---------------------------------------------------------------- IDPDYN067 GSIs

    [Fact]
    public void Reports_IDPDYN067_created_at_a_new_GSI()
    {
        // Lines 27–29: the new GSI, its first key at column 9.
        var d = Run(Base, Change(Base, "        projectionType: ALL\n", "        projectionType: ALL\n      - name: AmountGlobal\n        hashKey: TotalAmount\n        projectionType: KEYS_ONLY\n"));

        Delta(d, "IDPDYN067(27,9)");
        Mentions(One(d, "IDPDYN067", 27, 9, Severity.Info), "'AmountGlobal' will be created on the existing table 'webshop-test-Orders'", "HEAD");
    }

    [Fact]
    public void Reports_IDPDYN067_rebuilt_when_a_GSI_projection_changes()
    {
        var d = Run(Base, Change(Base, "projectionType: ALL", "projectionType: KEYS_ONLY"));

        Delta(d, "IDPDYN067(23,9)");
        Mentions(Check.Single(d, "IDPDYN067", 23, 9), "will be rebuilt");
    }

    [Fact]
    public void Reports_IDPDYN067_deleted_at_the_key_when_a_GSI_is_removed()
    {
        var d = Run(Base, Change(Base, "    globalSecondaryIndex:\n      - name: StatusIndex\n        hashKey: Status\n        rangeKey: OrderDate\n        projectionType: ALL\n", "    globalSecondaryIndex: []\n"));

        Delta(d, "IDPDYN067(22,5)");
        Mentions(Check.Single(d, "IDPDYN067", 22, 5), "'StatusIndex' will be deleted");
    }

    [Fact]
    public void Reports_IDPDYN067_twice_when_a_GSI_is_renamed()
    {
        var d = Run(Base, Change(Base, "- name: StatusIndex", "- name: ByStatus"));

        Delta(d, "IDPDYN067(22,5)", "IDPDYN067(23,9)");
        Mentions(Check.Has(d, "IDPDYN067", 23, 9), "'ByStatus' will be created");
        Mentions(Check.Has(d, "IDPDYN067", 22, 5), "'StatusIndex' will be deleted");
    }

    [Fact]
    public void No_IDPDYN067_when_only_GSI_capacity_changes()
    {
        // The chart ignores GSI capacity (066 says so); the index itself is unchanged.
        var d = Run(Base, Change(Base, "        projectionType: ALL\n", "        projectionType: ALL\n        readCapacity: 5\n"));

        Delta(d);
        Check.Has(d, "IDPDYN066", 27, 9);
    }

    [Fact]
    public void A_duplicated_index_name_is_IDPDYN070_and_never_an_internal_error()
    {
        // Index names are looked up by name in both versions; a duplicate must not break the comparison.
        const string Gsi = "      - name: StatusIndex\n        hashKey: Status\n        rangeKey: OrderDate\n        projectionType: ALL\n";
        string duplicated = Change(Base, Gsi, Gsi + Gsi);

        var d = Run(duplicated, duplicated);

        Check.None(d, "IDPDYN999");
        Check.Has(d, "IDPDYN070", 27, 15);
        Delta(d);
    }

    // ---------------------------------------------------------------- IDPDYN106 / IDPDYN107 removed tables

    [Fact]
    public void Reports_IDPDYN107_at_line_1_when_a_table_is_removed_with_Orphan()
    {
        var d = Run(Base, Change(Base, ProductsEntry, string.Empty));

        Delta(d, "IDPDYN107(1,1)");
        Mentions(One(d, "IDPDYN107", 1, 1, Severity.Info), "'webshop-test-Products'", "line 32", "HEAD", "orphaned");
    }

    [Fact]
    public void Reports_IDPDYN107_when_a_table_is_removed_and_deletionPolicy_is_unset()
    {
        string before = Change(Base, "deletionPolicy: Orphan\n", string.Empty);

        var d = Run(before, Change(before, ProductsEntry, string.Empty));

        Delta(d, "IDPDYN107(1,1)");
        Mentions(Check.Single(d, "IDPDYN107", 1, 1), "line 31");
    }

    [Fact]
    public void Reports_IDPDYN106_at_line_1_when_a_table_is_removed_with_Delete()
    {
        string before = Change(Base, "deletionPolicy: Orphan", "deletionPolicy: Delete");

        var d = Run(before, Change(before, ProductsEntry, string.Empty));

        Delta(d, "IDPDYN106(1,1)");
        Mentions(One(d, "IDPDYN106", 1, 1, Severity.Warning), "'webshop-test-Products'", "line 32", "DELETED");
    }

    [Fact]
    public void Reports_IDPDYN106_when_the_table_is_removed_in_the_same_change_that_switches_to_Orphan()
    {
        // The removed table's Crossplane resource still carries the deletionPolicy it was deployed with (the
        // baseline's Delete); the new Orphan never reaches it, so AWS deletes the table.
        string before = Change(Base, "deletionPolicy: Orphan", "deletionPolicy: Delete");

        var d = Run(before, Change(Base, ProductsEntry, string.Empty));

        Delta(d, "IDPDYN106(1,1)");
    }

    [Fact]
    public void Reports_IDPDYN107_when_the_table_is_removed_in_the_same_change_that_switches_to_Delete()
    {
        // Mirror image: the removed table was deployed with Orphan, so it is orphaned.
        string after = Change(Change(Base, "deletionPolicy: Orphan", "deletionPolicy: Delete"), ProductsEntry, string.Empty);

        var d = Run(Base, after);

        Delta(d, "IDPDYN107(1,1)");
    }

    [Fact]
    public void Reports_one_IDPDYN106_per_removed_table_in_baseline_order()
    {
        string before = Change(Base, "deletionPolicy: Orphan", "deletionPolicy: Delete");
        string after = ValuesOf("Delete", Entry("Newcomer", "NewId"));

        var d = Run(before, after);

        Delta(d, "IDPDYN106(1,1)", "IDPDYN106(1,1)");
        var removed = d.Where(x => x.Id == "IDPDYN106").ToList();
        Mentions(removed[0], "'webshop-test-Orders'", "line 4");
        Mentions(removed[1], "'webshop-test-Products'", "line 32");
    }

    [Fact]
    public void No_IDPDYN106_when_a_table_is_only_moved_and_the_policy_is_Delete()
    {
        string before = Change(Base, "deletionPolicy: Orphan", "deletionPolicy: Delete");
        string after = Change(before, ProductsEntry, string.Empty).Replace("tables:\n", "tables:\n" + ProductsEntry, StringComparison.Ordinal);

        var d = Run(before, after);

        Delta(d);
    }

    // ---------------------------------------------------------------- several rules at once

    [Fact]
    public void Several_changes_of_one_table_are_reported_each_at_its_anchor_in_file_order()
    {
        string after = Change(Base, "projectionType: KEYS_ONLY", "projectionType: ALL");
        after = Change(after, "projectionType: ALL\n    ttl", "projectionType: KEYS_ONLY\n    ttl");
        after = Change(after, "enabled: true", "enabled: false");
        after = Change(after, ProductsEntry, string.Empty);

        var d = Run(Base, after);

        Delta(d, "IDPDYN107(1,1)", "IDPDYN057(18,9)", "IDPDYN067(23,9)", "IDPDYN049(27,5)");
    }

    // ---------------------------------------------------------------- where the file is found

    [Fact]
    public void A_repository_reached_through_a_symbolic_link_still_finds_the_baseline()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // creating symbolic links needs a privilege there; the path logic is the same
        }

        _repo.CommitValues(Base);
        _repo.WriteValues(Change(Base, "hashKey: CustomerId", "hashKey: OrderDate"));
        string link = _repo.Root + "-link";
        Directory.CreateSymbolicLink(link, _repo.Root);
        try
        {
            string full = Path.Combine(link, GitRepository.ValuesPath.Replace('/', Path.DirectorySeparatorChar));
            var result = IdpDynamo.Schema.IO.ValuesFileLoader.ValidateFile(GitRepository.ValuesPath, full, null, "2.1.11", "HEAD", out string? skip);

            Assert.Null(skip);
            Assert.Contains("IDPDYN046(5,14)", DeltaIds.Of(result.Diagnostics));
        }
        finally
        {
            Directory.Delete(link);
        }
    }

    [Fact]
    public void The_baseline_is_the_same_path_never_another_file_of_the_same_name()
    {
        // A values.yaml at the repository root and one in apps/: each is compared with its own earlier version.
        _repo.Write("values.yaml", ValuesOf("Orphan", Entry("Elsewhere")));
        _repo.CommitValues(Base);
        _repo.WriteValues(Base);

        var d = _repo.ValidateAgainstHead();

        Delta(d);
    }

    [Fact]
    public void Each_values_file_of_the_repository_has_its_own_baseline()
    {
        const string Prod = "apps/webshop-prod/orders/dynamodb/values.yaml";
        _repo.Write(Prod, Base.Replace("webshop-test", "webshop-prod", StringComparison.Ordinal));
        _repo.CommitValues(Base);
        _repo.Write(Prod, Change(Base.Replace("webshop-test", "webshop-prod", StringComparison.Ordinal), "- name: Orders", "- name: OrderHistory"));

        var test = _repo.ValidateAgainstHead();
        var prod = _repo.ValidateAgainstHead(Prod);

        Delta(test);
        Delta(prod, "IDPDYN048(4,11)");
        Mentions(Check.Single(prod, "IDPDYN048", 4, 11), "'webshop-prod-Orders'", "'webshop-prod-OrderHistory'");
    }

    // ---------------------------------------------------------------- IDPDYN081 roles of the apps repository

    private const string IdpAdvanced = "helm:\n  chart: helm/idp-advanced\n  chartVersion: \"3.4.0\"\n";

    private const string IrsaOn = "serviceAccount:\n  create: true\n  irsa:\n    enabled: true\n";

    /// <summary>Validates <see cref="Values.Valid"/> (read role at (13,31), write role at (14,32)) with the given write role.</summary>
    private IReadOnlyList<Diagnostic> ValidateWithWriteRole(string role)
    {
        _repo.WriteValues(Values.Valid.Replace("serviceAccountWriteRoles: [\"orders-api-webshop-test\"]", $"serviceAccountWriteRoles: [\"{role}\"]", StringComparison.Ordinal));
        return _repo.Validate(null, out _);
    }

    [Fact]
    public void No_IDPDYN081_for_the_role_an_idp_advanced_application_creates()
    {
        _repo.Write("apps/webshop-test/orders/api/application.yaml", IdpAdvanced);
        _repo.Write("apps/webshop-test/orders/api/values.yaml", IrsaOn);

        var d = ValidateWithWriteRole("orders-api-webshop-test");

        Assert.True(d.Count == 0, Check.Describe(d));
    }

    [Fact]
    public void Reports_IDPDYN081_for_a_role_no_application_creates()
    {
        _repo.Write("apps/webshop-test/orders/api/application.yaml", IdpAdvanced);
        _repo.Write("apps/webshop-test/orders/api/values.yaml", IrsaOn);

        var d = ValidateWithWriteRole("payments-api-webshop-test");

        var w = Check.Single(d, "IDPDYN081", 14, 32);
        Assert.Equal(Severity.Warning, w.Severity);
        Mentions(w, "'payments-api-webshop-test'", "roles here: orders-api-webshop-test");
    }

    [Fact]
    public void Reports_IDPDYN081_when_the_application_disables_IRSA()
    {
        _repo.Write("apps/webshop-test/orders/api/application.yaml", IdpAdvanced);
        _repo.Write("apps/webshop-test/orders/api/values.yaml", "serviceAccount:\n  create: true\n  irsa:\n    enabled: false\n");

        var d = ValidateWithWriteRole("orders-api-webshop-test");

        Assert.Equal(new[] { "IDPDYN081", "IDPDYN081" }, Check.Ids(d));
        Mentions(Check.Has(d, "IDPDYN081", 13, 31), "Application 'orders/api' has IRSA disabled", "'orders-api-webshop-test' does not exist");
        Check.Has(d, "IDPDYN081", 14, 32);
    }

    [Fact]
    public void Reports_IDPDYN081_when_the_application_creates_no_service_account_written_the_YAML_1_1_way()
    {
        // 'create: no' is false for Helm (YAML 1.1).
        _repo.Write("apps/webshop-test/orders/api/application.yaml", IdpAdvanced);
        _repo.Write("apps/webshop-test/orders/api/values.yaml", "serviceAccount:\n  create: no\n");

        var d = ValidateWithWriteRole("orders-api-webshop-test");

        Mentions(Check.Has(d, "IDPDYN081", 14, 32), "IRSA disabled");
    }

    [Fact]
    public void The_older_layout_apps_ns_app_creates_app_ns()
    {
        _repo.Write("apps/webshop-test/orders-api/application.yaml", IdpAdvanced);

        var ok = ValidateWithWriteRole("orders-api-webshop-test");
        Check.None(ok, "IDPDYN081");
    }

    [Fact]
    public void An_ArgoCD_Application_with_spec_source_chart_counts_as_idp_advanced()
    {
        _repo.Write("apps/webshop-test/orders/api/application.yaml",
            "apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  source:\n    chart: idp-advanced\n    targetRevision: 3.4.0\n");

        Check.None(ValidateWithWriteRole("orders-api-webshop-test"), "IDPDYN081");
        Check.Single(ValidateWithWriteRole("payments-api-webshop-test"), "IDPDYN081", 14, 32);
    }

    [Fact]
    public void No_IDPDYN081_when_the_namespace_has_no_idp_advanced_application()
    {
        // Only other charts here (the tables' own idp-dynamodb application, a web app): no role is known, no warning.
        _repo.Write("apps/webshop-test/orders/dynamodb/application.yaml", "helm:\n  chart: helm/idp-dynamodb\n  chartVersion: \"2.1.11\"\n");
        _repo.Write("apps/webshop-test/payments/api/application.yaml", "helm:\n  chart: helm/idp-web\n");

        var d = ValidateWithWriteRole("payments-api-webshop-test");

        Check.None(d, "IDPDYN081");
    }

    [Fact]
    public void No_IDPDYN081_for_an_application_of_another_namespace()
    {
        // webshop-prod's application does not make webshop-test's roles known: no layout for this namespace.
        _repo.Write("apps/webshop-prod/orders/api/application.yaml", IdpAdvanced);

        Check.None(ValidateWithWriteRole("payments-api-webshop-test"), "IDPDYN081");
    }
}
