using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Gateways;

public sealed class RouteRuleConflict : Rule
{
    public override RuleInfo Info { get; } = new("KNL513", "route-rule-conflict", Level.Warning,
        "Two routes on the same listener claim the same hostname and an identical match, so creation time decides which one wins.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var seen = new Dictionary<(Listener, string Host, string Kind, string Match), (Route Route, Node Node)>();
        var reported = new HashSet<(Route, Node)>();
        foreach (var p in context.Graph.Routes.Parents)
        {
            if (p.Status != ParentStatus.Accepted || p.Route.Kind is not ("HTTPRoute" or "GRPCRoute")) continue;
            foreach (var a in p.Attached)
                foreach (var host in a.Hosts)
                    foreach (var rule in p.Route.Rules)
                    {
                        var matches = rule.Matches.Count == 0
                            ? [(Match: p.Route.Kind == "HTTPRoute" ? "PathPrefix /" : "(any)", Node: (Node)rule.Node)]
                            : rule.Matches.Select(m => (Match: RouteGraph.DescribeMatch(m), Node: (Node)m));
                        foreach (var (match, node) in matches)
                        {
                            var key = (a.Listener, host.ToLowerInvariant(), p.Route.Kind, match);
                            if (!seen.TryGetValue(key, out var first)) { seen[key] = (p.Route, node); continue; }
                            if (ReferenceEquals(first.Route, p.Route) || !reported.Add((p.Route, node))) continue;
                            yield return At(node,
                                $"{p.Route.Kind} '{p.Route.Name}' and {first.Route.Kind} '{first.Route.Resource.Namespace}/{first.Route.Name}' both match '{match}' for host {host} on listener '{a.Listener.Name}' of {a.Listener.Owner.Kind} '{a.Listener.Owner.Name}'; the older route wins (then the first by namespace/name), which the manifests do not show",
                                p.Route.Resource, Related(first.Node, $"the same match in {first.Route.Kind} '{first.Route.Name}'"));
                        }
                    }
        }
    }
}
