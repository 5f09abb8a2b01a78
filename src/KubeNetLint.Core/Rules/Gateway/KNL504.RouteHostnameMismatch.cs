using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Gateways;

public sealed class RouteHostnameMismatch : Rule
{
    public override RuleInfo Info { get; } = new("KNL504", "route-hostname-mismatch", Level.Error,
        "No hostname of a route intersects the hostname of any listener that would admit it, so the route is not accepted.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var p in context.Graph.Routes.Parents)
        {
            if (p.Status != ParentStatus.NoMatchingHostname) continue;
            var spec = p.Route.Resource.Spec;
            var at = spec is not null ? Field(spec, "hostnames", p.Route.Hostnames[0].Node) : p.Route.Hostnames[0].Node.Location;
            yield return At(at, $"{p.Route.Kind} '{p.Route.Name}' is not accepted by {p.ListenerSet?.Resource.Kind ?? "Gateway"} '{p.ListenerSet?.Name ?? p.Gateway!.Name}': {p.Reason}",
                p.Route.Resource, Related((Node?)p.Ref.Ref.NameNode ?? p.Ref.Ref.Node, "the parentRef"));
        }
    }
}
