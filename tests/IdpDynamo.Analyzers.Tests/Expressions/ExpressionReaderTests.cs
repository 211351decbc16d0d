using System.Linq;
using IdpDynamo.Analyzers.Expressions;

namespace IdpDynamo.Analyzers.Tests.Expressions;

/// <summary>
/// The expression reader on its own: what it reads from each grammar (paths with their offsets, placeholders, update
/// actions, conditions) and what it refuses to read (then every check stays silent).
/// </summary>
public class ExpressionReaderTests
{
    private static DynamoExpression Read(string text, ExpressionKind kind = ExpressionKind.Condition)
    {
        var read = ExpressionReader.Read(text, kind);
        Assert.True(read.IsReadable, $"'{text}' should be readable");
        return read;
    }

    private static string Paths(DynamoExpression e) => string.Join(" | ", e.Paths.Select(p => $"{p.Text}@{p.Offset}"));

    [Fact]
    public void Paths_with_nesting_indexes_and_placeholders()
    {
        var e = Read("a.b[0].c = :v AND #n.x[12] <> :w");
        Assert.Equal("a.b[0].c@0 | #n.x[12]@18", Paths(e));
        Assert.Equal(new[] { "a", "b", "c" }, e.Paths[0].Elements.Select(x => x.Text));
        Assert.Equal(new[] { 0, 2, 7 }, e.Paths[0].Elements.Select(x => x.Offset));
        Assert.Equal(new[] { "#n@18" }, e.Names.Select(n => $"{n.Text}@{n.Offset}"));
        Assert.Equal(new[] { ":v@11", ":w@30" }, e.Values.Select(v => $"{v.Text}@{v.Offset}"));
        Assert.Equal(new[] { "a", "b", "c", "x" }, e.BareNames.Select(n => n.Text));
        Assert.False(e.Paths[0].IsSimple);
        Assert.True(Read("Pk = :p").Paths[0].IsSimple);
    }

    [Fact]
    public void Every_condition_function_and_operator()
    {
        var e = Read("attribute_exists(a) AND attribute_not_exists(#b) AND attribute_type(c, :t) AND begins_with(d, :p) "
                     + "AND contains(e, f) AND size(g) > :n AND h BETWEEN :lo AND :hi AND i IN (:x, :y, j) "
                     + "OR NOT (k <= l) AND m >= :v AND :v < n");
        Assert.Equal(
            new[] { "attribute_exists a", "attribute_not_exists #b", "attribute_type c", "begins_with d", "contains e", "> g", "BETWEEN h", "IN i", "<= k", ">= m", "< n" },
            e.Terms.Select(t => $"{t.Operator} {t.Path?.Text}"));
        Assert.True(e.Terms[5].PathInSize);
        Assert.Equal(new[] { "OR", "NOT" }, e.Connectives.Select(c => c.Text));
        Assert.Equal(new[] { ":t", ":p", ":n", ":lo", ":hi", ":x", ":y", ":v", ":v" }, e.Values.Select(v => v.Text));
    }

    [Fact]
    public void Keywords_are_case_insensitive_but_functions_are_not()
    {
        Assert.True(ExpressionReader.Read("a = :a and b between :b and :c or not c in (:d)", ExpressionKind.Condition).IsReadable);
        Assert.False(ExpressionReader.Read("BEGINS_WITH(a, :p)", ExpressionKind.Condition).IsReadable);
        Assert.False(ExpressionReader.Read("Size(a) > :n", ExpressionKind.Condition).IsReadable);
    }

    [Fact]
    public void Update_clauses_and_actions()
    {
        var e = Read("SET a = if_not_exists(a, :zero) + :one, b = list_append(b, :l), c[0].d = :v, #e = f - :n REMOVE g, h[1] ADD i :s DELETE j :set", ExpressionKind.Update);
        Assert.Equal(
            new[] { "Set a", "Set b", "Set c[0].d", "Set #e", "Remove g", "Remove h[1]", "Add i", "Delete j" },
            e.Actions.Select(a => $"{a.Clause} {a.Target.Text}"));
        Assert.Equal(new[] { ":zero", ":one", ":l", ":v", ":n", ":s", ":set" }, e.Values.Select(v => v.Text));
        Assert.Equal(new[] { "a", "a", "b", "b", "c[0].d", "#e", "f", "g", "h[1]", "i", "j" }, e.Paths.Select(p => p.Text));
        Assert.Equal("remove", Read("remove x set y = :y", ExpressionKind.Update).Actions[0].Clause.ToString().ToLowerInvariant());
    }

    [Fact]
    public void Projection_is_a_list_of_paths()
    {
        var e = Read("Pk, #n.c, list[3]", ExpressionKind.Projection);
        Assert.Equal("Pk@0 | #n.c@4 | list[3]@10", Paths(e));
    }

