using System.Collections.Immutable;
using IdpDynamo.Schema;

namespace IdpDynamo.Analyzers.Diagnostics;

/// <summary>
/// The descriptors of the values-file diagnostics (IDPDYN001–139 and IDPDYN999) as live validation reports them:
/// one per id of <see cref="DiagnosticIds"/> with its title, category, default severity and help link. The message is
/// the validator's, whole ("{0}"); a finding whose rule splits by case carries its own severity.
/// </summary>
internal static class ValuesFileDescriptors
{
    private static readonly Dictionary<string, DiagnosticDescriptor> ById = Build();

    /// <summary>Every descriptor, in id order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ById.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();

    /// <summary>The descriptor of <paramref name="id"/>; IDPDYN999's for an id the catalog does not know.</summary>
    public static DiagnosticDescriptor Get(string id) => ById.TryGetValue(id, out var descriptor) ? descriptor : ById[DiagnosticIds.InternalError];

    /// <summary>Whether live validation reports <paramref name="id"/> (a values-file rule, not a usage rule).</summary>
    public static bool IsValuesFileRule(RuleInfo rule) => rule.Category != DiagnosticIds.CategoryUsage;

    public static DiagnosticSeverity ToRoslyn(Severity severity) => severity switch
    {
        Severity.Error => DiagnosticSeverity.Error,
        Severity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    private static Dictionary<string, DiagnosticDescriptor> Build()
    {
        var map = new Dictionary<string, DiagnosticDescriptor>(StringComparer.Ordinal);
        foreach (var rule in DiagnosticIds.All.Where(IsValuesFileRule))
        {
#pragma warning disable RS1017, RS2008 // Ids come from the catalog (DiagnosticIds); AnalyzerReleases.Unshipped.md lists them, checked by DescriptorMetadataTests.
            map[rule.Id] = new DiagnosticDescriptor(
                id: rule.Id,
                title: rule.Title,
                messageFormat: "{0}",
                category: rule.Category,
                defaultSeverity: ToRoslyn(rule.DefaultSeverity),
                isEnabledByDefault: true,
                description: null,
                helpLinkUri: DiagnosticIds.HelpLink(rule.Id));
#pragma warning restore RS1017, RS2008
        }

        return map;
    }
}
