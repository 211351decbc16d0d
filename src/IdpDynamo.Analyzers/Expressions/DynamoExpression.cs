namespace IdpDynamo.Analyzers.Expressions;

/// <summary>Which grammar a DynamoDB expression parameter uses.</summary>
internal enum ExpressionKind
{
    /// <summary>FilterExpression and ConditionExpression: comparisons, BETWEEN, IN, functions, AND/OR/NOT.</summary>
    Condition,

    /// <summary>KeyConditionExpression: read with the condition grammar; <see cref="DynamoExpression.KeyConditions"/> narrows it.</summary>
    KeyCondition,

    /// <summary>ProjectionExpression: paths separated by commas.</summary>
    Projection,

    /// <summary>UpdateExpression: SET, REMOVE, ADD and DELETE clauses, each at most once.</summary>
    Update,
}

/// <summary>One name of a document path: a bare attribute name or a <c>#name</c> placeholder, and its offset.</summary>
internal readonly record struct PathElement(string Text, int Offset, bool IsPlaceholder);

/// <summary>
/// A document path such as <c>a.b[0].#c</c>: its name elements (list indexes are dropped; only names can be reserved
/// words, placeholders or key attributes), its text as written and its span in the expression.
/// </summary>
internal sealed class AttributePath
{
    public AttributePath(IReadOnlyList<PathElement> elements, string text, int offset)
    {
        Elements = elements;
        Text = text;
        Offset = offset;
    }

    public IReadOnlyList<PathElement> Elements { get; }

    /// <summary>The top-level attribute: the element the item's key, an index projection or a key test is about.</summary>
    public PathElement First => Elements[0];

    /// <summary>Whether the path is a single name (no <c>.x</c> or <c>[n]</c> after it).</summary>
    public bool IsSimple => Elements.Count == 1 && Text.Length == First.Text.Length;

    public string Text { get; }

    public int Offset { get; }
}

/// <summary>The four clauses of an update expression.</summary>
internal enum UpdateClause
{
    Set,
    Remove,
    Add,
    Delete,
}

/// <summary>One action of an update expression: its clause and the path it writes.</summary>
internal readonly record struct UpdateAction(UpdateClause Clause, AttributePath Target);

/// <summary>
/// One elementary condition: its operator (<c>=</c>, <c>&lt;&gt;</c>, <c>BETWEEN</c>, <c>IN</c>, or a function name
/// such as <c>begins_with</c>) and the first path it tests (null when it tests only values or <c>size(...)</c>).
/// </summary>
internal readonly record struct ConditionTerm(string Operator, AttributePath? Path, bool PathInSize);

/// <summary>
/// A DynamoDB expression as read by <see cref="ExpressionReader"/>. When <see cref="IsReadable"/> is false the reader did
/// not understand it (or it is not valid DynamoDB syntax) and every list is empty: checks must stay silent.
/// </summary>
internal sealed class DynamoExpression
{
    private static readonly IReadOnlyList<AttributePath> NoPaths = new AttributePath[0];
    private static readonly IReadOnlyList<PathElement> NoElements = new PathElement[0];

    internal DynamoExpression(
        ExpressionKind kind,
        string text,
        bool readable,
        IReadOnlyList<AttributePath>? paths = null,
        IReadOnlyList<PathElement>? values = null,
        IReadOnlyList<UpdateAction>? actions = null,
        IReadOnlyList<ConditionTerm>? terms = null,
        IReadOnlyList<PathElement>? connectives = null)
    {
        Kind = kind;
        Text = text;
        IsReadable = readable;
        Paths = paths ?? NoPaths;
        Values = values ?? NoElements;
        Actions = actions ?? new UpdateAction[0];
        Terms = terms ?? new ConditionTerm[0];
        Connectives = connectives ?? NoElements;
    }

    public ExpressionKind Kind { get; }

    public string Text { get; }

    public bool IsReadable { get; }

