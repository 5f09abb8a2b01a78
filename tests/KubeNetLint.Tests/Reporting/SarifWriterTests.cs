using KubeNetLint.Core;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Reporting.Sarif;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Tests.Reporting;

/// <summary>SARIF regions, levels and rule areas, built directly from a report context.</summary>
public sealed class SarifWriterTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "knl-sarif-root");

    private static ReportContext Context(IReadOnlyList<Finding>? findings = null, IReadOnlyList<BaselineResult>? absent = null,
        IReadOnlyList<RuleInfo>? rules = null) => new()
    {
        Findings = findings ?? [],
        Rules = rules ?? [],
        ToolVersion = "1.0.0",
        SourceRoot = Root,
        Absent = absent,
        Baselined = absent is null ? null : [],
    };

    private static BaselineResult Absent(string level, int startLine, int startColumn, int endLine, int endColumn, string? uri = "a.yaml") =>
        new("fp", "KNL101", level, "gone.", uri, "%SRCROOT%", startLine, startColumn, endLine, endColumn);

    private static SarifResult Single(ReportContext context) => Assert.Single(SarifReportWriter.Build(context).Runs[0].Results);

    private static string Region(SarifResult r)
    {
        var g = r.Locations[0].PhysicalLocation.Region;
        return $"{g.StartLine}:{g.StartColumn}-{g.EndLine}:{g.EndColumn}";
    }

    [Theory]
    // One line: the end is at least one column after the start.
    [InlineData(3, 5, 3, 2, "3:5-3:6")]
    [InlineData(3, 5, 3, 5, "3:5-3:6")]
    [InlineData(3, 5, 3, 6, "3:5-3:6")]
    [InlineData(3, 5, 3, 9, "3:5-3:9")]
    // Several lines: the end column is kept, only made at least 1.
    [InlineData(3, 5, 4, 2, "3:5-4:2")]
    [InlineData(3, 5, 4, 0, "3:5-4:1")]
    // An end before the start is on the start line; positions before the file start at 1:1.
    [InlineData(3, 5, 1, 9, "3:5-3:9")]
    [InlineData(0, 0, 0, 0, "1:1-1:2")]
    public void Absent_results_keep_a_region_that_is_not_empty(int sl, int sc, int el, int ec, string expected)
    {
        var r = Single(Context(absent: [Absent("warning", sl, sc, el, ec)]));
        Assert.Equal("absent", r.BaselineState);
        Assert.Equal(expected, Region(r));
        Assert.Equal("a.yaml", r.Locations[0].PhysicalLocation.ArtifactLocation.Uri);
    }

    [Fact]
    public void An_absent_result_without_a_uri_has_no_location()
    {
        Assert.Empty(Single(Context(absent: [Absent("warning", 1, 1, 1, 2, uri: null)])).Locations);
    }

    [Theory]
    [InlineData("error", "error")]
    [InlineData("warning", "warning")]
    [InlineData("note", "note")]
    [InlineData("none", "warning")]
    [InlineData("fatal", "warning")]
    [InlineData("", "warning")]
    public void An_absent_result_keeps_a_known_level_and_falls_back_to_warning(string level, string expected)
    {
        Assert.Equal(expected, Single(Context(absent: [Absent(level, 1, 1, 1, 2)])).Level);
    }

    [Theory]
    [InlineData("KNL0", "input")]
    [InlineData("KNL1", "service")]
    [InlineData("KNL2", "ingress")]
    [InlineData("KNL3", "networkpolicy")]
    [InlineData("KNL4", "workload")]
    [InlineData("KNL5", "gateway")]
    [InlineData("KNL9", "other")]
    [InlineData("KNL", "other")]
    [InlineData("K", "other")]
    [InlineData("KNL201", "ingress")]
    public void A_rule_without_an_area_is_tagged_by_the_fourth_character_of_its_id(string id, string area)
    {
        var rule = new RuleInfo(id, "some-rule", Level.Warning, "Something.");
        var descriptor = Assert.Single(SarifReportWriter.Build(Context(rules: [rule])).Runs[0].Tool.Driver.Rules);
        Assert.Equal(["kubernetes", "networking", area], descriptor.Properties.Tags);
    }

    private static SourceFile File_(string text) =>
        new() { Path = "m.yaml", FullPath = Path.Combine(Root, "dir", "m.yaml"), Text = text };

    private static Finding At(SourceFile file, SourceSpan span) => new()
    {
        RuleId = "KNL101", RuleName = "x", Level = Level.Warning, Message = "m.", Location = new SourceLocation(file, span),
    };

    [Theory]
    [InlineData(2, 5, 2, 3, "2:5-2:6")]
    [InlineData(2, 5, 2, 5, "2:5-2:6")]
    [InlineData(2, 5, 2, 8, "2:5-2:8")]
    [InlineData(2, 5, 3, 2, "2:5-3:2")]
    [InlineData(2, 5, 3, 0, "2:5-3:1")]
    [InlineData(2, 5, 1, 0, "2:5-2:6")]
    // Cut to the text: line 2 has 12 characters, the file 3 lines.
    [InlineData(2, 12, 2, 12, "2:12-2:13")]
    [InlineData(2, 13, 2, 13, "2:13-2:13")]
    [InlineData(9, 1, 9, 4, "3:1-3:4")]
    public void A_finding_region_is_not_empty_and_stays_in_the_text(int sl, int sc, int el, int ec, string expected)
    {
        var file = File_("line one\nline two abc\nlast line\n".TrimEnd('\n'));
        var r = Single(Context(findings: [At(file, new SourceSpan(sl, sc, el, ec))]));
        Assert.Equal(expected, Region(r));
        Assert.Equal("dir/m.yaml", r.Locations[0].PhysicalLocation.ArtifactLocation.Uri);
        Assert.Equal("%SRCROOT%", r.Locations[0].PhysicalLocation.ArtifactLocation.UriBaseId);
    }
}
