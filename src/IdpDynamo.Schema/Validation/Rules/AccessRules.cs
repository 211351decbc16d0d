using IdpDynamo.Schema.Model;

namespace IdpDynamo.Schema.Validation.Rules;

/// <summary>Roles and the generated IAM policies: IDPDYN080, 082–086.</summary>
internal static class AccessRules
{
    public static void Run(RuleContext ctx)
    {
        foreach (var table in ctx.File.Tables)
        {
            if (table.ReadRoles.Count == 0 && table.WriteRoles.Count == 0)
            {
                ctx.Report(DiagnosticIds.NoAccessGranted, table.Name?.Span ?? table.Span,
                    $"Table '{table.DisplayName}' grants no access; no workload can use it unless access is granted elsewhere (e.g. idp-advanced serviceAccount.irsa.iamPolicyStatements)");
            }

            foreach (var roles in new[] { table.ReadRoles, table.WriteRoles })
            {
                var seen = new Dictionary<string, Field<string>>(StringComparer.OrdinalIgnoreCase);
                foreach (var role in roles)
                {
                    if (role.Value.Length == 0)
                    {
                        continue;
                    }

                    if (!Role(ctx, role))
                    {
                        continue;
                    }

                    if (seen.TryGetValue(role.Value, out var other) && other.Value != role.Value)
                    {
                        ctx.Report(DiagnosticIds.RoleNameUpperCase, role.Span, $"Roles '{other.Value}' and '{role.Value}' differ only by case; IAM role names are not case-sensitive, so they name the same role");
                    }
                    else
                    {
                        if (role.Value.Any(char.IsUpper))
                        {
                            ctx.Report(DiagnosticIds.RoleNameUpperCase, role.Span,
                                $"Role '{role.Value}' contains upper-case letters; idp-advanced role names are lower-case (did you mean '{role.Value.ToLowerInvariant()}'?)");
                        }

                        if (!seen.ContainsKey(role.Value))
                        {
                            seen[role.Value] = role;
                        }
                    }
                }
            }
        }

        PolicySize(ctx);
    }

