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
            var who = controller.Workload is null
                ? $"the ingress controller (namespace '{analysis.Controller.Namespace}', pods {string.Join(",", analysis.Controller.PodLabels.Select(kv => $"{kv.Key}={kv.Value}"))})"
                : $"the ingress controller ({List(analysis.IngressControllers.Select(c => c.Id))})";
            var port = route.Backend.ServicePort?.ToString() ?? route.ServicePort.Port?.ToString() ?? "";
            var blocked = Blocked.Of(analysis, controller, route.Target, Protocols.Tcp, route.ContainerPort);
            yield return At(route.Backend.ServiceNameNode ?? (Loading.Node)route.Backend.Node,
                $"Ingress '{route.Ingress.Name}' routes to Service '{route.Service.Name}' port {port} (container port {route.ContainerPort} of {Describe(route.Target)}), but {blocked.Blame(who, Describe(route.Target))}: requests through this backend fail",
                route.Ingress.Resource, [.. blocked.Related("the controller", route.Target.Id)]);
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
