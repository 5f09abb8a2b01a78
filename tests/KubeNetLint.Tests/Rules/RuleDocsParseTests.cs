using KubeNetLint.Core;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Tests.Rules;

/// <summary>How a rule's doc (rules/KNLxxx.md) is split into its sections, and the registry's guard
/// against two rules with one id or name.</summary>
public sealed class RuleDocsParseTests
{
    private const string Doc = "# KNL999 example\nIntro text before any section is not a section.\n\n## What it finds\nA thing.\n\n## Why it matters\nIt breaks.\n\n## Example\n```yaml\nkind: Service\n```\n\n## How to fix\nFix it.\n";

    [Fact]
    public void A_doc_is_split_into_its_four_sections()
    {
        var doc = RuleDocs.Parse("KNL999", Doc)!;
        Assert.Equal(("A thing.", "It breaks.", "```yaml\nkind: Service\n```", "Fix it."), (doc.WhatItFinds, doc.WhyItMatters, doc.Example, doc.HowToFix));
        Assert.Equal(doc, RuleDocs.Parse("KNL999", Doc.Replace("\n", "\r\n", StringComparison.Ordinal))! with { Markdown = Doc });
    }

    [Theory]
    [InlineData("## How to fix\nFix it.\n", "")]                       // a section missing
    [InlineData("## How to fix\nFix it.\n", "## How to fix\n\n")]      // a section empty
    [InlineData("## How to fix\nFix it.\n", "## How to fix\n   \n")]   // a section of blanks
    public void A_doc_with_a_missing_or_empty_section_is_not_a_doc(string section, string replacement) =>
        Assert.Null(RuleDocs.Parse("KNL999", Doc.Replace(section, replacement, StringComparison.Ordinal)));

    [Fact]
    public void A_later_section_of_another_name_does_not_swallow_the_one_before()
    {
        var doc = RuleDocs.Parse("KNL999", Doc + "\n## See also\nKNL101.\n")!;
        Assert.Equal("Fix it.", doc.HowToFix);
    }

    [Fact]
    public void Every_rule_has_a_doc()
    {
        Assert.Equal(RuleRegistry.All.Select(r => r.Info.Id).Order(StringComparer.Ordinal), RuleDocs.DocumentedIds.Order(StringComparer.Ordinal));
        Assert.All(RuleRegistry.All, r => Assert.NotNull(RuleDocs.For(r.Info.Id)));
        // Read afresh, not through the process-wide cache: every embedded doc parses, under its rule's id.
        var loaded = RuleDocs.LoadAll();
        Assert.Equal(RuleRegistry.All.Select(r => r.Info.Id).Order(StringComparer.Ordinal), loaded.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("targetPort", loaded["KNL103"].WhatItFinds, StringComparison.Ordinal);
    }

    private sealed class Named(string id, string name) : Rule
    {
        public override RuleInfo Info { get; } = new(id, name, Level.Note, "A test rule.");
        public override IEnumerable<Finding> Check(AnalysisContext context) => [];
    }

    [Fact]
    public void Two_rules_may_share_neither_an_id_nor_a_name()
    {
        Assert.Null(RuleRegistry.SharedIdOrName([new Named("KNL1", "a"), new Named("KNL2", "b")]));
        Assert.Equal("KNL1", RuleRegistry.SharedIdOrName([new Named("KNL1", "a"), new Named("KNL1", "b")]));
        Assert.Equal("a", RuleRegistry.SharedIdOrName([new Named("KNL1", "a"), new Named("KNL2", "a")]));
        Assert.Equal("KNL1", RuleRegistry.SharedIdOrName([new Named("KNL1", "a"), new Named("KNL1", "a")]));
        Assert.Null(RuleRegistry.SharedIdOrName(RuleRegistry.All));
    }
}
