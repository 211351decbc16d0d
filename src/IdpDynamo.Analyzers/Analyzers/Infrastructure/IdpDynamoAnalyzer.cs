using System.Collections.Immutable;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Schema;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>
/// The package's analyzer of the rules that warn: every rule of Analyzers/Rules whose diagnostics can be warnings or
/// errors, behind one compilation start and one dispatch (<see cref="DynamoDispatch"/>), so the compiler walks each
/// file once for all of them, the per-compilation state is built once, and a compilation that cannot be reported on (no
/// AWSSDK.DynamoDBv2 reference, no IdpDynamoValues file) gets no action registered at all. A new rule goes into
/// the constructor's list, or into <see cref="IdpDynamoSuggestionAnalyzer"/>'s when all it reports is Info.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IdpDynamoAnalyzer : DynamoRuleSet
{
    public IdpDynamoAnalyzer()
        : base(
            new UnknownTableAnalyzer(),
            new UnknownIndexAnalyzer(),
            new KeyDictionaryAnalyzer(),
            new KeyConditionAnalyzer(),
            new EntityKeyMappingAnalyzer(),
            new AccessAnalyzer(),
            new KeyArityAnalyzer(),
            new RequestExpressionAnalyzer(),
            new LogicalTableNameAnalyzer(),
            new KeyOfAnotherTableAnalyzer())
    {
    }
}

/// <summary>
/// The package's analyzer of the rules that only suggest (Info: IDPDYN210), apart from <see cref="IdpDynamoAnalyzer"/>
/// so that a command-line build pays nothing for them: the compiler does not run an analyzer none of whose
/// diagnostics it would show (Info, in a build without an error log). The IDE, a build with an error log (SARIF) and a
/// project that raises IDPDYN210's severity run it, through the same dispatch.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IdpDynamoSuggestionAnalyzer : DynamoRuleSet
{
    public IdpDynamoSuggestionAnalyzer()
        : base(new UseGeneratedAccessorAnalyzer())
    {
    }
}

/// <summary>
/// A shipped analyzer: a set of rules behind one compilation start and one dispatch. A set whose rules report only
/// Info declares IDPDYN999 at Info as well (<see cref="DiagnosticDescriptors.InternalErrorOfSuggestions"/>).
/// </summary>
public abstract class DynamoRuleSet : DiagnosticAnalyzer
{
    private readonly DynamoAnalyzerBase[] _rules;

    private protected DynamoRuleSet(params DynamoAnalyzerBase[] rules)
    {
        _rules = rules;
        var descriptors = rules
            .SelectMany(r => r.SupportedDiagnostics)
            .GroupBy(d => d.Id, System.StringComparer.Ordinal)
            .Select(g => g.First())
            .ToArray();
        bool suggestsOnly = descriptors.All(d => d.Id == DiagnosticIds.InternalError || d.DefaultSeverity == DiagnosticSeverity.Info);
        SupportedDiagnostics = descriptors
            .Select(d => suggestsOnly && d.Id == DiagnosticIds.InternalError ? DiagnosticDescriptors.InternalErrorOfSuggestions : d)
            .ToImmutableArray();
    }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        DynamoDispatch.Register(context, _rules);
    }
}
