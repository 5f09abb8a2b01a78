using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Model;
using static KubeNetLint.Core.Rules.NetworkPolicy.ConnectivityRules;

namespace KubeNetLint.Core.Rules.Gateways;

/// <summary>KNL307 for Gateway API routes: the Gateway's data-plane pods must be allowed to open the
/// container port of each backendRef and of each RequestMirror backendRef. The pods are the workloads of the Gateway's namespace labelled
/// `gateway.networking.k8s.io/gateway-name: NAME` (GEP-1762); when the input does not hold them (the
/// controller creates them, or the data plane is a cloud load balancer), the rule stays silent.</summary>
public sealed class RouteBackendBlockedByPolicy : Rule
{
    public override RuleInfo Info { get; } = new("KNL511", "route-backend-blocked-by-policy", Level.Error,
        "A route sends traffic (or RequestMirror copies) to workloads whose NetworkPolicies deny the Gateway's data-plane pods that port.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var routes = context.Graph.Routes;
        var pods = new Dictionary<Gateway, IReadOnlyList<Workload>>(ReferenceEqualityComparer.Instance);
        foreach (var gw in context.Model.Gateways)
        {
            var list = routes.DataPlanePods(gw);
            // Stryker disable once Equality : a Gateway without pods is skipped below anyway (no sources).
            if (list.Count > 0) pods[gw] = list;
        }
        // Without any policy (NetworkPolicy or admin tier) everything is allowed.
        // Stryker disable once Logical : an early exit; without pods or without policies the loop below finds nothing.
        if (pods.Count == 0 || context.Model.NetworkPolicies.Count == 0 && context.Model.AdminPolicies.Count == 0) yield break;

        var analysis = context.Connectivity();
        var reported = new HashSet<(Route, BackendRef, Workload)>();
        foreach (var parent in routes.Parents)
        {
            var gw = parent.Gateway;
            if (parent.Status != ParentStatus.Accepted || gw is null) continue;
            if (!pods.TryGetValue(gw, out var gwPods)) continue;
            var sources = gwPods.Select(analysis.EndpointOf).OfType<Connectivity.Endpoint>().ToList();
            if (sources.Count == 0) continue;
            foreach (var (route, _, backendRef, hop, mirror) in routes.ReferencesByRoute[parent.Route])
            {
                var sp = hop.ServicePort;
                // Stryker disable once Logical : only an Ok hop has a Service port; an Ok hop without one has no workloads.
                if (hop.Status != BackendStatus.Ok || sp is null) continue;
                foreach (var w in hop.Workloads)
                {
                    var number = ResourceGraph.ResolveTarget(sp, w).Number;
                    if (number is null) continue;
                    int port = number.Value;
                    var target = analysis.EndpointOf(w);
                    if (target is null) continue;
                    if (sources.Any(s => analysis.PolicyAllowed(s, target).Contains(sp.Protocol, port))) continue;
                    if (!reported.Add((route, backendRef, w))) continue;
                    var who = $"the data-plane pods of Gateway '{gw.Name}' ({List(sources.Select(s => s.Id))})";
                    var blame = Blocked.Of(analysis, sources[0], target, sp.Protocol, port);
                    yield return At(hop.Node, mirror
                        ? $"{route.Kind} '{route.Name}' mirrors requests (RequestMirror backendRef) to Service '{hop.Name}' port {hop.Port} (container port {port} of {Describe(target)}), but {blame.Blame(who, Describe(target))}: the mirrored copies never arrive (clients' responses, which come from the rule's backendRefs, are not affected)"
                        : $"{route.Kind} '{route.Name}' sends traffic to Service '{hop.Name}' port {hop.Port} (container port {port} of {Describe(target)}), but {blame.Blame(who, Describe(target))}: requests through this backend fail",
                        route.Resource, [.. blame.Related("the Gateway's pods", target.Id)]);
                }
            }
        }
    }
}