    [Theory]
    [InlineData("a = ", "Condition")]
    [InlineData("a = :v AND", "Condition")]
    [InlineData("(a = :v", "Condition")]
    [InlineData("a = :v)", "Condition")]
    [InlineData("unknown_fn(a)", "Condition")]
    [InlineData("a.b- = :v", "Condition")]
    [InlineData("a = 'x'", "Condition")]
    [InlineData("a = \"x\"", "Condition")]
    [InlineData("my-attr = :v", "Condition")]
    [InlineData("a[x] = :v", "Condition")]
    [InlineData("a = :v + :w", "Condition")]
    [InlineData("a BETWEEN :x", "Condition")]
    [InlineData("a IN :x", "Condition")]
    [InlineData("attribute_exists(a, b)", "Condition")]
    [InlineData("attribute_type(a, b)", "Condition")]
    [InlineData("# = :v", "Condition")]
    [InlineData("a = :", "Condition")]
    [InlineData("", "Condition")]
    [InlineData("   ", "Projection")]
    [InlineData("a,", "Projection")]
    [InlineData("a b", "Projection")]
    [InlineData("SET a = :a SET b = :b", "Update")]
    [InlineData("SET a :a", "Update")]
    [InlineData("ADD a b", "Update")]
    [InlineData("UPSERT a = :a", "Update")]
    [InlineData("SET a = size(b)", "Update")]
    [InlineData("SET a = :a + :b + :c", "Update")]
    [InlineData("REMOVE a = :a", "Update")]
    public void Unreadable_expressions_yield_nothing(string text, string kind)
    {
        var e = ExpressionReader.Read(text, (ExpressionKind)System.Enum.Parse(typeof(ExpressionKind), kind));
        Assert.False(e.IsReadable);
        Assert.Empty(e.Paths);
        Assert.Empty(e.Values);
        Assert.Empty(e.Actions);
        Assert.Empty(e.Terms);
    }

    [Fact]
    public void Deep_nesting_is_unreadable_not_a_stack_overflow()
    {
        string deep = new string('(', 5000) + "a = :v" + new string(')', 5000);
        Assert.False(ExpressionReader.Read(deep, ExpressionKind.Condition).IsReadable);
        string nots = string.Concat(Enumerable.Repeat("NOT ", 5000)) + "a = :v";
        Assert.False(ExpressionReader.Read(nots, ExpressionKind.Condition).IsReadable);
        string appends = string.Concat(Enumerable.Repeat("list_append(", 5000)) + "a" + string.Concat(Enumerable.Repeat(", :v)", 5000));
        Assert.False(ExpressionReader.Read("SET a = " + appends, ExpressionKind.Update).IsReadable);
    }

    [Fact]
    public void Key_condition_view()
    {
        var ok = ExpressionReader.Read("#c = :c AND begins_with(OrderDate, :p)", ExpressionKind.KeyCondition).KeyConditions!;
        Assert.Null(ok.Error);
        Assert.Equal(new[] { new KeyCondition("#c", "="), new KeyCondition("OrderDate", "begins_with") }, ok.Conditions);

        Assert.Equal(
            "'OR' is not allowed in a key condition (only AND, comparisons, BETWEEN and begins_with)",
            ExpressionReader.Read("a = :a or a = :b", ExpressionKind.KeyCondition).KeyConditions!.Error);
        Assert.Equal("'<>' is not allowed in a key condition", ExpressionReader.Read("a <> :a", ExpressionKind.KeyCondition).KeyConditions!.Error);
        Assert.Equal(
            "'IN' is not allowed in a key condition (only AND, comparisons, BETWEEN and begins_with)",
            ExpressionReader.Read("a IN (:a, :b)", ExpressionKind.KeyCondition).KeyConditions!.Error);

        // Nothing a key condition check can judge: size, nested paths, other functions, unreadable text.
        Assert.Null(ExpressionReader.Read("a = :a AND size(b) > :n", ExpressionKind.KeyCondition).KeyConditions);
        Assert.Null(ExpressionReader.Read("a.b = :a", ExpressionKind.KeyCondition).KeyConditions);
        Assert.Null(ExpressionReader.Read("attribute_exists(a)", ExpressionKind.KeyCondition).KeyConditions);
        Assert.Null(ExpressionReader.Read("a = ", ExpressionKind.KeyCondition).KeyConditions);
    }

    [Fact]
    public void Reserved_words_are_the_published_list_matched_case_insensitively()
    {
        Assert.Equal(573, ReservedWords.Count);
        Assert.Equal(573, ReservedWords.Published.Split((char[]?)null, System.StringSplitOptions.RemoveEmptyEntries).Length);
        foreach (var word in new[] { "ABORT", "Status", "name", "TIMESTAMP", "Year", "data", "size", "ZONE", "ttl" })
        {
            Assert.True(ReservedWords.IsReserved(word), word);
        }

        foreach (var word in new[] { "CustomerId", "OrderDate", "Pk", "Sk", "attribute_exists", "begins_with", "Statuses", "" })
        {
            Assert.False(ReservedWords.IsReserved(word), word);
        }
    }
}
