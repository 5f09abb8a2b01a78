using System.Text.Json;
using System.Text.RegularExpressions;
using KubeNetLint.Core;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Reporting.Html;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Tests.Reporting;

/// <summary>The data of the `check --format html` page, written directly: counts, related places, source excerpts.</summary>
public sealed class HtmlReportWriterTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "knl-html-root");

    private static SourceFile File_(string text) => new() { Path = "m.yaml", FullPath = Path.Combine(Root, "m.yaml"), Text = text };

    private static Finding At(SourceFile file, SourceSpan span, bool suppressed = false, IReadOnlyList<RelatedLocation>? related = null) => new()
    {
        RuleId = "KNL101", RuleName = "x", Level = Level.Warning, Message = "m.", Location = new SourceLocation(file, span),
        Suppressed = suppressed, Related = related ?? [],
    };

    private static JsonElement Data(IReadOnlyList<Finding> findings, IReadOnlyList<Finding>? baselined = null)
    {
        var sw = new StringWriter();
        new HtmlReportWriter().Write(new ReportContext { Findings = findings, Rules = [], ToolVersion = "1", SourceRoot = Root, Baselined = baselined }, sw);
        var m = Regex.Match(sw.ToString(), "<script type=\"application/json\" id=\"knl-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(m.Success);
        return JsonDocument.Parse(m.Groups[1].Value).RootElement.Clone();
    }

    private static string Lines(string n) => string.Join("\n", Enumerable.Range(1, int.Parse(n)).Select(i => $"l{i}"));

    [Fact]
    public void Counts_give_suppressed_and_baselined_findings()
    {
        var file = File_("a\nb\nc");
        var data = Data([At(file, SourceSpan.At(1, 1)), At(file, SourceSpan.At(2, 1), suppressed: true), At(file, SourceSpan.At(3, 1))],
            baselined: [At(file, SourceSpan.At(1, 1)), At(file, SourceSpan.At(2, 1))]);
        var counts = data.GetProperty("counts");
        Assert.Equal(2, counts.GetProperty("warning").GetInt32());
        Assert.Equal(1, counts.GetProperty("suppressed").GetInt32());
        Assert.Equal(2, counts.GetProperty("baselined").GetInt32());
        Assert.Equal(0, Data([At(file, SourceSpan.At(1, 1))]).GetProperty("counts").GetProperty("baselined").GetInt32());
    }

    [Fact]
    public void Related_places_are_listed_only_when_there_are_some()
    {
        var file = File_("a\nb\nc");
        var other = new SourceFile { Path = "o.yaml", FullPath = Path.Combine(Root, "o.yaml"), Text = "x\ny" };
        var findings = Data([
            At(file, SourceSpan.At(1, 1), related: [new RelatedLocation(new SourceLocation(other, SourceSpan.At(2, 1)), "first"),
                new RelatedLocation(new SourceLocation(file, SourceSpan.At(3, 1)), "second")]),
            At(file, SourceSpan.At(2, 1)),
        ]).GetProperty("findings");
        Assert.Equal("[{\"file\":\"o.yaml\",\"line\":2,\"message\":\"first\"},{\"file\":\"m.yaml\",\"line\":3,\"message\":\"second\"}]",
            findings[0].GetProperty("related").GetRawText());
        Assert.False(findings[1].TryGetProperty("related", out _));
    }

    [Theory]
    // Three lines of context on each side, cut to the file.
    [InlineData("20", 10, 10, 7, "l7,l8,l9,l10,l11,l12,l13")]
    [InlineData("20", 2, 2, 1, "l1,l2,l3,l4,l5")]
    [InlineData("20", 19, 20, 16, "l16,l17,l18,l19,l20")]
    // A long span shows its first 8 lines, then the context.
    [InlineData("30", 5, 25, 2, "l2,l3,l4,l5,l6,l7,l8,l9,l10,l11,l12,l13,l14,l15")]
    [InlineData("30", 5, 12, 2, "l2,l3,l4,l5,l6,l7,l8,l9,l10,l11,l12,l13,l14,l15")]
    [InlineData("30", 5, 11, 2, "l2,l3,l4,l5,l6,l7,l8,l9,l10,l11,l12,l13,l14")]
    [InlineData("1", 1, 1, 1, "l1")]
    public void The_source_excerpt_is_the_span_and_three_lines_around_it(string lineCount, int start, int end, int first, string lines)
    {
        var finding = Data([At(File_(Lines(lineCount)), new SourceSpan(start, 1, end, 2))]).GetProperty("findings")[0];
        var source = finding.GetProperty("source");
        Assert.Equal(first, source.GetProperty("first").GetInt32());
        Assert.Equal(lines, string.Join(",", source.GetProperty("lines").EnumerateArray().Select(l => l.GetString())));
    }

    [Fact]
    public void Long_source_lines_are_cut_after_400_characters()
    {
        var at400 = new string('a', 400);
        var at401 = new string('b', 401);
        var lines = Data([At(File_(at400 + "\n" + at401), SourceSpan.At(1, 1))]).GetProperty("findings")[0].GetProperty("source").GetProperty("lines");
        Assert.Equal(at400, lines[0].GetString());
        Assert.Equal(new string('b', 400) + "…", lines[1].GetString());
    }
}