    /// <summary>Every document path, in the order written: operands, function arguments, projected and updated paths.</summary>
    public IReadOnlyList<AttributePath> Paths { get; }

    /// <summary>Every <c>:value</c> placeholder, in the order written.</summary>
    public IReadOnlyList<PathElement> Values { get; }

    /// <summary>The actions of an update expression.</summary>
    public IReadOnlyList<UpdateAction> Actions { get; }

    /// <summary>The elementary conditions of a condition or key condition.</summary>
    public IReadOnlyList<ConditionTerm> Terms { get; }

    /// <summary>The OR and NOT keywords of a condition, as written.</summary>
    public IReadOnlyList<PathElement> Connectives { get; }

    /// <summary>Every <c>#name</c> placeholder used in a path, in the order written.</summary>
    public IEnumerable<PathElement> Names
    {
        get
        {
            foreach (var path in Paths)
            {
                foreach (var element in path.Elements)
                {
                    if (element.IsPlaceholder)
                    {
                        yield return element;
                    }
                }
            }
        }
    }

    /// <summary>Every bare attribute name used in a path (where a reserved word is an error), in the order written.</summary>
    public IEnumerable<PathElement> BareNames
    {
        get
        {
            foreach (var path in Paths)
            {
                foreach (var element in path.Elements)
                {
                    if (!element.IsPlaceholder)
                    {
                        yield return element;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The expression as a key condition (see <see cref="KeyConditionView"/>); null when it is not readable or uses
    /// something a key condition check cannot judge (functions other than begins_with, nested paths, size).
    /// </summary>
    public KeyConditionView? KeyConditions => KeyConditionView.From(this);
}

/// <summary>One condition of a key condition: the attribute path as written, and the operator.</summary>
internal readonly record struct KeyCondition(string Path, string Operator);

/// <summary>
/// What a key condition check needs: the conditions joined by AND, or the first operator a key condition does not allow
/// (OR, NOT, IN, <c>&lt;&gt;</c>) as <see cref="Error"/>.
/// </summary>
internal sealed class KeyConditionView
{
    private KeyConditionView(List<KeyCondition> conditions, string? error)
    {
        Conditions = conditions;
        Error = error;
    }

    public List<KeyCondition> Conditions { get; }

    /// <summary>A definite problem (forbidden operator); null when only allowed operators are used.</summary>
    public string? Error { get; }

    internal static KeyConditionView? From(DynamoExpression expression)
    {
        if (!expression.IsReadable || expression.Kind is ExpressionKind.Projection or ExpressionKind.Update)
        {
            return null;
        }

        // The first forbidden operator in the order written.
        int errorOffset = int.MaxValue;
        string? error = null;
        foreach (var connective in expression.Connectives)
        {
            if (connective.Offset < errorOffset)
            {
                errorOffset = connective.Offset;
                error = $"'{connective.Text.ToUpperInvariant()}' is not allowed in a key condition (only AND, comparisons, BETWEEN and begins_with)";
            }
        }

        var conditions = new List<KeyCondition>();
        foreach (var term in expression.Terms)
        {
            int offset = term.Path?.Offset ?? int.MaxValue;
            if (term.Operator == "IN" && offset < errorOffset)
            {
                errorOffset = offset;
                error = "'IN' is not allowed in a key condition (only AND, comparisons, BETWEEN and begins_with)";
            }
            else if (term.Operator == "<>" && offset < errorOffset)
            {
                errorOffset = offset;
                error = "'<>' is not allowed in a key condition";
            }

            if (term.Path is not { IsSimple: true } path || term.PathInSize
                || term.Operator is not ("=" or "<" or "<=" or ">" or ">=" or "BETWEEN" or "begins_with" or "IN" or "<>"))
            {
                if (error is null)
                {
                    return null;
                }

                continue;
            }

            conditions.Add(new KeyCondition(path.Text, term.Operator));
        }

        return new KeyConditionView(conditions, error);
    }
}
