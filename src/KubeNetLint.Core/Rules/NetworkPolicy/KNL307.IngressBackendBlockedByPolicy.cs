using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Model;
using static KubeNetLint.Core.Rules.NetworkPolicy.ConnectivityRules;

namespace KubeNetLint.Core.Rules.NetworkPolicy;

public sealed class IngressBackendBlockedByPolicy : Rule
{
    public override RuleInfo Info { get; } = new("KNL307", "ingress-backend-blocked-by-policy", Level.Error,
        "An Ingress routes to workloads whose NetworkPolicies deny the ingress controller that port.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        if (analysis.IngressControllers.Count == 0) yield break;
        foreach (var route in Routes(context, analysis))
        {
            if (analysis.IngressControllers.Any(c => analysis.PolicyAllowed(c, route.Target).Contains(Protocols.Tcp, route.ContainerPort))) continue;
            var controller = analysis.IngressControllers[0];
            var explanation = analysis.Explain(controller, route.Target);
            var side = explanation.Egress.Allowed.Contains(Protocols.Tcp, route.ContainerPort) ? explanation.Ingress : explanation.Egress;
            var blockers = side.Policies.Where(p => p.Applied).Select(p => p.Policy).ToList();
            var who = controller.Workload is null
                ? $"the ingress controller (namespace '{analysis.Controller.Namespace}', pods {string.Join(",", analysis.Controller.PodLabels.Select(kv => $"{kv.Key}={kv.Value}"))})"
                : $"the ingress controller ({List(analysis.IngressControllers.Select(c => c.Id))})";
            var port = route.Backend.ServicePort?.ToString() ?? route.ServicePort.Port?.ToString() ?? "";
            // With admin policies, an Admin or Baseline tier Deny may be what blocks it.
            var denier = side.Tiers.SelectMany(t => t.Rules).FirstOrDefault(r => r.Outcome == "deny" && r.Decided.Contains(Protocols.Tcp, route.ContainerPort));
            var blame = denier is not null
                ? $"{denier.Policy.Kind} '{denier.Policy.Name}' ({denier.Policy.Tier} tier) denies {(side.Direction == Direction.Ingress ? "it" : $"{who}'s egress")} on TCP {route.ContainerPort} with {side.Direction.ToString().ToLowerInvariant()} rule {denier.Number}"
                : side.Direction == Direction.Ingress
                ? $"the ingress rules of {PolicyNames(blockers)}, which isolate {Describe(route.Target)}, do not allow {who} to connect on TCP {route.ContainerPort}"
                : $"the egress rules of {PolicyNames(blockers)} do not allow {who} to connect to {Describe(route.Target)} on TCP {route.ContainerPort}";
            yield return At(route.Backend.ServiceNameNode ?? (Loading.Node)route.Backend.Node,
                $"Ingress '{route.Ingress.Name}' routes to Service '{route.Service.Name}' port {port} (container port {route.ContainerPort} of {Describe(route.Target)}), but {blame}: requests through this backend fail",
                route.Ingress.Resource,
                denier is not null ? [Related(denier.Location, $"{denier.Policy.Kind} '{denier.Policy.Name}' denies the connection")] :
                [.. blockers.Select(p => Related(p.Resource.Location, $"{PolicyName(p)} isolates {(side.Direction == Direction.Ingress ? route.Target.Id : "the controller")} for {side.Direction.ToString().ToLowerInvariant()}"))]);
        }
    }

    /// <summary>Every Ingress backend of the route graph that reaches a container port of a workload
    /// endpoint: the route table's resolution, not a second one. A backend without a port is not a route
    /// (the API server rejects the Ingress; KNL202).</summary>
    private static IEnumerable<IngressRoute> Routes(AnalysisContext context, ConnectivityAnalysis analysis) =>
        from b in context.Graph.Routes.IngressBackends
        from t in b.Hop.ContainerPorts()
        let target = analysis.Find(t.Workload.Id)
        where target is not null
        select new IngressRoute(b.Ingress, b.Backend, b.Hop.Service!, b.Hop.ServicePort!, target, t.ContainerPort);
}
