using System.Globalization;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Gateways;

public sealed class RouteBackendPortMissing : Rule
{
    public override RuleInfo Info { get; } = new("KNL506", "route-backend-port-missing", Level.Error,
        "A route's Service backendRef (or RequestMirror backendRef) names a port the Service does not expose, or no port at all.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var (route, _, b, hop, mirror) in context.Graph.Routes.References)
        {
            if (hop.Status == BackendStatus.NoPort && b.PortNode is null)
                yield return At(hop.Node, $"the {(mirror ? "RequestMirror backendRef" : "backendRef")} to Service '{b.Ref.Name}' gives no port; the API server rejects a Service backendRef without one (\"Must have port for Service reference\")", route.Resource);
            else if (hop.Status == BackendStatus.PortMissing && hop.Service is not null)
            {
                var svc = hop.Service;
                var exposes = svc.Ports.Count == 0 ? "it has no ports"
                    : "it exposes " + string.Join(", ", svc.Ports.Select(p => p.Port?.ToString(CultureInfo.InvariantCulture) ?? "?"));
                var related = svc.PortsNode is null ? Related(svc.Resource.Location, $"Service '{svc.Name}'") : Related(svc.PortsNode, $"ports of Service '{svc.Name}'");
                yield return At((Node?)b.PortNode ?? hop.Node, $"Service '{svc.Name}' has no port {b.Port} ({exposes}); a backendRef port is the Service port, not the container port", route.Resource, related);
            }
        }
    }
}
