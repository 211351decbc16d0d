using IdpDynamo.Schema.Text;

namespace IdpDynamo.Schema.Tests.Text;

/// <summary>The declared names nearest to a wrong one (IDPDYN201/202 hints): which count as near, and their order.</summary>
public sealed class NearestNamesTests
{
    private static readonly string[] Tables = { "Carts", "Charts", "Parts", "CustomerOrders", "Sessions" };

    [Theory]
    [InlineData("Cart", new[] { "Carts", "Charts" })]          // distance 1, then 2 (Charts: 6 letters allow 2)
    [InlineData("carts", new[] { "Carts" })]                   // case only: distance 0
    [InlineData("Customer_Orders", new[] { "CustomerOrders" })] // separators only: distance 0
    [InlineData("Sesions", new[] { "Sessions" })]
    [InlineData("Zebra", new string[0])]                       // nothing near: no hint
    [InlineData("Crt", new string[0])]                         // 2 edits from a 5-letter name are too many
    public void Near_names_within_the_limit_nearest_first(string value, string[] expected)
        => Assert.Equal(expected, Suggestions.Nearest(value, Tables));

    [Fact]
    public void At_most_three_names_and_ties_in_ordinal_order()
        => Assert.Equal(new[] { "Ab1", "Ab2", "Ab3" }, Suggestions.Nearest("Ab", new[] { "Ab4", "Ab3", "Ab2", "Ab1" }));

    [Fact]
    public void The_value_itself_is_not_a_suggestion()
        => Assert.Empty(Suggestions.Nearest("Carts", new[] { "Carts" }));

    [Theory]
    [InlineData("Cart", "; did you mean 'Carts' or 'Charts'?")]
    [InlineData("Sesions", "; did you mean 'Sessions'?")]
    [InlineData("Zebra", "")]
    public void The_hint_lists_them(string value, string expected)
        => Assert.Equal(expected, Suggestions.DidYouMeanAny(value, Tables));

    [Fact]
    public void Three_names_are_listed_with_commas_and_or()
        => Assert.Equal("; did you mean 'Ab1', 'Ab2' or 'Ab3'?", Suggestions.DidYouMeanAny("Ab", new[] { "Ab3", "Ab2", "Ab1" }));
}
