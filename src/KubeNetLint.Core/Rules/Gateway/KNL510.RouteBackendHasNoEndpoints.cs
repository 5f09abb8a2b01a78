using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Rules.Ingresses;

namespace KubeNetLint.Core.Rules.Gateways;

public sealed class RouteBackendHasNoEndpoints : Rule
{
    public override RuleInfo Info { get; } = new("KNL510", "route-backend-has-no-endpoints", Level.Warning,
        "A route backendRef's (or RequestMirror backendRef's) Service exists but has no endpoints: it selects no workload, or its targetPort reaches no container port.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var (route, _, _, hop, mirror) in context.Graph.Routes.References)
        {
            var svc = hop.Service;
            var port = hop.ServicePort;
            // Stryker disable once Logical : only an Ok hop has a Service port; an Ok hop without one (ExternalName, ServiceImport) has no endpoints to check, which BackendEndpoints also says.
            if (hop.Status != BackendStatus.Ok || svc is null || port is null) continue;
            var found = BackendEndpoints.Problem(context.Graph, svc, port, mirror);
            if (found is null) continue;
            var problem = found.Value;
            yield return At(hop.Node, mirror
                    ? $"{route.Kind} '{route.Name}' has a RequestMirror backendRef to Service '{svc.Name}'{problem.Tail}; the mirrored copies of the requests are lost (clients' responses come from the rule's backendRefs)"
                    : $"{route.Kind} '{route.Name}' routes to Service '{svc.Name}'{problem.Tail}", route.Resource,
                Related(problem.Related, problem.RelatedMessage));
        }
    }
}
