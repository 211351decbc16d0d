using System;
using System.Collections.Immutable;
using System.Linq;
using IdpDynamo.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IdpDynamo.Analyzers.Analyzers;

/// <summary>
/// The shape every IdpDynamo analyzer shares: skip generated code, run concurrently, do nothing unless the AWS SDK and
/// at least one values file are present, read the values files once per compilation, and turn any exception in a
/// callback into IDPDYN999 instead of AD0001.
/// </summary>
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
        context.RegisterCompilationStartAction(start =>
        {
            DynamoCatalog? catalog;
            DynamoSdk? sdk;
            try
            {
                sdk = DynamoSdk.TryCreate(start.Compilation);
                catalog = sdk is null ? null : ValuesFileCache.Get(start.Options, start.Compilation, start.CancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                string message = $"{ex.GetType().Name}: {ex.Message}";
                start.RegisterCompilationEndAction(end => end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, message)));
                return;
            }

            if (sdk is not null && catalog is not null)
            {
                Register(new DynamoStart(start, sdk, catalog));
            }
        });
    }

    /// <summary>Registers the rule's actions; wrap callbacks with <see cref="DynamoStart"/>'s helpers.</summary>
    private protected abstract void Register(DynamoStart start);
}

/// <summary>A compilation start with the SDK symbols and the values-file catalog, and guarded registration helpers.</summary>
internal sealed class DynamoStart
{
#pragma warning disable RS1012 // The rule's Register(...) registers the actions on this context.
    public DynamoStart(CompilationStartAnalysisContext context, DynamoSdk sdk, DynamoCatalog catalog)
#pragma warning restore RS1012
    {
        Context = context;
        Sdk = sdk;
        Catalog = catalog;
    }

    public CompilationStartAnalysisContext Context { get; }

    public DynamoSdk Sdk { get; }

    public DynamoCatalog Catalog { get; }

    public void RegisterOperationAction(Action<OperationAnalysisContext> action, params OperationKind[] kinds)
        => Context.RegisterOperationAction(ctx => Guard(ctx.ReportDiagnostic, ctx.Operation.Syntax.GetLocation(), () => action(ctx)), kinds);

    public void RegisterSymbolAction(Action<SymbolAnalysisContext> action, params SymbolKind[] kinds)
        => Context.RegisterSymbolAction(ctx => Guard(ctx.ReportDiagnostic, ctx.Symbol.Locations.FirstOrDefault() ?? Location.None, () => action(ctx)), kinds);

    private static void Guard(Action<Diagnostic> report, Location location, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.InternalError, location, $"{ex.GetType().Name}: {ex.Message}"));
        }
    }
}
