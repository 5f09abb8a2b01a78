namespace KubeNetLint.Core.Rules.Ingresses;

public sealed class InvalidIngressHost : Rule
{
    public override RuleInfo Info { get; } = new("KNL211", "invalid-ingress-host", Level.Error,
        "An Ingress rule or TLS host that is an IP address or not a valid DNS name, or has a wildcard anywhere but as the whole first label.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var ing in context.Model.Ingresses)
        {
            foreach (var rule in ing.Rules)
            {
                var host = rule.Host;
                var node = rule.HostNode;
                // The API server validates a rule host only when it is non-empty: `host: ""` is no host (every host).
                var problem = string.IsNullOrEmpty(host) ? null : HostNames.Problem(host);
                if (node is not null && problem is not null)
                    yield return At(node, $"host '{host}' {problem}; the API server rejects this Ingress", ing.Resource);
            }
            foreach (var (host, node) in ing.Tls.SelectMany(t => t.Hosts))
            {
                if (HostNames.IsIpAddress(host))
                    yield return At(node, $"TLS host '{host}' is an IP address; clients send only DNS names for TLS (SNI), so this entry never matches", ing.Resource);
                else if (HostNames.Problem(host) is not null)
                    yield return At(node, $"TLS host '{host}' {HostNames.Problem(host)}; the API server rejects this Ingress", ing.Resource);
            }
        }
    }
}
