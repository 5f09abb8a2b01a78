using KubeNetLint.Core.Config;


namespace KubeNetLint.Tests.Config;

/// <summary><see cref="ConfigLoader.Discover"/> and <see cref="ConfigLoader.Load"/> on a directory tree of
/// their own. No test changes the current directory (tests run in parallel): the cases that start from it
/// compare with a walk started from it explicitly.</summary>
public sealed class ConfigDiscoveryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "knl-discover-" + Guid.NewGuid().ToString("N"));

    public ConfigDiscoveryTests()
    {
        // root/.git            the repository's root: the walk stops here
        // root/.kubenetlint.yaml
        // root/app/sub/deep/   no config of its own
        // root/k8s/.kubenetlint.yaml
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        Directory.CreateDirectory(Path.Combine(_root, "app", "sub", "deep"));
        Directory.CreateDirectory(Path.Combine(_root, "k8s"));
        WriteConfig(_root);
        WriteConfig(Path.Combine(_root, "k8s"));
        File.WriteAllText(Path.Combine(_root, "app", "sub", "svc.yaml"), "kind: Service\n");
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string WriteConfig(string dir, string text = "nodePortRange: 1-2\n")
    {
        var path = Path.Combine(dir, LintConfig.FileName);
        File.WriteAllText(path, text);
        return path;
    }

    private string At(params string[] parts) => Path.Combine([_root, .. parts]);
    private string RootConfig => At(LintConfig.FileName);

    [Fact]
    public void A_directory_finds_its_own_config()
    {
        Assert.Equal(At("k8s", LintConfig.FileName), ConfigLoader.Discover([At("k8s")]));
        Assert.Equal(RootConfig, ConfigLoader.Discover([_root]));
    }

    [Fact]
    public void A_directory_without_one_walks_up()
    {
        Assert.Equal(RootConfig, ConfigLoader.Discover([At("app", "sub", "deep")]));
        Assert.Equal(RootConfig, ConfigLoader.Discover([At("app")]));
    }

    [Fact]
    public void A_file_starts_from_its_directory()
    {
        Assert.Equal(RootConfig, ConfigLoader.Discover([At("app", "sub", "svc.yaml")]));
        Assert.Equal(At("k8s", LintConfig.FileName), ConfigLoader.Discover([At("k8s", "missing.yaml")]));
    }

    [Fact]
    public void Only_the_first_path_counts_and_standard_input_is_skipped()
    {
        Assert.Equal(At("k8s", LintConfig.FileName), ConfigLoader.Discover([At("k8s"), At("app")]));
        Assert.Equal(RootConfig, ConfigLoader.Discover([At("app"), At("k8s")]));
        Assert.Equal(At("k8s", LintConfig.FileName), ConfigLoader.Discover(["-", At("k8s"), At("app")]));
    }

    [Fact]
    public void Standard_input_alone_and_relative_names_start_from_the_current_directory()
    {
        var fromCurrent = ConfigLoader.Discover([Directory.GetCurrentDirectory()]);
        Assert.Equal(fromCurrent, ConfigLoader.Discover(["-"]));
        Assert.Equal(fromCurrent, ConfigLoader.Discover([]));
        Assert.Equal(fromCurrent, ConfigLoader.Discover(["no-such-file-" + Guid.NewGuid().ToString("N") + ".yaml"]));
        Assert.Equal(fromCurrent, ConfigLoader.Discover(["*.yaml"]));
    }

    [Theory]
    [InlineData("k8s/*.yaml", "k8s")]
    [InlineData("k8s/**", "k8s")]
    [InlineData("k8s/a?.yaml", "k8s")]
    [InlineData("k8s/[ab].yaml", "k8s")]
    [InlineData("app/sub/deep/*.yaml", "")]
    [InlineData("*/*.yaml", "")]
    [InlineData("k8s/x/*/y.yaml", "k8s")]
    // The fixed part "k8s" of "k8s*" is a prefix of names in root, not the directory k8s.
    [InlineData("k8s*", "")]
    [InlineData("k8s*.yaml", "")]
    [InlineData("k8s[0-9]/a.yaml", "")]
    [InlineData("k8s/x?/a.yaml", "k8s")]
    public void A_glob_starts_from_the_directory_of_its_fixed_part(string glob, string configDir)
    {
        var expected = configDir.Length == 0 ? RootConfig : At(configDir, LintConfig.FileName);
        Assert.Equal(expected, ConfigLoader.Discover([_root + "/" + glob]));
    }

    [Fact]
    public void The_walk_stops_at_the_git_root()
    {
        // repo/.git inside root: the config of root is outside the repository.
        var repo = At("repo");
        Directory.CreateDirectory(Path.Combine(repo, ".git"));
        Directory.CreateDirectory(Path.Combine(repo, "a", "b"));
        Assert.Null(ConfigLoader.Discover([Path.Combine(repo, "a", "b")]));
        Assert.Null(ConfigLoader.Discover([repo]));

        // A config beside .git is the repository's own.
        var own = WriteConfig(repo);
        Assert.Equal(own, ConfigLoader.Discover([Path.Combine(repo, "a", "b")]));
        Assert.Equal(own, ConfigLoader.Discover([repo]));
    }

    [Fact]
    public void A_git_file_marks_the_root_of_a_worktree_or_submodule()
    {
        // `git worktree add` and submodules write .git as a file ("gitdir: ...").
        var worktree = At("worktree");
        Directory.CreateDirectory(Path.Combine(worktree, "a"));
        File.WriteAllText(Path.Combine(worktree, ".git"), "gitdir: /elsewhere/.git/worktrees/w\n");
        Assert.Null(ConfigLoader.Discover([Path.Combine(worktree, "a")]));
        var own = WriteConfig(worktree);
        Assert.Equal(own, ConfigLoader.Discover([Path.Combine(worktree, "a")]));
    }

    [Fact]
    public void A_directory_named_like_the_config_is_not_a_config()
    {
        var dir = At("app", "sub");
        Directory.CreateDirectory(Path.Combine(dir, LintConfig.FileName));
        Assert.Equal(RootConfig, ConfigLoader.Discover([dir]));
    }

    [Fact]
    public void Load_reads_the_file_and_names_it_as_given()
    {
        var path = WriteConfig(At("app"), "certificateExpiryWarningDays: 7\n");
        var c = ConfigLoader.Load(path, ConfigText.RuleIdFor);
        Assert.Equal(7, c.CertificateExpiryWarningDays);
        Assert.Equal(path, c.File!.Path);
        Assert.Equal(Path.GetFullPath(path), c.File.FullPath);
        Assert.Equal("certificateExpiryWarningDays: 7\n", c.File.Text);
        Assert.Equal(At("app"), c.BaseDirectory);
    }

    [Fact]
    public void Load_reports_errors_at_the_path_as_given()
    {
        var path = WriteConfig(At("app"), "rules:\n  KNL999: off\n");
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, ConfigText.RuleIdFor));
        Assert.Equal($"{path}:2:3: unknown rule 'KNL999' (see `kubenetlint rules`)", e.Message);
    }

    [Fact]
    public void Load_of_a_missing_file_says_it_cannot_read_it()
    {
        var path = At("app", "missing.yaml");
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, ConfigText.RuleIdFor));
        Assert.StartsWith($"{path}: cannot read config: ", e.Message);
        Assert.Contains("missing.yaml", e.Message[$"{path}: cannot read config: ".Length..]);
    }

    [Fact]
    public void Load_of_a_directory_says_it_cannot_read_it()
    {
        var path = At("app");
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, ConfigText.RuleIdFor));
        Assert.StartsWith($"{path}: cannot read config: ", e.Message);
        Assert.True(e.Message.Length > $"{path}: cannot read config: ".Length);
    }
}
