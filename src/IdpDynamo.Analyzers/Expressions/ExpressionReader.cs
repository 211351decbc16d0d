namespace IdpDynamo.Analyzers.Expressions;

/// <summary>
/// Reads DynamoDB expressions (condition, key condition, projection and update) into a <see cref="DynamoExpression"/>:
/// document paths (<c>a.b[0]</c>, <c>#n.x</c>), <c>#name</c> and <c>:value</c> placeholders, the functions
/// (attribute_exists, attribute_not_exists, attribute_type, begins_with, contains, size; in updates if_not_exists and
/// list_append), comparisons, BETWEEN, IN, AND/OR/NOT and the SET/REMOVE/ADD/DELETE clauses.
/// </summary>
/// <remarks>
/// The grammar is DynamoDB's as dynalite implements it: function names are case-sensitive, keywords are not, a word
/// followed by <c>(</c> is a function call, and each update clause appears at most once. Anything outside it (an
/// unknown function, a stray token, a clause written twice) gives an unreadable expression, never a partial one.
/// </remarks>
internal sealed class ExpressionReader
{
    private const int MaxDepth = 64;

    private readonly string _text;
    private readonly List<ExpressionToken> _tokens;
    private readonly List<AttributePath> _paths = new();
    private readonly List<PathElement> _values = new();
    private readonly List<UpdateAction> _actions = new();
    private readonly List<ConditionTerm> _terms = new();
    private readonly List<PathElement> _connectives = new();
    private int _position;
    private int _depth;
    private bool _failed;

    private ExpressionReader(string text, List<ExpressionToken> tokens)
    {
        _text = text;
        _tokens = tokens;
    }

    public static DynamoExpression Read(string text, ExpressionKind kind)
    {
        if (ExpressionTokenizer.Tokenize(text) is not { Count: > 0 } tokens)
        {
            return new DynamoExpression(kind, text, readable: false);
        }

        var reader = new ExpressionReader(text, tokens);
        switch (kind)
        {
            case ExpressionKind.Projection:
                reader.ReadProjection();
                break;
            case ExpressionKind.Update:
                reader.ReadUpdate();
                break;
            default:
                reader.ReadCondition();
                break;
        }

        if (reader._failed || reader._position != tokens.Count)
        {
            return new DynamoExpression(kind, text, readable: false);
        }

        return new DynamoExpression(kind, text, readable: true, reader._paths, reader._values, reader._actions, reader._terms, reader._connectives);
    }

    private ExpressionToken? Peek(int ahead = 0) => _position + ahead < _tokens.Count ? _tokens[_position + ahead] : null;

    private bool At(TokenKind kind, int ahead = 0) => Peek(ahead) is { } t && t.Kind == kind;

    private bool AtKeyword(string keyword) => Peek() is { } t && t.IsKeyword(keyword);

    private bool Expect(TokenKind kind)
    {
        if (!_failed && At(kind))
        {
            _position++;
            return true;
        }

        _failed = true;
        return false;
    }

    private bool Fail()
    {
        _failed = true;
        return false;
    }

    // ---- projection: path (, path)*

    private void ReadProjection()
    {
        do
        {
            if (ReadPath() is null)
            {
                return;
            }
        }
        while (!_failed && At(TokenKind.Comma) && ++_position > 0);
    }

    // ---- update: (SET a, b | REMOVE a, b | ADD p v, ... | DELETE p v, ...)+

