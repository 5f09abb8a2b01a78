namespace KubeNetLint.Core.Rules.Dependencies;

public sealed class InvalidHostAlias : Rule
{
    public override RuleInfo Info { get; } = new("KNL124", "invalid-host-alias", Level.Error,
        "A hostAliases entry the API server rejects: a missing or invalid IP address, or a hostname that is not a DNS-1123 subdomain.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var w in context.Model.Workloads)
        {
            if (context.Graph.IsShadowed(w)) continue;
            foreach (var alias in w.Template.HostAliases)
            {
                if (alias.IpNode is null)
                {
                    // A wrong type is KNL005's; an absent or empty ip is this rule's.
                    if (Loading.Node.IsAbsent(alias.Node["ip"]))
                        yield return At(alias.Node, "hostAliases entry has no ip; the API server rejects the pod template", w.Resource);
                }
                else if (!KubernetesNames.IsLegacyIpAddress(alias.Ip!))
                    yield return At(alias.IpNode, $"hostAliases ip '{alias.Ip}' is not a valid IP address; the API server rejects the pod template", w.Resource);
                foreach (var hostname in alias.Hostnames)
                {
                    var problem = hostname.Value.EndsWith('.') ? "a trailing dot is not allowed"
                        : KubernetesNames.Dns1123SubdomainProblem(hostname.Value);
                    if (problem is not null)
                        yield return At(hostname, $"hostAliases hostname '{hostname.Value}' is not a valid DNS-1123 subdomain: {problem}; the API server rejects the pod template", w.Resource);
                }
            }
        }
    }
}
