using System.Linq;
using IdpDynamo.Analyzers.PartiQL;

namespace IdpDynamo.Analyzers.Tests.PartiQL;

/// <summary>
/// The PartiQL tokenizer and statement reader on their own: the tokens of each lexical form, the table and index of
/// each statement form with their offsets in the text, and the statements they refuse to read (the rules then stay
/// silent). <c>~</c> in a test text stands for an unknown part of the C# value (<see cref="PartiQLTokenizer.HoleMark"/>).
/// </summary>
public class PartiQLReaderTests
{
    private static string Holes(string text) => text.Replace('~', PartiQLTokenizer.HoleMark);

    private static string Tokens(string text)
        => string.Join(" ", PartiQLTokenizer.Tokenize(Holes(text))!.Select(t => $"{t.Kind}:{t.Value.Replace(PartiQLTokenizer.HoleMark, '~')}@{t.Start}-{t.End}"));

    private static PartiQLStatement Read(string text)
        => PartiQLStatement.Read(Holes(text)) ?? throw new Xunit.Sdk.XunitException($"'{text}' should be readable");

    [Fact]
    public void Quoted_and_unquoted_identifiers_strings_parameters_and_punctuation()
    {
        Assert.Equal(
            "Identifier:SELECT@0-6 Punctuation:*@7-8 Identifier:FROM@9-13 QuotedIdentifier:a\"b@15-19 Punctuation:.@20-21 QuotedIdentifier:I@22-23 "
            + "Identifier:WHERE@25-30 Identifier:x_1$@31-35 Punctuation:=@36-37 String:it's@39-44 Identifier:AND@46-49 Identifier:y@50-51 "
            + "Punctuation:<@52-53 Parameter:?@53-54 Identifier:AND@55-58 Identifier:z@59-60 Punctuation:=@61-62 Number:1.5e-3@63-69",
            Tokens("SELECT * FROM \"a\"\"b\".\"I\" WHERE x_1$ = 'it''s' AND y <? AND z = 1.5e-3"));
    }

    [Fact]
    public void Comments_are_skipped()
    {
        Assert.Equal("Identifier:SELECT@11-17 Identifier:a@31-32 Identifier:FROM@33-37 Identifier:T@38-39",
            Tokens("-- FROM X\n SELECT /* FROM Y */ a FROM T -- tail"));
    }

    [Fact]
    public void Unknown_parts_join_the_token_they_are_in()
    {
        Assert.Equal("Identifier:SELECT@0-6 Hole:~@7-8 Identifier:FROM@9-13 QuotedIdentifier:~-Orders@15-23 String:~@26-27 Identifier:a~@29-31",
            Tokens("SELECT ~ FROM \"~-Orders\" '~' a~"));
    }

    [Theory]
    [InlineData("SELECT * FROM \"Orders")]
    [InlineData("SELECT * FROM Orders WHERE a = 'x")]
    [InlineData("SELECT * FROM Orders /* never closed")]
    public void Unclosed_quotes_and_comments_are_unreadable(string text)
    {
        Assert.Null(PartiQLTokenizer.Tokenize(text));
        Assert.Null(PartiQLStatement.Read(text));
    }

    [Fact]
    public void Select_reads_its_table_and_index()
    {
        var read = Read("SELECT OrderId, Total FROM \"webshop-test-Orders\".\"StatusIndex\" WHERE Status = ? ORDER BY OrderId DESC");
        Assert.False(read.IsWrite);
        Assert.Equal(("webshop-test-Orders", true, 28, 47), (read.Table.Exact, read.Table.IsQuoted, read.Table.Start, read.Table.End));
        Assert.Equal(("StatusIndex", 50, 61), (read.Index!.Value.Exact, read.Index.Value.Start, read.Index.Value.End));
        Assert.Null(Read("select * from Orders where Id = ?").Index);
        Assert.False(Read("select * from Orders").Table.IsQuoted);
    }

    [Fact]
    public void Select_skips_from_inside_parentheses_strings_and_quoted_names()
    {
        var read = Read("SELECT \"from\", 'FROM x', size(a) FROM \"Orders\" WHERE a IN [1, 2]");
        Assert.Equal("Orders", read.Table.Exact);
    }

    [Theory]
    [InlineData("INSERT INTO \"Orders\" VALUE {'Id': ?}", 13)]
    [InlineData("UPDATE \"Orders\" SET Total = 5 WHERE Id = ?", 8)]
    [InlineData("DELETE FROM \"Orders\" WHERE Id = ?", 13)]
    [InlineData("update Orders remove Note where Id = ?", 7)]
    public void Writes_read_their_table(string text, int start)
    {
        var read = Read(text);
        Assert.True(read.IsWrite);
        Assert.Equal(("Orders", start), (read.Table.Exact, read.Table.Start));
    }

    [Fact]
    public void A_transaction_condition_is_a_read()
    {
        var read = Read("EXISTS(SELECT * FROM \"Products\" WHERE Sku = ? AND Stock > 0)");
        Assert.False(read.IsWrite);
        Assert.Equal("Products", read.Table.Exact);
    }

    [Fact]
    public void An_unknown_head_of_a_quoted_name_leaves_its_tail()
    {
        var read = Read("SELECT * FROM \"~-Orders\" WHERE Id = '~'");
        Assert.Equal((null, "-Orders"), (read.Table.Exact, read.Table.Tail));
        Assert.Equal((null, null), (Read("SELECT * FROM \"web~-Orders\"").Table.Exact, Read("SELECT * FROM \"web~-Orders\"").Table.Tail));
        Assert.Null(Read("SELECT * FROM \"Orders~\"").Table.Tail);
        Assert.Equal("Orders", Read("SELECT * FROM \"Orders\" ~").Table.Exact);
    }

    [Theory]
    [InlineData("SELECT ~ FROM \"Orders\"")]          // the unknown part could hold a FROM of its own
    [InlineData("SELECT * FROM ~")]
    [InlineData("~ FROM \"Orders\"")]
    [InlineData("INSERT \"Orders\" VALUE {'a': 1}")]
    [InlineData("UPDATE \"Orders\".\"Index\" SET a = 1")]
    [InlineData("DELETE \"Orders\" WHERE a = 1")]
    [InlineData("SELECT * FROM \"Orders\".")]
    [InlineData("EXISTS SELECT * FROM \"Orders\"")]
    [InlineData("EXISTS(INSERT INTO \"Orders\" VALUE {'a': 1})")]
    [InlineData("SELECT * WHERE a = 1")]
    [InlineData("MERGE INTO \"Orders\"")]
    [InlineData("")]
    [InlineData("  -- only a comment")]
    public void Other_forms_are_unreadable(string text) => Assert.Null(PartiQLStatement.Read(Holes(text)));
}
