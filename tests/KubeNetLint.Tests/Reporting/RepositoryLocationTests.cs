using KubeNetLint.Core;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Reporting.Sarif;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Tests.Reporting;

/// <summary>Where a finding in rendered Helm output points: the template in the repository when it is there,
/// else the rendered input itself.</summary>
public sealed class RepositoryLocationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("knl-reploc").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("knl-reploc-out").FullName;

    public void Dispose()
    {
        foreach (var d in new[] { _root, _outside }) { try { Directory.Delete(d, true); } catch (IOException) { } }
    }

    private SourceFile Rendered()
    {
        Directory.CreateDirectory(Path.Combine(_root, "chart", "templates"));
        File.WriteAllText(Path.Combine(_root, "chart", "templates", "svc.yaml"), "kind: Service\n");
        File.WriteAllText(Path.Combine(_outside, "far.yaml"), "kind: Service\n");
        var text = string.Join("\n",
            "kind: List",                                 // 1: before any section
            "---",                                        // 2
            "# Source: chart/templates/svc.yaml",         // 3
            "kind: Service",                              // 4: template line 1
            "---",                                        // 5
            "# Source: chart/templates/missing.yaml",     // 6
            "kind: Service",                              // 7
            "---",                                        // 8
            $"# Source: {Path.Combine(_outside, "far.yaml")}", // 9
            "kind: Service");                             // 10
        return new SourceFile { Path = "rendered.yaml", FullPath = Path.Combine(_root, "rendered.yaml"), Text = text, Origins = HelmSourceMap.Parse(text, _root) };
    }

    private ReportContext Context(IReadOnlyList<Finding>? findings = null) =>
        new() { Findings = findings ?? [], Rules = [], ToolVersion = "1", SourceRoot = _root };

    [Theory]
    [InlineData(4, "chart/templates/svc.yaml", "1:1-1:5")]
    // A template that is not on disk, one outside the repository, and a line outside every section: the input.
    [InlineData(7, "rendered.yaml", "7:1-7:5")]
    [InlineData(10, "rendered.yaml", "10:1-10:5")]
    [InlineData(1, "rendered.yaml", "1:1-1:5")]
    public void A_place_is_the_template_inside_the_repository_else_the_input(int line, string path, string span)
    {
        var file = Rendered();
        var (rel, s) = Context().RepositoryLocation(new SourceLocation(file, new SourceSpan(line, 1, line, 5)));
        Assert.Equal(path, rel);
        Assert.Equal(span, s.ToString());
    }

    [Fact]
    public void Only_the_template_inside_the_repository_has_a_relative_path()
    {
        var context = Context();
        Assert.Equal("chart/templates/svc.yaml", context.RelativePath(new SourceOrigin("x", Path.Combine(_root, "chart", "templates", "svc.yaml"), default)));
        Assert.Null(context.RelativePath(new SourceOrigin("x", null, default)));
        Assert.Null(context.RelativePath(new SourceOrigin("x", Path.Combine(_outside, "far.yaml"), default)));
    }

    [Fact]
    public void Sarif_cuts_a_span_to_the_input_but_not_to_a_template_it_does_not_hold()
    {
        var file = Rendered();
        Finding At(int line, int column) => new()
        {
            RuleId = "KNL101", RuleName = "x", Level = Level.Warning, Message = "m.",
            Location = new SourceLocation(file, new SourceSpan(line, column, line, column + 3)),
        };
        var results = SarifReportWriter.Build(Context([At(4, 40), At(7, 40)])).Runs[0].Results;
        var template = results[0].Locations[0].PhysicalLocation;
        Assert.Equal("chart/templates/svc.yaml", template.ArtifactLocation.Uri);
        Assert.Equal(new SarifRegion(1, 40, 1, 43), template.Region);
        var input = results[1].Locations[0].PhysicalLocation;
        Assert.Equal("rendered.yaml", input.ArtifactLocation.Uri);
        Assert.Equal(new SarifRegion(7, 14, 7, 14), input.Region);
    }

    private static Finding At(SourceFile file, int line, Level level = Level.Warning) => new()
    {
        RuleId = "KNL101", RuleName = "x", Level = level, Message = "m.", Location = new SourceLocation(file, new SourceSpan(line, 1, line, 2)),
    };

    [Fact]
    public void Text_names_the_template_a_finding_came_from_and_colours_levels_when_asked()
    {
        var file = Rendered();
        var plain = new StringWriter();
        new TextReportWriter().Write(Context([At(file, 4), At(file, 7, Level.Error), At(file, 1, Level.Note)]), plain);
        Assert.Equal(
            "rendered.yaml:4:1: warning KNL101 x: m. (from chart/templates/svc.yaml:1)\n" +
            "rendered.yaml:7:1: error KNL101 x: m. (from chart/templates/missing.yaml:1)\n" +
            "rendered.yaml:1:1: note KNL101 x: m.\n",
            string.Join("\n", plain.ToString().ReplaceLineEndings("\n").Split('\n').Take(3)) + "\n");
        var colour = new StringWriter();
        new TextReportWriter(color: true).Write(Context([At(file, 4), At(file, 7, Level.Error), At(file, 1, Level.Note)]), colour);
        var lines = colour.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.StartsWith("rendered.yaml:4:1: \u001b[1;33mwarning\u001b[0m KNL101", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("rendered.yaml:7:1: \u001b[1;31merror\u001b[0m KNL101", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("rendered.yaml:1:1: \u001b[1;36mnote\u001b[0m KNL101", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_report_names_the_template_a_finding_came_from()
    {
        var file = Rendered();
        var html = new StringWriter();
        new KubeNetLint.Core.Reporting.Html.HtmlReportWriter().Write(Context([At(file, 4), At(file, 7), At(file, 1)]), html);
        var text = html.ToString();
        Assert.Contains("\"origin\":\"chart/templates/svc.yaml:1\"", text, StringComparison.Ordinal);
        Assert.Contains("\"origin\":\"chart/templates/missing.yaml:1\"", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("\"origin\":").Length - 1);
    }
}
