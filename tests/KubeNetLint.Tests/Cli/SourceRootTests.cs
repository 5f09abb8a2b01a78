using KubeNetLint.Cli;
using KubeNetLint.Cli.Commands;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Cli;

/// <summary>Reported paths are relative to the repository that holds the input, wherever the tool runs
/// (a pull-request workflow checks out the head into `head/`), or to `--source-root`.</summary>
public sealed class SourceRootTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knl-root-" + Guid.NewGuid().ToString("N"));
    private readonly string _file;

    public SourceRootTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "head", ".git"));
        Directory.CreateDirectory(Path.Combine(_dir, "head", "k8s"));
        _file = Path.Combine(_dir, "head", "k8s", "svc.yaml");
        File.WriteAllText(_file, "apiVersion: v1\nkind: Service\nmetadata:\n  name: orphan\n  namespace: shop\nspec:\n  selector:\n    app: nobody\n  ports:\n    - port: 80\n");
    }

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    [Fact]
    public void Paths_are_relative_to_the_work_tree_that_holds_the_input()
    {
        var github = CliRunner.Run("check", Path.Combine(_dir, "head", "k8s"), "-f", "github").Stdout;
        Assert.Contains("::warning file=k8s/svc.yaml,line=7,", github, StringComparison.Ordinal);
        var sarif = CliRunner.Run("check", _file, "-f", "sarif").Stdout;
        Assert.Contains("\"uri\": \"k8s/svc.yaml\"", sarif, StringComparison.Ordinal);
        Assert.Contains(new Uri(Path.Combine(_dir, "head") + "/").AbsoluteUri, sarif, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_root_says_where_paths_start()
    {
        var github = CliRunner.Run("check", _file, "-f", "github", "--source-root", _dir).Stdout;
        Assert.Contains("::warning file=head/k8s/svc.yaml,line=7,", github, StringComparison.Ordinal);
        var missing = CliRunner.Run("check", _file, "--source-root", Path.Combine(_dir, "nope"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--source-root", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Github_workspace_is_the_default_for_inputs_outside_a_work_tree()
    {
        var outside = Path.Combine(_dir, "plain");
        Directory.CreateDirectory(outside);
        string? Env(string name) => name == "GITHUB_WORKSPACE" ? _dir : null;
        Assert.Equal(_dir, CommonOptions.ResolveSourceRoot(null, [outside], Env));
        Assert.Equal(Path.Combine(_dir, "head"), CommonOptions.ResolveSourceRoot(null, [_file], Env));
        Assert.Equal(outside, CommonOptions.ResolveSourceRoot(outside, [_file], Env));
        Assert.Throws<UsageException>(() => CommonOptions.ResolveSourceRoot(Path.Combine(_dir, "nope"), [_file], Env));
    }
}
