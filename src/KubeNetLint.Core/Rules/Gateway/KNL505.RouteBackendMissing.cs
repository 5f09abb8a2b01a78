using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Gateways;

public sealed class RouteBackendMissing : Rule
{
    public override RuleInfo Info { get; } = new("KNL505", "route-backend-missing", Level.Error,
        "A route backendRef (or RequestMirror backendRef) names a Service that does not exist, or a kind the route cannot use.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var (route, _, b, hop, mirror) in context.Graph.Routes.References)
        {
            if (hop.Status == BackendStatus.ServiceMissing)
                yield return At(hop.Node, mirror
                    ? $"{route.Kind} '{route.Name}' mirrors requests to Service '{b.Ref.Name}', which is not in namespace '{hop.Namespace}'; the RequestMirror backend is dropped (ResolvedRefs False)"
                    : $"{route.Kind} '{route.Name}' sends traffic to Service '{b.Ref.Name}', which is not in namespace '{hop.Namespace}'; the rule answers 500 (HTTP) or resets the connection", route.Resource);
            else if (hop.Status == BackendStatus.UnsupportedKind)
                yield return At((Node?)b.Ref.KindNode ?? b.Ref.Node,
                    $"{route.Kind} '{route.Name}' has a {(mirror ? "RequestMirror backendRef" : "backendRef")} of kind {(b.Ref.Group.Length == 0 ? "" : b.Ref.Group + "/")}{b.Ref.Kind}; the core conformance profile supports only Services (group \"\", kind Service), so the reference is not resolved (ResolvedRefs False, InvalidKind)",
                    route.Resource);
        }
    }
}
