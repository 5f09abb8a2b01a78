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
            var caller = Describe(c.From);
            var callee = Describe(c.To);
            var blocked = Blocked.Of(analysis, c.From, c.To, c.Protocol, c.Port);
            var noPort = d.Port is null ? "no port named, and none of the Service's ports is allowed; " : "";
            var via = c.ServicePort is not null
                ? $"{noPort}Service '{d.ServiceName}' port {c.ServicePort.Port} → container port {c.Port} of {callee}"
                : $"{noPort}headless Service '{d.ServiceName}': port {c.Port} of the pods of {callee}";
            yield return At(d.Location,
                $"{caller} is configured to call '{d.Target}' in {Where(d)} ({via}), but {blocked.Blame(caller, callee)}: the connection fails",
                d.Caller.Resource,
                [.. blocked.Related(c.From.Id, c.To.Id),
                 .. Via(group.Select(g => g.Dependency))]);
        }
    }
}
