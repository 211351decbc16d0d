using System;
using System.Collections.Generic;
using System.Text;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>One condition of a key condition: the attribute path as written, and the operator.</summary>
internal readonly record struct KeyCondition(string Path, string Operator);

/// <summary>
/// A small parser for DynamoDB key condition expressions: <c>path op :v</c> (=, &lt;, &lt;=, &gt;, &gt;=),
/// <c>path BETWEEN :a AND :b</c>, <c>begins_with(path, :v)</c>, joined by AND, with parentheses. OR, NOT, IN and
/// <c>&lt;&gt;</c> are not allowed in key conditions and make <see cref="Parse"/> return an error.
/// </summary>
internal static class KeyConditionParser
{
    public sealed class Result
    {
        public List<KeyCondition> Conditions { get; } = new();

        /// <summary>A definite problem (forbidden operator); null when the expression is fine or merely not understood.</summary>
        public string? Error { get; set; }

        /// <summary>False when the expression uses syntax this parser does not know (then nothing is reported).</summary>
        public bool Understood { get; set; } = true;
    }

    public static Result Parse(string expression)
    {
        var result = new Result();
        var tokens = Tokenize(expression, result);
        if (!result.Understood || result.Error is not null)
        {
            return result;
        }

        int i = 0;
        ParseAnd(tokens, ref i, result);
        if (i != tokens.Count && result.Error is null)
        {
            result.Understood = false;
        }

        return result;
    }

    private static void ParseAnd(List<string> t, ref int i, Result result)
    {
        ParseCondition(t, ref i, result);
        while (result.Understood && result.Error is null && i < t.Count && Is(t[i], "AND"))
        {
            i++;
            ParseCondition(t, ref i, result);
        }
    }

    private static void ParseCondition(List<string> t, ref int i, Result result)
    {
        if (i >= t.Count)
        {
            result.Understood = false;
            return;
        }

        if (t[i] == "(")
        {
            i++;
            ParseAnd(t, ref i, result);
            if (i < t.Count && t[i] == ")")
            {
                i++;
            }
            else
            {
                result.Understood = false;
            }

            return;
        }

        if (Is(t[i], "begins_with") && i + 5 < t.Count && t[i + 1] == "(" && t[i + 3] == "," && t[i + 5] == ")")
        {
            result.Conditions.Add(new KeyCondition(t[i + 2], "begins_with"));
            i += 6;
            return;
        }

        if (i + 2 < t.Count && Is(t[i + 1], "BETWEEN") && i + 4 < t.Count && Is(t[i + 3], "AND"))
        {
            result.Conditions.Add(new KeyCondition(t[i], "BETWEEN"));
            i += 5;
            return;
        }

        if (i + 2 < t.Count && t[i + 1] is "=" or "<" or "<=" or ">" or ">=")
        {
            // Either side may be the path; the value side is a :placeholder.
            string path = t[i].StartsWith(":", StringComparison.Ordinal) ? t[i + 2] : t[i];
            result.Conditions.Add(new KeyCondition(path, t[i + 1]));
            i += 3;
            return;
        }

        result.Understood = false;
    }

    private static bool Is(string token, string keyword) => string.Equals(token, keyword, StringComparison.OrdinalIgnoreCase);

    private static List<string> Tokenize(string s, Result result)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c is '=' or '<' or '>')
            {
                string op = i + 1 < s.Length && s[i + 1] is '=' or '>' ? s.Substring(i, 2) : c.ToString();
                if (op == "<>")
                {
                    result.Error = "'<>' is not allowed in a key condition";
                }

                tokens.Add(op);
                i += op.Length;
            }
            else if (char.IsLetterOrDigit(c) || c is '#' or ':' or '_' or '.' or '-')
            {
                var sb = new StringBuilder();
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '#' or ':' or '_' or '.' or '-'))
                {
                    sb.Append(s[i++]);
                }

                string word = sb.ToString();
                if (Is(word, "OR") || Is(word, "NOT") || Is(word, "IN"))
                {
                    result.Error = $"'{word.ToUpperInvariant()}' is not allowed in a key condition (only AND, comparisons, BETWEEN and begins_with)";
                }

                tokens.Add(word);
            }
            else
            {
                result.Understood = false;
                return tokens;
            }
        }

        return tokens;
    }
}
