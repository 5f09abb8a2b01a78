using KubeNetLint.Core.Rules.Dependencies;

namespace KubeNetLint.Tests.Rules.Dependencies;

/// <summary>The "did you mean" of KNL120: the Service name at most two edits (insert, delete, replace)
/// from the missing one, the nearest first, then in ordinal order.</summary>
public sealed class DependencyTextTests
{
    [Theory]
    [InlineData("dbb", "db")]            // one deletion
    [InlineData("d", "db")]              // one insertion
    [InlineData("dx", "db")]             // one replacement
    [InlineData("db", "dbx")]            // the last letter of the candidate counts
    [InlineData("xdb", "db")]            // so does the first
    [InlineData("ordrs-", "orders")]     // two edits: still suggested
    [InlineData("abcd", "abxy")]         // two replacements
    [InlineData("postgress", "postgres")]
    public void A_name_at_most_two_edits_away_is_suggested(string missing, string candidate) =>
        Assert.Equal(candidate, DependencyText.Closest(["unrelated-service", candidate], missing));

    [Theory]
    [InlineData("axyz", "abcd")]         // three replacements
    [InlineData("abc", "abcdef")]        // three insertions at the end
    [InlineData("abcdef", "abc")]        // three deletions at the end
    [InlineData("defabc", "abc")]        // three deletions at the start
    [InlineData("db", "db")]             // the same name is not a suggestion for itself
    public void A_name_further_away_or_the_same_is_not(string missing, string candidate) =>
        Assert.Null(DependencyText.Closest([candidate], missing));

    [Fact]
    public void The_nearest_wins_then_the_first_in_ordinal_order()
    {
        Assert.Equal("orders", DependencyText.Closest(["ordaz", "orders"], "orderz"));   // ordaz is two edits away
        Assert.Equal("dbx", DependencyText.Closest(["dc", "dbx"], "db"));
        Assert.Null(DependencyText.Closest([], "db"));
    }
}
