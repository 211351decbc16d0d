using System;
using IdpDynamo.Analyzers.Tests.Infrastructure;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>The markup the analyzer tests are written in: positions must be exact or every other test lies.</summary>
public class MarkupParserTests
{
    [Fact]
    public void Default_and_named_spans_give_one_based_positions_in_the_clean_source()
    {
        var parsed = MarkupParser.Parse("a [|bc|] d\n  {|IDPDYN201:\"x\"|}", "IDPDYN202");
        Assert.Equal("a bc d\n  \"x\"", parsed.Source);
        Assert.Equal(
            new[]
            {
                new ExpectedDiagnostic("IDPDYN202", "Test0.cs", 1, 3, 1, 5),
                new ExpectedDiagnostic("IDPDYN201", "Test0.cs", 2, 3, 2, 6),
            },
            parsed.Expected);
    }

    [Fact]
    public void Spans_nest_and_may_cover_several_lines()
    {
        var parsed = MarkupParser.Parse("{|IDPDYN207:{|IDPDYN210:\"P\"|}|} [|x\r\ny|]", "IDPDYN205", "File.cs");
        Assert.Equal("\"P\" x\r\ny", parsed.Source);
        Assert.Equal(
            new[]
            {
                new ExpectedDiagnostic("IDPDYN210", "File.cs", 1, 1, 1, 4),
                new ExpectedDiagnostic("IDPDYN207", "File.cs", 1, 1, 1, 4),
                new ExpectedDiagnostic("IDPDYN205", "File.cs", 1, 5, 2, 2),
            },
            parsed.Expected);
    }

    [Fact]
    public void Brackets_of_attributes_and_indexers_stay_code()
    {
        var parsed = MarkupParser.Parse("[[|Attr(\"a\")|]] x[[|\"k\"|]] = v;", "IDPDYN204");
        Assert.Equal("[Attr(\"a\")] x[\"k\"] = v;", parsed.Source);
        Assert.Equal(2, parsed.Expected.Count);
        Assert.Equal((1, 2, 1, 11), (parsed.Expected[0].Line, parsed.Expected[0].Column, parsed.Expected[0].EndLine, parsed.Expected[0].EndColumn));
    }

    [Theory]
    [InlineData("[|x")]
    [InlineData("x|]")]
    [InlineData("{|IDPDYN201:x|]")]
    [InlineData("{|:x|}")]
    public void Malformed_markup_is_an_error_not_a_silent_pass(string markup)
        => Assert.Throws<InvalidOperationException>(() => MarkupParser.Parse(markup, "IDPDYN201"));

    [Fact]
    public void Default_span_without_a_rule_under_test_is_an_error()
        => Assert.Throws<InvalidOperationException>(() => MarkupParser.Parse("[|x|]", null));

    [Fact]
    public void Annotate_is_the_inverse_of_parse()
    {
        const string markup = "class C { string s = {|IDPDYN201:\"Ordrs\"|}; }\nclass D { [|int|] x; }";
        var parsed = MarkupParser.Parse(markup, "IDPDYN205");
        Assert.Equal(markup.Replace("[|int|]", "{|IDPDYN205:int|}", StringComparison.Ordinal), AnalyzerRunner.Annotate(parsed, parsed.Expected));
    }
}
