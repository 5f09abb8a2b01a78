using System.Text.Json;
using KubeNetLint.Core.Loading;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Integration;

/// <summary>`helm template … | kubenetlint check -`: findings name &lt;stdin&gt; and, through Helm's
/// `# Source:` comments, the chart template and the line within the document rendered from it.</summary>
public sealed class HelmSourceMapTests
{
    private const string Rendered = "testdata/integration/helm/rendered.yaml";
    private const string Template = "testdata/integration/helm/demo/templates/service.yaml";
    private static string RenderedText => File.ReadAllText(Path.Combine(Repo.Root, Rendered));

    [Fact]
    public void Text_names_stdin_and_the_template()
    {
        var r = CliRunner.RunWithStdin(RenderedText, "check", "-");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"<stdin>:28:13: error KNL005 invalid-field-type: ", r.Stdout);
        Assert.Contains($"(from {Template}:14)\n", r.Stdout);
    }

    [Fact]
    public void Json_carries_the_origin()
    {
        var r = CliRunner.RunWithStdin(RenderedText, "check", "-", "--format", "json");
        var finding = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("findings")[0];
        Assert.Equal("<stdin>", finding.GetProperty("file").GetString());
        Assert.Equal(28, finding.GetProperty("line").GetInt32());
        var origin = finding.GetProperty("origin");
        Assert.Equal("demo/templates/service.yaml", origin.GetProperty("source").GetString());
        Assert.Equal(Template, origin.GetProperty("file").GetString());
        Assert.Equal(14, origin.GetProperty("line").GetInt32());
        Assert.Equal(13, origin.GetProperty("column").GetInt32());
    }

    [Fact]
    public void Json_of_ordinary_files_has_no_origin_field()
    {
        var r = CliRunner.Run("check", "testdata/rules/KNL005", "--format", "json");
        Assert.DoesNotContain("\"origin\"", r.Stdout);
    }

    [Fact]
    public void Github_and_sarif_point_at_the_template_in_the_repository()
    {
        var github = CliRunner.RunWithStdin(RenderedText, "check", "-", "--format", "github");
        Assert.Contains($"::error file={Template},line=14,col=13,endColumn=17,", github.Stdout);

        var sarif = CliRunner.RunWithStdin(RenderedText, "check", "-", "--format", "sarif");
        var location = Location(sarif.Stdout);
        Assert.Equal(Template, location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(14, location.GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void Without_a_template_in_the_repository_sarif_names_stdin_as_a_relative_uri()
    {
        var text = RenderedText.Replace("# Source: demo/", "# Source: elsewhere/", StringComparison.Ordinal);
        var r = CliRunner.RunWithStdin(text, "check", "-", "--format", "sarif");
        var location = Location(r.Stdout);
        Assert.Equal("%3Cstdin%3E", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(28, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.True(Uri.IsWellFormedUriString("%3Cstdin%3E", UriKind.Relative));

        var plain = CliRunner.RunWithStdin(text, "check", "-");
        Assert.Contains("(from elsewhere/templates/service.yaml:14)", plain.Stdout);
    }

    [Fact]
    public void Stdin_without_source_comments_has_no_origin()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "testdata/rules/KNL005/wrong-types.yaml"));
        var r = CliRunner.RunWithStdin(text, "check", "-");
        Assert.Contains("<stdin>:7:5: error KNL005", r.Stdout);
        Assert.DoesNotContain("(from ", r.Stdout);
    }

    [Fact]
    public void A_line_maps_to_the_nearest_source_comment_of_its_document()
    {
        var map = HelmSourceMap.Parse("""
            # leading comment
            ---
            # Source: c/templates/a.yaml
            kind: A
            ---
            kind: B
            ---
            # Source: c/templates/b.yaml
            kind: C
            # Source: c/templates/b2.yaml
            kind: D
            """.Replace("\r", ""), Repo.Root)!;
        Assert.Null(map.Locate(SourceSpan.At(1, 1)));
        Assert.Equal(("c/templates/a.yaml", 1), Of(map.Locate(SourceSpan.At(4, 1))));
        Assert.Null(map.Locate(SourceSpan.At(6, 1)));
        Assert.Equal(("c/templates/b.yaml", 1), Of(map.Locate(SourceSpan.At(9, 1))));
        Assert.Equal(("c/templates/b2.yaml", 1), Of(map.Locate(SourceSpan.At(11, 3))));
        Assert.Null(HelmSourceMap.Parse("kind: A\n", Repo.Root));
    }

    [Fact]
    public void Templates_are_found_through_the_chart_name_in_Chart_yaml()
    {
        var index = HelmChartIndex.Build(Repo.Root);
        Assert.Equal(Path.Combine(Repo.Root, Template), index.Find("demo/templates/service.yaml"));
        Assert.Null(index.Find("demo/templates/missing.yaml"));
        Assert.Null(index.Find("nochart/templates/service.yaml"));
    }

    private static (string, int) Of(SourceOrigin? o) => (o!.Path, o.Line);

    private static JsonElement Location(string sarif) =>
        JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("results")[0]
            .GetProperty("locations")[0].GetProperty("physicalLocation").Clone();
}
