using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Integration;

/// <summary>`check --context DIR FILE…` (what the pre-commit hooks run): everything under DIR is one
/// world, only findings in the named files are reported. Uses the pre-commit round trip's fixtures.</summary>
public sealed class ContextTests
{
    private const string Fixtures = "testdata/integration/precommit";

    /// <summary>Every `changes/RULE` folder whose rule exists in this build (KNL101 joins once the Service rules do).</summary>
    public static TheoryData<string> BrokenChanges()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(Repo.Root, Fixtures, "changes")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (name != "clean" && RuleRegistry.Find(name) is not null) data.Add(name);
        }
        return data;
    }

    private static (TempDir Dir, string[] Changed) Checkout(string change)
    {
        var dir = new TempDir().CopyFrom($"{Fixtures}/repo").CopyFrom($"{Fixtures}/changes/{change}");
        var changed = Directory.GetFiles(Path.Combine(Repo.Root, Fixtures, "changes", change))
            .Select(f => dir.File(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToArray();
        return (dir, changed);
    }

    [Fact]
    public void A_clean_change_passes()
    {
        var (dir, changed) = Checkout("clean");
        using var _ = dir;
        var r = CliRunner.Run(["check", "--context", dir.Path, .. changed]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("0 findings", r.Stdout);
    }

    [Theory]
    [MemberData(nameof(BrokenChanges))]
    public void A_broken_change_reports_its_rule_in_the_changed_file(string rule)
    {
        var (dir, changed) = Checkout(rule);
        using var _ = dir;
        var r = CliRunner.Run(["check", "--context", dir.Path, "--fail-on", "warning", "--format", "json", .. changed]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"\"ruleId\": \"{rule}\"", r.Stdout);
        foreach (var file in Findings(r.Stdout)) Assert.Contains(file, changed);
    }

    [Fact]
    public void Without_context_the_changed_file_alone_misses_the_duplicate_in_the_other_file()
    {
        var (dir, changed) = Checkout("KNL004");
        using var _ = dir;
        Assert.Equal(0, CliRunner.Run(["check", .. changed]).ExitCode);
        Assert.Equal(1, CliRunner.Run(["check", "--context", dir.Path, .. changed]).ExitCode);
    }

    [Fact]
    public void Findings_outside_the_named_files_are_not_reported()
    {
        var (dir, _) = Checkout("KNL004");
        using var __ = dir;
        // The duplicate is reported at the second definition (web-service.yaml), not at service.yaml.
        var r = CliRunner.Run("check", "--context", dir.Path, dir.File("service.yaml"), dir.File("deployment.yaml"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("0 findings", r.Stdout);
    }

    [Fact]
    public void Context_without_paths_reports_everything()
    {
        var (dir, _) = Checkout("KNL004");
        using var __ = dir;
        var r = CliRunner.Run("check", "--context", dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("KNL004", r.Stdout);
    }

    [Fact]
    public void A_missing_context_directory_is_a_usage_error()
    {
        var r = CliRunner.Run("check", "--context", "no/such/dir", "testdata/examples");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--context 'no/such/dir': no such directory", r.Stderr);
    }

    private static IEnumerable<string> Findings(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("file").GetString()!);
}
