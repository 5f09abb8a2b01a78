using System.Text.Json;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Cli;

/// <summary>`check --baseline REPORT`: only findings that the previous report did not have.</summary>
public sealed class BaselineTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knl-baseline-" + Guid.NewGuid().ToString("N"));
    public BaselineTests() => Directory.CreateDirectory(_dir);
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private static string Orphan(string name, string app) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: shop
        spec:
          selector:
            app: {app}
          ports:
            - port: 80

        """.ReplaceLineEndings("\n");

    private string File_ => Path.Combine(_dir, "svc.yaml");

    private string Baseline(string format)
    {
        File.WriteAllText(File_, Orphan("orphan", "nobody"));
        var path = Path.Combine(_dir, "baseline." + format);
        Assert.Equal(0, CliRunner.Run("check", File_, "-f", format, "-o", path).ExitCode);
        return path;
    }

    private static List<JsonElement> Findings(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray()];

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void A_finding_moved_by_an_unrelated_edit_is_still_in_the_baseline(string format)
    {
        var baseline = Baseline(format);
        File.WriteAllText(File_, "# a comment\n# and another\n" + Orphan("orphan", "nobody"));
        var result = CliRunner.Run("check", File_, "--baseline", baseline, "--fail-on", "warning", "-f", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(Findings(result.Stdout));
        Assert.Equal(1, JsonDocument.Parse(result.Stdout).RootElement.GetProperty("summary").GetProperty("baselined").GetInt32());
    }

    [Fact]
    public void A_changed_message_on_the_same_field_is_still_in_the_baseline()
    {
        var baseline = Baseline("json");
        // The message names the selector's labels; the finding points at `selector:`, which did not change.
        File.WriteAllText(File_, Orphan("orphan", "ghost"));
        var result = CliRunner.Run("check", File_, "--baseline", baseline, "--fail-on", "warning");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("0 findings (0 errors, 0 warnings, 0 notes), 1 baselined", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_finding_is_reported_and_decides_the_exit_code()
    {
        var baseline = Baseline("json");
        File.WriteAllText(File_, Orphan("orphan", "nobody") + "---\n" + Orphan("second", "nobody2"));
        var result = CliRunner.Run("check", File_, "--baseline", baseline, "--fail-on", "warning", "-f", "json");
        Assert.Equal(1, result.ExitCode);
        var finding = Assert.Single(Findings(result.Stdout));
        Assert.Equal("second", finding.GetProperty("object").GetProperty("name").GetString());
    }

    [Fact]
    public void Sarif_marks_new_and_unchanged_results()
    {
        var baseline = Baseline("sarif");
        File.WriteAllText(File_, Orphan("orphan", "nobody") + "---\n" + Orphan("second", "nobody2"));
        var result = CliRunner.Run("check", File_, "--baseline", baseline, "-f", "sarif");
        var results = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["new", "unchanged"], results.Select(r => r.GetProperty("baselineState").GetString()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("baselineState", CliRunner.Run("check", File_, "-f", "sarif").Stdout, StringComparison.Ordinal);
    }

    /// <summary>SARIF 2.1.0 §3.27.24: a finding of the baseline that this run no longer has is a result
    /// with baselineState "absent", as the baseline reported it (rule, level, message, location, fingerprint).</summary>
    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("gitlab")]
    public void Sarif_lists_the_findings_that_disappeared_as_absent(string format)
    {
        File.WriteAllText(File_, Orphan("orphan", "nobody") + "---\n" + Orphan("second", "nobody2"));
        var baseline = Path.Combine(_dir, "baseline." + format);
        Assert.Equal(0, CliRunner.Run("check", File_, "-f", format, "-o", baseline).ExitCode);
        var before = JsonDocument.Parse(CliRunner.Run("check", File_, "-f", "sarif").Stdout).RootElement.GetProperty("runs")[0].GetProperty("results")
            .EnumerateArray().Single(r => r.GetProperty("message").GetProperty("text").GetString()!.Contains("nobody2", StringComparison.Ordinal));

        // The second Service is gone.
        File.WriteAllText(File_, Orphan("orphan", "nobody"));
        // Without --report-absent (the default, for GitHub code scanning, which does not read baselineState):
        // no absent result.
        Assert.DoesNotContain("\"absent\"", CliRunner.Run("check", File_, "--baseline", baseline, "-f", "sarif").Stdout, StringComparison.Ordinal);
        var result = CliRunner.Run("check", File_, "--baseline", baseline, "--report-absent", "-f", "sarif", "--fail-on", "warning");
        Assert.Equal(0, result.ExitCode);
        var results = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["absent", "unchanged"], results.Select(r => r.GetProperty("baselineState").GetString()).Order(StringComparer.Ordinal));
        var absent = results.Single(r => r.GetProperty("baselineState").GetString() == "absent");
        Assert.Equal("KNL101", absent.GetProperty("ruleId").GetString());
        Assert.Equal(before.GetProperty("partialFingerprints").GetRawText(), absent.GetProperty("partialFingerprints").GetRawText());
        var location = absent.GetProperty("locations")[0].GetProperty("physicalLocation");
        var expected = before.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal(expected.GetProperty("artifactLocation").GetProperty("uri").GetString(), location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(expected.GetProperty("region").GetProperty("startLine").GetInt32(), location.GetProperty("region").GetProperty("startLine").GetInt32());
        if (format != "gitlab")   // GitLab Code Quality keeps a shorter description and no level
        {
            Assert.Equal(before.GetProperty("message").GetProperty("text").GetString(), absent.GetProperty("message").GetProperty("text").GetString());
            Assert.Equal("warning", absent.GetProperty("level").GetString());
        }
        // Nothing is absent without a baseline, and with --context (only some files reported) nothing is called absent.
        Assert.DoesNotContain("\"baselineState\"", CliRunner.Run("check", File_, "-f", "sarif").Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"baselineState\": \"absent\"", CliRunner.Run("check", "--context", _dir, File_, "--baseline", baseline, "--report-absent", "-f", "sarif").Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "not JSON")]
    [InlineData("{\"findings\": [{\"ruleId\": \"KNL101\"}]}", "a finding without a fingerprint")]
    [InlineData("{\"something\": 1}", "neither a kubenetlint JSON report")]
    public void A_bad_baseline_is_a_usage_error(string content, string message)
    {
        File.WriteAllText(File_, Orphan("orphan", "nobody"));
        var bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, content);
        var result = CliRunner.Run("check", File_, "--baseline", bad);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--baseline {bad}: {message}", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
        Assert.Equal(2, CliRunner.Run("check", File_, "--baseline", Path.Combine(_dir, "missing.json")).ExitCode);
    }
}
