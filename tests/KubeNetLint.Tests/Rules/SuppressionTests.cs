using KubeNetLint.Core;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules;

/// <summary>Where a `# kubenetlint:ignore` comment or the `kubenetlint.io/ignore` annotation suppresses a
/// finding, the justification it carries, and a rule that fails while the others go on.</summary>
public sealed class SuppressionTests
{
    // A Service whose selector matches nothing, after a header comment: the object starts on line 2 (after any
    // `before` lines) and KNL101 points at its selector key.
    private static string Orphan(string before = "", string afterSelector = "", string annotations = "") =>
        "# a header comment\n" + before + "apiVersion: v1\nkind: Service\nmetadata:\n  name: orphan\n" + annotations +
        "spec:\n  selector:" + afterSelector + "\n    app: nothing\n  ports:\n    - port: 80\n";

    private static Finding Knl101(string yaml) => Lint.Text(yaml).Findings.Single(f => f.RuleId == "KNL101");

    [Fact]
    public void Unsuppressed_the_finding_is_on_the_selector()
    {
        var f = Knl101(Orphan());
        Assert.False(f.Suppressed);
        Assert.Equal(7, f.Line);
    }

    [Fact]
    public void On_the_findings_line_with_a_reason()
    {
        var f = Knl101(Orphan(afterSelector: " # kubenetlint:ignore KNL101 -- served by the mesh"));
        Assert.True(f.Suppressed);
        Assert.Equal("served by the mesh", f.Justification);
    }

    [Fact]
    public void The_comment_on_the_findings_line_wins_over_the_line_before()
    {
        var yaml = Orphan(afterSelector: " # kubenetlint:ignore KNL101 -- on the line")
            .Replace("spec:\n", "spec:\n  # kubenetlint:ignore KNL101 -- the line before\n", StringComparison.Ordinal);
        Assert.Equal("on the line", Knl101(yaml).Justification);
    }

    [Fact]
    public void On_the_line_before_the_finding_without_a_reason()
    {
        var yaml = Orphan().Replace("spec:\n", "spec:\n  # kubenetlint:ignore service-selector-matches-nothing\n", StringComparison.Ordinal);
        var f = Knl101(yaml);
        Assert.True(f.Suppressed);
        Assert.Equal("kubenetlint:ignore comment at test.yaml:7", f.Justification);
    }

    [Fact]
    public void In_the_comments_just_above_the_object_or_on_its_first_line()
    {
        // Three comment lines above the object; the directive is the highest of them.
        var above = Knl101(Orphan(before: "# kubenetlint:ignore KNL101 -- above\n# more words\n#\n"));
        Assert.True(above.Suppressed);
        Assert.Equal("above", above.Justification);
        var first = Knl101(Orphan().Replace("apiVersion: v1\n", "apiVersion: v1 # kubenetlint:ignore KNL101\n", StringComparison.Ordinal));
        Assert.True(first.Suppressed);
        Assert.Equal("kubenetlint:ignore comment at test.yaml:2", first.Justification);
    }

    [Theory]
    [InlineData("# kubenetlint:ignore KNL101\n\n")]               // a blank line ends the comments above the object
    [InlineData("# kubenetlint:ignore KNL101\nfoo: bar\n---\n")]   // in another document
    [InlineData("# kubenetlint:ignore KNL102\n")]                 // another rule
    public void Not_suppressed(string before) => Assert.False(Knl101(Orphan(before: before)).Suppressed);

    [Fact]
    public void A_comment_inside_the_object_but_away_from_the_finding_suppresses_nothing()
    {
        var yaml = Orphan().Replace("metadata:\n", "metadata:\n  # kubenetlint:ignore KNL101\n", StringComparison.Ordinal);
        Assert.False(Knl101(yaml).Suppressed);
    }

    [Fact]
    public void The_annotation_without_a_reason_names_itself()
    {
        var f = Knl101(Orphan(annotations: "  annotations:\n    kubenetlint.io/ignore: KNL101\n"));
        Assert.True(f.Suppressed);
        Assert.StartsWith("kubenetlint.io/ignore annotation on ", f.Justification, StringComparison.Ordinal);
        Assert.Contains("orphan", f.Justification, StringComparison.Ordinal);
    }

    private sealed class Failing : Rule
    {
        public override RuleInfo Info { get; } = new("KNL999", "always-fails", Level.Error, "A test rule that throws.");
        public override IEnumerable<Finding> Check(AnalysisContext context) => throw new InvalidOperationException("boom");
    }

    [Fact]
    public void A_failing_rule_is_reported_and_the_others_still_run()
    {
        var file = new SourceFile { Path = "t.yaml", FullPath = Path.GetFullPath("t.yaml"), Text = Orphan() };
        var model = LintEngine.BuildModel(ManifestLoader.LoadFiles([file]), LintConfig.Empty);
        var result = LintEngine.Run(model, LintConfig.Empty, Repo.Now, [new Failing(), RuleRegistry.Find("KNL101")!]);
        Assert.Equal([new RuleFailure("KNL999", "InvalidOperationException: boom")], result.Failures);
        Assert.Equal(["KNL101"], result.Findings.Select(f => f.RuleId));
        // Without a rule list, every registered rule runs.
        Assert.Contains(LintEngine.Run(model, LintConfig.Empty, Repo.Now).Findings, f => f.RuleId == "KNL101");
    }
}
