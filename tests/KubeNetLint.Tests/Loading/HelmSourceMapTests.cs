using KubeNetLint.Core.Loading;
using KubeNetLint.Tests.Integration;

namespace KubeNetLint.Tests.Loading;

/// <summary>Lines of `helm template` output traced back to their templates, and the charts that hold
/// those templates found in a small tree under a temp directory.</summary>
public sealed class HelmSourceMapTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private string Dir => _tmp.Path;
    public void Dispose() => _tmp.Dispose();

    private string Write(string name, string text = "") => _tmp.Write(name, text);

    private const string Rendered =
        "---\n" +                               // 1
        "# Source: shop/templates/a.yaml\n" +   // 2
        "a: 1\n" +                              // 3
        "b: 2\n" +                              // 4
        "---\n" +                               // 5
        "c: 3\n" +                              // 6
        "--- # next\n" +                        // 7
        "# Source: shop/templates/b.yaml\n" +   // 8
        "d: 4\n" +                              // 9
        "# Source: shop/templates/c.yaml  \r\n" + // 10
        "e: 5\n" +                              // 11
        "----\n" +                              // 12
        "f: 6";                                 // 13

    /// <summary>Where each line 1..14 points: "-" outside every section, else PATH:LINE.</summary>
    private static string Map(HelmSourceMap map) => string.Join(" ", Enumerable.Range(1, 14).Select(line =>
        map.Locate(new SourceSpan(line, 3, line + 1, 2)) is { } o ? $"{o.Path}:{o.Line}" : "-"));

    [Fact]
    public void Each_line_belongs_to_the_nearest_source_comment_above_it_in_its_document()
    {
        var map = HelmSourceMap.Parse(Rendered, Dir)!;
        Assert.Equal("- - shop/templates/a.yaml:1 shop/templates/a.yaml:2 - - - - shop/templates/b.yaml:1 - " +
            "shop/templates/c.yaml:1 shop/templates/c.yaml:2 shop/templates/c.yaml:3 -", Map(map));
    }

    [Fact]
    public void An_origin_keeps_the_span_shifted_into_the_template()
    {
        var map = HelmSourceMap.Parse(Rendered, Dir)!;
        var origin = map.Locate(new SourceSpan(4, 3, 5, 2))!;
        Assert.Equal(new SourceSpan(2, 3, 3, 2), origin.Span);
        Assert.Equal(3, origin.Column);
        Assert.Null(origin.FullPath);
        Assert.Equal("shop/templates/a.yaml:2", origin.ToString());
    }

    [Theory]
    [InlineData("a: 1\n")]
    [InlineData("# Source:shop/a.yaml\na: 1\n")]
    [InlineData("x: \"# Source: \"\n")]
    public void Text_without_source_comments_has_no_map(string text) => Assert.Null(HelmSourceMap.Parse(text, Dir));

    [Fact]
    public void A_single_section_runs_to_the_end_and_many_are_searched_in_order()
    {
        var one = HelmSourceMap.Parse("# Source: c/t.yaml\nx: 1\n", Dir)!;
        Assert.Null(one.Locate(SourceSpan.At(1, 1)));
        Assert.Equal("c/t.yaml:1", one.Locate(SourceSpan.At(2, 1))!.ToString());
        Assert.Equal("c/t.yaml:2", one.Locate(SourceSpan.At(3, 1))!.ToString());
        Assert.Null(one.Locate(SourceSpan.At(4, 1)));

        var text = string.Concat(Enumerable.Range(0, 9).Select(i => $"---\n# Source: c/t{i}.yaml\nk: {i}\n"));
        var many = HelmSourceMap.Parse(text, Dir)!;
        var found = Enumerable.Range(1, 28).Select(line => many.Locate(SourceSpan.At(line, 1))?.ToString() ?? "-");
        var expected = Enumerable.Range(0, 9).SelectMany(i => new[] { "-", "-", $"c/t{i}.yaml:1" }).Append("c/t8.yaml:2");
        Assert.Equal(expected, found);
    }

    [Fact]
    public void Templates_are_found_beside_the_base_directory_or_through_the_chart_name()
    {
        Directory.CreateDirectory(Path.Combine(Dir, ".git"));
        var direct = Write("run/shop/templates/a.yaml");
        var viaChart = Write("deploy/charts/shop-chart/templates/b.yaml");
        Write("deploy/charts/shop-chart/Chart.yaml", "apiVersion: v2\nname: shop\n");
        var map = HelmSourceMap.Parse("# Source: shop/templates/a.yaml\na: 1\n---\n# Source: shop/templates/b.yaml\nb: 1\n---\n# Source: shop/templates/c.yaml\nc: 1\n",
            Path.Combine(Dir, "run"))!;
        Assert.Equal(direct, map.Locate(SourceSpan.At(2, 1))!.FullPath);
        Assert.Equal(viaChart, map.Locate(SourceSpan.At(5, 1))!.FullPath);
        Assert.Null(map.Locate(SourceSpan.At(8, 1))!.FullPath);
        // Asked again: the same answer.
        Assert.Equal(viaChart, map.Locate(SourceSpan.At(5, 1))!.FullPath);
    }

    [Fact]
    public void The_chart_index_reads_chart_names_to_depth_eight_outside_hidden_and_build_directories()
    {
        var deep = string.Join('/', Enumerable.Range(1, 8).Select(i => "d" + i));
        Write(deep + "/Chart.yaml", "name: deep\n");
        Write(deep + "/templates/x.yaml");
        Write(deep + "/d9/Chart.yaml", "name: deeper\n");
        Write(deep + "/d9/templates/x.yaml");
        foreach (var skipped in new[] { ".hidden", "node_modules", "bin", "obj" })
        {
            Write(skipped + "/Chart.yaml", $"name: {skipped.TrimStart('.')}\n");
            Write(skipped + "/templates/x.yaml");
        }
        Write("nameless/Chart.yaml", "apiVersion: v2\n");
        Write("quoted/Chart.yaml", "description: x\nname: 'quoted' # the chart\n");
        Write("quoted/templates/x.yaml");
        var index = HelmChartIndex.Build(Dir);
        Assert.Equal(Path.Combine(Dir, deep, "templates/x.yaml"), index.Find("deep/templates/x.yaml"));
        Assert.Null(index.Find("deeper/templates/x.yaml"));
        foreach (var skipped in new[] { "hidden", "node_modules", "bin", "obj" })
            Assert.Null(index.Find(skipped + "/templates/x.yaml"));
        Assert.Equal(Path.Combine(Dir, "quoted/templates/x.yaml"), index.Find("quoted/templates/x.yaml"));
        Assert.Null(index.Find("quoted/templates/missing.yaml"));
        Assert.Null(index.Find("quoted"));
        Assert.Null(index.Find("/quoted/templates/x.yaml"));
        Assert.Null(index.Find("unknown/templates/x.yaml"));
    }

    [Fact]
    public void A_chart_file_that_cannot_be_read_is_passed_over()
    {
        if (OperatingSystem.IsWindows()) return;
        Directory.CreateDirectory(Path.Combine(Dir, "broken"));
        File.CreateSymbolicLink(Path.Combine(Dir, "broken", "Chart.yaml"), Path.Combine(Dir, "nowhere.yaml"));
        Write("good/Chart.yaml", "name: good\n");
        var template = Write("good/t.yaml");
        var index = HelmChartIndex.Build(Dir);
        Assert.Equal(template, index.Find("good/t.yaml"));
    }

    [Fact]
    public void Two_charts_of_one_name_are_both_searched()
    {
        Write("a/Chart.yaml", "name: shop\n");
        Write("b/Chart.yaml", "name: shop\n");
        var only = Write("b/templates/only-b.yaml");
        var both = Write("a/templates/both.yaml");
        Write("b/templates/both.yaml");
        var index = HelmChartIndex.Build(Dir);
        Assert.Equal(only, index.Find("shop/templates/only-b.yaml"));
        Assert.Equal(both, index.Find("shop/templates/both.yaml"));
    }

    [Fact]
    public void The_walk_stops_after_the_directory_budget()
    {
        Write("a/Chart.yaml", "name: a\n");
        Write("a/t.yaml");
        Write("b/Chart.yaml", "name: b\n");
        Write("b/t.yaml");
        // The root and a/ fit a budget of two; b/ does not.
        var index = HelmChartIndex.Build(Dir, 2);
        Assert.NotNull(index.Find("a/t.yaml"));
        Assert.Null(index.Find("b/t.yaml"));
        Assert.NotNull(HelmChartIndex.Build(Dir, 3).Find("b/t.yaml"));
        Assert.Null(HelmChartIndex.Build(Dir, 1).Find("a/t.yaml"));
    }

    [Fact]
    public void The_work_tree_is_the_nearest_directory_with_a_git_directory_or_file()
    {
        var inner = Directory.CreateDirectory(Path.Combine(Dir, "repo", "sub", "inner")).FullName;
        Assert.Equal(inner, WorkTree.RootOf(inner));
        Directory.CreateDirectory(Path.Combine(Dir, "repo", ".git"));
        Assert.Equal(Path.Combine(Dir, "repo"), WorkTree.RootOf(inner));
        File.WriteAllText(Path.Combine(Dir, "repo", "sub", ".git"), "gitdir: ../.git/worktrees/sub\n");
        Assert.Equal(Path.Combine(Dir, "repo", "sub"), WorkTree.RootOf(inner));
        Assert.Equal(Path.Combine(Dir, "repo", "sub"), WorkTree.RootOf(Path.Combine(Dir, "repo", "sub", "inner", "..")));
    }
}
