using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Gateways;

public sealed class RouteNotAccepted : Rule
{
    public override RuleInfo Info { get; } = new("KNL503", "route-not-accepted", Level.Error,
        "A route's parent exists but no listener admits it: sectionName or port match no listener, or allowedRoutes (namespaces, kinds) or the protocol exclude it.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var p in context.Graph.Routes.Parents)
        {
            if (p.Status != ParentStatus.NotAllowed) continue;
            var at = (Node?)p.Ref.SectionNameNode ?? (Node?)p.Ref.PortNode ?? (Node?)p.Ref.Ref.NameNode ?? p.Ref.Ref.Node;
            var parent = (Resource: p.ListenerSet?.Resource ?? p.Gateway!.Resource, Name: p.ListenerSet?.Name ?? p.Gateway!.Name);
            yield return At(at, $"no listener of {parent.Resource.Kind} '{parent.Name}' accepts {p.Route.Kind} '{p.Route.Name}': {p.Reason}",
                p.Route.Resource, Related(parent.Resource.Location, $"{parent.Resource.Kind} '{parent.Name}'"));
        }
    }
}
