using System.Text.Json;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Cli;

public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knl-cli-" + Guid.NewGuid().ToString("N"));
    public CheckCommandTests() => Directory.CreateDirectory(_dir);
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private const string Golden = "testdata/golden";

    [Theory]
    [InlineData("text", "check.txt")]
    [InlineData("json", "check.json")]
    [InlineData("github", "check.github.txt")]
    [InlineData("sarif", "check.sarif")]
    [InlineData("junit", "check.junit.xml")]
    [InlineData("gitlab", "check.gitlab.json")]
    [InlineData("md", "check.md")]
    public void Output_formats_match_their_golden_files(string format, string golden)
    {
        var result = CliRunner.Run("check", Golden, "--format", format);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stderr);
        // %SRCROOT% is where the repository is checked out: the one machine-dependent value.
        var stdout = result.Stdout.Replace(new Uri(Repo.Root.TrimEnd('/') + "/").AbsoluteUri, "file:///REPOSITORY/", StringComparison.Ordinal);
        Infrastructure.Golden.Assert(golden, stdout);
    }

    /// <summary>N Services whose selector selects nothing: one KNL101 warning each.</summary>
    private string Services(int n)
    {
        var path = Path.Combine(_dir, $"services-{n}.yaml");
        File.WriteAllText(path, string.Concat(Enumerable.Range(0, n).Select(i =>
            $"apiVersion: v1\nkind: Service\nmetadata: {{name: s{i}}}\nspec:\n  selector: {{app: none}}\n  ports: [{{port: 80}}]\n---\n")));
        return path;
    }

    [Theory]
    [InlineData(199)]
    [InlineData(200)]
    [InlineData(201)]
    public void The_markdown_summary_lists_at_most_200_findings_and_counts_the_rest(int findings)
    {
        var md = CliRunner.Run("check", Services(findings), "--format", "md").Stdout;
        var rows = md.Split('\n').Count(l => l.StartsWith("| ⚠️ warning | [KNL101](https://github.com/kubenetlint/kubenetlint/blob/main/rules/KNL101.md) `service-selector-matches-nothing` | `", StringComparison.Ordinal));
        Assert.Equal(Math.Min(findings, Core.Reporting.MarkdownReportWriter.MaxRows), rows);
        Assert.StartsWith($"### KubeNetLint\n\n{findings} findings (0 errors, {findings} warnings, 0 notes)", md);
        if (findings > 200) Assert.EndsWith($"\n… and {findings - 200} more; see the SARIF or text report for all of them.\n", md);
        else Assert.DoesNotContain("more; see the SARIF", md);
    }

    [Fact]
    public void A_clean_markdown_summary_is_a_check_mark_without_a_table()
    {
        var path = Path.Combine(_dir, "clean.yaml");
        File.WriteAllText(path, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n");
        var result = CliRunner.Run("check", path, "--format", "md");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("### KubeNetLint\n\n✅ 0 findings (0 errors, 0 warnings, 0 notes) in 1 file, 1 object.\n\n", result.Stdout);
    }

    [Fact]
    public void Sarif_has_the_parts_code_scanning_needs()
    {
        var result = CliRunner.Run("check", Golden, "--format", "sarif", "--sarif-category", "manifests");
        using var doc = JsonDocument.Parse(result.Stdout);
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
        var driver = run.GetProperty("tool").GetProperty("driver");
        var rules = driver.GetProperty("rules");
        Assert.Equal(Core.Rules.RuleRegistry.All.Count, rules.GetArrayLength());
        foreach (var rule in rules.EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("help").GetProperty("markdown").GetString()));
            Assert.StartsWith("https://", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal("manifests/", run.GetProperty("automationDetails").GetProperty("id").GetString());
        foreach (var r in run.GetProperty("results").EnumerateArray())
        {
            var index = r.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(rules[index].GetProperty("id").GetString(), r.GetProperty("ruleId").GetString());
            var loc = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("%SRCROOT%", loc.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
            Assert.StartsWith("testdata/golden/", loc.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
            Assert.True(loc.GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
            Assert.False(r.TryGetProperty("fingerprints", out _));
            Assert.True(r.GetProperty("partialFingerprints").EnumerateObject().Any());
            Assert.DoesNotContain("primaryLocationLineHash", r.GetProperty("partialFingerprints").GetRawText(), StringComparison.Ordinal);
        }
        var suppressed = run.GetProperty("results").EnumerateArray().Where(r => r.TryGetProperty("suppressions", out _)).ToList();
        Assert.Single(suppressed);
        Assert.Equal("inSource", suppressed[0].GetProperty("suppressions")[0].GetProperty("kind").GetString());
        Assert.Contains(run.GetProperty("results").EnumerateArray(), r => r.TryGetProperty("relatedLocations", out _));
    }

    [Fact]
    public void Fingerprints_survive_unrelated_edits_above_the_finding()
    {
        var a = Path.Combine(_dir, "a.yaml");
        var body = File.ReadAllText(Path.Combine(Golden, "more.yaml"));
        File.WriteAllText(a, body);
        var before = Fingerprints(CliRunner.Run("check", a, "--format", "sarif").Stdout);
        File.WriteAllText(a, "# a new comment\n# and another\n" + body);
        var after = Fingerprints(CliRunner.Run("check", a, "--format", "sarif").Stdout);
        Assert.NotEmpty(before);
        Assert.Equal(before, after);

        static List<string> Fingerprints(string sarif)
        {
            using var doc = JsonDocument.Parse(sarif);
            return [.. doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Select(r => r.GetProperty("partialFingerprints").GetProperty("kubenetlint/v1").GetString()!)];
        }
    }

    [Theory]
    [InlineData("error", 1)]
    [InlineData("warning", 1)]
    [InlineData("note", 1)]
    [InlineData("none", 0)]
    public void Fail_on_sets_the_exit_code(string failOn, int expected) =>
        Assert.Equal(expected, CliRunner.Run("check", Golden, "--fail-on", failOn).ExitCode);

    [Fact]
    public void Notes_alone_fail_only_with_fail_on_note()
    {
        var path = Path.Combine(_dir, "values.yaml");
        File.WriteAllText(path, "replicaCount: 1\n");
        Assert.Equal(0, CliRunner.Run("check", path).ExitCode);
        Assert.Equal(0, CliRunner.Run("check", path, "--fail-on", "warning").ExitCode);
        Assert.Equal(1, CliRunner.Run("check", path, "--fail-on", "note").ExitCode);
    }

    [Fact]
    public void Clean_input_exits_zero()
    {
        var path = Path.Combine(_dir, "ok.yaml");
        File.WriteAllText(path, "apiVersion: v1\nkind: Namespace\nmetadata: {name: fine}\n");
        var result = CliRunner.Run("check", path);
        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("0 findings (0 errors, 0 warnings, 0 notes) in 1 file, 1 object.\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_file_is_written_whole_or_not_at_all()
    {
        var output = Path.Combine(_dir, "out.sarif");
        var ok = CliRunner.Run("check", Golden, "--format", "sarif", "--output", output);
        Assert.Equal(1, ok.ExitCode);
        Assert.Equal("", ok.Stdout);
        using (JsonDocument.Parse(File.ReadAllText(output))) { }

        File.WriteAllText(output, "previous");
        var failed = CliRunner.Run("check", Path.Combine(_dir, "missing"), "--format", "sarif", "--output", output);
        Assert.Equal(2, failed.ExitCode);
        Assert.Equal("previous", File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Output_into_a_missing_directory_is_exit_2()
    {
        var result = CliRunner.Run("check", Golden, "--output", Path.Combine(_dir, "no", "such", "out.txt"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown: 1\n", "unknown setting 'unknown'", 1, 1)]
    [InlineData("rules:\n  KNL999: off\n", "unknown rule 'KNL999'", 2, 3)]
    [InlineData("rules:\n  KNL001: loud\n", "not 'loud'", 2, 11)]
    [InlineData("nodePortRange: 40000-30000\n", "nodePortRange must look like", 1, 16)]
    [InlineData("ignore: []\nkubernetesVersion: \"1.x\"\n", "kubernetesVersion must be a Kubernetes release", 2, 20)]
    [InlineData("ignore: {a: b}\n", "'ignore' must be a list", 1, 9)]
    [InlineData("rules: [\n", "invalid YAML", 1, 8)]
    [InlineData("externalConfigMaps: [corp-ca]\n", "externalConfigMaps entries are namespace/name", 1, 22)]
    public void Malformed_config_is_exit_2_with_its_position(string config, string message, int line, int column)
    {
        var path = Path.Combine(_dir, ".kubenetlint.yaml");
        File.WriteAllText(path, config);
        File.WriteAllText(Path.Combine(_dir, "ok.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: fine}\n");
        var result = CliRunner.Run("check", _dir);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($".kubenetlint.yaml:{line}:{column}: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_disables_rules_changes_levels_and_ignores_paths()
    {
        File.WriteAllText(Path.Combine(_dir, "values.yaml"), "replicaCount: 1\n");
        Directory.CreateDirectory(Path.Combine(_dir, "vendor"));
        File.WriteAllText(Path.Combine(_dir, "vendor", "broken.yaml"), "a: [\n");
        File.WriteAllText(Path.Combine(_dir, "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {n: 1}}\n");
        File.WriteAllText(Path.Combine(_dir, ".kubenetlint.yaml"), "rules:\n  not-a-kubernetes-object: off\n  KNL005: warning\nignore:\n  - vendor/\n");
        var result = CliRunner.Run("check", _dir, "--format", "json");
        using var doc = JsonDocument.Parse(result.Stdout);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => $"{f.GetProperty("ruleId").GetString()}:{f.GetProperty("level").GetString()}").ToList();
        Assert.Equal(["KNL005:warning"], findings);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Explicit_config_file_must_exist()
    {
        var result = CliRunner.Run("check", Golden, "--config", Path.Combine(_dir, "nope.yaml"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("config file not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Stdin_is_read_with_a_dash()
    {
        var result = CliRunner.RunWithStdin("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {n: 1}}\n", "check", "-");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("<stdin>:3:33: error KNL005 invalid-field-type:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_are_exit_2()
    {
        Assert.Equal(2, CliRunner.Run("check", "--format", "xml").ExitCode);
        Assert.Equal(2, CliRunner.Run("check", "--bogus").ExitCode);
        Assert.Equal(2, CliRunner.Run("frobnicate").ExitCode);
    }

    [Fact]
    public void Help_describes_every_option()
    {
        var help = CliRunner.Run("check", "--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var option in new[] { "--format", "--output", "--config", "--fail-on", "--namespace", "--sarif-category" })
            Assert.Contains(option, help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_command_lists_the_catalogue_in_three_formats()
    {
        var text = CliRunner.Run("rules");
        Assert.Contains("KNL001  error    yaml-syntax-error", text.Stdout, StringComparison.Ordinal);
        var md = CliRunner.Run("rules", "--format", "md");
        Assert.StartsWith("| id | name | level | finds |", md.Stdout, StringComparison.Ordinal);
        var json = CliRunner.Run("rules", "--format", "json");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(Core.Rules.RuleRegistry.All.Count, doc.RootElement.GetArrayLength());
    }

    [Fact]
    public void Secret_values_never_reach_any_output()
    {
        var path = Path.Combine(_dir, "secret.yaml");
        File.WriteAllText(path, "apiVersion: v1\nkind: Secret\nmetadata: {name: s, labels: {n: 1}}\ndata:\n  password: c3VwZXJzZWNyZXQ=\nstringData:\n  token: hunter2-plain\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n");
        foreach (var format in new[] { "text", "json", "github", "sarif" })
        {
            var output = CliRunner.Run("check", path, "--format", format).Stdout;
            Assert.DoesNotContain("c3VwZXJzZWNyZXQ=", output, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
        }
    }
}
