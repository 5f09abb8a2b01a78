using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Ingresses;

using KubeNetLint.Core.Model;

public sealed class IngressTlsSecretMissing : Rule
{
    /// <summary>Annotations that make cert-manager's ingress-shim create the TLS Secret.</summary>
    public static readonly string[] CertManagerAnnotations = new string[] { "cert-manager.io/cluster-issuer", "cert-manager.io/issuer" };
    private const string TlsAcmeAnnotation = "kubernetes.io/tls-acme";

    public override RuleInfo Info { get; } = new("KNL205", "ingress-tls-secret-missing", Level.Error,
        "An Ingress TLS entry names a Secret that is not in the Ingress's namespace, and nothing says it is made elsewhere (cert-manager, externalSecrets).");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var issued = IssuedSecrets(context.Model);
        var external = context.Config.ExternalSecrets.ToHashSet(StringComparer.Ordinal);
        foreach (var r in TlsSecretContent.References(context.Model))
        {
            var ns = r.Ingress.Namespace;
            if (context.Graph.FindSecret(ns, r.SecretName) is not null) continue;
            if (IsIssuedByCertManager(r.Ingress) || issued.Contains((ns, r.SecretName)) || external.Contains($"{ns}/{r.SecretName}")) continue;

            var message = $"TLS Secret '{r.SecretName}' of Ingress '{r.Ingress.Name}' is not defined in namespace '{ns}'. " +
                          $"If it is made outside these manifests, declare it in .kubenetlint.yaml (externalSecrets: [{ns}/{r.SecretName}]); " +
                          "if cert-manager issues it, annotate the Ingress with cert-manager.io/cluster-issuer or cert-manager.io/issuer, or include its Certificate";
            var elsewhere = context.Model.Secrets.FirstOrDefault(s => s.Name == r.SecretName);
            yield return elsewhere is null
                ? At(r.SecretNameNode, message, r.Ingress.Resource)
                : At(r.SecretNameNode, message + $". A Secret of that name exists in namespace '{elsewhere.Namespace}', but an Ingress can only use Secrets in its own namespace",
                    r.Ingress.Resource, Related(elsewhere.Resource.Location, $"Secret '{elsewhere.Name}' in namespace '{elsewhere.Namespace}'"));
        }
    }

    private static bool IsIssuedByCertManager(Ingress ing) =>
        CertManagerAnnotations.Any(a => !string.IsNullOrEmpty(ing.Resource.Annotations.GetValueOrDefault(a))) ||
        ing.Resource.Annotations.GetValueOrDefault(TlsAcmeAnnotation) == "true";

    /// <summary>(namespace, secretName) of every cert-manager Certificate in the input.</summary>
    private static HashSet<(string, string)> IssuedSecrets(ResourceModel model) =>
        model.OfKind("Certificate")
            .Where(c => c.Group == "cert-manager.io" || c.Group == "certmanager.k8s.io")
            .Select(c => (Ns: c.Namespace ?? model.DefaultNamespace, Name: (c.Spec?["secretName"] as ScalarNode)?.Value))
            // An empty secretName is kept: it never matches, since References skips TLS entries without a name.
            .Where(x => x.Name is not null)
            .Select(x => (x.Ns, x.Name!))
            .ToHashSet();
}
