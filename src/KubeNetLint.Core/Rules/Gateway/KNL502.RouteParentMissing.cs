using KubeNetLint.Core.Graph;

namespace KubeNetLint.Core.Rules.Gateways;

public sealed class RouteParentMissing : Rule
{
    public override RuleInfo Info { get; } = new("KNL502", "route-parent-missing", Level.Error,
        "A route's parentRef names a Gateway or ListenerSet that is not in the input, or a ListenerSet its Gateway does not admit.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var routes = context.Graph.Routes;
        foreach (var p in routes.Parents)
        {
            if (p.Status is not (ParentStatus.ParentMissing or ParentStatus.ListenerSetNotAdmitted)) continue;
            var kind = p.Ref.Ref.Kind is not ("Gateway" or "ListenerSet" or "Service") ? p.Ref.Ref.KindNode : null;
            var at = kind ?? (Loading.Node?)p.Ref.Ref.NameNode ?? p.Ref.Ref.Node;
            yield return At(at, $"{p.Route.Kind} '{p.Route.Name}' is attached to nothing through this parentRef: {p.Reason}", p.Route.Resource);
        }
        // A ListenerSet itself: its Gateway must exist and admit it, or its listeners are never programmed.
        foreach (var set in context.Model.ListenerSets)
        {
            var pr = set.ParentRef;
            if (pr is null) continue;
            var gw = routes.ParentOf(set);
            var at = (Loading.Node?)pr.NameNode ?? pr.Node;
            if (gw is null)
                yield return At(at, $"ListenerSet '{set.Name}' names Gateway '{pr.Name}' in namespace '{pr.Namespace ?? set.Namespace}', which is not in the input", set.Resource);
            else if (!routes.Admits(gw, set))
                yield return At(at,
                    $"Gateway '{gw.Name}' does not admit ListenerSet '{set.Name}' (spec.allowedListeners.namespaces.from: {gw.AllowedListeners.From}), so its listeners are not programmed",
                    set.Resource, Related(gw.Resource.Location, $"Gateway '{gw.Name}'"));
        }
    }
}
