using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using IdpDynamo.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

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
            DynamoNames? names;
            try
            {
                sdk = DynamoSdk.TryCreate(start.Compilation);
                catalog = sdk is null ? null : ValuesFileCache.Get(start.Options, start.Compilation, start.CancellationToken);
                names = catalog is null ? null : DynamoNames.Get(start.Compilation);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                string message = $"{ex.GetType().Name}: {ex.Message}";
                start.RegisterCompilationEndAction(end => end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, message)));
                return;
            }

            if (sdk is not null && catalog is not null && names is not null)
            {
                Register(new DynamoStart(start, sdk, catalog, names));
            }
        });
    }

    /// <summary>Registers the rule's actions; wrap callbacks with <see cref="DynamoStart"/>'s helpers.</summary>
    private protected abstract void Register(DynamoStart start);
}

/// <summary>A compilation start with the SDK symbols and the values-file catalog, and guarded registration helpers.</summary>
internal sealed class DynamoStart
{
    private static readonly SyntaxKind[] InvocationSyntax =
    {
        SyntaxKind.InvocationExpression,
        SyntaxKind.BaseConstructorInitializer,
        SyntaxKind.ThisConstructorInitializer,
        SyntaxKind.PrimaryConstructorBaseType,
    };

    private static readonly SyntaxKind[] ObjectCreationSyntax = { SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression };

    private static readonly SyntaxKind[] SimpleAssignmentSyntax = { SyntaxKind.SimpleAssignmentExpression, SyntaxKind.AttributeArgument };

    private readonly DynamoNames _names;

#pragma warning disable RS1012 // The rule's Register(...) registers the actions on this context.
    public DynamoStart(CompilationStartAnalysisContext context, DynamoSdk sdk, DynamoCatalog catalog, DynamoNames names)
#pragma warning restore RS1012
    {
        Context = context;
        Sdk = sdk;
        Catalog = catalog;
        _names = names;
    }

    public CompilationStartAnalysisContext Context { get; }

    public DynamoSdk Sdk { get; }

    public DynamoCatalog Catalog { get; }

    /// <summary>
    /// Runs <paramref name="action"/> on every invocation, object creation or simple assignment (<paramref name="kinds"/>)
    /// that may involve the SDK, as an operation action would, without the cost of one.
    /// </summary>
    /// <remarks>
    /// An operation action makes the driver build the IOperation tree of every code block of the compilation (binding
    /// it first where the compiler has not), even where nothing touches DynamoDB, and call every rule on every call,
    /// creation and assignment. Here a syntax-node action first tests the node's names
    /// (<see cref="IsCandidate"/>) and asks the semantic model for the operation only when the node can bind to the
    /// SDK; the operation comes from the member's full tree, so <see cref="IOperation.Parent"/> works as before. The
    /// syntax covers what the operation driver dispatched: calls, <c>: base(...)</c>/<c>: this(...)</c> and primary
    /// constructor base calls; <c>new T(...)</c> and <c>new(...)</c>; assignments and named attribute arguments
    /// (<c>[DynamoDBTable("T", TableName = "X")]</c>), in lambdas, local functions, initializers and top-level statements
    /// alike. Roslyn before 4.9 visits <c>: Base(...)</c> of a primary constructor twice, under the type and under the
    /// constructor (roslyn#70488); it is dispatched under the constructor only, where newer compilers visit it.
    /// Not dispatched: implicit operations (the <c>Add</c> calls of a collection initializer: no public SDK
    /// <c>Add</c> takes a table name), attribute constructors (the rules check attributes in symbol actions) and
    /// indexer assignments (<c>x["k"] = v</c>: no rule reads one on its own; dictionaries are read from the creation
    /// that holds them).
    /// </remarks>
    public void RegisterOperationAction(Action<DynamoOperationContext> action, params OperationKind[] kinds)
    {
        var syntaxKinds = new List<SyntaxKind>();
        foreach (var kind in kinds)
        {
            syntaxKinds.AddRange(kind switch
            {
                OperationKind.Invocation => InvocationSyntax,
                OperationKind.ObjectCreation => ObjectCreationSyntax,
                OperationKind.SimpleAssignment => SimpleAssignmentSyntax,
                _ => throw new ArgumentOutOfRangeException(nameof(kinds), kind, "Only Invocation, ObjectCreation and SimpleAssignment are dispatched from syntax"),
            });
        }

        var names = _names;
        Context.RegisterSyntaxNodeAction(
            ctx =>
            {
                try
                {
                    if (!IsCandidate(ctx.Node, names)
                        || (ctx.Node is PrimaryConstructorBaseTypeSyntax && ctx.ContainingSymbol is not IMethodSymbol)
                        || ctx.SemanticModel.GetOperation(ctx.Node, ctx.CancellationToken) is not { } operation
                        || Array.IndexOf(kinds, operation.Kind) < 0)
                    {
                        return;
                    }

                    action(new DynamoOperationContext(operation, ctx));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    ReportInternalError(ctx.ReportDiagnostic, ctx.Node.GetLocation(), ex);
                }
            },
            syntaxKinds.Distinct().ToArray());
    }

