using System.Text.RegularExpressions;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules;

/// <summary>Runs every scenario under testdata/rules. A scenario is a file directly in a rule's folder,
/// or a sub-folder (all its files form one world, with an optional .kubenetlint.yaml). Each
/// `# expect: KNL101[, KNL102]` comment says which findings must point at that line; any missing,
/// extra or misplaced finding (of any rule) fails the scenario.</summary>
public sealed partial class FixtureTests
{
    public static string RulesDir => Path.Combine(Repo.TestData, "rules");

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var ruleDir in Directory.GetDirectories(RulesDir).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(ruleDir).Where(IsManifest).Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(Repo.Root, file).Replace('\\', '/'));
            foreach (var dir in Directory.GetDirectories(ruleDir).Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(Repo.Root, dir).Replace('\\', '/'));
        }
        return data;
    }

    private static bool IsManifest(string path) =>
        path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_findings_match_expectations(string scenario)
    {
        var config = LintConfig.Empty;
        var configPath = Path.Combine(scenario, LintConfig.FileName);
        if (Directory.Exists(scenario) && File.Exists(configPath))
            config = ConfigLoader.Load(configPath, k => RuleRegistry.Find(k)?.Info.Id);

        var result = Lint.Paths([scenario], config);
        var actual = result.Reported.Select(f => $"{f.Path}:{f.Line}: {f.RuleId}").Order(StringComparer.Ordinal).ToList();
        var expected = Expectations(scenario).Order(StringComparer.Ordinal).ToList();

        var missing = Subtract(expected, actual);
        var extra = Subtract(actual, expected);
        if (missing.Count == 0 && extra.Count == 0) return;
        var details = result.Reported.Select(f => $"  {f.Path}:{f.Line}:{f.Column}: {f.RuleId} {f.Message}");
        Assert.Fail($"scenario {scenario}\nmissing:\n  {string.Join("\n  ", missing)}\nextra:\n  {string.Join("\n  ", extra)}\nall findings:\n{string.Join("\n", details)}");
    }

    public static IEnumerable<string> Expectations(string scenario)
    {
        var files = Directory.Exists(scenario)
            ? Directory.GetFiles(scenario, "*", SearchOption.AllDirectories).Where(IsManifest).Where(f => Path.GetFileName(f) != LintConfig.FileName)
            : [scenario];
        foreach (var file in files)
        {
            var rel = Path.GetRelativePath(Repo.Root, file).Replace('\\', '/');
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                var m = ExpectComment().Match(lines[i]);
                if (!m.Success) continue;
                foreach (var id in m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    yield return $"{rel}:{i + 1}: {id}";
            }
        }
    }

    private static List<string> Subtract(List<string> a, List<string> b)
    {
        var rest = new List<string>(b);
        var result = new List<string>();
        foreach (var x in a)
            if (!rest.Remove(x)) result.Add(x);
        return result;
    }

    [GeneratedRegex(@"#\s*expect:\s*((?:KNL\d{3}\s*,?\s*)+)")]
    private static partial Regex ExpectComment();

    [Fact]
    public void Every_rule_has_a_positive_fixture_and_a_silent_twin()
    {
        var problems = new List<string>();
        foreach (var rule in RuleRegistry.All)
        {
            var dir = Path.Combine(RulesDir, rule.Info.Id);
            if (!Directory.Exists(dir)) { problems.Add($"{rule.Info.Id}: no folder testdata/rules/{rule.Info.Id}"); continue; }
            var scenarios = Directory.GetFiles(dir).Where(IsManifest).Concat(Directory.GetDirectories(dir)).ToList();
            var withIt = scenarios.Count(s => Expectations(Path.GetRelativePath(Repo.Root, s)).Any(e => e.EndsWith(": " + rule.Info.Id, StringComparison.Ordinal)));
            if (withIt == 0) problems.Add($"{rule.Info.Id}: no scenario expects it");
            if (withIt == scenarios.Count) problems.Add($"{rule.Info.Id}: no silent scenario (a correct twin of the mistake)");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
