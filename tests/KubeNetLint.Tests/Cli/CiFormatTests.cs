using System.Text.Json;
using System.Xml.Linq;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Cli;

/// <summary>`--format junit` and `--format gitlab`: well-formed, escaped, with the SARIF fingerprints.</summary>
public sealed class CiFormatTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knl-ci-" + Guid.NewGuid().ToString("N"));
    public CiFormatTests() => Directory.CreateDirectory(_dir);
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private const string Golden = "testdata/golden";

    [Fact]
    public void Junit_has_a_suite_per_rule_a_case_per_rule_and_file_and_a_failure_per_finding()
    {
        var result = CliRunner.Run("check", Golden, "-f", "junit");
        var doc = XDocument.Parse(result.Stdout);
        var json = JsonDocument.Parse(CliRunner.Run("check", Golden, "-f", "json").Stdout);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var visible = findings.Where(f => !f.GetProperty("suppressed").GetBoolean()).ToList();
        Assert.Equal(visible.Count, doc.Descendants("failure").Count());
        Assert.Equal(findings.Select(f => f.GetProperty("ruleId").GetString()).Distinct().Count(), doc.Descendants("testsuite").Count());
        Assert.Equal(findings.Select(f => (f.GetProperty("ruleId").GetString(), f.GetProperty("file").GetString())).Distinct().Count(),
            doc.Descendants("testcase").Count());
        Assert.Equal(doc.Descendants("failure").Count(), doc.Descendants("testcase").Count(c => c.Element("failure") is not null)
            + doc.Descendants("testcase").Sum(c => Math.Max(0, c.Elements("failure").Count() - 1)));
        Assert.Equal(doc.Descendants("testcase").Count(c => c.Element("failure") is not null).ToString(System.Globalization.CultureInfo.InvariantCulture),
            doc.Root!.Attribute("failures")!.Value);
        foreach (var failure in doc.Descendants("failure"))
            Assert.Matches(@"^testdata/golden/[^:]+:\d+:\d+: (error|warning|note) KNL\d{3} ", failure.Value);
    }

    [Fact]
    public void Junit_escapes_markup_and_drops_characters_xml_cannot_hold()
    {
        // A Service name with markup and a label with a control character: both reach messages.
        var file = Path.Combine(_dir, "odd.yaml");
        File.WriteAllText(file, "apiVersion: v1\nkind: Service\nmetadata:\n  name: \"a<b>&c\\u0001\"\n  namespace: x\nspec:\n  selector:\n    app: \"<nobody>&\"\n  ports:\n    - port: 80\n");
        var result = CliRunner.Run("check", file, "-f", "junit");
        var doc = XDocument.Parse(result.Stdout);
        Assert.NotEmpty(doc.Descendants("failure"));
        Assert.Contains(doc.Descendants("failure"), f => f.Value.Contains('<', StringComparison.Ordinal) || f.Value.Contains('&', StringComparison.Ordinal));
    }

    [Fact]
    public void Junit_without_findings_has_one_passing_case()
    {
        var file = Path.Combine(_dir, "cm.yaml");
        File.WriteAllText(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: x\n");
        var result = CliRunner.Run("check", file, "-f", "junit");
        Assert.Equal(0, result.ExitCode);
        var doc = XDocument.Parse(result.Stdout);
        Assert.Single(doc.Descendants("testcase"));
        Assert.Empty(doc.Descendants("failure"));
    }

    [Fact]
    public void Gitlab_issues_carry_the_sarif_fingerprints_and_levels()
    {
        using var gitlab = JsonDocument.Parse(CliRunner.Run("check", Golden, "-f", "gitlab").Stdout);
        using var sarif = JsonDocument.Parse(CliRunner.Run("check", Golden, "-f", "sarif").Stdout);
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => !r.TryGetProperty("suppressions", out _)).ToList();
        var issues = gitlab.RootElement.EnumerateArray().ToList();
        Assert.Equal(results.Count, issues.Count);
        for (int i = 0; i < issues.Count; i++)
        {
            Assert.Equal(results[i].GetProperty("partialFingerprints").GetProperty("kubenetlint/v1").GetString(), issues[i].GetProperty("fingerprint").GetString());
            Assert.Equal(results[i].GetProperty("ruleId").GetString(), issues[i].GetProperty("check_name").GetString());
            var level = results[i].GetProperty("level").GetString();
            Assert.Equal(level switch { "error" => "critical", "warning" => "major", _ => "info" }, issues[i].GetProperty("severity").GetString());
            var location = issues[i].GetProperty("location");
            Assert.Equal(results[i].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(),
                location.GetProperty("path").GetString());
            Assert.True(location.GetProperty("lines").GetProperty("begin").GetInt32() >= 1);
        }
        Assert.Equal(issues.Count, issues.Select(i => i.GetProperty("fingerprint").GetString()).Distinct().Count());
    }

    [Fact]
    public void Report_accepts_the_ci_formats()
    {
        var junit = Path.Combine(_dir, "out.xml");
        var gitlab = Path.Combine(_dir, "gl.json");
        var result = CliRunner.Run("check", Golden, "--report", $"junit={junit}", "--report", $"gitlab={gitlab}");
        Assert.Equal(1, result.ExitCode);
        XDocument.Load(junit);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(File.ReadAllText(gitlab)).RootElement.ValueKind);
    }
}
