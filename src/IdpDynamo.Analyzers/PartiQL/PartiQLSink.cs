using System.Runtime.CompilerServices;

namespace IdpDynamo.Analyzers.PartiQL;

/// <summary>
/// A PartiQL statement the code sends: the <c>Statement</c> of an ExecuteStatementRequest, of a BatchStatementRequest
/// (BatchExecuteStatement) or of a ParameterizedStatement (ExecuteTransaction's TransactStatements), read once per
/// assignment and shared by the rules that check it (IDPDYN201, 202, 207).
/// </summary>
internal sealed class PartiQLSink
{
    /// <summary>The SDK types whose <c>Statement</c> is a PartiQL statement sent to DynamoDB.</summary>
    public static readonly string[] StatementTypes = { "ExecuteStatementRequest", "BatchStatementRequest", "ParameterizedStatement" };

    /// <summary>The dispatch filter of the rules' statement callbacks: assignments to a member named Statement.</summary>
    public static readonly NodeFilter Filter = NodeFilter.Create(members: new[] { "Statement" });

    private static readonly ConditionalWeakTable<IOperation, Box> Read = new();

    private readonly StatementSource _source;

    private PartiQLSink(PartiQLStatement statement, StatementSource source)
    {
        Statement = statement;
        _source = source;
    }

    public PartiQLStatement Statement { get; }

    /// <summary>The statement <paramref name="operation"/> assigns and can be read, or null.</summary>
    public static PartiQLSink? From(IOperation operation, CancellationToken cancellationToken)
    {
        if (operation is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "Statement" } property } } assignment
            || Array.IndexOf(StatementTypes, property.ContainingType.Name) < 0 || !DynamoSdk.IsDynamo(property.ContainingType))
        {
            return null;
        }

        return Read.GetValue(operation, _ => new Box(Create(assignment.Value, cancellationToken))).Sink;
    }

    /// <summary>Where a name of the statement is written in the source (inside the literal when it is one, else the whole value).</summary>
    public Location Locate(PartiQLName name) => _source.Locate(name.Start, name.End);

    private static PartiQLSink? Create(IOperation value, CancellationToken cancellationToken)
        => StatementSource.From(value, cancellationToken) is { } source && PartiQLStatement.Read(source.Text) is { } statement
            ? new PartiQLSink(statement, source)
            : null;

    private sealed class Box
    {
        public Box(PartiQLSink? sink) => Sink = sink;

        public PartiQLSink? Sink { get; }
    }
}
