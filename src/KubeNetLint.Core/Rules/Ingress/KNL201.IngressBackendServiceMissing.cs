namespace KubeNetLint.Core.Rules.Ingresses;

using KubeNetLint.Core.Model;

public sealed class IngressBackendServiceMissing : Rule
{
    public override RuleInfo Info { get; } = new("KNL201", "ingress-backend-service-missing", Level.Error,
        "An Ingress backend (a path or the default backend) names a Service that does not exist in the Ingress's namespace.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var b in ServiceBackend.All(context.Graph).Where(b => b.Service is null))
        {
            var elsewhere = context.Model.Services.FirstOrDefault(s => s.Name == b.ServiceName);
            var message = $"Ingress '{b.Ingress.Name}' routes to Service '{b.ServiceName}', which is not defined in namespace '{b.Namespace}'";
            if (elsewhere is null)
            {
                yield return At(b.NameNode, message + "; requests to this backend get 503 until the Service exists", b.Ingress.Resource);
                continue;
            }
            yield return At(b.NameNode,
                $"{message}; a Service of that name exists in namespace '{elsewhere.Namespace}', but an Ingress can only route to Services in its own namespace",
                b.Ingress.Resource, Related(elsewhere.Resource.Location, $"Service '{elsewhere.Name}' in namespace '{elsewhere.Namespace}'"));
        }

        // A backend with neither a Service name nor a resource: the API server rejects the Ingress.
        foreach (var (ing, b, _) in context.Graph.Routes.IngressBackends.Where(b => !b.Backend.IsResource && string.IsNullOrEmpty(b.Backend.ServiceName)))
            yield return At((Loading.Node?)b.ServiceNameNode ?? b.Node,
                $"this backend of Ingress '{ing.Name}' names no Service ({(ing.IsLegacyApi ? "serviceName" : "service.name")}){(ing.IsLegacyApi ? "" : " and no resource")}; the API server rejects it",
                ing.Resource);
    }
}
