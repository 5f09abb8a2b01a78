using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Ingresses;

using KubeNetLint.Core.Model;

public sealed class IngressBackendHasNoEndpoints : Rule
{
    public override RuleInfo Info { get; } = new("KNL203", "ingress-backend-has-no-endpoints", Level.Warning,
        "An Ingress backend's Service exists but has no endpoints: it selects no workload, or its targetPort reaches no container port.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var b in ServiceBackend.All(context.Model, context.Graph))
        {
            // A missing port is KNL202's; ExternalName Services have no endpoints by design (KNL212).
            if (b.Service is not { IsExternalName: false } svc || b.Port is not { EffectiveTarget: { } target } port) continue;
            var route = $"Ingress '{b.Ingress.Name}' routes to Service '{svc.Name}'";

            if (svc.Selector is null)
            {
                if (context.Graph.HasEndpointObjects(svc.Namespace, svc.Name)) continue;
                yield return At(b.NameNode,
                    $"{route}, which has no selector and no Endpoints or EndpointSlice in the input, so it has no endpoints to send requests to",
                    b.Ingress.Resource, Related(svc.Resource.Location, $"Service '{svc.Name}' has no selector"));
                continue;
            }

            var selected = context.Graph.SelectedBy(svc);
            if (selected.Count == 0)
            {
                yield return At(b.NameNode,
                    $"{route}, whose selector ({svc.Selector}) matches no workload in namespace '{svc.Namespace}', so requests get 503",
                    b.Ingress.Resource, Related((Node?)svc.SelectorNode ?? svc.Resource.Root, $"selector of Service '{svc.Name}'"));
                continue;
            }

            // Kubernetes routes to a numeric targetPort whether declared or not; a named one must exist on the pods.
            if (selected.Any(w => ResourceGraph.ResolveTarget(port, w).Number is not null)) continue;
            yield return At(b.NameNode,
                $"{route} port {port.Port}, whose targetPort '{target}' names no {port.Protocol} container port of {Workloads(selected)}, so it has no endpoints",
                b.Ingress.Resource, Related(port.TargetNode, $"targetPort of Service '{svc.Name}'"));
        }
    }

    private static string Workloads(IReadOnlyList<Workload> selected) =>
        string.Join(", ", selected.Take(3).Select(w => $"{w.Kind} '{w.Name}'")) + (selected.Count > 3 ? $" and {selected.Count - 3} more" : "");
}
