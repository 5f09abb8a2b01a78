using KubeNetLint.Core.Loading;

namespace KubeNetLint.Tests.Loading;

/// <summary>Suppression text: the rules named, the reason, and where a comment holds one.</summary>
public sealed class IgnoreDirectiveTests
{
    private static string Describe(IgnoreDirective? d) =>
        d is null ? "none" : string.Join(",", d.Rules.Order(StringComparer.Ordinal)) + (d.Reason is null ? "" : " | " + d.Reason);

    [Theory]
    [InlineData("KNL101", "KNL101")]
    [InlineData("KNL101,KNL203 -- served by the mesh", "KNL101,KNL203 | served by the mesh")]
    [InlineData(" KNL101 \t KNL203 ,, ", "KNL101,KNL203")]
    [InlineData("KNL101 --", "KNL101")]
    [InlineData("KNL101 --   ", "KNL101")]
    [InlineData("KNL101--why", "KNL101 | why")]
    [InlineData("--x", " | x")]
    [InlineData("a -- b -- c", "a | b -- c")]
    [InlineData("", "")]
    public void Parse_reads_rules_then_a_reason(string text, string expected) =>
        Assert.Equal(expected, Describe(IgnoreDirective.Parse(text)));

    [Fact]
    public void Rule_names_are_matched_without_regard_to_case()
    {
        var d = IgnoreDirective.Parse("knl101");
        Assert.Contains("KNL101", d.Rules);
    }

    [Theory]
    [InlineData("KNL101", "KNL101", "service-selector-matches-nothing", true)]
    [InlineData("service-selector-matches-nothing", "KNL101", "service-selector-matches-nothing", true)]
    [InlineData("all", "KNL101", "service-selector-matches-nothing", true)]
    [InlineData("KNL102", "KNL101", "service-selector-matches-nothing", false)]
    [InlineData("KNL101", "KNL102", "other-rule", false)]
    public void Covers_by_id_by_name_or_all(string rules, string id, string name, bool expected) =>
        Assert.Equal(expected, IgnoreDirective.Parse(rules).Covers(id, name));

    [Theory]
    [InlineData("# kubenetlint:ignore KNL101 -- why", "KNL101 | why")]
    [InlineData("#kubenetlint:ignore KNL101", "KNL101")]
    [InlineData("  port: 80  # kubenetlint:ignore KNL101,KNL102", "KNL101,KNL102")]
    [InlineData("port: 80\t# kubenetlint:ignore all", "all")]
    [InlineData("a#b # kubenetlint:ignore KNL101", "KNL101")]
    [InlineData("x: a#kubenetlint:ignore KNL101", "none")]
    [InlineData("# kubenetlint:ignoreKNL101", "none")]
    [InlineData("# kubenetlint:ignore", "none")]
    [InlineData("# kubenetlint:ignore -- only a reason", "none")]
    [InlineData("# kubenetlint:ignore\tKNL101", "KNL101")]
    [InlineData("# other # kubenetlint:ignore KNL101", "KNL101")]
    [InlineData("# other comment", "none")]
    [InlineData("no comment", "none")]
    [InlineData("", "none")]
    [InlineData("#", "none")]
    public void A_comment_holds_a_directive_only_when_the_marker_opens_it(string line, string expected) =>
        Assert.Equal(expected, Describe(IgnoreDirective.InComment(line)));
}
