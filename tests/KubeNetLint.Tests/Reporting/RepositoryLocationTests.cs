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
}
