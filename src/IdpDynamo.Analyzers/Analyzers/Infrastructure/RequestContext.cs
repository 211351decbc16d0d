using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>
/// A request object (<c>new QueryRequest("T") { IndexName = ..., ... }</c>): its members and the declared table it
/// resolves to. A request held in a local also takes the members that the statements right after its declaration
/// assign (<see cref="LocalFlow"/>: <c>request.IndexName = ...;</c>); members set anywhere else are not seen, so checks
/// that compare members with each other (or that need a member to be absent) first ask <see cref="IsFinal"/> whether
/// the code can still change them.
/// </summary>
internal sealed class RequestContext
{
    private Mutations? _mutations;

    /// <summary>The targets of the completing statements (<c>request.IndexName</c>): writes that are already in <see cref="Members"/>.</summary>
    private readonly HashSet<SyntaxNode> _completed;

    private RequestContext(IObjectCreationOperation creation, Dictionary<string, IOperation> members, HashSet<SyntaxNode> completed, CatalogTable? table)
    {
        Creation = creation;
        Members = members;
        _completed = completed;
        Table = table;
    }

    public IObjectCreationOperation Creation { get; }

    public Dictionary<string, IOperation> Members { get; }

    /// <summary>The declared table the request names, or null when unresolved or undeclared.</summary>
    public CatalogTable? Table { get; }

    public INamedTypeSymbol Type => Creation.Constructor!.ContainingType;

