using System.Text.Json;
using KubeNetLint.Cli.Commands;
using KubeNetLint.Core;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Integration;

/// <summary>The Markdown summary (GitHub job summary, PR comments), `--report FORMAT=FILE`, and `--version`.</summary>
public sealed class ReportTests
{
    private static Finding Make(Level level, string id, string message, int line, string path = "k8s/svc.yaml") => new()
    {
        RuleId = id,
        RuleName = "some-rule",
        Level = level,
        Message = message,
        Location = new SourceLocation(new SourceFile { Path = path, FullPath = Path.Combine(Repo.Root, path) }, SourceSpan.At(line, 3)),
    };

    private static string Markdown(IReadOnlyList<Finding> findings)
    {
        var context = new ReportContext
        {
            Findings = findings,
            Rules = RuleRegistry.All.Select(r => r.Info).ToList(),
            ToolVersion = "1.2.3",
            SourceRoot = Repo.Root,
            FileCount = 2,
            ObjectCount = 3,
        };
        var output = new StringWriter { NewLine = "\n" };
        new MarkdownReportWriter().Write(context, output);
        return output.ToString();
    }

    [Fact]
    public void Summary_lists_findings_most_severe_first_in_a_safe_table()
    {
        var md = Markdown([
            Make(Level.Note, "KNL002", "A note.", 1),
            Make(Level.Error, "KNL001", "Broken | pipe,\nnew line, <b>html</b> and `code`.", 5),
            Make(Level.Warning, "KNL999", "A warning.", 9, "odd|name.yaml"),
        ]);
        Assert.Equal("""
            ### KubeNetLint

            3 findings (1 error, 1 warning, 1 note) in 2 files, 3 objects.

            | level | rule | location | message |
            |---|---|---|---|
            | ❌ error | [KNL001](https://github.com/kubenetlint/kubenetlint/blob/main/rules/KNL001.md) `some-rule` | `k8s/svc.yaml:5:3` | Broken \| pipe, new line, &lt;b&gt;html&lt;/b&gt; and 'code'. |
            | ⚠️ warning | KNL999 `some-rule` | `odd\|name.yaml:9:3` | A warning. |
            | ℹ️ note | [KNL002](https://github.com/kubenetlint/kubenetlint/blob/main/rules/KNL002.md) `some-rule` | `k8s/svc.yaml:1:3` | A note. |

            """.Replace("\r", ""), md);
    }

    [Fact]
    public void Summary_without_findings_is_one_line()
    {
        Assert.Equal("### KubeNetLint\n\n✅ 0 findings (0 errors, 0 warnings, 0 notes) in 2 files, 3 objects.\n\n", Markdown([]));
    }

    [Fact]
    public void Long_summaries_are_cut()
    {
        var md = Markdown([.. Enumerable.Range(1, MarkdownReportWriter.MaxRows + 5).Select(i => Make(Level.Error, "KNL001", "Bad.", i))]);
        Assert.Equal(MarkdownReportWriter.MaxRows, md.Split('\n').Count(l => l.StartsWith("| ❌", StringComparison.Ordinal)));
        Assert.Contains("… and 5 more", md);
    }

    [Fact]
    public void Report_option_writes_extra_formats_from_the_same_run()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("check", "testdata/golden/more.yaml", "--format", "text",
            "--report", $"sarif={dir.File("out.sarif")}", "--report", $"md={dir.File("summary.md")}", "--report", $"json={dir.File("out.json")}");
        Assert.Equal(1, r.ExitCode);
        int count = r.Stdout.Split('\n').Count(l => l.Contains(" KNL005 ", StringComparison.Ordinal));
        Assert.True(count > 0);
        var sarif = JsonDocument.Parse(File.ReadAllText(dir.File("out.sarif")));
        Assert.Equal(count, sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
        Assert.Contains(Core.Reporting.Summary.Plural(count, "finding") + $" ({Core.Reporting.Summary.Plural(count, "error")}", File.ReadAllText(dir.File("summary.md")));
        Assert.Equal(count, JsonDocument.Parse(File.ReadAllText(dir.File("out.json"))).RootElement.GetProperty("summary").GetProperty("errors").GetInt32());
    }

    [Theory]
    [InlineData("sarif")]
    [InlineData("yaml=out.yaml")]
    [InlineData("md=")]
    public void A_malformed_report_option_is_a_usage_error_and_writes_nothing(string value)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("check", "testdata/examples", "--output", dir.File("main.txt"), "--report", value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("expected FORMAT=FILE", r.Stderr);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Version_is_the_semantic_version_that_sarif_carries()
    {
        var version = CliRunner.Run("--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?( \(commit [0-9a-f]{7,40}\))?\n$", version.Stdout);
        var printed = version.Stdout.Trim().Split(' ')[0];
        var sarif = JsonDocument.Parse(CliRunner.Run("check", "testdata/examples", "--format", "sarif").Stdout);
        var driver = sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
        Assert.Equal(printed, driver.GetProperty("semanticVersion").GetString());
        Assert.Equal(CommonOptions.ToolVersion, printed);
    }
}
