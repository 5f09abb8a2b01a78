using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Ingresses;

using KubeNetLint.Core.Model;

/// <summary>An Ingress backend that names a Service (resource backends are not Services and never appear
/// here), with the Service it resolves to in the Ingress's own namespace.</summary>
public sealed record ServiceBackend(Ingress Ingress, IngressBackend Backend, string ServiceName, ScalarNode NameNode, Service? Service)
{
    public string Namespace => Ingress.Namespace;

    /// <summary>The Service port the backend's port selects (<see cref="RouteGraph.IngressServicePort"/>).</summary>
    public ServicePort? Port => Service is null ? null : RouteGraph.IngressServicePort(Service, Backend.ServicePort);

    /// <summary>Every Service backend of every Ingress, default backends first, in input order.</summary>
    public static IEnumerable<ServiceBackend> All(ResourceModel model, ResourceGraph graph) =>
        from ing in model.Ingresses
        from b in ing.Backends
        where !b.IsResource && b.ServiceNameNode is { } n && b.ServiceName is { Length: > 0 }
        select new ServiceBackend(ing, b, b.ServiceName!, b.ServiceNameNode!, graph.FindService(ing.Namespace, b.ServiceName!));

    /// <summary>"web:80" / "web:http" for messages.</summary>
    public string Describe() => Backend.ServicePort is { } p ? $"{ServiceName}:{p}" : ServiceName;
}
