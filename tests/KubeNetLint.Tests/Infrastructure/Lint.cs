using KubeNetLint.Core.Config;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Tests.Infrastructure;

/// <summary>Runs the linter in-process on text or paths.</summary>
public static class Lint
{
    public static LintResult Text(string yaml, string path = "test.yaml", LintConfig? config = null, string ns = "default")
    {
        var file = new SourceFile { Path = path, FullPath = Path.GetFullPath(path), Text = yaml };
        var load = ManifestLoader.LoadFiles([file]);
        return Run(load, config, ns);
    }

    public static LintResult Paths(IReadOnlyList<string> paths, LintConfig? config = null, string ns = "default")
    {
        config ??= LintConfig.Empty;
        var load = ManifestLoader.Load(paths, config.IsIgnored);
        return Run(load, config, ns);
    }

    /// <summary>The resource graph of the manifests at these paths (no rules run).</summary>
    public static ResourceGraph Graph(IReadOnlyList<string> paths, LintConfig? config = null)
    {
        config ??= LintConfig.Empty;
        return new ResourceGraph(LintEngine.BuildModel(ManifestLoader.Load(paths, config.IsIgnored), config), config);
    }

    private static LintResult Run(LoadResult load, LintConfig? config, string ns)
    {
        config ??= LintConfig.Empty;
        var model = LintEngine.BuildModel(load, config, ns);
        var result = LintEngine.Run(model, config, Repo.Now);
        Assert.Empty(result.Failures);
        return result;
    }

    public static ResolvedConfig Config(string yaml, string path = ".kubenetlint.yaml") =>
        new(ConfigLoader.Parse(new SourceFile { Path = path, FullPath = Path.GetFullPath(path), Text = yaml }, k => RuleRegistry.Find(k)?.Info.Id));

    public sealed record ResolvedConfig(LintConfig Value)
    {
        public static implicit operator LintConfig(ResolvedConfig c) => c.Value;
    }

    /// <summary>"KNL101@5:3" per visible finding, for compact assertions.</summary>
    public static List<string> Brief(this LintResult result) =>
        result.Reported.Select(f => $"{f.RuleId}@{f.Line}:{f.Column}").ToList();
}