    public void RegisterSymbolAction(Action<SymbolAnalysisContext> action, params SymbolKind[] kinds)
        => Context.RegisterSymbolAction(ctx => Guard(ctx.ReportDiagnostic, ctx.Symbol.Locations.FirstOrDefault() ?? Location.None, () => action(ctx)), kinds);

    /// <summary>
    /// Whether a node can bind to something of the SDK, judged by its names alone: the method called, the type created
    /// or the member assigned must be one of <see cref="DynamoNames"/>. Target-typed <c>new(...)</c> and constructor
    /// initializers name no type, and a call of a computed delegate (<c>handlers[0](x)</c>) no method: always candidates.
    /// A call through a delegate variable is judged by the variable's name, which is safe because the SDK declares no
    /// delegate types (AWSSDK.DynamoDBv2 4.0.110).
    /// </summary>
    internal static bool IsCandidate(SyntaxNode node, DynamoNames names)
    {
        switch (node)
        {
            case InvocationExpressionSyntax invocation:
                return LastName(invocation.Expression) is not { } method || names.IsMember(method);
            case ObjectCreationExpressionSyntax creation:
                return creation.Type is not PredefinedTypeSyntax && (LastName(creation.Type) is not { } type || names.IsType(type));
            case AssignmentExpressionSyntax assignment:
                // An indexer (x["k"] = v, ["k"] = v in an initializer) has no name of its own: see RegisterOperationAction.
                // A deconstruction ((a, b) = t) is not a simple assignment.
                return assignment.Left is not (ElementAccessExpressionSyntax or ImplicitElementAccessSyntax or TupleExpressionSyntax or DeclarationExpressionSyntax)
                       && (LastName(assignment.Left) is not { } member || names.IsMember(member));
            case AttributeArgumentSyntax argument:
                return argument.NameEquals is { } named && names.IsMember(named.Name.Identifier.ValueText);
            default:
                return true;
        }
    }

    /// <summary>The rightmost simple name of a name or member access (<c>a.b.C</c>, <c>x?.C</c>, <c>C&lt;T&gt;</c>, <c>Q::C</c>), or null.</summary>
    private static string? LastName(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case SimpleNameSyntax name:
                    return name.Identifier.ValueText;
                case MemberAccessExpressionSyntax access:
                    return access.Name.Identifier.ValueText;
                case MemberBindingExpressionSyntax binding:
                    return binding.Name.Identifier.ValueText;
                case QualifiedNameSyntax qualified:
                    return qualified.Right.Identifier.ValueText;
                case AliasQualifiedNameSyntax aliased:
                    return aliased.Name.Identifier.ValueText;
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                default:
                    return null;
            }
        }
    }

    private static void Guard(Action<Diagnostic> report, Location location, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ReportInternalError(report, location, ex);
        }
    }

    private static void ReportInternalError(Action<Diagnostic> report, Location location, Exception ex)
        => report(Diagnostic.Create(DiagnosticDescriptors.InternalError, location, $"{ex.GetType().Name}: {ex.Message}"));
}

/// <summary>
/// What a rule's callback of <see cref="DynamoStart.RegisterOperationAction"/> gets, in place of an
/// <see cref="OperationAnalysisContext"/> (which analyzers cannot construct): the operation, the cancellation token
/// and the diagnostic sink of the syntax-node action that found it.
/// </summary>
internal readonly struct DynamoOperationContext
{
    private readonly SyntaxNodeAnalysisContext _context;

    public DynamoOperationContext(IOperation operation, SyntaxNodeAnalysisContext context)
    {
        Operation = operation;
        _context = context;
    }

    public IOperation Operation { get; }

    public CancellationToken CancellationToken => _context.CancellationToken;

    public void ReportDiagnostic(Diagnostic diagnostic) => _context.ReportDiagnostic(diagnostic);
}
