using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>One statement that completes a local after its declaration: <c>request.IndexName = v</c>, <c>key["Id"] = v</c>, <c>names.Add("#s", "Status")</c>.</summary>
/// <param name="Name">The member assigned (requests), or null for a dictionary entry.</param>
/// <param name="Key">The entry's key (dictionaries), or null for a member.</param>
/// <param name="Value">The value assigned.</param>
/// <param name="Target">The syntax written through (<c>request.IndexName</c>, <c>key["Id"]</c>, <c>names.Add</c>).</param>
internal sealed record Completion(string? Name, IOperation? Key, IOperation Value, SyntaxNode Target);

/// <summary>
/// Follows a local request object or dictionary from its declaration through the statements that complete it, as a
/// syntax-guided walk of the statement list it is declared in: only the statements of that same list, in order, that
/// assign a member of it (<c>request.IndexName = ...</c>), set an entry (<c>key["OrderId"] = ...</c>) or add one
/// (<c>names.Add(...)</c>); statements that do not name the local are stepped over. The walk ends at the first other
/// statement that names the local, so every completion it returns runs, in order, before anything else can see the
/// local, on every path (the method is refused when it has a <c>goto</c>, or a local function that names the local,
/// since either can run code out of the statements' order).
/// </summary>
/// <remarks>
/// It runs only for a local that a rule already holds (a request a sink found, a dictionary such a request names),
/// never for every local of a method. Everything it reads is the operation tree the dispatch already built for the
/// member; it makes no semantic-model call.
/// </remarks>
internal static class LocalFlow
{
    private static readonly ConditionalWeakTable<IOperation, DictionaryBox> Dictionaries = new();

