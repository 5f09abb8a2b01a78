using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Rules.Ingresses;

namespace KubeNetLint.Core.Rules.Gateways;

public sealed class RouteBackendHasNoEndpoints : Rule
{
    public override RuleInfo Info { get; } = new("KNL510", "route-backend-has-no-endpoints", Level.Warning,
        "A route backendRef's Service exists but has no endpoints: it selects no workload, or its targetPort reaches no container port.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var (route, _, _, hop) in context.Graph.Routes.Backends)
        {
            var svc = hop.Service;
            var port = hop.ServicePort;
            if (hop.Status != BackendStatus.Ok || svc is null || port is null) continue;
            var found = BackendEndpoints.Problem(context.Graph, svc, port);
            if (found is null) continue;
            var problem = found.Value;
            yield return At(hop.Node, $"{route.Kind} '{route.Name}' routes to Service '{svc.Name}'{problem.Tail}", route.Resource,
                Related(problem.Related, problem.RelatedMessage));
        }
    }
}
