using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Gateways;

/// <summary>BackendTLSPolicy `validation.caCertificateRefs`: core support is a ConfigMap of the policy's
/// namespace with the CA bundle in the key `ca.crt`; a reference that does not resolve or a ConfigMap
/// without that key is InvalidCACertificateRef, and connections using the policy fail with a 5xx. The
/// bundle's content is read with the PEM and X.509 code of the TLS Secret rules (KNL206, KNL207).</summary>
public sealed class BackendTlsPolicyCaCertificateInvalid : Rule
{
    public const string CaKey = "ca.crt";
    /// <summary>Published by kube-controller-manager into every namespace (key ca.crt).</summary>
    public const string RootCaConfigMap = "kube-root-ca.crt";

    public override RuleInfo Info { get; } = new("KNL516", "backend-tls-policy-ca-certificate-invalid", Level.Error,
        "A BackendTLSPolicy names a CA certificate ConfigMap that is not in its namespace, has no ca.crt key, or whose ca.crt is not a PEM bundle of valid X.509 certificates, so connections that use the policy fail; other kinds, and an expired CA certificate, are a warning.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        if (context.Model.BackendTlsPolicies.Count == 0) yield break;
        // trust-manager writes a Bundle's CA set into a ConfigMap of the Bundle's name in every selected namespace.
        // A Bundle defined twice (KNL004) counts as its last definition.
        // A target without a key (trust-manager requires one) is taken as writing some key: not reported.
        var bundles = new Dictionary<string, (string? Key, Resource Bundle)>(StringComparer.Ordinal);
        foreach (var r in context.Model.Resources)
        {
            var target = r.Kind == "Bundle" && r.Group == "trust.cert-manager.io" ? (r.Spec?["target"] as MappingNode)?["configMap"] as MappingNode : null;
            if (target is null) continue;
            var key = target["key"] as ScalarNode;
            bundles[r.Name] = (key is null || key.IsNull ? null : key.Value, r);
        }
        var external = context.Config.ExternalConfigMaps.ToHashSet(StringComparer.Ordinal);
        // ConfigMaps of the input with a ca.crt key, and the policies that use them: their content is read once.
        var users = new Dictionary<Resource, List<(BackendTlsPolicy Policy, Node Ref)>>(ReferenceEqualityComparer.Instance);
        var withKey = new List<Resource>();
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
                var cm = context.Graph.FindConfigMap(p.Namespace, c.Name)?.Resource;
                if (cm is not null)
                {
                    var keys = Keys(cm, "data").Concat(Keys(cm, "binaryData")).ToList();
                    if (keys.Contains(CaKey))
                    {
                        if (!users.TryGetValue(cm, out var list)) { users[cm] = list = []; withKey.Add(cm); }
                        list.Add((p, at));
                        continue;
                    }
                    yield return At(at,
                        $"ConfigMap '{c.Name}', the CA certificate of {subject}, has no key '{CaKey}' ({(keys.Count == 0 ? "it has no data" : "keys: " + string.Join(", ", keys.Take(8)))}); the policy reads the CA bundle from {CaKey} (InvalidCACertificateRef), so connections that use it fail with a 5xx",
                        p.Resource, Related(cm.Location, $"ConfigMap '{c.Name}'"));
                    continue;
                }
                if (c.Name == RootCaConfigMap || external.Contains($"{p.Namespace}/{c.Name}")) continue;
                var bundle = bundles.GetValueOrDefault(c.Name);
                if (bundle.Bundle is not null && (bundle.Key is null || bundle.Key == CaKey)) continue;
                if (bundle.Bundle is not null)
                {
                    yield return At(at,
                        $"ConfigMap '{c.Name}', the CA certificate of {subject}, is written by trust-manager Bundle '{c.Name}' under key '{bundle.Key}', but the policy reads the CA bundle from {CaKey} (InvalidCACertificateRef), so connections that use it fail with a 5xx; set the Bundle's spec.target.configMap.key to {CaKey}",
                        p.Resource, Related(bundle.Bundle.Location, $"trust-manager Bundle '{c.Name}'"));
                    continue;
                }
                yield return At(at,
                    $"ConfigMap '{c.Name}', the CA certificate of {subject}, is not defined in namespace '{p.Namespace}' (InvalidCACertificateRef), so connections that use the policy fail with a 5xx. If it is made outside these manifests, declare it in .kubenetlint.yaml (externalConfigMaps: [{p.Namespace}/{c.Name}])",
                    p.Resource);
            }
        foreach (var cm in withKey)
            foreach (var f in Content(context, cm, users[cm])) yield return f;
    }

    /// <summary>The CA bundle under ca.crt, read as an implementation loads it: `data` holds the PEM text,
    /// `binaryData` its base64; it must be PEM with at least one CERTIFICATE block, each valid X.509 (TLS
    /// libraries refuse a bundle they cannot parse). An expired or not yet valid CA is a warning: chains that
    /// end at it fail validation, and implementations that check CA expiry mark the reference invalid.
    /// Findings point at the key in the ConfigMap, with the policies that use it.</summary>
    private IEnumerable<Finding> Content(AnalysisContext context, Resource cm, List<(BackendTlsPolicy Policy, Node Ref)> usedBy)
    {
        var policies = usedBy.Select(u => u.Policy).Distinct().Select(p => $"BackendTLSPolicy '{p.Name}'").ToList();
        var subject = $"ConfigMap '{cm.Name}', the CA certificate of {string.Join(" and ", policies.Take(3))}{(policies.Count > 3 ? $" and {policies.Count - 3} more" : "")}";
        var related = usedBy.Select(u => Related(u.Ref, $"BackendTLSPolicy '{u.Policy.Name}' names ConfigMap '{cm.Name}' here")).ToArray();
        const string Fails = "the CA bundle cannot be loaded (ResolvedRefs False, InvalidCACertificateRef or an implementation-specific reason), so connections that use the policy fail with a 5xx";
        var fromData = (cm.Root["data"] as MappingNode)?.KeyNode(CaKey) is not null;
        var field = fromData ? "data" : "binaryData";
        var map = (MappingNode)cm.Root[field]!;
        var keyNode = map.KeyNode(CaKey)!;
        var value = map[CaKey];
        var where = $"{CaKey} ({field}) of {subject},";
        var scalar = value as ScalarNode;
        if (scalar is null)
        {
            yield return At(keyNode, $"{where} must be a string, not a {value!.KindName}; {Fails}", cm, related);
            yield break;
        }
        var written = scalar.IsNull ? "" : scalar.Value;
        var bytes = fromData ? null : Ingresses.TlsSecretContent.DecodeBase64(written);
        if (!fromData && bytes is null)
        {
            yield return At(keyNode, $"{where} is not valid base64 (values under binaryData are base64; put the PEM text under data instead); {Fails}", cm, related);
            yield break;
        }
        var text = bytes is null ? written : System.Text.Encoding.UTF8.GetString(bytes);
        if (text.Trim().Length == 0)
        {
            yield return At(keyNode, $"{where} is empty; {Fails}", cm, related);
            yield break;
        }
        var bundle = Ingresses.PemMaterial.ReadCertificateBundle(text, out var problem);
        if (bundle is null)
        {
            yield return At(keyNode, $"{where} {problem}; {Fails}", cm, related);
            yield break;
        }
        string Which(int i) => bundle.Count == 1 ? "the CA certificate" : $"CA certificate {i + 1} of {bundle.Count}";
        // With no valid certificate there is nothing to load; beside valid ones, a broken block is refused with
        // the whole bundle by some TLS libraries and skipped by others (Go's CertPool.AppendCertsFromPEM).
        bool anyValid = bundle.Any(c => c is not null);
        for (int i = 0; i < bundle.Count; i++)
            if (bundle[i] is null)
                yield return anyValid
                    ? At(keyNode, $"{where} has a CERTIFICATE block that is not a valid X.509 certificate (block {i + 1} of {bundle.Count}); depending on the implementation the whole bundle is refused (InvalidCACertificateRef, connections fail with a 5xx) or the block is skipped", cm, related) with { Level = Level.Warning }
                    : At(keyNode, $"{where} has a CERTIFICATE block that is not a valid X.509 certificate{(bundle.Count == 1 ? "" : $" (block {i + 1} of {bundle.Count})")}; {Fails}", cm, related);
        var now = context.Now;
        for (int i = 0; i < bundle.Count; i++)
        {
            var cert = bundle[i];
            if (cert is null) continue;
            var when = now < cert.NotBefore ? $"is not valid before {Ingresses.IngressTlsCertificateMismatch.Date(cert.NotBefore)}"
                : now > cert.NotAfter ? $"expired on {Ingresses.IngressTlsCertificateMismatch.Date(cert.NotAfter)}" : null;
            if (when is null) continue;
            yield return At(keyNode,
                $"{Which(i)} in {where} {when}: a backend certificate chain that ends at it fails validation, and implementations that check CA expiry mark the reference invalid",
                cm, related) with { Level = Level.Warning };
        }
    }

    private static IEnumerable<string> Keys(Resource r, string field) =>
        (r.Root[field] as MappingNode)?.Entries.Select(e => e.Key.Value) ?? [];
}
