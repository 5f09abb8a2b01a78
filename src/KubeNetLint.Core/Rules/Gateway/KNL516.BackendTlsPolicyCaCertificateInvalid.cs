using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Gateways;

/// <summary>BackendTLSPolicy `validation.caCertificateRefs`: core support is a ConfigMap of the policy's
/// namespace with the CA bundle in the key `ca.crt`; a reference that does not resolve or a ConfigMap
/// without that key is InvalidCACertificateRef, and connections using the policy fail with a 5xx.</summary>
public sealed class BackendTlsPolicyCaCertificateInvalid : Rule
{
    public const string CaKey = "ca.crt";
    /// <summary>Published by kube-controller-manager into every namespace (key ca.crt).</summary>
    public const string RootCaConfigMap = "kube-root-ca.crt";

    public override RuleInfo Info { get; } = new("KNL516", "backend-tls-policy-ca-certificate-invalid", Level.Error,
        "A BackendTLSPolicy names a CA certificate ConfigMap that is not in its namespace or has no ca.crt key, so connections that use the policy fail; other kinds are a warning (implementation-specific).");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        if (context.Model.BackendTlsPolicies.Count == 0) yield break;
        var configMaps = new Dictionary<(string, string), Resource>();
        foreach (var r in context.Model.Resources)
            if (r.Kind == "ConfigMap" && r.Group == "") configMaps.TryAdd((r.Namespace ?? context.Model.DefaultNamespace, r.Name), r);
        // trust-manager writes a Bundle's CA set into a ConfigMap of the Bundle's name in every selected namespace.
        // A Bundle defined twice (KNL004) counts as its last definition.
        var bundles = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var r in context.Model.Resources)
            if (r.Kind == "Bundle" && r.Group == "trust.cert-manager.io" && (r.Spec?["target"] as MappingNode)?["configMap"] is MappingNode target)
                bundles[r.Name] = target["key"] is ScalarNode { IsNull: false } k ? k.Value : null;
        var external = context.Config.ExternalConfigMaps.ToHashSet(StringComparer.Ordinal);
        foreach (var p in context.Model.BackendTlsPolicies)
            foreach (var c in p.CaCertificateRefs)
            {
                var subject = $"BackendTLSPolicy '{p.Name}'";
                if (c.Name.Length == 0) continue; // a schema error (KNL514 / KNL005)
                if (c.Group != "" || c.Kind != "ConfigMap")
                {
                    if (c.Kind.Length == 0) continue;
                    yield return At((Node?)c.KindNode ?? c.Node,
                        $"{subject} names a CA certificate of kind {(c.Group.Length == 0 ? "" : c.Group + "/")}{c.Kind}; core support is a ConfigMap (group \"\") with the CA bundle in key {CaKey}, other kinds are implementation-specific (InvalidKind where they are not supported)",
                        p.Resource) with { Level = Level.Warning };
                    continue;
                }
                var at = (Node?)c.NameNode ?? c.Node;
                if (configMaps.TryGetValue((p.Namespace, c.Name), out var cm))
                {
                    var keys = Keys(cm, "data").Concat(Keys(cm, "binaryData")).ToList();
                    if (keys.Contains(CaKey)) continue;
                    yield return At(at,
                        $"ConfigMap '{c.Name}', the CA certificate of {subject}, has no key '{CaKey}' ({(keys.Count == 0 ? "it has no data" : "keys: " + string.Join(", ", keys.Take(8)))}); the policy reads the CA bundle from {CaKey} (InvalidCACertificateRef), so connections that use it fail with a 5xx",
                        p.Resource, Related(cm.Location, $"ConfigMap '{c.Name}'"));
                    continue;
                }
                if (c.Name == RootCaConfigMap || external.Contains($"{p.Namespace}/{c.Name}")) continue;
                if (bundles.TryGetValue(c.Name, out var bundleKey) && (bundleKey is null || bundleKey == CaKey)) continue;
                yield return At(at,
                    $"ConfigMap '{c.Name}', the CA certificate of {subject}, is not defined in namespace '{p.Namespace}' (InvalidCACertificateRef), so connections that use the policy fail with a 5xx. If it is made outside these manifests, declare it in .kubenetlint.yaml (externalConfigMaps: [{p.Namespace}/{c.Name}])",
                    p.Resource);
            }
    }

    private static IEnumerable<string> Keys(Resource r, string field) =>
        r.Root[field] is MappingNode m ? m.Entries.Select(e => e.Key.Value) : [];
}
