using System.Text.Json;
using KubeNetLint.Cli;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Cli;

/// <summary>Mistyped options and commands, -f/-o everywhere, --only/--enable/--disable, and suppression
/// comments with a reason.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knl-cmdline-" + Guid.NewGuid().ToString("N"));
    public CommandLineTests() => Directory.CreateDirectory(_dir);
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    // A Service whose selector matches nothing (KNL101, a warning) and one with an invalid port name.
    private const string Orphan = """
        apiVersion: v1
        kind: Service
        metadata:
          name: orphan
          namespace: shop
        spec:
          selector:
            app: nobody
          ports:
            - port: 80
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        return path;
    }

    [Theory]
    [InlineData("check --formt json", "unknown option '--formt' (did you mean --format?)")]
    [InlineData("check --outptu x.json", "unknown option '--outptu' (did you mean --output?)")]
    [InlineData("matrix --fromat json", "unknown option '--fromat' (did you mean --format?)")]
    [InlineData("rules --formt md", "unknown option '--formt' (did you mean --format?)")]
    [InlineData("chek", "unknown command 'chek' (did you mean check?)")]
    [InlineData("check --zzzzzzzz", "unknown option '--zzzzzzzz'\n")]
    [InlineData("check --format jsn", "--format 'jsn' is not one of text, json, github, sarif, md, junit, gitlab, html (did you mean json?)")]
    [InlineData("check --fail-on=warn", "--fail-on 'warn' is not one of error, warning, note, none (did you mean warning?)")]
    public void Unknown_options_and_commands_are_usage_errors_with_a_suggestion(string args, string expected)
    {
        var result = CliRunner.Run(args.Split(' '));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("kubenetlint: error: " + expected, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("no such file", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_dash_alone_is_standard_input_and_after_a_double_dash_anything_is_a_path()
    {
        Assert.Equal(1, CliRunner.RunWithStdin(Orphan, "check", "-", "--fail-on", "warning").ExitCode);
        var result = CliRunner.Run("check", "--", "-not-an-option");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'-not-an-option': no such file or directory", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_format_and_output_work_on_every_command_that_writes()
    {
        var file = Write("svc.yaml", Orphan);
        var rules = Path.Combine(_dir, "rules.json");
        Assert.Equal(0, CliRunner.Run("rules", "-f", "json", "-o", rules).ExitCode);
        JsonDocument.Parse(File.ReadAllText(rules)).Dispose();
        var check = Path.Combine(_dir, "check.json");
        Assert.Equal(0, CliRunner.Run("check", file, "-f", "json", "-o", check).ExitCode);
        Assert.Contains("KNL101", File.ReadAllText(check), StringComparison.Ordinal);
        var matrix = Path.Combine(_dir, "matrix.json");
        Assert.Equal(0, CliRunner.Run("matrix", file, "-f", "json", "-o", matrix).ExitCode);
        JsonDocument.Parse(File.ReadAllText(matrix)).Dispose();
    }

    [Fact]
    public void Only_enable_and_disable_choose_the_rules_by_id_or_name()
    {
        var file = Write("svc.yaml", Orphan);
        Assert.Contains("KNL101", CliRunner.Run("check", file).Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("KNL101", CliRunner.Run("check", file, "--disable", "KNL101").Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("KNL101", CliRunner.Run("check", file, "--disable", "service-selector-matches-nothing").Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("KNL101", CliRunner.Run("check", file, "--only", "KNL102").Stdout, StringComparison.Ordinal);
        var only = CliRunner.Run("check", file, "--only", "KNL101", "-f", "json");
        using var doc = JsonDocument.Parse(only.Stdout);
        Assert.All(doc.RootElement.GetProperty("findings").EnumerateArray(), f => Assert.Equal("KNL101", f.GetProperty("ruleId").GetString()));
        Assert.NotEmpty(doc.RootElement.GetProperty("findings").EnumerateArray());
        // Disabled in the config, enabled on the command line.
        Write(".kubenetlint.yaml", "rules:\n  KNL101: off\n");
        Assert.DoesNotContain("KNL101", CliRunner.Run("check", file).Stdout, StringComparison.Ordinal);
        Assert.Contains("KNL101", CliRunner.Run("check", file, "--enable", "KNL101").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_rule_is_a_usage_error_with_a_suggestion()
    {
        var result = CliRunner.Run("check", Write("svc.yaml", Orphan), "--disable", "KNL1O1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--disable KNL1O1: no such rule (did you mean KNL101?)", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  selector: # kubenetlint:ignore KNL101 -- served by the mesh\n", "selector:")]
    [InlineData("  # kubenetlint:ignore KNL101 -- served by the mesh\n", "  selector:")]
    [InlineData("# kubenetlint:ignore service-selector-matches-nothing -- served by the mesh\n", "apiVersion: v1")]
    public void A_suppression_comment_carries_its_reason_to_sarif(string comment, string before)
    {
        var text = Orphan.ReplaceLineEndings("\n");
        // The comment goes on the finding's line, on the line before it, or above the object.
        text = before == "selector:" ? text.Replace("  selector:\n", comment, StringComparison.Ordinal)
             : text.Replace(before + "\n", comment + before + "\n", StringComparison.Ordinal);
        var file = Write("svc.yaml", text);
        var result = CliRunner.Run("check", file, "-f", "sarif", "--fail-on", "warning");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var finding = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("ruleId").GetString() == "KNL101");
        var suppression = finding.GetProperty("suppressions")[0];
        Assert.Equal("inSource", suppression.GetProperty("kind").GetString());
        Assert.Equal("served by the mesh", suppression.GetProperty("justification").GetString());
    }

    [Fact]
    public void A_comment_for_another_rule_or_in_a_value_suppresses_nothing()
    {
        var file = Write("svc.yaml", Orphan.Replace("  selector:", "  # kubenetlint:ignore KNL102\n  selector:", StringComparison.Ordinal)
            .Replace("name: orphan", "name: orphan\n  annotations:\n    note: \"a#kubenetlint:ignore KNL101\"", StringComparison.Ordinal));
        Assert.Equal(1, CliRunner.Run("check", file, "--fail-on", "warning").ExitCode);
    }

    [Fact]
    public void The_annotation_takes_a_reason_too()
    {
        var file = Write("svc.yaml", Orphan.Replace("name: orphan", "name: orphan\n  annotations:\n    kubenetlint.io/ignore: \"KNL101 -- served by the mesh\"", StringComparison.Ordinal));
        var result = CliRunner.Run("check", file, "-f", "sarif", "--fail-on", "warning");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"justification\": \"served by the mesh\"", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--formt", "--format")]
    [InlineData("chekc", "check")]
    [InlineData("KNL1O1", "KNL101")]
    [InlineData("matr", "matrix")]
    [InlineData("xml", null)]
    public void Suggestions_find_the_closest_word(string typed, string? expected) =>
        Assert.Equal(expected, Suggestions.Closest(typed, ["--format", "--output", "check", "matrix", "KNL101", "KNL201"]));
}
