using System.Collections.Immutable;
using IdpDynamo.Analyzers.Analyzers.Rules;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>
/// The one analyzer the package ships: every rule of Analyzers/Rules behind one compilation start and one dispatch
/// (<see cref="DynamoDispatch"/>), so the compiler walks each method once for all rules, the per-compilation state is
/// built once, and a compilation that cannot be reported on (no AWSSDK.DynamoDBv2 reference, no IdpDynamoValues file)
/// gets no action registered at all. A new rule is added to <see cref="Rules"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IdpDynamoAnalyzer : DiagnosticAnalyzer
{
    private static readonly DynamoAnalyzerBase[] Rules =
    {
        new UnknownTableAnalyzer(),
        new UnknownIndexAnalyzer(),
        new KeyDictionaryAnalyzer(),
        new KeyConditionAnalyzer(),
        new EntityKeyMappingAnalyzer(),
        new AccessAnalyzer(),
        new KeyArityAnalyzer(),
        new UseGeneratedAccessorAnalyzer(),
        new RequestExpressionAnalyzer(),
        new LogicalTableNameAnalyzer(),
        new KeyOfAnotherTableAnalyzer(),
    };

    private static readonly ImmutableArray<DiagnosticDescriptor> Supported = Rules
        .SelectMany(r => r.SupportedDiagnostics)
        .GroupBy(d => d.Id, System.StringComparer.Ordinal)
        .Select(g => g.First())
        .ToImmutableArray();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        DynamoDispatch.Register(context, Rules);
    }
}
