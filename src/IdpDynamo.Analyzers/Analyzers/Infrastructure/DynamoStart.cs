using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>
/// A compilation start shared by every rule: the SDK symbols, the values-file catalog, and the registration helpers.
/// Rules add callbacks; <see cref="Commit"/> then registers one semantic-model action for all operation callbacks and one
/// symbol action for all symbol callbacks, and nothing at all when no rule added any.
/// </summary>
/// <remarks>
/// <para>How to add a rule: a class in Analyzers/Rules deriving from <see cref="DynamoAnalyzerBase"/> (its
/// descriptors to the base constructor), listed in <see cref="IdpDynamoAnalyzer"/>'s rules (<see cref="IdpDynamoSuggestionAnalyzer"/>'s when it reports only Info). In
/// <c>Register(DynamoStart start)</c> return early when the rule cannot report in this compilation (it then costs
/// nothing), and otherwise call <see cref="RegisterOperationAction(NodeFilter, Action{DynamoOperationContext}, OperationKind[])"/>
/// with the narrowest <see cref="NodeFilter"/> the rule's first check allows, or <see cref="RegisterSymbolAction"/>.
/// Per-compilation data goes into locals of <c>Register</c> (built once), never into the callbacks.</para>
/// <para>The dispatch, per node: the node's name is tested against each rule's filter (no semantic model, no
/// allocation); only when some rule wants it is the operation asked for, once, and handed to those rules whose
/// operation kinds match, each guarded so an exception becomes IDPDYN999 on the node.</para>
/// </remarks>
#pragma warning disable RS1012 // The rules' Register(...) add their callbacks; Commit registers them on this context.
internal sealed class DynamoStart(CompilationStartAnalysisContext context, DynamoSdk sdk, DynamoCatalog catalog, DynamoNames names)
#pragma warning restore RS1012
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

    private readonly List<OperationHandler> _operations = new();
    private readonly List<(Action<SymbolAnalysisContext> Action, SymbolKind[] Kinds)> _symbols = new();

    public CompilationStartAnalysisContext Context { get; } = context;

    public DynamoSdk Sdk { get; } = sdk;

    public DynamoCatalog Catalog { get; } = catalog;

    /// <summary>
    /// Runs <paramref name="action"/> on every invocation, object creation or simple assignment (<paramref name="kinds"/>)
    /// whose names <paramref name="filter"/> accepts, as an operation action would, without the cost of one.
    /// </summary>
    /// <remarks>
    /// An operation action makes the driver build the IOperation tree of every code block of the compilation (binding
    /// it first where the compiler has not), even where nothing touches DynamoDB, and call every rule on every call,
    /// creation and assignment; a syntax-node action costs the driver a guarded, timed callback per node. Here one
    /// semantic-model action per file walks its syntax once, tests each node's names and asks the semantic model for
    /// the operation only when some rule can act on it (the driver runs it after the file's members were analyzed, so
    /// their trees are usually built already); the operation comes from the member's full tree, so
    /// <see cref="IOperation.Parent"/> works as before. The syntax covers what the operation driver dispatched: calls,
    /// <c>: base(...)</c>/<c>: this(...)</c> and primary constructor base calls; <c>new T(...)</c> and <c>new(...)</c>;
    /// assignments and named attribute arguments (<c>[DynamoDBTable("T", TableName = "X")]</c>), in lambdas, local
    /// functions, initializers and top-level statements alike, each node once. Not dispatched: implicit operations
    /// (the <c>Add</c> calls of a collection initializer: no public SDK <c>Add</c> takes a table name), attribute
    /// constructors (the rules check attributes in symbol actions) and indexer assignments (<c>x["k"] = v</c>: no rule
    /// reads one on its own; dictionaries are read from the creation that holds them).
    /// </remarks>
    public void RegisterOperationAction(NodeFilter filter, Action<DynamoOperationContext> action, params OperationKind[] kinds)
    {
        foreach (var kind in kinds)
        {
            if (kind is not (OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.SimpleAssignment))
            {
                throw new ArgumentOutOfRangeException(nameof(kinds), kind, "Only Invocation, ObjectCreation and SimpleAssignment are dispatched from syntax");
            }
        }

        if (_operations.Count == 64)
        {
            throw new InvalidOperationException("At most 64 operation callbacks per compilation");
        }

        _operations.Add(new OperationHandler(action, kinds, filter));
    }

    /// <summary><see cref="RegisterOperationAction(NodeFilter, Action{DynamoOperationContext}, OperationKind[])"/> for any node whose names can bind to the SDK.</summary>
    public void RegisterOperationAction(Action<DynamoOperationContext> action, params OperationKind[] kinds)
        => RegisterOperationAction(NodeFilter.SdkNames, action, kinds);

    public void RegisterSymbolAction(Action<SymbolAnalysisContext> action, params SymbolKind[] kinds) => _symbols.Add((action, kinds));

    /// <summary>Registers the shared actions for what the rules added (nothing when they added nothing).</summary>
    public void Commit()
    {
        if (_operations.Count > 0)
        {
            var handlers = _operations.ToArray();
            var syntaxKinds = new List<SyntaxKind>();
            foreach (var handler in handlers)
            {
                foreach (var kind in handler.Kinds)
                {
                    syntaxKinds.AddRange(kind switch
                    {
                        OperationKind.Invocation => InvocationSyntax,
                        OperationKind.ObjectCreation => ObjectCreationSyntax,
                        _ => SimpleAssignmentSyntax,
                    });
                }
            }

            var dispatched = new bool[syntaxKinds.Max(k => (int)k) + 1];
            foreach (var kind in syntaxKinds)
            {
                dispatched[(int)kind] = true;
            }

            var masks = new HandlerMasks(handlers, names);
            Context.RegisterSemanticModelAction(ctx => DispatchTree(ctx, handlers, masks, dispatched));
        }

        if (_symbols.Count > 0)
        {
            var symbols = _symbols.ToArray();
            Context.RegisterSymbolAction(
                ctx =>
                {
                    foreach (var (action, kinds) in symbols)
                    {
                        if (Array.IndexOf(kinds, ctx.Symbol.Kind) >= 0)
                        {
                            Guard(ctx.ReportDiagnostic, ctx.Symbol.Locations.FirstOrDefault() ?? Location.None, action, ctx);
                        }
                    }
                },
                symbols.SelectMany(s => s.Kinds).Distinct().ToArray());
        }
    }

    /// <summary>Every dispatched node of one tree, in document order (a node of an unnamed kind costs a bool lookup).</summary>
    private static void DispatchTree(SemanticModelAnalysisContext ctx, OperationHandler[] handlers, HandlerMasks masks, bool[] dispatched)
    {
        var model = ctx.SemanticModel;
        Action<Diagnostic> report = ctx.ReportDiagnostic;
        NodeMemo? memo = null;
        foreach (var node in model.SyntaxTree.GetRoot(ctx.CancellationToken).DescendantNodes())
        {
            int kind = node.RawKind;
            if (kind < dispatched.Length && dispatched[kind])
            {
                Dispatch(node, model, report, handlers, masks, ref memo, ctx.CancellationToken);
            }
        }
    }

    private static void Dispatch(SyntaxNode node, SemanticModel model, Action<Diagnostic> report, OperationHandler[] handlers, HandlerMasks masks, ref NodeMemo? memo, CancellationToken cancellationToken)
    {
        var category = Classify(node, out string? name);
        if (category == NodeCategory.None || !MayConstructSdkType(node, masks.Names))
        {
            return;
        }

        ulong wanted = masks.For(category, name);
        if (wanted == 0)
        {
            return;
        }

        IOperation? operation;
        try
        {
            operation = model.GetOperation(node, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ReportInternalError(report, node.GetLocation(), ex);
            return;
        }

        if (operation is null)
        {
            return;
        }

        // One memo per file, reset per node: what one rule works out about the operation, the next one reuses.
        memo ??= new NodeMemo();
        memo.Reset();
        var context = new DynamoOperationContext(operation, report, memo, cancellationToken);
        for (int i = 0; i < handlers.Length; i++)
        {
            if ((wanted & (1UL << i)) != 0 && Array.IndexOf(handlers[i].Kinds, operation.Kind) >= 0)
            {
                try
                {
                    handlers[i].Action(context);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    ReportInternalError(report, node.GetLocation(), ex);
                }
            }
        }
    }

    /// <summary>
    /// Whether a node can bind to something of the SDK, judged by its names alone: the method called, the type created
    /// or the member assigned must be one of <see cref="DynamoNames"/>. Target-typed <c>new(...)</c> and constructor
    /// initializers name no type, and a call of a computed delegate (<c>handlers[0](x)</c>) no method: always candidates.
    /// A call through a delegate variable is judged by the variable's name, which is safe because the SDK declares no
    /// delegate types (AWSSDK.DynamoDBv2 4.0.110).
    /// </summary>
    internal static bool IsCandidate(SyntaxNode node, DynamoNames names)
    {
        var category = Classify(node, out string? name);
        return category == NodeCategory.None ? node is not (InvocationExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or AssignmentExpressionSyntax or AttributeArgumentSyntax)
            : MayConstructSdkType(node, names) && NodeFilter.SdkNames.Accepts(category, name, names);
    }

    /// <summary>
    /// For a constructor initializer, whether the constructor it calls can be the SDK's, judged by the name of the type
    /// it constructs: <c>: this(...)</c> the type itself, <c>: base(...)</c> and a primary constructor's base call the
    /// base class named first in the base list. A class with no base list calls <c>object()</c>, unless it is partial
    /// (another part may name the base). Any other node: true.
    /// </summary>
    private static bool MayConstructSdkType(SyntaxNode node, DynamoNames names)
    {
        switch (node)
        {
            case PrimaryConstructorBaseTypeSyntax primary:
                return LastName(primary.Type) is not { } named || names.IsType(named);
            case ConstructorInitializerSyntax initializer when initializer.Parent?.Parent is TypeDeclarationSyntax type:
                if (initializer.IsKind(SyntaxKind.ThisConstructorInitializer))
                {
                    return names.IsType(type.Identifier.ValueText);
                }

                if (type.BaseList is not { Types.Count: > 0 } list)
                {
                    return type.Modifiers.Any(SyntaxKind.PartialKeyword);
                }

                return LastName(list.Types[0].Type) is not { } baseName || names.IsType(baseName);
            default:
                return true;
        }
    }

    /// <summary>What kind of name a dispatched node carries, and the name (null when it names nothing); no allocation.</summary>
    internal static NodeCategory Classify(SyntaxNode node, out string? name)
    {
        name = null;
        switch (node)
        {
            case InvocationExpressionSyntax invocation:
                name = LastName(invocation.Expression);
                return NodeCategory.Invocation;
            case ConstructorInitializerSyntax or PrimaryConstructorBaseTypeSyntax:
                return NodeCategory.Invocation;
            case ObjectCreationExpressionSyntax creation:
                if (creation.Type is PredefinedTypeSyntax)
                {
                    return NodeCategory.None;
                }

                name = LastName(creation.Type);
                return NodeCategory.Creation;
            case ImplicitObjectCreationExpressionSyntax implicitCreation:
                // Target-typed: the type is named where the value initializes a declaration of a written type.
                if (DeclaredType(implicitCreation) is { } declared)
                {
                    if (declared is PredefinedTypeSyntax)
                    {
                        return NodeCategory.None;
                    }

                    name = LastName(declared);
                }

                return NodeCategory.Creation;
            case AssignmentExpressionSyntax assignment:
                // An indexer (x["k"] = v, ["k"] = v in an initializer) has no name of its own: see RegisterOperationAction.
                // A deconstruction ((a, b) = t) is not a simple assignment.
                if (assignment.Left is ElementAccessExpressionSyntax or ImplicitElementAccessSyntax or TupleExpressionSyntax or DeclarationExpressionSyntax)
                {
                    return NodeCategory.None;
                }

                name = LastName(assignment.Left);
                return NodeCategory.Assignment;
            case AttributeArgumentSyntax argument:
                if (argument.NameEquals is not { } named)
                {
                    return NodeCategory.None;
                }

                name = named.Name.Identifier.ValueText;
                return NodeCategory.Assignment;
            default:
                return NodeCategory.None;
        }
    }

    /// <summary>
    /// The type written for the variable, field, property or parameter that <paramref name="creation"/> initializes
    /// (<c>QueryRequest r = new();</c>, <c>List&lt;T&gt; Items { get; } = new();</c>), without <c>?</c>; null when the
    /// target type is not written there (an argument, a return, an assignment).
    /// </summary>
    private static TypeSyntax? DeclaredType(ImplicitObjectCreationExpressionSyntax creation)
    {
        if (creation.Parent is not EqualsValueClauseSyntax initializer)
        {
            return null;
        }

        var type = initializer.Parent switch
        {
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } => declaration.Type,
            PropertyDeclarationSyntax property => property.Type,
            ParameterSyntax parameter => parameter.Type,
            _ => null,
        };
        return type is NullableTypeSyntax nullable ? nullable.ElementType : type;
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

    private static void Guard<T>(Action<Diagnostic> report, Location location, Action<T> action, T context)
    {
        try
        {
            action(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ReportInternalError(report, location, ex);
        }
    }

    private static void ReportInternalError(Action<Diagnostic> report, Location location, Exception ex)
        => report(Diagnostic.Create(DiagnosticDescriptors.InternalError, location, $"{ex.GetType().Name}: {ex.Message}"));

    /// <summary>
    /// Which handlers want a node, by its category and name (bit i: handler i), asked of the filters once per distinct
    /// name of the compilation and kept: the nodes' names repeat (Add, ToString, TableName), and a kept answer costs one
    /// lookup and no allocation.
    /// </summary>
    private sealed class HandlerMasks
    {
        private static readonly NodeCategory[] Categories = { NodeCategory.Invocation, NodeCategory.Creation, NodeCategory.Assignment };

        private readonly OperationHandler[] _handlers;
        private readonly ulong[] _unnamed = new ulong[3];
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ulong>[] _named = new System.Collections.Concurrent.ConcurrentDictionary<string, ulong>[3];
        private readonly Func<string, ulong>[] _compute = new Func<string, ulong>[3];

        public HandlerMasks(OperationHandler[] handlers, DynamoNames names)
        {
            _handlers = handlers;
            Names = names;
            for (int c = 0; c < 3; c++)
            {
                var category = Categories[c];
                _unnamed[c] = Compute(category, null);
                _named[c] = new System.Collections.Concurrent.ConcurrentDictionary<string, ulong>(StringComparer.Ordinal);
                _compute[c] = name => Compute(category, name);
            }
        }

        public DynamoNames Names { get; }

        public ulong For(NodeCategory category, string? name)
        {
            int c = category switch
            {
                NodeCategory.Invocation => 0,
                NodeCategory.Creation => 1,
                _ => 2,
            };
            if (name is null)
            {
                return _unnamed[c];
            }

            return _named[c].TryGetValue(name, out ulong mask) ? mask : _named[c].GetOrAdd(name, _compute[c]);
        }

        private ulong Compute(NodeCategory category, string? name)
        {
            ulong wanted = 0;
            for (int i = 0; i < _handlers.Length; i++)
            {
                if ((_handlers[i].Categories & category) != 0 && _handlers[i].Filter.Accepts(category, name, Names))
                {
                    wanted |= 1UL << i;
                }
            }

            return wanted;
        }
    }

    private sealed class OperationHandler
    {
        public OperationHandler(Action<DynamoOperationContext> action, OperationKind[] kinds, NodeFilter filter)
        {
            Action = action;
            Kinds = kinds;
            Filter = filter;
            foreach (var kind in kinds)
            {
                Categories |= kind switch
                {
                    OperationKind.Invocation => NodeCategory.Invocation,
                    OperationKind.ObjectCreation => NodeCategory.Creation,
                    _ => NodeCategory.Assignment,
                };
            }
        }

        public Action<DynamoOperationContext> Action { get; }

        public OperationKind[] Kinds { get; }

        public NodeFilter Filter { get; }

        public NodeCategory Categories { get; }
    }
}

/// <summary>The syntax a dispatched node belongs to, by the operation it binds to.</summary>
[Flags]
internal enum NodeCategory
{
    None = 0,
    Invocation = 1,
    Creation = 2,
    Assignment = 4,
}

/// <summary>
/// Which nodes a rule's operation callback can act on, judged by names before any semantic-model call. For each of
/// calls (method names), creations (type names) and assignments (member names): either any name the SDK declares
/// (<see cref="DynamoNames"/>, the default), or only the names the rule's own first check accepts. A rule that gives
/// names must give every name its callback can act on: a node it rejects here is never shown to it.
/// </summary>
internal sealed class NodeFilter
{
    /// <summary>Any call, creation or assignment whose names can bind to the SDK.</summary>
    public static readonly NodeFilter SdkNames = new(null, null, null);

    private readonly HashSet<string>? _methods;
    private readonly HashSet<string>? _types;
    private readonly HashSet<string>? _members;
    private readonly string[]? _parameters;
    private readonly string[]? _typeMembers;

    private NodeFilter(HashSet<string>? methods, HashSet<string>? types, HashSet<string>? members, string[]? parameters = null, string[]? typeMembers = null)
    {
        _methods = methods;
        _types = types;
        _members = members;
        _parameters = parameters;
        _typeMembers = typeMembers;
    }

    /// <summary>
    /// A filter naming, where not null: the methods a call must name (a call that names no method, a constructor
    /// initializer, is then rejected); the types a creation must name (a target-typed <c>new(...)</c> and a using alias
    /// of an SDK type still pass); the members an assignment must name (an assignment to an unnamed target still passes).
    /// </summary>
    public static NodeFilter Create(string[]? methods = null, string[]? types = null, string[]? members = null)
        => new(Set(methods), Set(types), Set(members));

    /// <summary>
    /// Calls of the named <paramref name="methods"/>, and creations of a type that has a property or constructor
    /// parameter named one of <paramref name="typeMembers"/> (<see cref="DynamoNames.Has"/>; a target-typed
    /// <c>new(...)</c> and a using alias still pass); assignments to any SDK member.
    /// </summary>
    public static NodeFilter Create(string[] methods, string[] typeMembers)
        => new(Set(methods), null, null, null, typeMembers);

    /// <summary>
    /// A filter from the SDK's own signatures (<see cref="DynamoNames.Takes"/>, <see cref="DynamoNames.Has"/>): calls of
    /// a method that has a parameter named one of <paramref name="parameters"/>; creations of a type that has a
    /// property or constructor parameter named one of <paramref name="typeMembers"/>; assignments to one of
    /// <paramref name="members"/>. A call that names no method (a constructor initializer, a computed delegate), a
    /// target-typed <c>new(...)</c>, a using alias and an assignment to an unnamed target still pass.
    /// </summary>
    public static NodeFilter BySignature(string[] parameters, string[] typeMembers, string[] members)
        => new(null, null, Set(members), parameters, typeMembers);

    public bool Accepts(NodeCategory category, string? name, DynamoNames names)
        => category switch
        {
            NodeCategory.Invocation when _parameters is not null => name is null || AnyOf(_parameters, p => names.Takes(name, p)),
            NodeCategory.Invocation => _methods is null ? name is null || names.IsMember(name) : name is not null && _methods.Contains(name),
            NodeCategory.Creation when _typeMembers is not null => name is null || names.IsAlias(name) || AnyOf(_typeMembers, m => names.Has(name, m)),
            NodeCategory.Creation => name is null || (_types is null ? names.IsType(name) : _types.Contains(name) || names.IsAlias(name)),
            NodeCategory.Assignment => name is null || (_members is null ? names.IsMember(name) : _members.Contains(name)),
            _ => false,
        };

    private static bool AnyOf(string[] values, Func<string, bool> test)
    {
        foreach (var value in values)
        {
            if (test(value))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string>? Set(string[]? names) => names is null ? null : new HashSet<string>(names, StringComparer.Ordinal);
}

/// <summary>
/// What a rule's callback of <see cref="DynamoStart.RegisterOperationAction(NodeFilter, Action{DynamoOperationContext}, OperationKind[])"/>
/// gets, in place of an <see cref="OperationAnalysisContext"/> (which analyzers cannot construct): the operation, the
/// cancellation token and the diagnostic sink of the semantic-model action that found it, and the node's
/// <see cref="NodeMemo"/>, which every rule called on the same operation shares.
/// </summary>
internal readonly struct DynamoOperationContext
{
    private readonly Action<Diagnostic> _report;

    public DynamoOperationContext(IOperation operation, Action<Diagnostic> report, NodeMemo memo, CancellationToken cancellationToken)
    {
        Operation = operation;
        _report = report;
        Memo = memo;
        CancellationToken = cancellationToken;
    }

    public IOperation Operation { get; }

    /// <summary>What the rules called on <see cref="Operation"/> work out once for all of them.</summary>
    public NodeMemo Memo { get; }

    public CancellationToken CancellationToken { get; }

    public void ReportDiagnostic(Diagnostic diagnostic) => _report(diagnostic);
}

/// <summary>
/// What the rules called on one dispatched operation share, so that each is worked out once per node rather than once per
/// rule: the request context of an object creation (<see cref="RequestContext.From"/>) and the places the operation
/// names a table (<see cref="Sinks.Tables"/>). The dispatch keeps one memo per file and resets it before each node, so
/// nothing outlives the node and nothing is shared across threads.
/// </summary>
internal sealed class NodeMemo
{
    private bool _requestKnown;
    private RequestContext? _request;
    private TableSink[]? _tables;

    public void Reset()
    {
        _requestKnown = false;
        _request = null;
        _tables = null;
    }

    /// <summary>The request context of the node's <paramref name="creation"/>, made on the first call and kept for the node.</summary>
    public RequestContext? Request(IObjectCreationOperation creation, DynamoCatalog catalog, CancellationToken cancellationToken)
    {
        if (!_requestKnown)
        {
            _request = RequestContext.Create(creation, catalog, cancellationToken);
            _requestKnown = true;
        }

        return _request;
    }

    /// <summary>The table sinks of the node's <paramref name="operation"/> (<see cref="Sinks.Tables"/>), found on the first call.</summary>
    public TableSink[] Tables(IOperation operation)
    {
        if (_tables is null)
        {
            var found = new List<TableSink>();
            foreach (var sink in Sinks.Tables(operation))
            {
                found.Add(sink);
            }

            _tables = found.Count == 0 ? System.Array.Empty<TableSink>() : found.ToArray();
        }

        return _tables;
    }
}
