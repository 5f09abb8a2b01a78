using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Core.Rules.Dependencies.DependencyText;
using static KubeNetLint.Core.Rules.NetworkPolicy.ConnectivityRules;

namespace KubeNetLint.Core.Rules.Dependencies;

public sealed class DependencyBlockedByPolicy : Rule
{
    public override RuleInfo Info { get; } = new("KNL122", "dependency-blocked-by-policy", Level.Error,
        "A container is configured to call a Service whose workloads the network policies do not let it reach on that port (egress of the caller, ingress of the callee, admin tiers).");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        if (context.Graph.Dependencies.All.Count == 0) yield break;
        var analysis = context.Connectivity();
        foreach (var group in analysis.DeclaredConnections().Where(c => !c.Allowed).GroupBy(c => (c.Dependency.Location, c.From, c.To, c.Protocol, c.Port)))
        {
            var c = group.First();
            var d = c.Dependency;
            var explanation = analysis.Explain(c.From, c.To);
            var side = explanation.Egress.Allowed.Contains(c.Protocol, c.Port) ? explanation.Ingress : explanation.Egress;
            var blockers = side.Policies.Where(p => p.Applied).Select(p => p.Policy).ToList();
            var caller = Describe(c.From);
            var callee = Describe(c.To);
            var connection = $"{c.Protocol} {c.Port}";
            var denier = side.Tiers.SelectMany(t => t.Rules).FirstOrDefault(r => r.Outcome == "deny" && r.Decided.Contains(c.Protocol, c.Port));
            var blame = denier is not null
                ? $"{denier.Policy.Kind} '{denier.Policy.Name}' ({denier.Policy.Tier} tier) denies {(side.Direction == Direction.Ingress ? $"ingress to {callee}" : $"egress from {caller}")} on {connection} with {side.Direction.ToString().ToLowerInvariant()} rule {denier.Number}"
                : blockers.Count == 0
                ? $"the {side.Direction.ToString().ToLowerInvariant()} side does not allow {connection}"
                : side.Direction == Direction.Ingress
                ? $"the ingress rules of {PolicyNames(blockers)}, which isolate {callee}, do not allow {caller} to connect on {connection}"
                : $"the egress rules of {PolicyNames(blockers)} do not allow {caller} to connect to {callee} on {connection}";
            var via = (d.Port is null ? "no port named, and none of the Service's ports is allowed; " : "") + (c.ServicePort is not null
                ? $"Service '{d.ServiceName}' port {c.ServicePort.Port} → container port {c.Port} of {callee}"
                : $"headless Service '{d.ServiceName}': port {c.Port} of the pods of {callee}");
            yield return At(d.Location,
                $"{caller} is configured to call '{d.Target}' in {Where(d)} ({via}), but {blame}: the connection fails",
                d.Caller.Resource,
                [.. (denier is not null
                    ? [Related(denier.Location, $"{denier.Policy.Kind} '{denier.Policy.Name}' denies the connection")]
                    : blockers.Select(p => Related(p.Resource.Location, $"{PolicyName(p)} isolates {(side.Direction == Direction.Ingress ? c.To.Id : c.From.Id)} for {side.Direction.ToString().ToLowerInvariant()}"))),
                 .. Via(group.Select(g => g.Dependency))]);
        }
    }
}
