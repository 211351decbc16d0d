using IdpDynamo.Schema.Model;
using Microsoft.CodeAnalysis.Text;

namespace IdpDynamo.Analyzers.Expressions;

/// <summary>
/// One expression parameter of a request (<c>FilterExpression = "..."</c>): its text when known, read once, and where
/// each offset of the text is in the source.
/// </summary>
/// <param name="member">The request member, e.g. <c>FilterExpression</c>.</param>
/// <param name="kind">The grammar of that member.</param>
/// <param name="text">The string sent, or null when it is not known at compile time.</param>
/// <param name="whole">Where the value is written.</param>
/// <param name="literalStart">
/// The source position of the text's first character when the value is a string literal whose characters are the
/// text one for one (no escapes), else -1: then every location is <paramref name="whole"/>.
/// </param>
internal sealed class ExpressionSource(string member, ExpressionKind kind, string? text, Location whole, int literalStart)
{
    private DynamoExpression? _read;

    public string Member { get; } = member;

    public ExpressionKind Kind { get; } = kind;

    public string? Text { get; } = text;

    /// <summary>Whether each character of the text can be located (and edited) in the source.</summary>
    public bool IsLiteral => literalStart >= 0;

    /// <summary>The expression read by <see cref="ExpressionReader"/>; null when the text is unknown.</summary>
    public DynamoExpression? Read => Text is null ? null : _read ??= ExpressionReader.Read(Text, Kind);

    /// <summary>The readable expression, or null when it is unknown or unreadable.</summary>
    public DynamoExpression? Readable => Read is { IsReadable: true } read ? read : null;

    /// <summary>Where <paramref name="length"/> characters at <paramref name="offset"/> of the text are written.</summary>
    public Location Locate(int offset, int length)
        => IsLiteral && whole.SourceTree is { } tree ? Location.Create(tree, new TextSpan(literalStart + offset, length)) : whole;
}

/// <summary>
/// The placeholders an <c>ExpressionAttributeNames</c> or <c>ExpressionAttributeValues</c> dictionary defines. When the
/// request does not set the member, it defines none (<see cref="IsKnown"/>, empty). When the dictionary is not built
/// inline with constant keys (filled elsewhere, passed in), <see cref="IsKnown"/> is false and no check may rely on it.
/// </summary>
internal sealed class PlaceholderDictionary
{
    public static readonly PlaceholderDictionary Unknown = new(false, null);

    public PlaceholderDictionary(bool isKnown, Location? location)
    {
        IsKnown = isKnown;
        Location = location;
    }

    public bool IsKnown { get; }

    /// <summary>Where the dictionary is written; null when the request does not set it.</summary>
    public Location? Location { get; }

    /// <summary>Placeholder → (the attribute name it stands for when known, where its key is written).</summary>
    public Dictionary<string, (string? Value, Location Key)> Entries { get; } = new(System.StringComparer.Ordinal);
}

/// <summary>
/// A request as the expression checks see it, resolved from the C# that builds it: the operation, the declared table
/// and index when known, every expression parameter and the two placeholder dictionaries. Whatever is not known is
/// marked so, and the checks that need it stay silent.
/// </summary>
internal sealed class ExpressionRequest
{
    public ExpressionRequest(string operation, PlaceholderDictionary names, PlaceholderDictionary values)
    {
        Operation = operation;
        Names = names;
        Values = values;
    }

    /// <summary>The SDK type that carries the expressions: QueryRequest, ScanRequest, UpdateItemRequest, Update (a transaction item), Expression…</summary>
    public string Operation { get; }

    /// <summary>Whether the request is a Query (QueryRequest): its FilterExpression may not use the queried key attributes.</summary>
    public bool IsQuery => Operation == "QueryRequest";

    /// <summary>Whether the request reads a table or index with Select/ProjectionExpression/AttributesToGet (Query, Scan).</summary>
    public bool IsQueryOrScan => Operation is "QueryRequest" or "ScanRequest";

    /// <summary>Whether the request carries an UpdateExpression against its table (UpdateItemRequest, Update).</summary>
    public bool IsUpdate => Operation is "UpdateItemRequest" or "Update";

    /// <summary>The declared table; null when unresolved, undeclared, or the request names no table of its own.</summary>
    public CatalogTable? Table { get; set; }

    /// <summary>Whether the request names an index at all (<c>IndexName</c> set).</summary>
    public bool HasIndexName { get; set; }

    /// <summary>The declared index the request names; null when it names none or the name is not resolved or declared.</summary>
    public IndexSpec? Index { get; set; }

    /// <summary>Whether table, index and the members the checks compare are the ones sent (nothing changes them later).</summary>
    public bool IsFinal { get; set; }

    /// <summary>Whether no expression member is assigned again after the request is built.</summary>
    public bool ExpressionsNotReassigned { get; set; }

    public List<ExpressionSource> Expressions { get; } = new();

    /// <summary>Whether every expression member the request sets is known at compile time.</summary>
    public bool AllExpressionsKnown { get; set; } = true;

    public PlaceholderDictionary Names { get; }

    public PlaceholderDictionary Values { get; }

    /// <summary>The <c>Select</c> value when set and known (<c>ALL_ATTRIBUTES</c>…), with where it is written.</summary>
    public (string Value, Location Location)? Select { get; set; }

    /// <summary>Whether <c>Select</c> is set to something not known at compile time.</summary>
    public bool SelectUnknown { get; set; }

    /// <summary>The <c>AttributesToGet</c> names when set inline with constant strings; null otherwise.</summary>
    public List<(string Name, Location Location)>? AttributesToGet { get; set; }
}