    /// <summary>
    /// A cheap syntax test before anything is resolved: whether <paramref name="creation"/> initializes a local whose
    /// statement list assigns one of <paramref name="members"/> (any member when null) later (<c>local.Member = ...;</c>).
    /// </summary>
    public static bool AssignsLater(SyntaxNode creation, string[]? members)
    {
        if (Declaration(creation) is not { } declaration)
        {
            return false;
        }

        string local = declaration.Declarator.Identifier.ValueText;
        var statements = declaration.Statements;
        bool after = false;
        foreach (var statement in statements)
        {
            if (!after)
            {
                after = statement == declaration.Statement;
                continue;
            }

            if (statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target, Name: { } name } } assignment }
                && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && target.Identifier.ValueText == local
                && (members is null || System.Array.IndexOf(members, name.Identifier.ValueText) >= 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The member assignments that complete the request <paramref name="creation"/> initializes, in order; empty when
    /// it does not initialize a local of a statement list or the walk cannot be trusted.
    /// </summary>
    public static IReadOnlyList<Completion> Members(IObjectCreationOperation creation)
        => AssignsLater(creation.Syntax, null) ? Walk(creation, dictionary: false, out _) : System.Array.Empty<Completion>();

    /// <summary>
    /// The entries of a dictionary a rule reads: built inline (<see cref="Sinks.DictionaryEntries"/>), or held in a
    /// local that is created here (empty or built inline, no copy of another dictionary), completed only by
    /// straight-line <c>key["k"] = v</c> and <c>key.Add(k, v)</c>, and then used once, to hand it to the SDK (a member or
    /// constructor argument of an SDK object, or an argument of an SDK call). Null for anything else: changed in a branch
    /// or a loop, passed to the application's own code, captured by a local function, returned or stored.
    /// </summary>
    public static IReadOnlyList<(IOperation Key, IOperation Value)>? LocalDictionary(ILocalReferenceOperation reference)
        => Dictionaries.GetValue(reference, r => new DictionaryBox(ReadDictionary((ILocalReferenceOperation)r))).Entries;

    private sealed class DictionaryBox
    {
        public DictionaryBox(IReadOnlyList<(IOperation Key, IOperation Value)>? entries) => Entries = entries;

        public IReadOnlyList<(IOperation Key, IOperation Value)>? Entries { get; }
    }

    private static IReadOnlyList<(IOperation Key, IOperation Value)>? ReadDictionary(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        if (local.IsRef || !IsDictionary(local.Type) || Initializer(Root(reference), local) is not IObjectCreationOperation creation || !IsFreshDictionary(creation))
        {
            return null;
        }

        var completions = Walk(creation, dictionary: true, out var block);
        if (block is null)
        {
            return null;
        }

        var completed = new HashSet<SyntaxNode>();
        foreach (var completion in completions)
        {
            completed.Add(completion.Target);
        }

        // The one other use must hand the dictionary to the SDK: to a call that reads it, or to an SDK object that keeps
        // it. A second use could see it changed through the first (request.Key[...] = ...), and each use would report
        // the entries' problems again at the same place.
        int uses = 0;
        foreach (var use in References(Root(creation), local))
        {
            if (completed.Contains(Written(use).Syntax))
            {
                continue;
            }

            if (!IsHandedToTheSdk(use) || ++uses > 1)
            {
                return null;
            }
        }

        var entries = new List<(IOperation Key, IOperation Value)>(Sinks.DictionaryEntries(creation));
        foreach (var completion in completions)
        {
            entries.Add((completion.Key!, completion.Value));
        }

        return entries;
    }

    /// <summary>Whether a use hands the dictionary to the SDK by value: an argument of an SDK call or constructor, or the value of an SDK object's member.</summary>
    private static bool IsHandedToTheSdk(ILocalReferenceOperation use)
    {
        IOperation operation = use;
        while (operation.Parent is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion;
        }

        return operation.Parent switch
        {
            IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IInvocationOperation call } => DynamoSdk.IsDynamo(call.TargetMethod.ContainingType),
            IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IObjectCreationOperation sdkObject } => DynamoSdk.IsDynamo(sdkObject.Type),
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 0 } member } assignment => assignment.Value == operation && DynamoSdk.IsDynamo(member.Property.ContainingType),
            _ => false,
        };
    }

    /// <summary>The operation a completion writes through, for matching a use with the completion it belongs to.</summary>
    private static IOperation Written(ILocalReferenceOperation use)
        => use.Parent is IPropertyReferenceOperation or IInvocationOperation ? use.Parent : use;

    private static bool IsDictionary(ITypeSymbol? type)
        => type is INamedTypeSymbol { Name: "Dictionary", Arity: 2 } named
           && named.ContainingNamespace is { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>A new dictionary of its own: no entries copied from another one, only a capacity or a comparer passed.</summary>
    private static bool IsFreshDictionary(IObjectCreationOperation creation)
    {
        if (!IsDictionary(creation.Type))
        {
            return false;
        }

        foreach (var argument in creation.Arguments)
        {
            if (argument.Value.Type is not ({ SpecialType: SpecialType.System_Int32 } or { Name: "IEqualityComparer" or "StringComparer" }))
            {
                return false;
            }
        }

        return creation.Initializer is null || Sinks.IsFullyInline(creation);
    }

    /// <summary>
    /// The completions of the local <paramref name="creation"/> initializes (<see cref="LocalFlow"/>); the statement
    /// list is null when there is none to walk or the walk cannot be trusted.
    /// </summary>
    private static IReadOnlyList<Completion> Walk(IObjectCreationOperation creation, bool dictionary, out IBlockOperation? block)
    {
        block = null;
        IOperation initialized = creation;
        while (initialized.Parent is IConversionOperation { IsImplicit: true } conversion)
        {
            initialized = conversion;
        }

        if (initialized.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { IsRef: false } local } declarator }
            || declarator.Parent is not IVariableDeclarationOperation { Declarators.Length: 1, Parent: IVariableDeclarationGroupOperation group }
            || group.Parent is not IBlockOperation statements)
        {
            return System.Array.Empty<Completion>();
        }

        var completions = new List<Completion>();
        int index = statements.Operations.IndexOf(group);
        for (int i = index + 1; i < statements.Operations.Length; i++)
        {
            var statement = statements.Operations[i];
            if (!Names(statement, local))
            {
                continue;
            }

            if (Completes(statement, local, dictionary) is not { } completion)
            {
                break;
            }

            completions.Add(completion);
        }

        if ((completions.Count == 0 && !dictionary) || !IsInOrder(Root(creation), local, creation))
        {
            return System.Array.Empty<Completion>();
        }

        block = statements;
        return completions;
    }

    /// <summary>A completion statement of <paramref name="local"/>, whose value does not read the local itself; null for anything else.</summary>
    private static Completion? Completes(IOperation statement, ILocalSymbol local, bool dictionary)
    {
        if (statement is not IExpressionStatementOperation { Operation: { } expression })
        {
            return null;
        }

        switch (expression)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation instance } target } assignment
                when SymbolEqualityComparer.Default.Equals(instance.Local, local) && !Names(assignment.Value, local):
                if (!dictionary && target.Arguments.Length == 0 && !target.Property.IsIndexer)
                {
                    return new Completion(target.Property.Name, null, assignment.Value, target.Syntax);
                }

                if (dictionary && target.Property.IsIndexer && target.Arguments.Length == 1 && !Names(target.Arguments[0].Value, local))
                {
                    return new Completion(null, target.Arguments[0].Value, assignment.Value, target.Syntax);
                }

                return null;
            case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2, Instance: ILocalReferenceOperation instance } add
                when dictionary && SymbolEqualityComparer.Default.Equals(instance.Local, local) && !Names(add.Arguments[0].Value, local) && !Names(add.Arguments[1].Value, local):
                return new Completion(null, add.Arguments[0].Value, add.Arguments[1].Value, add.Syntax);
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether the statements run in the order they are written for this local: no <c>goto</c> in the method, and no
    /// local function (which may be called before the completions) naming the local, unless the local is its own.
    /// </summary>
    private static bool IsInOrder(IOperation root, ILocalSymbol local, IOperation declaration)
    {
        var owner = Function(declaration);
        foreach (var operation in root.Descendants())
        {
            if (operation is IBranchOperation { BranchKind: BranchKind.GoTo })
            {
                return false;
            }

            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && Function(reference) is ILocalFunctionOperation function && function != owner)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The innermost lambda or local function an operation belongs to, or null in the member's own body.</summary>
    private static IOperation? Function(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return parent;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <c>request.RequestItems = value</c> is the retry of a batch: it re-sends the part of this request that
    /// DynamoDB left unprocessed (<c>response.UnprocessedKeys</c> of a BatchGetItemResponse, <c>UnprocessedItems</c> of a
    /// BatchWriteItemResponse, directly or through a local set only from it), where the response variable is only ever
    /// assigned from SDK calls that send this request. AWS's BatchGetItem and BatchWriteItem API reference documents
    /// them as the part of the request that was not processed, in the form of RequestItems, to pass to a later call:
    /// the retry sends nothing the first send did not, and it cannot run before a first send.
    /// </summary>
    public static bool ResendsUnprocessed(IOperation? assignment, ILocalSymbol request)
    {
        string? unprocessed = request.Type?.Name switch
        {
            "BatchGetItemRequest" => "UnprocessedKeys",
            "BatchWriteItemRequest" => "UnprocessedItems",
            _ => null,
        };
        if (unprocessed is null || assignment is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "RequestItems" } } retry)
        {
            return false;
        }

        var root = Root(assignment);
        IOperation? value = RequestContext.Unwrap(retry.Value);
        if (value is ILocalReferenceOperation held)
        {
            value = IsReassigned(root, held.Local) ? null : Initializer(root, held.Local);
        }

        string response = request.Type!.Name.Substring(0, request.Type.Name.Length - "Request".Length) + "Response";
        return value is IPropertyReferenceOperation { Instance: ILocalReferenceOperation responseLocal, Property: { ContainingType: { } responseType } property }
               && property.Name == unprocessed && responseType.Name == response && DynamoSdk.IsDynamo(responseType)
               && IsResponseOf(root, responseLocal.Local, request);
    }

    /// <summary>Whether every value <paramref name="response"/> is given comes from an SDK call that sends <paramref name="request"/> (awaited or not).</summary>
    private static bool IsResponseOf(IOperation root, ILocalSymbol response, ILocalSymbol request)
    {
        bool any = false;
        foreach (var operation in root.Descendants())
        {
            IOperation? value;
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, response))
            {
                value = declarator.Initializer?.Value;
                if (value is null)
                {
                    continue;
                }
            }
            else if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, response) && IsWrite(reference))
            {
                value = reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference ? assignment.Value : null;
            }
            else
            {
                continue;
            }

            if (!Sends(value, request))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary><c>client.X(request)</c>, <c>await client.XAsync(request)</c>, also with <c>.ConfigureAwait(...)</c>: an SDK call passed the request.</summary>
    private static bool Sends(IOperation? value, ILocalSymbol request)
    {
        value = value is null ? null : RequestContext.Unwrap(value);
        if (value is IAwaitOperation awaited)
        {
            value = RequestContext.Unwrap(awaited.Operation);
        }

        if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } awaitable })
        {
            value = RequestContext.Unwrap(awaitable);
        }

        if (value is not IInvocationOperation call || !DynamoSdk.IsDynamo(call.TargetMethod.ContainingType))
        {
            return false;
        }

        foreach (var argument in call.Arguments)
        {
            if (RequestContext.Unwrap(argument.Value) is ILocalReferenceOperation passed && SymbolEqualityComparer.Default.Equals(passed.Local, request))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a local is written anywhere other than by its declaration's initializer.</summary>
    private static bool IsReassigned(IOperation root, ILocalSymbol local)
    {
        foreach (var reference in References(root, local))
        {
            if (IsWrite(reference))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An assignment, ++/--, ref or out argument, deconstruction or ref alias of a local reference.</summary>
    private static bool IsWrite(ILocalReferenceOperation reference)
        => reference.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == reference,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is not RefKind.None,
            ITupleOperation or IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } } => true,
            _ => false,
        };

    /// <summary>The value <paramref name="local"/>'s declaration initializes it with (conversions taken off), or null.</summary>
    private static IOperation? Initializer(IOperation root, ILocalSymbol local)
    {
        foreach (var operation in root.Descendants())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                return declarator.Initializer is { } initializer ? RequestContext.Unwrap(initializer.Value) : null;
            }
        }

        return null;
    }

    /// <summary>The root of the member's operation tree (the method body, the top-level statements, ...).</summary>
    internal static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    /// <summary>Every reference to <paramref name="local"/> under <paramref name="root"/>.</summary>
    internal static IEnumerable<ILocalReferenceOperation> References(IOperation root, ILocalSymbol local)
    {
        foreach (var operation in root.Descendants())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                yield return reference;
            }
        }
    }

    private static bool Names(IOperation operation, ILocalSymbol local)
    {
        foreach (var node in operation.DescendantsAndSelf())
        {
            if (node is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The declaration statement <paramref name="creation"/> initializes (the only declarator) and the statements of its
    /// list: a block's, or the top-level statements of a program.
    /// </summary>
    private static (VariableDeclaratorSyntax Declarator, StatementSyntax Statement, IReadOnlyList<StatementSyntax> Statements)? Declaration(SyntaxNode creation)
    {
        if (creation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement })
        {
            return null;
        }

        return statement.Parent switch
        {
            BlockSyntax block => (declarator, statement, block.Statements),
            GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } => (declarator, statement, TopLevel(unit)),
            _ => null,
        };
    }

    private static List<StatementSyntax> TopLevel(CompilationUnitSyntax unit)
    {
        var statements = new List<StatementSyntax>();
        foreach (var member in unit.Members)
        {
            if (member is GlobalStatementSyntax global)
            {
                statements.Add(global.Statement);
            }
        }

        return statements;
    }
}
