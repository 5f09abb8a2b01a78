using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Ingresses;

using KubeNetLint.Core.Model;

/// <summary>An Ingress backend that names a Service (resource backends are not Services and never appear
/// here), as the route graph resolved it (<see cref="RouteGraph.IngressBackends"/>): the Service of the
/// Ingress's own namespace and the port the backend selects. The rules read this; none resolves again.</summary>
public sealed record ServiceBackend(Ingress Ingress, IngressBackend Backend, string ServiceName, ScalarNode NameNode, BackendHop Hop)
{
    public string Namespace => Ingress.Namespace;

    /// <summary>The Service of that name in the Ingress's namespace, when the input has it.</summary>
    public Service? Service => Hop.Service;

    /// <summary>The Service port the backend's port selects: by number against `port`, by name against `name`.</summary>
    public ServicePort? Port => Hop.ServicePort;

    /// <summary>Every Service backend of every Ingress, default backends first, in input order.</summary>
    public static IEnumerable<ServiceBackend> All(ResourceGraph graph) =>
        from b in graph.Routes.IngressBackends
        where b.NamesService
        select new ServiceBackend(b.Ingress, b.Backend, b.Backend.ServiceName!, b.Backend.ServiceNameNode!, b.Hop);
}
