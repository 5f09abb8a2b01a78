using System.Text;
using KubeNetLint.Core.Loading;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Loading;

/// <summary>Hostile input: each case gives a finding with file and line (or a clear error), never a
/// crash or a hang, and the rest of the input is still linted.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knl-bad-" + Guid.NewGuid().ToString("N"));

    public BadInputTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private const string Healthy = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, labels: {n: 1}}\n";

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The healthy file's KNL005 proves the rest of the input was linted.</summary>
    private List<string> LintWithHealthy(params string[] extra)
    {
        Write("healthy.yaml", Healthy);
        var result = Lint.Paths([_dir]);
        var brief = result.Reported.Select(f => $"{Path.GetFileName(f.Path)}:{f.Line} {f.RuleId}").ToList();
        Assert.Contains("healthy.yaml:3 KNL005", brief);
        return brief;
    }

    [Fact]
    public void Alias_bomb_is_reported_not_expanded()
    {
        var sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 12; i++)
            sb.Append($"  a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        Write("bomb.yaml", sb.ToString());
        Assert.Contains("bomb.yaml:1 KNL001", LintWithHealthy());
    }

    [Theory]
    [InlineData("flow-seq", "[", "]")]
    [InlineData("flow-map", "{a: ", "}")]
    public void Twenty_thousand_levels_of_flow_nesting_hit_the_depth_limit(string name, string open, string close)
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\nx: " +
                   string.Concat(Enumerable.Repeat(open, 20_000)) + "1" + string.Concat(Enumerable.Repeat(close, 20_000)) + "\n";
        Write(name + ".yaml", text);
        Assert.Contains($"{name}.yaml:4 KNL001", LintWithHealthy());
    }

    [Fact]
    public void Twenty_thousand_levels_of_block_nesting_hit_the_depth_limit()
    {
        Write("block.yaml", string.Concat(Enumerable.Repeat("- ", 20_000)) + "x\n");
        Assert.Contains("block.yaml:1 KNL001", LintWithHealthy());
    }

    [Fact]
    public void Multi_megabyte_lines_are_read()
    {
        Write("long.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  annotations:\n    blob: \"" + new string('x', 6_000_000) +
                           "\"\n---\napiVersion: v1\nkind: Service\nmetadata: {name: after}\nspec: {ports: 80}\n");
        Assert.Contains("long.yaml:11 KNL005", LintWithHealthy());
    }

    [Fact]
    public void Empty_and_whitespace_files_give_nothing()
    {
        Write("empty.yaml", "");
        Write("blank.yml", "\n\n   \n");
        Write("comments.yaml", "# only a comment\n");
        Assert.Equal(["healthy.yaml:3 KNL005"], LintWithHealthy());
    }

    [Fact]
    public void Binary_non_utf8_and_utf16_files()
    {
        File.WriteAllBytes(Path.Combine(_dir, "image.yaml"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]);
        File.WriteAllBytes(Path.Combine(_dir, "latin1.yaml"), Encoding.Latin1.GetBytes("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\u00e9\n"));
        File.WriteAllBytes(Path.Combine(_dir, "utf16.yaml"), [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("apiVersion: v1\nkind: Service\nmetadata: {name: u}\nspec: {ports: 80}\n")]);
        var brief = LintWithHealthy();
        Assert.Contains("image.yaml:3 KNL006", brief); // the line of the first NUL byte
        Assert.Contains("latin1.yaml:4 KNL006", brief);
        Assert.Contains("utf16.yaml:4 KNL005", brief);
    }

    [Fact]
    public void Scalar_and_list_documents_are_not_objects()
    {
        Write("scalar.yaml", "hello\n---\n- a\n- b\n---\n42\n");
        var brief = LintWithHealthy();
        Assert.Equal(3, brief.Count(b => b.StartsWith("scalar.yaml", StringComparison.Ordinal) && b.EndsWith("KNL002", StringComparison.Ordinal)));
    }

    [Fact]
    public void Broken_document_does_not_hide_the_next_one_in_the_same_file()
    {
        Write("mixed.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [unclosed\n---\n" + Healthy.Replace("name: ok", "name: second"));
        var brief = LintWithHealthy();
        Assert.Contains("mixed.yaml:3 KNL001", brief);
        Assert.Contains("mixed.yaml:7 KNL005", brief);
    }

    [Fact]
    public void Broken_symlink_and_symlink_loop_are_reported()
    {
        if (OperatingSystem.IsWindows()) return;
        File.CreateSymbolicLink(Path.Combine(_dir, "dangling.yaml"), Path.Combine(_dir, "missing-target.yaml"));
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "sub", "loop"), _dir);
        var brief = LintWithHealthy();
        Assert.Contains("dangling.yaml:1 KNL006", brief);
        Assert.Contains(brief, b => b.StartsWith("loop:1 KNL006", StringComparison.Ordinal));
        // The healthy file is reported once, not once per route through the loop.
        Assert.Single(brief, b => b.StartsWith("healthy.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void A_named_pipe_found_in_a_directory_does_not_hang()
    {
        if (OperatingSystem.IsWindows()) return;
        var fifo = Path.Combine(_dir, "pipe.yaml");
        using (var p = System.Diagnostics.Process.Start("mkfifo", fifo)) p.WaitForExit();
        var problems = new List<LoadProblem>();
        var file = InputCollector.Read(new InputCollector.Candidate("pipe.yaml", fifo, Discovered: true), null, problems, TimeSpan.FromMilliseconds(300));
        Assert.Null(file);
        Assert.Contains("named pipe", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_over_the_size_limit_are_not_read()
    {
        var path = Path.Combine(_dir, "huge.yaml");
        using (var fs = File.Create(path)) fs.SetLength(InputCollector.MaxFileBytes + 1);
        Assert.Contains("huge.yaml:1 KNL006", LintWithHealthy());
    }

    [Fact]
    public void Missing_path_is_a_usage_error_with_exit_code_2()
    {
        var result = CliRunner.Run("check", Path.Combine(_dir, "nope"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file or directory", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Glob_without_matches_is_a_usage_error()
    {
        var result = CliRunner.Run("check", Path.Combine(_dir, "*.nothing"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no file matches", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Globs_select_files_recursively()
    {
        Write("a/x.yaml", Healthy);
        Write("a/b/y.yaml", Healthy.Replace("name: ok", "name: y"));
        Write("a/b/z.txt", "not yaml");
        var result = CliRunner.Run("check", "--format", "json", _dir + "/a/**/*.yaml");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("a/b/y.yaml", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("a/x.yaml", result.Stdout, StringComparison.Ordinal);
    }
}

/// <summary>Issue #16: a file rewritten while it is read is read again, and reported when it keeps changing,
/// never linted half old and half new. The loader's test hook rewrites the file right after each read.</summary>
[Collection(nameof(Performance.ComplexityCollection))]
public sealed class ChangingFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knl-changing-" + Guid.NewGuid().ToString("N"));
    public ChangingFileTests() => Directory.CreateDirectory(_dir);
    public void Dispose()
    {
        KubeNetLint.Core.Loading.InputCollector.OnReadForTesting = null;
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static string Service(string name) => $"apiVersion: v1\nkind: Service\nmetadata: {{name: {name}}}\nspec:\n  selector: {{app: {name}}}\n  ports: [{{port: 80}}]\n";

    [Fact]
    public void A_file_rewritten_once_during_the_read_is_read_again()
    {
        var path = Path.Combine(_dir, "svc.yaml");
        File.WriteAllText(path, Service("old"));
        int reads = 0;
        KubeNetLint.Core.Loading.InputCollector.OnReadForTesting = p =>
        {
            if (p != path || ++reads > 1) return;
            File.WriteAllText(path, Service("renamed-service"));
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        };
        var result = Lint.Paths([path]);
        Assert.Equal(2, reads);
        Assert.Contains(result.Findings, f => f.RuleId == "KNL101" && f.Message.Contains("app=renamed-service", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Findings, f => f.Message.Contains("old", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_that_keeps_changing_is_reported_not_linted()
    {
        var path = Path.Combine(_dir, "svc.yaml");
        File.WriteAllText(path, Service("a"));
        int reads = 0;
        KubeNetLint.Core.Loading.InputCollector.OnReadForTesting = p =>
        {
            if (p != path) return;
            reads++;
            File.WriteAllText(path, Service("a" + new string('a', reads)));
        };
        var result = Lint.Paths([path, Path.Combine(Repo.Root, "testdata", "examples")]);
        Assert.Equal(3, reads);
        var problem = Assert.Single(result.Findings, f => f.Location.File.Path.EndsWith("svc.yaml", StringComparison.Ordinal));
        Assert.Equal("KNL006", problem.RuleId);   // unreadable-file
        Assert.Contains("changed while it was read", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "KNL101");   // nothing of it linted; the rest of the input still is
    }
}