    /// <summary>
    /// A cheap syntax-level test, before <see cref="From"/> resolves anything: whether the creation sets one of
    /// <paramref name="members"/> in its initializer, by a constructor argument of that name, or (held in a local) in a
    /// later statement of its block.
    /// </summary>
    public static bool Sets(IObjectCreationOperation creation, params string[] members)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is { Name.Length: > 0 } p && System.Array.Exists(members, m => string.Equals(m, p.Name, System.StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var element in initializer.Initializers)
            {
                if (element is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 0 } target }
                    && System.Array.IndexOf(members, target.Property.Name) >= 0)
                {
                    return true;
                }
            }
        }

        return LocalFlow.AssignsLater(creation.Syntax, members);
    }

    /// <summary>
    /// The request context of the creation <paramref name="ctx"/> dispatches, built once per node and shared by every
    /// rule called on it (<see cref="NodeMemo"/>), or null when it is not an SDK request object. The context keeps no
    /// cancellation token: each later question (<see cref="IsFinal"/>) is asked with its caller's.
    /// </summary>
    public static RequestContext? From(DynamoOperationContext ctx, DynamoCatalog catalog)
        => ctx.Memo.Request((IObjectCreationOperation)ctx.Operation, catalog, ctx.CancellationToken);

    /// <summary>The request context of <paramref name="creation"/>, newly built (<see cref="From"/> shares one per node).</summary>
    internal static RequestContext? Create(IObjectCreationOperation creation, DynamoCatalog catalog, CancellationToken cancellationToken)
    {
        if (!DynamoSdk.IsDynamo(creation.Constructor?.ContainingType) || DynamoSdk.IsSource(creation.Constructor!.ContainingType)
            || DynamoSdk.IsAttribute(creation.Constructor.ContainingType))
        {
            // Attributes ([DynamoDBGlobalSecondaryIndexHashKey("i")]) are object creations too, but they are entity
            // metadata checked per member by symbol actions, not requests.
            return null;
        }

        var members = Sinks.Members(creation);
        var completed = new HashSet<SyntaxNode>();
        foreach (var completion in LocalFlow.Members(creation))
        {
            members[completion.Name!] = completion.Value;
            completed.Add(completion.Target);
        }

        CatalogTable? table = null;
        if (members.TryGetValue("TableName", out var tableName))
        {
            table = catalog.Resolve(tableName, cancellationToken);
        }

        return new RequestContext(creation, members, completed, table);
    }

    public string? Exact(string member, CancellationToken cancellationToken)
        => Members.TryGetValue(member, out var value) ? StringResolver.Resolve(value, cancellationToken).Exact : null;

    public bool IsTrue(string member) => Members.TryGetValue(member, out var value) && Unwrap(value).ConstantValue is { HasValue: true, Value: true };

    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>List, Dictionary and the other System.Collections.Generic types: they only hold what they are given.</summary>
    private static bool IsCollection(ITypeSymbol? type)
        => type?.ContainingNamespace is { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>
    /// Whether <paramref name="members"/> keep the values the initializer gives them until the SDK sees the request.
    /// True when the request (or the SDK object whose initializer contains it) is passed straight to an SDK method, or
    /// is kept in a local that is only read, passed to SDK methods, and never has these members assigned or mutated
    /// (<c>request.ExclusiveStartKey = ...</c> in a paging loop does not affect the key condition). Anything else
    /// (returned, stored in a field, passed to the application's own helpers) may be changed elsewhere: false.
    /// </summary>
    public bool IsFinal(CancellationToken cancellationToken, params string[] members) => Check(members, whenEscaped: false, cancellationToken);

    /// <summary>
    /// The lenient form of <see cref="IsFinal"/> for members that code sets once and does not revisit (TableName,
    /// IndexName, ConsistentRead): false when this method visibly assigns one of them again or hands the request to
    /// the application's own code (a helper may set them). A request returned from a builder method or stored is
    /// trusted here, whereas its Key or key condition might still be completed by the caller.
    /// </summary>
    public bool IsNotReassigned(CancellationToken cancellationToken, params string[] members) => Check(members, whenEscaped: true, cancellationToken);

    private bool Check(string[] members, bool whenEscaped, CancellationToken cancellationToken)
    {
        // Computed once, by the first rule that asks (the context belongs to one node of one file's dispatch).
        var mutations = _mutations ??= new Mutations(FindMutations(out bool nested, out var escape, cancellationToken), nested, escape);
        if (mutations.Escape == Escape.HandedOn)
        {
            return false;
        }

        if (mutations.Members is not { } mutated)
        {
            return whenEscaped;
        }

        // For a request nested in another SDK object, mutations through the outer object's members can reach it.
        bool unchanged = mutations.Nested ? mutated.Count == 0 : !ContainsAny(mutated, members);
        return unchanged && (whenEscaped || mutations.Escape == Escape.None);
    }

    // A loop, not members.Any(mutated.Contains): ReadyToRun code builds a delegate to a framework generic's method
    // through the runtime's slow path, which measured as the costliest single call of a cold compile.
    private static bool ContainsAny(HashSet<string> set, string[] members)
    {
        foreach (var member in members)
        {
            if (set.Contains(member))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where the request goes besides the SDK.</summary>
    private enum Escape
    {
        /// <summary>Nowhere: only the SDK and this method see it.</summary>
        None,

        /// <summary>Returned, stored or captured into another object: the code there may complete it.</summary>
        Kept,

        /// <summary>Passed to the application's own method or captured by ref: that code may change any member.</summary>
        HandedOn,
    }

    /// <summary>
    /// The members written after construction (null: nothing is known), whether the request is nested, and where it
    /// escapes to (this method's own writes are still known when it does).
    /// </summary>
    private sealed class Mutations
    {
        public Mutations(HashSet<string>? members, bool nested, Escape escape)
        {
            Members = members;
            Nested = nested;
            Escape = escape;
        }

        public HashSet<string>? Members { get; }

        public bool Nested { get; }

        public Escape Escape { get; }
    }

    /// <summary>The members written after construction; null when the object escapes where it cannot be followed.</summary>
    private HashSet<string>? FindMutations(out bool nested, out Escape escape, CancellationToken cancellationToken)
    {
        escape = Escape.None;
        IOperation root = Creation;
        nested = false;
        while (true)
        {
            var parent = root.Parent;
            if (parent is IConversionOperation or IArrayInitializerOperation or IArrayCreationOperation)
            {
                root = parent;
                continue;
            }

            // A member of an initializer (Put = new Put { ... }, ["Orders"] = new KeysAndAttributes { ... }), an element
            // of a collection initializer (new List<TransactWriteItem> { new() { ... } }) or an argument of a
            // constructor (new WriteRequest(new PutRequest { ... })), of an SDK object or a plain collection.
            IOperation? outer = parent switch
            {
                ISimpleAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } } => creation,
                IArgumentOperation { Parent: IInvocationOperation { IsImplicit: true, Parent: IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } } } => creation,
                IArgumentOperation { Parent: IObjectCreationOperation creation } => creation,
                _ => null,
            };

            if (outer is null || !(DynamoSdk.IsDynamo(outer.Type) || IsCollection(outer.Type)))
            {
                break;
            }

            root = outer;
            nested = true;
        }

        switch (root.Parent)
        {
            case IArgumentOperation { Parent: IInvocationOperation invocation } argument when argument.Parameter?.RefKind == RefKind.None && DynamoSdk.IsDynamo(invocation.TargetMethod.ContainingType):
                return new HashSet<string>();
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return LocalMutations(declarator.Symbol, out escape, cancellationToken);
            case IArgumentOperation:
                escape = Escape.HandedOn;
                return null;
            default:
                return null;
        }
    }

    private HashSet<string>? LocalMutations(ILocalSymbol local, out Escape escape, CancellationToken cancellationToken)
    {
        escape = Escape.None;
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1 || Creation.SemanticModel is not { } model)
        {
            return null;
        }

        var declarator = local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var body = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
            or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax);
        if (body is null || body.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        var mutated = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != local.Name
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local))
            {
                continue;
            }

            switch (identifier.Parent)
            {
                // Passed (by value) to the SDK: the SDK reads the request, it does not rewrite the names in it.
                case ArgumentSyntax { RefKindKeyword.RawKind: 0, Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }
                    when model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method && DynamoSdk.IsDynamo(method.ContainingType):
                    continue;
                case MemberAccessExpressionSyntax access when access.Expression == identifier:
                    // A completing statement is in Members already; a batch's retry of its unprocessed part sends no new keys.
                    if (!_completed.Contains(access) && IsWrite(access, model, cancellationToken)
                        && !(access.Name.Identifier.ValueText == "RequestItems" && access.Parent is AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax } retry
                             && LocalFlow.ResendsUnprocessed(model.GetOperation(retry, cancellationToken), local)))
                    {
                        mutated.Add(access.Name.Identifier.ValueText);
                    }

                    continue;
                case ArgumentSyntax:
                    escape = Escape.HandedOn;   // a helper of the application (or a ref/out argument): any member may change
                    return null;
                default:
                    // Returned, stored, captured into another object: not followed further, but this method's own
                    // writes are still collected (a later request.IndexName = ... is still seen).
                    escape = Escape.Kept;
                    continue;
            }
        }

        return mutated;
    }

    /// <summary>
    /// Whether <c>local.X…</c> writes through X: it is assigned (also <c>local.X[k] = v</c>), incremented, passed by
    /// ref, passed as an argument when it is a mutable object (a helper may fill a dictionary; a string or a number
    /// passed by value is only read), or a method is called on it or on something reached from it
    /// (<c>local.X.Add(k, v)</c>).
    /// </summary>
    private static bool IsWrite(MemberAccessExpressionSyntax access, SemanticModel model, CancellationToken cancellationToken)
    {
        ExpressionSyntax top = access;
        while (true)
        {
            switch (top.Parent)
            {
                case MemberAccessExpressionSyntax member when member.Expression == top:
                    if (member.Parent is InvocationExpressionSyntax call && call.Expression == member)
                    {
                        return true;
                    }

                    top = member;
                    continue;
                case ElementAccessExpressionSyntax element when element.Expression == top:
                    top = element;
                    continue;
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == top:
                    return true;   // local.X?.Add(...) and friends: not worth distinguishing reads
                case InvocationExpressionSyntax invocation when invocation.Expression == top:
                    return true;
            }

            break;
        }

        return top.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == top,
            PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } => true,
            ArgumentSyntax argument when argument.RefKindKeyword.RawKind == 0 => model.GetTypeInfo(top, cancellationToken).Type is not { } type
                || !(type.SpecialType == SpecialType.System_String || type.IsValueType),
            ArgumentSyntax or RefExpressionSyntax => true,
            _ => false,
        };
    }
}