    private void ReadUpdate()
    {
        var seen = new HashSet<UpdateClause>();
        while (!_failed && _position < _tokens.Count)
        {
            UpdateClause clause;
            if (AtKeyword("SET"))
            {
                clause = UpdateClause.Set;
            }
            else if (AtKeyword("REMOVE"))
            {
                clause = UpdateClause.Remove;
            }
            else if (AtKeyword("ADD"))
            {
                clause = UpdateClause.Add;
            }
            else if (AtKeyword("DELETE"))
            {
                clause = UpdateClause.Delete;
            }
            else
            {
                Fail();
                return;
            }

            if (!seen.Add(clause))
            {
                Fail();
                return;
            }

            _position++;
            do
            {
                if (ReadPath() is not { } target)
                {
                    return;
                }

                _actions.Add(new UpdateAction(clause, target));
                switch (clause)
                {
                    case UpdateClause.Set:
                        if (!Expect(TokenKind.Comparator) || _tokens[_position - 1].Text != "=")
                        {
                            Fail();
                            return;
                        }

                        ReadSetValue();
                        break;
                    case UpdateClause.Add:
                    case UpdateClause.Delete:
                        if (!At(TokenKind.ValuePlaceholder))
                        {
                            Fail();
                            return;
                        }

                        ReadValue();
                        break;
                }
            }
            while (!_failed && At(TokenKind.Comma) && ++_position > 0);
        }
    }

    private void ReadSetValue()
    {
        ReadSetOperand();
        if (!_failed && (At(TokenKind.Plus) || At(TokenKind.Minus)))
        {
            _position++;
            ReadSetOperand();
        }
    }

    private void ReadSetOperand()
    {
        if (_failed || ++_depth > MaxDepth)
        {
            Fail();
            return;
        }

        if (At(TokenKind.Word) && At(TokenKind.OpenParen, 1))
        {
            string name = Peek()!.Value.Text;
            if (name is not ("if_not_exists" or "list_append"))
            {
                Fail();
                return;
            }

            _position += 2;
            if (name == "if_not_exists")
            {
                ReadPath();
            }
            else
            {
                ReadSetOperand();
            }

            if (Expect(TokenKind.Comma))
            {
                ReadSetOperand();
            }

            Expect(TokenKind.CloseParen);
        }
        else if (At(TokenKind.ValuePlaceholder))
        {
            ReadValue();
        }
        else
        {
            ReadPath();
        }

        _depth--;
    }

    // ---- condition: or-expression

    private void ReadCondition()
    {
        if (_failed || ++_depth > MaxDepth)
        {
            Fail();
            return;
        }

        ReadAnd();
        while (!_failed && AtKeyword("OR"))
        {
            var token = Peek()!.Value;
            _connectives.Add(new PathElement(token.Text, token.Offset, false));
            _position++;
            ReadAnd();
        }

        _depth--;
    }

    private void ReadAnd()
    {
        ReadNot();
        while (!_failed && AtKeyword("AND"))
        {
            _position++;
            ReadNot();
        }
    }

    private void ReadNot()
    {
        if (AtKeyword("NOT"))
        {
            var token = Peek()!.Value;
            _connectives.Add(new PathElement(token.Text, token.Offset, false));
            _position++;
            if (++_depth > MaxDepth)
            {
                Fail();
                return;
            }

            ReadNot();
            _depth--;
            return;
        }

        ReadPrimary();
    }

    private void ReadPrimary()
    {
        if (_failed)
        {
            return;
        }

        if (At(TokenKind.OpenParen))
        {
            _position++;
            ReadCondition();
            Expect(TokenKind.CloseParen);
            return;
        }

        // A condition function (attribute_exists(a), begins_with(a, :v), ...) is a condition on its own; size(a) is an
        // operand and continues as a comparison below.
        if (At(TokenKind.Word) && At(TokenKind.OpenParen, 1) && Peek()!.Value.Text != "size")
        {
            ReadConditionFunction();
            return;
        }

        var (leftPath, leftInSize) = ReadOperand();
        if (_failed)
        {
            return;
        }

        if (At(TokenKind.Comparator))
        {
            string op = Peek()!.Value.Text;
            _position++;
            var (rightPath, rightInSize) = ReadOperand();
            _terms.Add(leftPath is not null ? new ConditionTerm(op, leftPath, leftInSize) : new ConditionTerm(op, rightPath, rightInSize));
        }
        else if (AtKeyword("BETWEEN"))
        {
            _position++;
            ReadOperand();
            if (!AtKeyword("AND"))
            {
                Fail();
                return;
            }

            _position++;
            ReadOperand();
            _terms.Add(new ConditionTerm("BETWEEN", leftPath, leftInSize));
        }
        else if (AtKeyword("IN"))
        {
            _position++;
            if (!Expect(TokenKind.OpenParen))
            {
                return;
            }

            do
            {
                ReadOperand();
            }
            while (!_failed && At(TokenKind.Comma) && ++_position > 0);
            Expect(TokenKind.CloseParen);
            _terms.Add(new ConditionTerm("IN", leftPath, leftInSize));
        }
        else
        {
            Fail();
        }
    }

