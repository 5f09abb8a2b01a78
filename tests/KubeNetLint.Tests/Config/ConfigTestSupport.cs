using KubeNetLint.Core.Config;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Tests.Config;

/// <summary>Parses a config text as `.kubenetlint.yaml` in a fixed directory (nothing is written), with the
/// rule lookup the CLI uses.</summary>
internal static class ConfigText
{
    public const string DisplayPath = ".kubenetlint.yaml";
    public static readonly string BaseDir = Path.Combine(Path.GetTempPath(), "knl-config-tests");
    public static readonly string FullPath = Path.Combine(BaseDir, LintConfig.FileName);

    public static string? RuleIdFor(string key) => RuleRegistry.Find(key)?.Info.Id;

    public static SourceFile File(string yaml, string? fullPath = null) =>
        new() { Path = DisplayPath, FullPath = fullPath ?? FullPath, Text = yaml.ReplaceLineEndings("\n") };

    public static LintConfig Parse(string yaml) => ConfigLoader.Parse(File(yaml), RuleIdFor);

    /// <summary>The whole error message, `path:line:column: message`.</summary>
    public static string Error(string yaml) => Assert.Throws<ConfigException>(() => Parse(yaml)).Message;

    /// <summary>Every setting at its default (the file and base directory aside).</summary>
    public static void AssertDefaults(LintConfig c)
    {
        Assert.Empty(c.Rules);
        Assert.Empty(c.Ignore);
        Assert.Equal(30000, c.NodePortMin);
        Assert.Equal(32767, c.NodePortMax);
        Assert.Empty(c.WorkloadKinds);
        Assert.Empty(c.ExternalSecrets);
        Assert.Empty(c.ExternalConfigMaps);
        Assert.Empty(c.Namespaces);
        Assert.Empty(c.IngressClasses);
        Assert.Empty(c.GatewayClasses);
        Assert.Empty(c.GatewayDataPlanes);
        Assert.Same(IngressControllerConfig.Default, c.IngressController);
        Assert.Equal(30, c.CertificateExpiryWarningDays);
        Assert.Empty(c.Expectations);
        Assert.Equal(new KubernetesVersion(1, 34), c.KubernetesVersion);
        Assert.Equal("cluster.local", c.ClusterDomain);
    }
}
