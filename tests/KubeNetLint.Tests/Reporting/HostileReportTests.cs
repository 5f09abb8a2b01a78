using System.Text.Json;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Reporting;

/// <summary>Issue #16 items 6 and 8: SARIF regions inside the text; long values cut in messages.</summary>
public sealed class HostileReportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knl-report-" + Guid.NewGuid().ToString("N"));
    public HostileReportTests() => Directory.CreateDirectory(_dir);
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    [Theory]
    // A selector at the end of a file without a final newline: the mapping's end mark is on a line that does not exist.
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  selector:\n    app: y")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n  name: [a")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n  name: \"abc")]
    [InlineData("just text")]
    [InlineData("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: x\nspec:\n  podSelector:\n    matchLabels:\n      app: zz\n  ingress:\n  - from:\n    - podSelector: {}")]
    public void Sarif_regions_stay_inside_a_file_without_a_final_newline(string text)
    {
        var path = Path.Combine(_dir, "m.yaml");
        File.WriteAllText(path, text);
        var lines = text.Split('\n');
        var result = CliRunner.Run("check", path, "--format", "sarif", "--fail-on", "none");
        using var doc = JsonDocument.Parse(result.Stdout);
        var results = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var r in results)
        {
            var region = r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
            int startLine = region.GetProperty("startLine").GetInt32(), endLine = region.GetProperty("endLine").GetInt32();
            int startColumn = region.GetProperty("startColumn").GetInt32(), endColumn = region.GetProperty("endColumn").GetInt32();
            var where = $"{r.GetProperty("ruleId").GetString()} {startLine}:{startColumn}-{endLine}:{endColumn}";
            Assert.InRange(startLine, 1, lines.Length);
            Assert.InRange(endLine, startLine, lines.Length);
            Assert.True(startColumn >= 1 && startColumn <= lines[startLine - 1].Length + 1, where);
            Assert.True(endColumn >= 1 && endColumn <= lines[endLine - 1].Length + 1, where);
            if (endLine == startLine) Assert.True(endColumn >= startColumn, where);
        }
    }

    [Fact]
    public void A_huge_value_is_cut_in_every_message_but_the_position_spans_it_whole()
    {
        var v = new string('v', 1_000_000);
        var yaml = $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels:
                  app: "{v}"
              template:
                metadata:
                  labels:
                    app: "{v}x"
                spec:
                  containers:
                  - name: web
                    image: nginx
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: "{v}"
            spec:
              selector:
                app: "{v}"
              ports:
              - port: {v}
            """;
        var path = Path.Combine(_dir, "big.yaml");
        File.WriteAllText(path, yaml);
        var lint = Lint.Paths([path]);
        Assert.True(lint.Findings.Count >= 4);
        foreach (var f in lint.Findings)
        {
            Assert.True(f.Message.Length <= 1000, $"{f.RuleId}: {f.Message.Length} characters");
            Assert.All(f.Related, r => Assert.True(r.Message.Length <= 1000));
        }
        Assert.Contains(lint.Findings, f => f.Message.Contains("vvv…", StringComparison.Ordinal));
        // The Service name finding still spans the whole (quoted) name.
        var name = Assert.Single(lint.Findings, f => f.RuleId == "KNL114");
        Assert.Equal(v.Length + 2, name.Location.Span.EndColumn - name.Location.Span.StartColumn);

        foreach (var format in new[] { "text", "json", "sarif", "github", "md" })
        {
            var result = CliRunner.Run("check", path, "--format", format);
            // SARIF also carries every rule's documentation (a fixed ~230 KB): only its results count here.
            var report = format == "sarif"
                ? JsonDocument.Parse(result.Stdout).RootElement.GetProperty("runs")[0].GetProperty("results").GetRawText()
                : result.Stdout;
            Assert.True(report.Length < 200_000, $"{format}: {report.Length} characters");
        }
    }
}
