namespace KubeNetLint.Core.Rules.Ingresses;

public sealed class IngressTlsSecretInvalid : Rule
{
    public override RuleInfo Info { get; } = new("KNL206", "ingress-tls-secret-invalid", Level.Error,
        "A Secret used for Ingress TLS has the wrong type, lacks tls.crt or tls.key, or holds invalid base64 or PEM.");

    public override IEnumerable<Finding> Check(AnalysisContext context) =>
        from content in TlsSecretContent.All(context)
        from problem in content.Problems
        select At(problem.Node, problem.Message, content.Secret.Resource, UsedBy(content));

    /// <summary>Related locations: the Ingress TLS entries that use the Secret (at most a few).</summary>
    internal static RelatedLocation[] UsedBy(TlsSecretContent content) =>
        [.. content.UsedBy.Take(3).Select(r => Related(r.SecretNameNode, $"used for TLS by Ingress '{r.Ingress.Name}'")),
         .. content.Listeners.Take(3).Select(l => Related((Loading.Node?)l.NameNode ?? l.Node, $"used for TLS by listener '{l.Name}' of {l.Owner.Kind} '{l.Owner.Name}'"))];
}
