using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Config;

/// <summary>A rule setting from the config: off, or on at a level.</summary>
public sealed record RuleSetting(bool Enabled, Level? Level);

/// <summary>The cluster's ingress controller, as the connectivity engine sees it.</summary>
public sealed record IngressControllerConfig(
    string Namespace,
    IReadOnlyDictionary<string, string> NamespaceLabels,
    IReadOnlyDictionary<string, string> PodLabels)
{
    public static readonly IngressControllerConfig Default = new IngressControllerConfig(
        "ingress-nginx",
        new Dictionary<string, string>(),
        new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ingress-nginx" });
}

/// <summary>Where a GatewayClass's data-plane pods run (`gatewayDataPlanes`): none per Gateway (a cloud
/// load balancer, a node-level proxy), or pods with these labels (`{gateway}` stands for the Gateway's
/// name) in this namespace (default: the Gateway's). Without an entry: GEP-1762's
/// `gateway.networking.k8s.io/gateway-name: NAME` in the Gateway's namespace.</summary>
public sealed record GatewayDataPlane(bool NoPods, IReadOnlyDictionary<string, string> PodLabels, string? Namespace)
{
    public static readonly GatewayDataPlane Default = new GatewayDataPlane(false,
        new Dictionary<string, string> { [Model.GatewayApi.GatewayNameLabel] = "{gateway}" }, null);

    public IReadOnlyDictionary<string, string> LabelsFor(string gateway) =>
        PodLabels.ToDictionary(kv => kv.Key, kv => kv.Value.Replace("{gateway}", gateway, StringComparison.Ordinal), StringComparer.Ordinal);
}

/// <summary>One `connectivity.expect` entry: from/to are NS/KIND/NAME (or an external CIDR/IP, or
/// `external`), port like "8080/TCP" (optional), and whether the connection must be allowed. With
/// <see cref="Transitive"/>, the question is whether any path leads from one to the other (through allowed
/// connections and routes, any number of hops), not the one connection.</summary>
public sealed record ConnectivityExpectation(string From, string To, string? Port, bool Allowed, SourceLocation Location)
{
    public bool Transitive { get; init; }
}

/// <summary>`.kubenetlint.yaml`. Every field has a default, so an absent file is an empty config.</summary>
public sealed record LintConfig
{
    public const string FileName = ".kubenetlint.yaml";
    public static readonly LintConfig Empty = new LintConfig();

    /// <summary>The config file, or null when none was found.</summary>
    public SourceFile? File { get; init; }
    /// <summary>Directory that ignore patterns are relative to.</summary>
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>By rule id (KNL101) — names are resolved to ids when the config is read.</summary>
    public IReadOnlyDictionary<string, RuleSetting> Rules { get; init; } = new Dictionary<string, RuleSetting>();
    public IReadOnlyList<string> Ignore { get; init; } = [];
    public int NodePortMin { get; init; } = 30000;
    public int NodePortMax { get; init; } = 32767;
    public IReadOnlyList<WorkloadKind> WorkloadKinds { get; init; } = [];
    /// <summary>Secrets that exist in the cluster but not in the manifests, as "namespace/name".</summary>
    public IReadOnlyList<string> ExternalSecrets { get; init; } = [];
    /// <summary>ConfigMaps that exist in the cluster but not in the manifests (CA bundles of BackendTLSPolicies), as "namespace/name".</summary>
    public IReadOnlyList<string> ExternalConfigMaps { get; init; } = [];
    /// <summary>Namespaces that exist outside the manifests, with their labels.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Namespaces { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();
    /// <summary>IngressClass names that exist in the cluster.</summary>
    public IReadOnlyList<string> IngressClasses { get; init; } = [];
    /// <summary>GatewayClass names that exist in the cluster (KNL501).</summary>
    public IReadOnlyList<string> GatewayClasses { get; init; } = [];
    /// <summary>Per GatewayClass name: where its data-plane pods run (KNL511, the matrix's Gateway endpoints).</summary>
    public IReadOnlyDictionary<string, GatewayDataPlane> GatewayDataPlanes { get; init; } = new Dictionary<string, GatewayDataPlane>();
    public IngressControllerConfig IngressController { get; init; } = IngressControllerConfig.Default;
    public int CertificateExpiryWarningDays { get; init; } = 30;
    public IReadOnlyList<ConnectivityExpectation> Expectations { get; init; } = [];
    /// <summary>The Kubernetes release the manifests are applied to: which API versions it serves (KNL213).</summary>
    public KubernetesVersion KubernetesVersion { get; init; } = KubernetesVersion.Default;
    /// <summary>The cluster's DNS domain (kubelet `--cluster-domain`): Service names end in `.svc.` and it.</summary>
    public string ClusterDomain { get; init; } = DefaultClusterDomain;
    public const string DefaultClusterDomain = "cluster.local";

    /// <summary>Whether an ignore pattern names this file. Patterns are relative to <see cref="BaseDirectory"/>
    /// (a leading `/` too), so a file outside it is never ignored; `dir/` is everything under dir, and a name
    /// without `*` a file or a directory (with everything under it).</summary>
    public bool IsIgnored(string fullPath)
    {
        if (Ignore.Count == 0) return false;
        var rel = Path.GetRelativePath(BaseDirectory, fullPath).Replace('\\', '/');
        if (rel == ".." || rel.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(rel)) return false;
        foreach (var pattern in Ignore)
        {
            var p = pattern.TrimStart('/');
            if (p.EndsWith('/')) p += "**";
            if (InputCollector.GlobToRegex(p).IsMatch(rel)) return true;
            // A bare directory name ignores everything under it (p has no trailing '/' here: that became "/**").
            if (!p.Contains('*') && (rel == p || rel.StartsWith(p + "/", StringComparison.Ordinal))) return true;
        }
        return false;
    }
}
