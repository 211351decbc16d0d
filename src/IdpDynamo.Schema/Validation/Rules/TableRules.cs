using System.Text.RegularExpressions;
using IdpDynamo.Schema.Model;

namespace IdpDynamo.Schema.Validation.Rules;

/// <summary>Table names, regions and capacity: IDPDYN030–038 and 040–044.</summary>
internal static class TableRules
{
    /// <summary>Regions of the commercial aws partition (AWS SDK JS partitions.js, 36 regions).</summary>
    internal static readonly string[] KnownRegions =
    {
        "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
        "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
        "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "me-west-1", "mx-central-1", "sa-east-1", "sa-west-1", "us-east-1",
        "us-east-2", "us-west-1", "us-west-2",
    };

    /// <summary>Regions launched after 2019-03-20, disabled by default in an account.</summary>
    private static readonly string[] OptInRegions =
    {
        "af-south-1", "ap-east-1", "ap-east-2", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6",
        "ap-southeast-7", "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1",
        "me-west-1", "mx-central-1", "sa-west-1",
    };

    private static readonly Dictionary<string, string> RegionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Ireland"] = "eu-west-1", ["Dublin"] = "eu-west-1", ["London"] = "eu-west-2", ["Paris"] = "eu-west-3",
        ["Frankfurt"] = "eu-central-1", ["Zurich"] = "eu-central-2", ["Stockholm"] = "eu-north-1", ["Milan"] = "eu-south-1",
        ["Spain"] = "eu-south-2", ["Virginia"] = "us-east-1", ["N. Virginia"] = "us-east-1", ["Ohio"] = "us-east-2",
        ["California"] = "us-west-1", ["Oregon"] = "us-west-2",
    };

    // Built only when a region is not one of the known ones (a class of its own: not when TableRules is first used).
    private static class Patterns
    {
        public static readonly Regex Partition = new(@"^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$", RegexOptions.CultureInvariant);
    }

    public const string DefaultRegion = "eu-west-1";

    public static void Run(RuleContext ctx)
    {
        foreach (var table in ctx.File.Tables)
        {
            Name(ctx, table);
            Region(ctx, table);
            Capacity(ctx, table);
        }

        Duplicates(ctx);
        AccountQuota(ctx, "readCapacity", t => t.ReadCapacity);
        AccountQuota(ctx, "writeCapacity", t => t.WriteCapacity);
    }

    private static void Name(RuleContext ctx, TableSpec table)
    {
        if (table.UseIdpPrefix is { Value: true } prefix)
        {
            ctx.Report(DiagnosticIds.LegacyIdpPrefix, prefix.KeySpan,
                $"useIdpPrefix is for legacy tables only; omit it for new tables (table becomes '{ctx.RenderedName(table)}')");
        }

        if (table.Name is not { } name)
        {
            return;
        }

        if (name.Value.Length == 0)
        {
            ctx.Report(DiagnosticIds.TableNameEmpty, name.Span, $"Table 'name' is empty; it would create the table '{(table.UsesIdpPrefix ? "idp-" : "")}{ctx.Namespace ?? "<namespace>"}-'");
            return;
        }

        string prefixText = (table.UsesIdpPrefix ? "idp-" : string.Empty) + (ctx.Namespace ?? "<namespace>") + "-";
        int nsLength = ctx.Namespace?.Length ?? RuleContext.WorstCaseNamespaceLength;
        int overhead = (table.UsesIdpPrefix ? 4 : 0) + nsLength + 1;
        int length = overhead + name.Value.Length;
        if (length > 255 || (ctx.Namespace is not null && length < 3))
        {
            string assumption = ctx.Namespace is null ? $" assuming a {RuleContext.WorstCaseNamespaceLength}-character namespace" : string.Empty;
            ctx.Report(DiagnosticIds.TableNameLength, name.Span,
                $"Table name '{ctx.RenderedName(table)}' would be {length} characters{assumption}; DynamoDB allows 3–255 (the chart adds '{prefixText}'). Shorten 'name' to at most {255 - overhead} characters");
        }

        if (!IsValidName(name.Value))
        {
            int bad = 0;
            while (bad < name.Value.Length && IsNameChar(name.Value[bad]))
            {
                bad++;
            }

            ctx.Report(DiagnosticIds.TableNameCharacters, RuleContext.CharacterSpan(name, bad),
                $"Table name '{ctx.RenderedName(table)}' contains '{name.Value[bad]}'; only a-z, A-Z, 0-9, '_', '-' and '.' are allowed");
        }

        string? doubled = null;
        if (ctx.Namespace is { } ns && name.Value.StartsWith(ns + "-", StringComparison.Ordinal))
        {
            doubled = ns + "-";
        }
        else if (name.Value.StartsWith("idp-", StringComparison.Ordinal))
        {
            doubled = "idp-";
        }

        if (doubled is not null)
        {
            ctx.Report(DiagnosticIds.TableNameHasPrefix, name.Span,
                $"'name' already starts with '{doubled}'; the chart adds the namespace itself, so the table would be '{ctx.RenderedName(table)}'");
        }
    }

    private static bool IsValidName(string name)
    {
        foreach (char c in name)
        {
            if (!IsNameChar(c))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsNameChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';

    private static void Duplicates(RuleContext ctx)
    {
        // Linear: one lookup per table by rendered name, and one by its lower-case form for IDPDYN034.
        var registry = new TableNameRegistry();
        var folded = new Dictionary<string, TableSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in ctx.File.Tables)
        {
            if (table.Name is not { } name)
            {
                continue;
            }

            string rendered = ctx.RenderedName(table);
            if (registry.Check(rendered, rendered, ctx.File.Path, table) is { } duplicate)
            {
                ctx.Bag.Add(duplicate);
                registry.Add(rendered, ctx.File.Path, table);
                continue;
            }

            registry.Add(rendered, ctx.File.Path, table);
            if (folded.TryGetValue(rendered, out var other))
            {
                ctx.Report(DiagnosticIds.TableNamesDifferByCase, name.Span, $"Tables '{ctx.RenderedName(other)}' and '{rendered}' differ only by case");
            }
            else
            {
                folded[rendered] = table;
            }
        }
    }

    private static void Region(RuleContext ctx, TableSpec table)
    {
        if (table.Region is not { } region)
        {
            return;
        }

        string v = region.Value;
        if (KnownRegions.Contains(v))
        {
            bool optIn = OptInRegions.Contains(v);
            if (optIn || v != DefaultRegion)
            {
                ctx.Report(DiagnosticIds.NonDefaultRegion, region.Span,
                    $"Region '{v}' {(optIn ? "is an opt-in region that must be enabled for the platform account; " : string.Empty)}differs from the default {DefaultRegion}; the table and its IAM policy will live in {v}");
            }

            return;
        }

        string suggestion = SuggestRegion(v) is { } s ? $"; did you mean '{s}'?" : string.Empty;
        bool otherPartition = v == "aws-global" || v.StartsWith("cn-", StringComparison.Ordinal) || v.StartsWith("us-gov-", StringComparison.Ordinal)
            || v.StartsWith("us-iso", StringComparison.Ordinal) || v.StartsWith("eusc-", StringComparison.Ordinal);
        if (otherPartition)
        {
            ctx.Report(DiagnosticIds.InvalidRegion, Severity.Error, region.Span, $"'{v}' is not a valid AWS region for this platform: it belongs to another AWS partition");
        }
        else if (!Patterns.Partition.IsMatch(v))
        {
            ctx.Report(DiagnosticIds.InvalidRegion, Severity.Error, region.Span, $"'{v}' is not a valid AWS region{suggestion}");
        }
        else
        {
            ctx.Report(DiagnosticIds.InvalidRegion, Severity.Warning, region.Span,
                $"'{v}' is not a known AWS region (it has the right shape, but is not in this validator's list of {KnownRegions.Length} regions){suggestion}");
        }
    }

    private static string? SuggestRegion(string value)
    {
        if (RegionNames.TryGetValue(value.Trim(), out var named))
        {
            return named;
        }

        string v = value.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        if (KnownRegions.Contains(v))
        {
            return v;
        }

        // eu-west1 -> eu-west-1
        var m = Regex.Match(v, @"^([a-z]{2})-([a-z]+)(\d+)$");
        if (m.Success && KnownRegions.Contains($"{m.Groups[1].Value}-{m.Groups[2].Value}-{m.Groups[3].Value}"))
        {
            return $"{m.Groups[1].Value}-{m.Groups[2].Value}-{m.Groups[3].Value}";
        }

        // eu-west -> eu-west-1
        if (KnownRegions.Contains(v + "-1"))
        {
            return v + "-1";
        }

        return Text.Suggestions.Closest(v, KnownRegions);
    }

    private static void Capacity(RuleContext ctx, TableSpec table)
    {
        string? billing = table.BillingMode?.Value;
        if (billing == "PROVISIONED")
        {
            var missing = new List<string>();
            if (!table.HasReadCapacityKey)
            {
                missing.Add("readCapacity");
            }

            if (!table.HasWriteCapacityKey)
            {
                missing.Add("writeCapacity");
            }

            if (missing.Count > 0)
            {
                ctx.Report(DiagnosticIds.ProvisionedWithoutCapacity, table.BillingMode!.Span,
                    $"Table '{table.DisplayName}' uses PROVISIONED billing but {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} missing; set both readCapacity and writeCapacity (≥ 1)");
            }

            foreach (var (key, field) in new[] { ("readCapacity", table.ReadCapacity), ("writeCapacity", table.WriteCapacity) })
            {
                if (field is null)
                {
                    continue;
                }

                if (field.Value < 1)
                {
                    ctx.Report(DiagnosticIds.CapacityBelowOne, field.Span, $"{key} must be at least 1 for PROVISIONED tables (got {field.Value})");
                }
                else if (field.Value > 40000)
                {
                    ctx.Report(DiagnosticIds.CapacityAboveQuota, field.Span,
                        $"{key} {field.Value} exceeds the default DynamoDB quota of 40,000 capacity units per table; the account needs a quota increase");
                }
            }

            if (table.GlobalIndexes.Count > 0)
            {
                ctx.Report(DiagnosticIds.ProvisionedWithGsi, table.BillingMode!.Span,
                    $"Table '{table.DisplayName}' has global secondary indexes; the chart does not set GSI capacity, so PROVISIONED billing fails. Use billingMode: PAY_PER_REQUEST");
            }
        }
        else if (billing == "PAY_PER_REQUEST")
        {
            foreach (var (key, field) in new[] { ("readCapacity", table.ReadCapacity), ("writeCapacity", table.WriteCapacity) })
            {
                if (field is not null)
                {
                    ctx.Report(DiagnosticIds.CapacityOnPayPerRequest, field.KeySpan, $"{key} has no effect with PAY_PER_REQUEST billing; remove it or switch to PROVISIONED");
                }
            }
        }
    }

    private static void AccountQuota(RuleContext ctx, string key, Func<TableSpec, Field<long>?> select)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in ctx.File.Tables)
        {
            if (table.BillingMode?.Value != "PROVISIONED" || select(table) is not { Value: > 0 } field)
            {
                continue;
            }

            string region = table.EffectiveRegion;
            sums.TryGetValue(region, out long before);
            long after = before + field.Value;
            sums[region] = after;
            if (before <= 80000 && after > 80000 && field.Value <= 40000)
            {
                ctx.Report(DiagnosticIds.CapacityAboveQuota, field.Span,
                    $"The PROVISIONED tables of this file reserve {after} {key} units in {region}, above the default quota of 80,000 per account and region; the account needs a quota increase");
            }
        }
    }
}
