using System.Text.RegularExpressions;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Config;

/// <summary>A config that cannot be used as written: exit 2 with its position.</summary>
public sealed class ConfigException(string message) : Exception(message);

/// <summary>Reads `.kubenetlint.yaml` strictly: an unknown key, a wrong type or an unknown rule is an
/// error with file:line:column, never a guess.</summary>
public static partial class ConfigLoader
{
    /// <summary>Finds `.kubenetlint.yaml` by walking up from the first path (a file's directory, the
    /// directory itself, or the directory a glob's fixed part ends in) to the git root (a directory holding
    /// `.git`, which a worktree or a submodule writes as a file); standard input starts from the current
    /// directory.</summary>
    public static string? Discover(IReadOnlyList<string> paths)
    {
        var first = paths.FirstOrDefault(p => p != "-");
        var start = first is null ? "." : Directory.Exists(first) ? first : FixedDirectory(first);
        for (var d = new DirectoryInfo(Path.GetFullPath(start)); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, LintConfig.FileName);
            if (File.Exists(candidate)) return candidate;
            if (Path.Exists(Path.Combine(d.FullName, ".git"))) break;
        }
        return null;
    }

    /// <summary>A file's directory, or the directory a glob's fixed part ends in: "k8s/*.yaml" is k8s, and
    /// "k8s*.yaml" the directory beside k8s (the glob names files there, even when a directory k8s exists).</summary>
    private static string FixedDirectory(string path)
    {
        var dir = Path.GetDirectoryName(path.Split('*', '?', '[')[0]);
        return string.IsNullOrEmpty(dir) ? "." : dir;
    }

    public static LintConfig Load(string path, Func<string, string?> ruleIdFor)
    {
        string text = "";
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read config: {e.Message}");
        }
        var file = new SourceFile { Path = path, FullPath = Path.GetFullPath(path), Text = text };
        return Parse(file, ruleIdFor);
    }

    public static LintConfig Parse(SourceFile file, Func<string, string?> ruleIdFor)
    {
        var (docs, problems) = YamlDocumentParser.Parse(file);
        if (problems.Count > 0) throw Error(problems[0].Location, "invalid YAML: " + problems[0].Message);
        if (docs.Count > 1) throw Error(docs[1].Root.Location, "the config must be a single YAML document");
        var baseDir = Path.GetDirectoryName(file.FullPath) ?? Directory.GetCurrentDirectory();
        if (docs.Count == 0) return new LintConfig { File = file, BaseDirectory = baseDir };
        var root = docs[0].Root as MappingNode;
        if (root is null) throw Error(docs[0].Root.Location, "the config must be a mapping");

        var rules = new Dictionary<string, RuleSetting>(StringComparer.Ordinal);
        var ignore = new List<string>();
        int nodeMin = 30000, nodeMax = 32767, expiryDays = 30;
        var kinds = new List<WorkloadKind>();
        var externalSecrets = new List<string>();
        var externalConfigMaps = new List<string>();
        var namespaces = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var classes = new List<string>();
        var gatewayClasses = new List<string>();
        var dataPlanes = new Dictionary<string, GatewayDataPlane>(StringComparer.Ordinal);
        var controller = IngressControllerConfig.Default;
        var expectations = new List<ConnectivityExpectation>();
        var kubernetesVersion = KubernetesVersion.Default;
        var clusterDomain = LintConfig.DefaultClusterDomain;

        foreach (var (key, value) in root.Entries)
        {
            switch (key.Value)
            {
                case "rules":
                    foreach (var (ruleKey, setting) in AsMap(value, "rules").Entries)
                    {
                        var id = ruleIdFor(ruleKey.Value) ?? throw Error(ruleKey.Location, $"unknown rule '{ruleKey.Value}' (see `kubenetlint rules`)");
                        rules[id] = ParseSetting(setting);
                    }
                    break;
                case "ignore":
                    ignore.AddRange(StringList(value, "ignore"));
                    break;
                case "nodePortRange":
                {
                    var s = AsScalar(value, "nodePortRange");
                    // Without a match the groups are empty, and a number too large for an int fails to parse:
                    // either way it reads as 0, which is below 1 (low) or below low (high), so the checks below
                    // reject it without testing the match or the parse separately.
                    var m = RangeRegex().Match(s.Value);
                    _ = int.TryParse(m.Groups[1].Value, out nodeMin);
                    _ = int.TryParse(m.Groups[2].Value, out nodeMax);
                    if (nodeMin < 1 || nodeMax > 65535 || nodeMin > nodeMax)
                        throw Error(s.Location, $"nodePortRange must look like 30000-32767 (1-65535, low-high), not '{s.Value}'");
                    break;
                }
                case "certificateExpiryWarningDays":
                {
                    var s = AsScalar(value, key.Value);
                    if (!s.TryGetInteger(out var d) || d < 0 || d > 3650) throw Error(s.Location, "certificateExpiryWarningDays must be a whole number of days (0-3650)");
                    expiryDays = (int)d;
                    break;
                }
                case "kubernetesVersion":
                {
                    var s = AsScalar(value, key.Value);
                    if (!KubernetesVersion.TryParse(s.Value, out kubernetesVersion))
                        throw Error(s.Location, $"kubernetesVersion must be a Kubernetes release like \"1.34\" or \"v1.34.2\", not '{s.Value}'");
                    break;
                }
                case "clusterDomain":
                {
                    var s = AsScalar(value, key.Value);
                    // One trailing dot (an absolute name) is dropped; a second one is an empty label.
                    var domain = s.Value.EndsWith('.') ? s.Value[..^1] : s.Value;
                    // The pattern needs at least one character, so an empty name fails it.
                    if (domain.Length > 253 || !ClusterDomainRegex().IsMatch(domain))
                        throw Error(s.Location, $"clusterDomain must be a lowercase DNS name like cluster.local, not '{s.Value}'");
                    clusterDomain = domain;
                    break;
                }
                case "workloadKinds":
                    foreach (var item in AsSeq(value, "workloadKinds").Items)
                    {
                        var m = AsMap(item, "workloadKinds[]");
                        CheckKeys(m, "workloadKinds[]", "apiVersion", "group", "kind", "podTemplatePath");
                        var kind = RequiredString(m, "kind", "workloadKinds[]");
                        string group = Optional(m, "group", "group") ?? GroupOrAny(Optional(m, "apiVersion", "apiVersion"));
                        var path = Optional(m, "podTemplatePath", "podTemplatePath") ?? "spec.template";
                        kinds.Add(new WorkloadKind(group, kind, path.Trim('.')));
                    }
                    break;
                case "externalSecrets":
                    externalSecrets.AddRange(NamespacedNames(value, "externalSecrets"));
                    break;
                case "externalConfigMaps":
                    externalConfigMaps.AddRange(NamespacedNames(value, "externalConfigMaps"));
                    break;
                case "namespaces":
                    foreach (var (nsKey, nsValue) in AsMap(value, "namespaces").Entries)
                    {
                        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                        if (!(nsValue is ScalarNode { IsNull: true }))
                        {
                            var m = AsMap(nsValue, "namespaces." + nsKey.Value);
                            CheckKeys(m, "namespaces." + nsKey.Value, "labels");
                            labels = OptionalMap(m, "labels", "labels") ?? labels;
                        }
                        namespaces[nsKey.Value] = labels;
                    }
                    break;
                case "ingressClasses":
                    classes.AddRange(StringList(value, "ingressClasses"));
                    break;
                case "gatewayClasses":
                    gatewayClasses.AddRange(StringList(value, "gatewayClasses"));
                    break;
                case "gatewayDataPlanes":
                    foreach (var (classKey, plane) in AsMap(value, "gatewayDataPlanes").Entries)
                    {
                        var field = "gatewayDataPlanes." + classKey.Value;
                        if (plane is ScalarNode { Value: "none" }) { dataPlanes[classKey.Value] = new GatewayDataPlane(true, new Dictionary<string, string>(), null); continue; }
                        var other = plane as ScalarNode;
                        if (other is not null) throw Error(other.Location, $"{field} must be `none` or a mapping with podLabels (and namespace), not '{other.Value}'");
                        var m = AsMap(plane, field);
                        CheckKeys(m, field, "podLabels", "namespace");
                        var labels = OptionalMap(m, "podLabels", field + ".podLabels") ?? throw Error(m.Location, $"{field} needs podLabels");
                        dataPlanes[classKey.Value] = new GatewayDataPlane(false, labels, Optional(m, "namespace", field + ".namespace"));
                    }
                    break;
                case "ingressController":
                {
                    var m = AsMap(value, "ingressController");
                    CheckKeys(m, "ingressController", "namespace", "namespaceLabels", "podLabels");
                    controller = new IngressControllerConfig(
                        Optional(m, "namespace", "namespace") ?? controller.Namespace,
                        OptionalMap(m, "namespaceLabels", "namespaceLabels") ?? controller.NamespaceLabels,
                        OptionalMap(m, "podLabels", "podLabels") ?? controller.PodLabels);
                    break;
                }
                case "connectivity":
                {
                    var m = AsMap(value, "connectivity");
                    CheckKeys(m, "connectivity", "expect");
                    var ex = m["expect"];
                    if (ex is not null)
                        foreach (var item in AsSeq(ex, "connectivity.expect").Items)
                        {
                            var e = AsMap(item, "connectivity.expect[]");
                            CheckKeys(e, "connectivity.expect[]", "from", "to", "port", "allowed", "transitive");
                            var allowedNode = e["allowed"];
                            var allowedScalar = allowedNode as ScalarNode;
                            bool allowed = false;
                            if (allowedScalar is null || !allowedScalar.TryGetBool(out allowed))
                                throw Error((allowedNode ?? e).Location, "connectivity.expect[].allowed must be true or false");
                            bool transitive = false;
                            var transitiveNode = e["transitive"];
                            if (transitiveNode is not null)
                            {
                                var t = transitiveNode as ScalarNode;
                                if (t is null || !t.TryGetBool(out transitive))
                                    throw Error(transitiveNode.Location, "connectivity.expect[].transitive must be true or false");
                            }
                            expectations.Add(new ConnectivityExpectation(
                                RequiredString(e, "from", "connectivity.expect[]"),
                                RequiredString(e, "to", "connectivity.expect[]"),
                                Optional(e, "port", "port"),
                                allowed,
                                e.Location) { Transitive = transitive });
                        }
                    break;
                }
                default:
                    throw Error(key.Location, $"unknown setting '{key.Value}' (known: rules, ignore, nodePortRange, workloadKinds, externalSecrets, externalConfigMaps, namespaces, ingressClasses, gatewayClasses, gatewayDataPlanes, ingressController, certificateExpiryWarningDays, connectivity, kubernetesVersion, clusterDomain)");
            }
        }

        return new LintConfig
        {
            File = file,
            BaseDirectory = baseDir,
            Rules = rules,
            Ignore = ignore,
            NodePortMin = nodeMin,
            NodePortMax = nodeMax,
            WorkloadKinds = kinds,
            ExternalSecrets = externalSecrets,
            ExternalConfigMaps = externalConfigMaps,
            Namespaces = namespaces,
            IngressClasses = classes,
            GatewayClasses = gatewayClasses,
            GatewayDataPlanes = dataPlanes,
            IngressController = controller,
            CertificateExpiryWarningDays = expiryDays,
            Expectations = expectations,
            KubernetesVersion = kubernetesVersion,
            ClusterDomain = clusterDomain,
        };
    }

    private static string GroupOf(string apiVersion) => apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";

    private static RuleSetting ParseSetting(Node node)
    {
        var s = AsScalar(node, "rule setting");
        return s.Value switch
        {
            "off" or "false" or "disabled" => new RuleSetting(false, null),
            "on" or "true" or "enabled" => new RuleSetting(true, null),
            "error" => new RuleSetting(true, Level.Error),
            "warning" => new RuleSetting(true, Level.Warning),
            "note" => new RuleSetting(true, Level.Note),
            _ => throw Error(s.Location, $"a rule setting is off, on, error, warning or note, not '{s.Value}'"),
        };
    }

    private static ConfigException Error(SourceLocation at, string message) => new($"{at.Path}:{at.Line}:{at.Column}: {message}");

    private static MappingNode AsMap(Node n, string field) =>
        n as MappingNode ?? throw Error(n.Location, $"'{field}' must be a mapping, not a {n.KindName}");

    private static SequenceNode AsSeq(Node n, string field) =>
        n as SequenceNode ?? throw Error(n.Location, $"'{field}' must be a list, not a {n.KindName}");

    private static ScalarNode AsScalar(Node n, string field)
    {
        var s = n as ScalarNode;
        return s is not null && !s.IsNull ? s : throw Error(n.Location, $"'{field}' must be a single value, not a {n.KindName}");
    }

    private static string RequiredString(MappingNode m, string key, string field)
    {
        var n = m[key];
        return n is not null ? AsScalar(n, $"{field}.{key}").Value : throw Error(m.Location, $"'{field}' needs '{key}'");
    }

    /// <summary>The value of an optional key (an error when it is not a single value), or null when it is absent.</summary>
    private static string? Optional(MappingNode m, string key, string field)
    {
        var n = m[key];
        return n is null ? null : AsScalar(n, field).Value;
    }

    /// <summary>The string map of an optional key, or null when it is absent.</summary>
    private static Dictionary<string, string>? OptionalMap(MappingNode m, string key, string field)
    {
        var n = m[key];
        return n is null ? null : StringMap(n, field);
    }

    private static string GroupOrAny(string? apiVersion) => apiVersion is null ? "*" : GroupOf(apiVersion);

    private static List<string> StringList(Node n, string field) => [.. AsSeq(n, field).Items.Select(i => AsScalar(i, field + "[]").Value)];

    /// <summary>"namespace/name" entries: two parts, neither empty.</summary>
    private static List<string> NamespacedNames(Node n, string field)
    {
        var names = new List<string>();
        foreach (var item in AsSeq(n, field).Items)
        {
            var s = AsScalar(item, field + "[]");
            var parts = s.Value.Split('/');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw Error(s.Location, $"{field} entries are namespace/name, not '{s.Value}'");
            names.Add(s.Value);
        }
        return names;
    }

    private static Dictionary<string, string> StringMap(Node n, string field)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in AsMap(n, field).Entries) d[k.Value] = AsScalar(v, $"{field}.{k.Value}").Value;
        return d;
    }

    private static void CheckKeys(MappingNode m, string field, params string[] allowed)
    {
        foreach (var (k, _) in m.Entries)
            if (!allowed.Contains(k.Value))
                throw Error(k.Location, $"unknown key '{k.Value}' in '{field}' (known: {string.Join(", ", allowed)})");
    }

    [GeneratedRegex(@"^\s*(\d+)\s*-\s*(\d+)\s*$")]
    private static partial Regex RangeRegex();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex ClusterDomainRegex();
}
