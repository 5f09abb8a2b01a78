using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

/// <summary>A document that is not a Kubernetes object (no apiVersion/kind): KNL002.</summary>
public sealed record NonObjectDocument(Node Root, string Reason);

/// <summary>The typed, read-only model of the whole input: every object, and typed views of the kinds
/// KubeNetLint understands. Built once; rules and the connectivity engine only read it.</summary>
public sealed class ResourceModel
{
    public required IReadOnlyList<SourceFile> Files { get; init; }
    public required IReadOnlyList<LoadProblem> LoadProblems { get; init; }
    public required IReadOnlyList<Resource> Resources { get; init; }
    public required IReadOnlyList<NonObjectDocument> NonObjects { get; init; }
    /// <summary>Every parsed document, in input order (a List's items are inside its root).</summary>
    public IReadOnlyList<ParsedDocument> Documents { get; init; } = [];
    public required IReadOnlyList<FieldTypeError> TypeErrors { get; init; }
    public required ObjectKinds Kinds { get; init; }

    public required IReadOnlyList<Workload> Workloads { get; init; }
    public required IReadOnlyList<Service> Services { get; init; }
    public required IReadOnlyList<Ingress> Ingresses { get; init; }
    public required IReadOnlyList<IngressClass> IngressClasses { get; init; }
    public required IReadOnlyList<NetworkPolicy> NetworkPolicies { get; init; }
    /// <summary>AdminNetworkPolicies, BaselineAdminNetworkPolicies and ClusterNetworkPolicies, in input order.</summary>
    public IReadOnlyList<AdminNetworkPolicy> AdminPolicies { get; init; } = [];
    public required IReadOnlyList<Secret> Secrets { get; init; }
    public IReadOnlyList<ConfigMap> ConfigMaps { get; init; } = [];
    public required IReadOnlyList<NamespaceObject> Namespaces { get; init; }
    public required IReadOnlyList<EndpointsObject> Endpoints { get; init; }
    public IReadOnlyList<GatewayClass> GatewayClasses { get; init; } = [];
    public IReadOnlyList<Gateway> Gateways { get; init; } = [];
    public IReadOnlyList<ListenerSet> ListenerSets { get; init; } = [];
    /// <summary>HTTPRoute, GRPCRoute, TLSRoute, TCPRoute and UDPRoute, in input order.</summary>
    public IReadOnlyList<Route> Routes { get; init; } = [];
    public IReadOnlyList<ReferenceGrant> ReferenceGrants { get; init; } = [];
    public IReadOnlyList<BackendTlsPolicy> BackendTlsPolicies { get; init; } = [];

    /// <summary>The namespace objects without `metadata.namespace` were put in.</summary>
    public required string DefaultNamespace { get; init; }

    /// <summary>Resources of a kind (any group), in input order.</summary>
    public IEnumerable<Resource> OfKind(string kind) => Resources.Where(r => r.Kind == kind);
}
