using System.Collections.Immutable;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>
/// One IdpDynamo rule (a class of Analyzers/Rules): its descriptors and what it registers on a
/// <see cref="DynamoStart"/>. The compiler runs the rules through <see cref="IdpDynamoAnalyzer"/> (and the Info-only
/// ones through <see cref="IdpDynamoSuggestionAnalyzer"/>), each sharing one compilation start and one dispatch among its rules; a rule instance is also an analyzer on its own (the same
/// dispatch with one rule), which is how the tests run a single rule.
/// </summary>
/// <remarks>
/// A rule never registers on the Roslyn context itself: <see cref="DynamoStart"/>'s helpers are the only way in, so
/// its callbacks are gated (SDK referenced, values file present), pre-filtered by name and guarded (IDPDYN999).
/// </remarks>
public abstract class DynamoAnalyzerBase : DiagnosticAnalyzer
{
    private readonly ImmutableArray<DiagnosticDescriptor> _supported;

    private protected DynamoAnalyzerBase(params DiagnosticDescriptor[] descriptors)
        => _supported = descriptors.Concat(new[] { DiagnosticDescriptors.InternalError }).ToImmutableArray();

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _supported;

    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        DynamoDispatch.Register(context, new[] { this });
    }

    /// <summary>
    /// Registers the rule's callbacks with <paramref name="start"/>'s helpers; registers nothing when the rule cannot
    /// report in this compilation (a role-only rule without a role, for instance).
    /// </summary>
    private protected abstract void Register(DynamoStart start);

    internal void RegisterWith(DynamoStart start) => Register(start);
}

/// <summary>
/// The gate and the shared dispatch of every rule: per compilation, the SDK symbols, the values-file catalog and the
/// SDK's names are built once; without an AWSSDK.DynamoDBv2 reference or without an IdpDynamoValues file nothing is
/// registered. Then one semantic-model action serves every rule's operation callbacks and one symbol action every rule's
/// symbol callbacks (<see cref="DynamoStart"/>).
/// </summary>
internal static class DynamoDispatch
{
    /// <summary>The compilation start of <paramref name="rules"/> (the caller configures generated code and concurrency).</summary>
    public static void Register(AnalysisContext context, IReadOnlyList<DynamoAnalyzerBase> rules)
    {
        context.RegisterCompilationStartAction(start =>
        {
            DynamoStart dynamo;
            try
            {
                if (DynamoSdk.TryCreate(start.Compilation) is not { } sdk
                    || ValuesFileCache.Get(start.Options, start.Compilation, start.CancellationToken) is not { } catalog)
                {
                    return;
                }

                dynamo = new DynamoStart(start, sdk, catalog, DynamoNames.Get(start.Compilation));
                foreach (var rule in rules)
                {
                    rule.RegisterWith(dynamo);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                string message = $"{ex.GetType().Name}: {ex.Message}";
                start.RegisterCompilationEndAction(end => end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, message)));
                return;
            }

            dynamo.Commit();
        });
    }
}