    /// <summary>Checks one role; returns true when it is a well-formed role name.</summary>
    private static bool Role(RuleContext ctx, Field<string> role)
    {
        string v = role.Value;
        if (v.StartsWith("arn:", StringComparison.Ordinal) || v.IndexOf('/') >= 0)
        {
            string name = v.Substring(v.LastIndexOf('/') + 1);
            if (name.Length == 0 && v.StartsWith("arn:", StringComparison.Ordinal))
            {
                name = v.Substring(v.LastIndexOf(':') + 1);
            }

            ctx.Report(DiagnosticIds.RoleAsArn, role.Span, $"Use the role name, not an ARN or path: '{name}'");
            return false;
        }

        string? reason = null;
        if (v.Length > 64)
        {
            reason = $"{v.Length} characters";
        }
        else
        {
            foreach (char c in v)
            {
                if (!IsRoleChar(c))
                {
                    reason = c == ' ' ? "contains a space" : $"contains '{c}'";
                    break;
                }
            }
        }

        if (reason is not null)
        {
            ctx.Report(DiagnosticIds.InvalidRoleName, role.Span,
                $"'{v}' is not a valid IAM role name ({reason}); role names have 1–64 characters from A-Z a-z 0-9 _ + = , . @ -");
            return false;
        }

        if (ctx.Namespace is { } ns && !v.EndsWith("-" + ns, StringComparison.Ordinal))
        {
            string? other = ctx.KnownNamespaces.Where(k => k != ns && v.EndsWith("-" + k, StringComparison.Ordinal)).OrderByDescending(k => k.Length).FirstOrDefault()
                ?? NamespaceFromSuffix(v, ns);
            string hint = other is not null
                ? $" '{v}' belongs to namespace '{other}'."
                : $" Did you use a deployment name as in idp-s3-bucket? The role would be '{v}-{ns}'.";
            ctx.Report(DiagnosticIds.RoleOfAnotherNamespace, role.Span,
                $"Role '{v}' does not end with '-{ns}'; roles created by idp-advanced for this namespace are named '<service>-<app dir>-{ns}'.{hint}");
            return true;
        }

        // 081: the apps repository is known, and no idp-advanced application in this namespace creates the role.
        if (ctx.RepositoryRoles is { Count: > 0 } roles)
        {
            var match = roles.FirstOrDefault(r => string.Equals(r.Role, v, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                string list = string.Join(", ", roles.Select(r => r.Role).Distinct().OrderBy(r => r, StringComparer.Ordinal).Take(8));
                ctx.Report(DiagnosticIds.RoleNotCreated, role.Span,
                    $"No idp-advanced application in this repository creates role '{v}' (roles here: {list}); if it lives elsewhere, ignore this warning");
            }
            else if (match.IrsaDisabled)
            {
                ctx.Report(DiagnosticIds.RoleNotCreated, role.Span, $"Application '{match.Application}' has IRSA disabled, so role '{v}' does not exist");
            }
        }

        return true;
    }

    /// <summary>
    /// The namespace a role names in its own suffix, when the repository does not list it: namespaces of one apps
    /// repository share their prefix up to the last '-' (<c>shop-dev</c>, <c>shop-prod</c>), so a role ending in
    /// <c>-shop-&lt;one word&gt;</c> with something before it (<c>cart-api-shop-prod</c>) belongs to that namespace. Null
    /// when the namespace has no '-' or the role does not end that way (then it is taken for a deployment name).
    /// </summary>
    internal static string? NamespaceFromSuffix(string role, string ns)
    {
        int dash = ns.LastIndexOf('-');
        if (dash <= 0)
        {
            return null;
        }

        string marker = "-" + ns.Substring(0, dash + 1);
        int at = role.LastIndexOf(marker, StringComparison.Ordinal);
        if (at <= 0)
        {
            return null;
        }

        string candidate = role.Substring(at + 1);
        string last = candidate.Substring(dash + 1);
        return last.Length > 0 && last.IndexOf('-') < 0 && candidate != ns ? candidate : null;
    }

    private static bool IsRoleChar(char c)
        => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c is '_' or '+' or '=' or ',' or '.' or '@' or '-';

    // IDPDYN085: a pessimistic size estimate of the aggregated managed policy of each role (docs/rules/IDPDYN085.md; a heuristic until
    // the chart's template is known): 40 + sum over grants of (c_access + 2 * (len(arn) + 3) + 8).
    private static void PolicySize(RuleContext ctx)
    {
        var estimates = new Dictionary<string, (long Size, int Tables, Field<string> First, HashSet<int> TableSet)>(StringComparer.Ordinal);
        foreach (var table in ctx.File.Tables)
        {
            string arn = $"arn:aws:dynamodb:{table.EffectiveRegion}:123456789012:table/{TableNameForSize(ctx, table)}";
            var grants = table.ReadRoles.Select(r => (Role: r, Cost: 260)).Concat(table.WriteRoles.Select(r => (Role: r, Cost: 190)))
                .OrderBy(g => g.Role.Span.Line).ThenBy(g => g.Role.Span.Column);
            foreach (var (role, cost) in grants)
            {
                {
                    if (!estimates.TryGetValue(role.Value, out var e))
                    {
                        e = (40, 0, role, new HashSet<int>());
                    }

                    e.Size += cost + (2 * (arn.Length + 3)) + 8;
                    if (e.TableSet.Add(table.Ordinal))
                    {
                        e.Tables++;
                    }

                    estimates[role.Value] = e;
                }
            }
        }

        foreach (var pair in estimates)
        {
            if (pair.Value.Size > 6144)
            {
                ctx.Report(DiagnosticIds.PolicyTooLarge, pair.Value.First.Span,
                    $"Role '{pair.Key}' is granted access to {pair.Value.Tables} tables; its generated policy is estimated at {pair.Value.Size} characters, above IAM's 6,144-character managed-policy limit. Split the tables or the roles (each idp-dynamodb release also adds one managed policy to the role; IAM allows 10 by default)");
            }
        }
    }

    private static string TableNameForSize(RuleContext ctx, TableSpec table)
        => (table.UsesIdpPrefix ? "idp-" : string.Empty) + (ctx.Namespace ?? new string('n', RuleContext.WorstCaseNamespaceLength)) + "-" + (table.Name?.Value ?? string.Empty);
}
