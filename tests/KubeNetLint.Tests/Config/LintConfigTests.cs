using KubeNetLint.Core.Config;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Tests.Config;

/// <summary><see cref="LintConfig"/>'s defaults, its ignore patterns, and the records it holds.</summary>
public sealed class LintConfigTests
{
    private static readonly string Base = Path.Combine(Path.GetTempPath(), "knl-ignore-base");

    private static bool Ignored(string relative, params string[] patterns) =>
        new LintConfig { BaseDirectory = Base, Ignore = patterns }.IsIgnored(Path.GetFullPath(Path.Combine(Base, relative)));

    [Fact]
    public void The_empty_config_is_every_default()
    {
        var c = LintConfig.Empty;
        Assert.Equal(".kubenetlint.yaml", LintConfig.FileName);
        Assert.Null(c.File);
        Assert.Equal(Directory.GetCurrentDirectory(), c.BaseDirectory);
        ConfigText.AssertDefaults(c);
        Assert.Equal("cluster.local", LintConfig.DefaultClusterDomain);
    }

    [Fact]
    public void The_default_ingress_controller_is_ingress_nginx()
    {
        var d = IngressControllerConfig.Default;
        Assert.Equal("ingress-nginx", d.Namespace);
        Assert.Empty(d.NamespaceLabels);
        Assert.Equal(new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ingress-nginx" }, d.PodLabels);
    }

    [Fact]
    public void Gateway_data_plane_labels_name_the_gateway()
    {
        var plane = new GatewayDataPlane(false, new Dictionary<string, string>
        {
            ["app"] = "proxy-{gateway}-{gateway}",
            ["{gateway}"] = "fixed",
            ["tier"] = "edge",
        }, "infra");
        Assert.Equal(new Dictionary<string, string>
        {
            ["app"] = "proxy-web-web",
            ["{gateway}"] = "fixed",
            ["tier"] = "edge",
        }, plane.LabelsFor("web"));
        // Only the exact, lowercase placeholder is replaced.
        Assert.Equal("{Gateway}", new GatewayDataPlane(false, new Dictionary<string, string> { ["a"] = "{Gateway}" }, null).LabelsFor("web")["a"]);
    }

    [Fact]
    public void The_default_gateway_data_plane_is_GEP_1762s_gateway_name_label()
    {
        var d = GatewayDataPlane.Default;
        Assert.False(d.NoPods);
        Assert.Null(d.Namespace);
        Assert.Equal(new Dictionary<string, string> { ["gateway.networking.k8s.io/gateway-name"] = "shop-gw" }, d.LabelsFor("shop-gw"));
    }

    [Fact]
    public void Without_patterns_nothing_is_ignored()
    {
        Assert.False(Ignored("a.yaml"));
        Assert.False(LintConfig.Empty.IsIgnored(Path.Combine(Directory.GetCurrentDirectory(), "a.yaml")));
    }

    [Theory]
    // Globs match the path relative to the config's directory.
    [InlineData("*.json", "a.json", true)]
    [InlineData("*.json", "a.yaml", false)]
    [InlineData("*.json", "sub/a.json", false)]
    [InlineData("**/values*.yaml", "charts/x/values-prod.yaml", true)]
    [InlineData("**/values*.yaml", "values.yaml", true)]
    [InlineData("**/values*.yaml", "charts/x/chart.yaml", false)]
    [InlineData("sub/?.yaml", "sub/a.yaml", true)]
    [InlineData("sub/?.yaml", "sub/ab.yaml", false)]
    // A leading slash is the config's directory.
    [InlineData("/k8s/*.yaml", "k8s/a.yaml", true)]
    [InlineData("/top.yaml", "top.yaml", true)]
    [InlineData("//top.yaml", "top.yaml", true)]
    [InlineData("/top.yaml", "sub/top.yaml", false)]
    // A trailing slash is a directory and everything under it.
    [InlineData("gen/", "gen/a.yaml", true)]
    [InlineData("gen/", "gen/deep/er/a.yaml", true)]
    [InlineData("gen/", "generated/a.yaml", false)]
    [InlineData("gen/", "gen.yaml", false)]
    [InlineData("gen*/", "generated/deep/a.yaml", true)]
    [InlineData("gen*/", "gen/a.yaml", true)]
    [InlineData("gen*/", "other/a.yaml", false)]
    [InlineData("/charts/", "charts/x/a.yaml", true)]
    // A bare name is that file, or a directory and everything under it, never a sibling with that prefix.
    [InlineData("k8s", "k8s", true)]
    [InlineData("k8s", "k8s/a.yaml", true)]
    [InlineData("k8s", "k8s/deep/a.yaml", true)]
    [InlineData("k8s", "k8s-old/x.yaml", false)]
    [InlineData("k8s", "k8s.yaml", false)]
    [InlineData("k8s", "other/k8s/a.yaml", false)]
    [InlineData("k8s", "a.yaml", false)]
    [InlineData("deploy/k8s", "deploy/k8s/a.yaml", true)]
    [InlineData("deploy/k8s", "deploy/k8s2/a.yaml", false)]
    [InlineData("a.yaml", "a.yaml", true)]
    [InlineData("a.yaml", "b.yaml", false)]
    // A pattern with a wildcard is only a glob: it does not reach into directories it names.
    [InlineData("gen*", "generated/a.yaml", false)]
    [InlineData("gen*", "gen*/a.yaml", false)]
    [InlineData("gen*", "generated", true)]
    [InlineData("x[12].yaml", "x1.yaml", true)]
    [InlineData("x[12].yaml", "x3.yaml", false)]
    public void Ignore_patterns_are_relative_to_the_config(string pattern, string relative, bool ignored) =>
        Assert.Equal(ignored, Ignored(relative, pattern));

    [Fact]
    public void Any_pattern_that_matches_ignores_the_file()
    {
        Assert.True(Ignored("b/x.yaml", "a/", "b/", "c/"));
        Assert.True(Ignored("c.yaml", "a/", "b/", "c.yaml"));
        Assert.False(Ignored("d.yaml", "a/", "b/", "c.yaml"));
    }

    [Theory]
    [InlineData("**")]
    [InlineData("**/*.yaml")]
    [InlineData("**/gen/**")]
    [InlineData("*/gen/*.yaml")]
    [InlineData("gen")]
    public void A_path_outside_the_config_directory_is_never_ignored(string pattern)
    {
        var outside = Path.GetFullPath(Path.Combine(Base, "..", "gen", "a.yaml"));
        Assert.False(new LintConfig { BaseDirectory = Base, Ignore = [pattern] }.IsIgnored(outside));
        Assert.False(new LintConfig { BaseDirectory = Base, Ignore = [pattern] }.IsIgnored(Path.GetFullPath(Path.Combine(Base, ".."))));
        // The same file inside is ignored by the patterns that name it.
        Assert.Equal(pattern != "*/gen/*.yaml", Ignored("gen/a.yaml", pattern));
    }
}
