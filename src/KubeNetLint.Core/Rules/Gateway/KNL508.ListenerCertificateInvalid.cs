using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;
using KubeNetLint.Core.Rules.Ingresses;

namespace KubeNetLint.Core.Rules.Gateways;

/// <summary>The references of a TLS-terminating listener. The content of the Secrets it names (type, keys,
/// PEM, expiry, hosts, key match) is judged by KNL206/KNL207 through <see cref="TlsSecretContent"/>.</summary>
public sealed class ListenerCertificateInvalid : Rule
{
    public override RuleInfo Info { get; } = new("KNL508", "listener-certificate-invalid", Level.Error,
        "A TLS-terminating listener (HTTPS, or TLS in Terminate mode) has no certificateRefs, or names a Secret that does not exist or a kind that is not a Secret.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var routes = context.Graph.Routes;
        var external = context.Config.ExternalSecrets.ToHashSet(StringComparer.Ordinal);
        var issued = context.Model.OfKind("Certificate").Where(c => c.Group == "cert-manager.io")
            .Select(c => (c.Namespace ?? context.Model.DefaultNamespace, (c.Spec?["secretName"] as ScalarNode)?.Value ?? "")).ToHashSet();
        foreach (var l in context.Model.Gateways.SelectMany(g => g.Listeners).Concat(context.Model.ListenerSets.SelectMany(s => s.Listeners)))
        {
            if (!l.TerminatesTls) continue;
            var owner = l.Owner;
            var ns = owner.Namespace ?? "default";
            if (l.CertificateRefs.Count == 0)
            {
                var at = l.TlsNode is not null ? Field(l.Node, "tls", l.Node) : ((Node?)l.Node["protocol"] ?? l.Node).Location;
                yield return At(at,
                    $"listener '{l.Name}' of {owner.Kind} '{owner.Name}' terminates TLS ({l.Protocol}{(l.Protocol == "TLS" ? ", mode Terminate" : "")}) but names no certificate in tls.certificateRefs; the CRD requires one and clients cannot complete a handshake",
                    owner);
                continue;
            }
            // cert-manager's gateway-shim issues the Secrets of an annotated Gateway.
            bool shim = IngressTlsSecretMissing.CertManagerAnnotations.Any(a => owner.Annotations.ContainsKey(a));
            foreach (var c in l.CertificateRefs)
            {
                if (c.Group != "" || c.Kind != "Secret")
                {
                    yield return At((Node?)c.KindNode ?? c.Node,
                        $"listener '{l.Name}' of {owner.Kind} '{owner.Name}' names a certificate of kind {(c.Group.Length == 0 ? "" : c.Group + "/")}{c.Kind}; core support is a Secret of type kubernetes.io/tls (other kinds are implementation-specific: InvalidCertificateRef)",
                        owner);
                    continue;
                }
                var target = c.Namespace ?? ns;
                if (!routes.Permitted(GatewayApi.Group, owner.Kind, ns, "", "Secret", target, c.Name)) continue; // KNL507
                if (context.Graph.FindSecret(target, c.Name) is not null || shim || external.Contains($"{target}/{c.Name}") || issued.Contains((target, c.Name))) continue;
                yield return At((Node?)c.NameNode ?? c.Node,
                    $"certificate Secret '{c.Name}' of listener '{l.Name}' of {owner.Kind} '{owner.Name}' is not defined in namespace '{target}' (InvalidCertificateRef). If it is made outside these manifests, declare it in .kubenetlint.yaml (externalSecrets: [{target}/{c.Name}]); if cert-manager issues it, annotate the Gateway with cert-manager.io/cluster-issuer or cert-manager.io/issuer, or include its Certificate",
                    owner);
            }
        }
    }
}