    /// <summary>attribute_exists(path), attribute_not_exists(path), attribute_type(path, :t), begins_with(path, operand), contains(path, operand).</summary>
    private void ReadConditionFunction()
    {
        string name = Peek()!.Value.Text;
        int arguments = name switch
        {
            "attribute_exists" or "attribute_not_exists" => 1,
            "attribute_type" or "begins_with" or "contains" => 2,
            _ => 0,
        };

        if (arguments == 0)
        {
            Fail();
            return;
        }

        _position += 2;
        var path = ReadPath();
        if (arguments == 2 && Expect(TokenKind.Comma))
        {
            if (name == "attribute_type" && !At(TokenKind.ValuePlaceholder))
            {
                Fail();
                return;
            }

            ReadOperand();
        }

        if (Expect(TokenKind.CloseParen) && path is not null)
        {
            _terms.Add(new ConditionTerm(name, path, false));
        }
    }

    /// <summary>An operand: a path, a <c>:value</c> or <c>size(path)</c>. Returns the path it names, if any.</summary>
    private (AttributePath? Path, bool InSize) ReadOperand()
    {
        if (_failed)
        {
            return (null, false);
        }

        if (At(TokenKind.ValuePlaceholder))
        {
            ReadValue();
            return (null, false);
        }

        if (At(TokenKind.Word) && At(TokenKind.OpenParen, 1))
        {
            if (Peek()!.Value.Text != "size")
            {
                Fail();
                return (null, false);
            }

            _position += 2;
            var inner = ReadPath();
            Expect(TokenKind.CloseParen);
            return (inner, true);
        }

        return (ReadPath(), false);
    }

    private void ReadValue()
    {
        var token = _tokens[_position++];
        _values.Add(new PathElement(token.Text, token.Offset, false));
    }

    /// <summary>name ( '.' name | '[' digits ']' )*, where a name is a bare word or a <c>#name</c>.</summary>
    private AttributePath? ReadPath()
    {
        if (_failed || !(At(TokenKind.Word) || At(TokenKind.NamePlaceholder)) || IsKeywordHere())
        {
            Fail();
            return null;
        }

        var elements = new List<PathElement>();
        var first = _tokens[_position++];
        elements.Add(new PathElement(first.Text, first.Offset, first.Kind == TokenKind.NamePlaceholder));
        int end = first.End;
        while (true)
        {
            if (At(TokenKind.Dot) && (At(TokenKind.Word, 1) || At(TokenKind.NamePlaceholder, 1)) && Peek()!.Value.End == Peek(1)!.Value.Offset)
            {
                var name = _tokens[_position + 1];
                elements.Add(new PathElement(name.Text, name.Offset, name.Kind == TokenKind.NamePlaceholder));
                _position += 2;
                end = name.End;
            }
            else if (At(TokenKind.OpenBracket) && At(TokenKind.Number, 1) && At(TokenKind.CloseBracket, 2))
            {
                end = _tokens[_position + 2].End;
                _position += 3;
            }
            else if (At(TokenKind.Dot) || At(TokenKind.OpenBracket))
            {
                Fail();
                return null;
            }
            else
            {
                break;
            }
        }

        var path = new AttributePath(elements, _text.Substring(first.Offset, end - first.Offset), first.Offset);
        _paths.Add(path);
        return path;
    }

    /// <summary>Whether the word here is a keyword of the grammar, which cannot start a path.</summary>
    private bool IsKeywordHere()
        => AtKeyword("AND") || AtKeyword("OR") || AtKeyword("NOT") || AtKeyword("BETWEEN") || AtKeyword("IN");
}
