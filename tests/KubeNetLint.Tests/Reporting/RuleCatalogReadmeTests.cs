using KubeNetLint.Core;
using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Tests.Reporting;

/// <summary>Replacing the README's rule table between its markers, at the edges of the text.</summary>
public sealed class RuleCatalogReadmeTests
{
    private static readonly RuleInfo[] Rules = [new("KNL101", "some-rule", Level.Warning, "Something.")];

    [Fact]
    public void A_start_marker_at_the_very_start_is_found()
    {
        var readme = RuleCatalog.ReadmeStart + "\nold\n" + RuleCatalog.ReadmeEnd + "\nafter\n";
        Assert.Equal(RuleCatalog.ReadmeStart + "\n" + RuleCatalog.Markdown(Rules) + RuleCatalog.ReadmeEnd + "\nafter\n",
            RuleCatalog.UpdateReadme(readme, Rules));
    }

    [Theory]
    [InlineData("no markers at all")]
    [InlineData("only the start: " + "START")]
    [InlineData("only the end: " + "END")]
    [InlineData("END then START")]
    public void Missing_or_swapped_markers_are_an_error(string shape)
    {
        var readme = shape.Replace("START", RuleCatalog.ReadmeStart, StringComparison.Ordinal).Replace("END", RuleCatalog.ReadmeEnd, StringComparison.Ordinal);
        var e = Assert.Throws<InvalidOperationException>(() => RuleCatalog.UpdateReadme(readme, Rules));
        Assert.Equal("README has no rule table markers", e.Message);
    }
}
