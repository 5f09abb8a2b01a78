using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Ingresses;

using KubeNetLint.Core.Model;

/// <summary>Why a routed Service port has no endpoints: shared by KNL203 (Ingress backends) and KNL510
/// (Gateway API backendRefs), so both judge a backend the same way.</summary>
public static class BackendEndpoints
{
    /// <summary>Null when the port has endpoints (or cannot be judged: ExternalName, no targetPort).
    /// Otherwise the end of the message (after "X routes to Service 'y'") and where the related location points.
    /// For a RequestMirror backend (<paramref name="mirror"/>) no client request gets the 503: the copies are lost.</summary>
    public static (string Tail, SourceLocation Related, string RelatedMessage)? Problem(ResourceGraph graph, Service svc, ServicePort port, bool mirror = false)
    {
        var target = port.EffectiveTarget;
        if (svc.IsExternalName || target is null) return null;
        if (svc.Selector is null)
        {
            if (graph.HasEndpointObjects(svc.Namespace, svc.Name)) return null;
            return (", which has no selector and no Endpoints or EndpointSlice in the input, so it has no endpoints to send requests to",
                svc.Resource.Location, $"Service '{svc.Name}' has no selector");
        }
        var selected = graph.SelectedBy(svc);
        if (selected.Count == 0)
            return ($", whose selector ({svc.Selector}) matches no workload in namespace '{svc.Namespace}', {(mirror ? "so it has no endpoints" : "so requests get 503")}",
                ((Node?)svc.SelectorNode ?? svc.Resource.Root).Location, $"selector of Service '{svc.Name}'");
        // Kubernetes routes to a numeric targetPort whether declared or not; a named one must exist on the pods.
        if (selected.Any(w => ResourceGraph.ResolveTarget(port, w).Number is not null)) return null;
        return ($" port {port.Port}, whose targetPort '{target}' names no {port.Protocol} container port of {Workloads(selected)}, so it has no endpoints",
            port.TargetNode.Location, $"targetPort of Service '{svc.Name}'");
    }

    private static string Workloads(IReadOnlyList<Workload> selected) =>
        $"{string.Join(", ", selected.Take(3).Select(w => $"{w.Kind} '{w.Name}'"))}{(selected.Count > 3 ? $" and {selected.Count - 3} more" : "")}";
}
