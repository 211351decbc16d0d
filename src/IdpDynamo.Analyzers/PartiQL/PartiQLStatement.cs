namespace IdpDynamo.Analyzers.PartiQL;

/// <summary>
/// A name a statement gives its table or index: exactly (<see cref="Exact"/>), or only its constant tail after an
/// unknown head (<see cref="Tail"/>, as in <c>"{ns}-Orders"</c>); neither when the unknown part is elsewhere.
/// <see cref="IsQuoted"/>: written in double quotes, so compared as written.
/// </summary>
internal readonly record struct PartiQLName(string? Exact, string? Tail, bool IsQuoted, int Start, int End)
{
    public static PartiQLName From(PartiQLToken token)
    {
        bool quoted = token.Kind == PartiQLTokenKind.QuotedIdentifier;
        if (!token.HasHole)
        {
            return new PartiQLName(token.Value, null, quoted, token.Start, token.End);
        }

        // Only a head that is unknown, as the prefix of a rendered table name is: "{prefix}Orders", "{ns}-Orders".
        string tail = token.Value.TrimStart(PartiQLTokenizer.HoleMark);
        return new PartiQLName(null, tail.Length > 0 && tail.IndexOf(PartiQLTokenizer.HoleMark) < 0 ? tail : null, quoted, token.Start, token.End);
    }
}

/// <summary>
/// What a PartiQL statement of DynamoDB reads or writes: its table, the index a SELECT names
/// (<c>FROM "table"."index"</c>), and whether it is a write (INSERT, UPDATE, DELETE) or a read (SELECT, and the
/// <c>EXISTS(SELECT …)</c> condition of a transaction).
/// </summary>
/// <remarks>
/// The grammar is AWS's documented PartiQL for DynamoDB: <c>SELECT expression FROM table[.index] [WHERE …]</c>,
/// <c>INSERT INTO table VALUE item</c>, <c>UPDATE table [SET …] [REMOVE …] WHERE …</c>, <c>DELETE FROM table WHERE …</c>
/// and, in ExecuteTransaction, <c>EXISTS(SELECT …)</c>. dynalite (the local server the integration tests use) does not
/// implement ExecuteStatement, so this reading is not checked against it.
/// </remarks>
/// <param name="Table">The table the statement reads or writes.</param>
/// <param name="Index">The index of <c>FROM "table"."index"</c>; null when the statement names none.</param>
/// <param name="IsWrite">INSERT, UPDATE or DELETE.</param>
internal sealed record PartiQLStatement(PartiQLName Table, PartiQLName? Index, bool IsWrite)
{
    /// <summary>The statement's target, or null when the text is not one of the forms above or an unknown part hides it.</summary>
    public static PartiQLStatement? Read(string text)
    {
        if (PartiQLTokenizer.Tokenize(text) is not { Count: > 0 } tokens)
        {
            return null;
        }

        int i = 0;
        if (tokens[0].IsKeyword("EXISTS"))
        {
            if (tokens.Count < 3 || !tokens[1].IsPunctuation('(') || !tokens[2].IsKeyword("SELECT"))
            {
                return null;
            }

            i = 2;
        }

        var first = tokens[i];
        if (first.IsKeyword("SELECT"))
        {
            int from = FindFrom(tokens, i + 1);
            return from < 0 ? null : Target(tokens, from + 1, isWrite: false, allowIndex: true);
        }

        if (i > 0)
        {
            return null;
        }

        if (first.IsKeyword("INSERT"))
        {
            return tokens.Count > 1 && tokens[1].IsKeyword("INTO") ? Target(tokens, 2, isWrite: true, allowIndex: false) : null;
        }

        if (first.IsKeyword("DELETE"))
        {
            return tokens.Count > 1 && tokens[1].IsKeyword("FROM") ? Target(tokens, 2, isWrite: true, allowIndex: false) : null;
        }

        return first.IsKeyword("UPDATE") ? Target(tokens, 1, isWrite: true, allowIndex: false) : null;
    }

    /// <summary>
    /// The FROM of the SELECT outside any parentheses or brackets; -1 when there is none, or when an unknown part
    /// stands bare before it (it could hold anything, a FROM included).
    /// </summary>
    private static int FindFrom(List<PartiQLToken> tokens, int start)
    {
        int depth = 0;
        for (int i = start; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == PartiQLTokenKind.Hole || (token.Kind == PartiQLTokenKind.Identifier && token.HasHole))
            {
                return -1;
            }

            if (token.Kind == PartiQLTokenKind.Punctuation)
            {
                depth += token.Value[0] is '(' or '[' or '{' ? 1 : token.Value[0] is ')' or ']' or '}' ? -1 : 0;
            }
            else if (depth == 0 && token.IsKeyword("FROM"))
            {
                return i;
            }
        }

        return -1;
    }

    private static PartiQLStatement? Target(List<PartiQLToken> tokens, int at, bool isWrite, bool allowIndex)
    {
        if (at >= tokens.Count || !IsName(tokens[at]))
        {
            return null;
        }

        var table = PartiQLName.From(tokens[at]);
        PartiQLName? index = null;
        if (at + 1 < tokens.Count && tokens[at + 1].IsPunctuation('.'))
        {
            // "table"."index" reads an index; a dotted name anywhere else is not a form this reader knows.
            if (!allowIndex || at + 2 >= tokens.Count || !IsName(tokens[at + 2]))
            {
                return null;
            }

            index = PartiQLName.From(tokens[at + 2]);
        }

        return new PartiQLStatement(table, index, isWrite);
    }

    private static bool IsName(PartiQLToken token) => token.Kind is PartiQLTokenKind.Identifier or PartiQLTokenKind.QuotedIdentifier;
}
