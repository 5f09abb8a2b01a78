using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

/// <summary>Names and defaults of the Gateway API (standard channel v1.6), in one place.</summary>
public static class GatewayApi
{
    public const string Group = "gateway.networking.k8s.io";
    /// <summary>GEP-1762: the label in-cluster implementations put on the resources they generate for a Gateway.</summary>
    public const string GatewayNameLabel = "gateway.networking.k8s.io/gateway-name";

    public static readonly IReadOnlySet<string> RouteKinds = new HashSet<string>(StringComparer.Ordinal)
        { "HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute" };

    /// <summary>The route kinds a listener protocol carries when `allowedRoutes.kinds` is empty (the
    /// listener `protocol` and `allowedRoutes.kinds` descriptions; GEP-1016 for GRPCRoute on HTTP/HTTPS).
    /// A TLS listener in Terminate mode also carries TCPRoute (GEP-2643).</summary>
    public static IReadOnlyList<string> KindsFor(string protocol, string? tlsMode) => protocol switch
    {
        "HTTP" or "HTTPS" => ["HTTPRoute", "GRPCRoute"],
        "TLS" => tlsMode == "Terminate" ? ["TLSRoute", "TCPRoute"] : ["TLSRoute"],
        "TCP" => ["TCPRoute"],
        "UDP" => ["UDPRoute"],
        _ => [],
    };

    /// <summary>Whether a route kind can ride on a protocol at all (for InvalidRouteKinds and KNL503).
    /// Unknown (implementation-specific) protocols accept anything: we cannot know.</summary>
    public static bool CanCarry(string protocol, string? tlsMode, string routeKind) =>
        protocol is not ("HTTP" or "HTTPS" or "TLS" or "TCP" or "UDP") || KindsFor(protocol, tlsMode).Contains(routeKind);
}

/// <summary>A reference to another object as the Gateway API writes them (parentRefs, backendRefs,
/// certificateRefs, ListenerSet parentRef): group, kind, namespace and name, each defaulted by the caller.</summary>
public sealed record ObjectRef(string Group, string Kind, string? Namespace, string Name, MappingNode Node)
{
    public ScalarNode? NameNode => Node["name"] as ScalarNode;
    public ScalarNode? NamespaceNode => Node["namespace"] as ScalarNode;
    public ScalarNode? KindNode => Node["kind"] as ScalarNode;
    public Node NamespaceOrName => (Node?)NamespaceNode ?? (Node?)NameNode ?? Node;
}

public sealed class GatewayClass
{
    public required Resource Resource { get; init; }
    public string? ControllerName { get; init; }
    public string Name => Resource.Name;
}

/// <summary>`allowedRoutes.namespaces` / `allowedListeners.namespaces`: where attachments may come from.</summary>
public sealed record NamespaceFrom(string From, LabelSelector? Selector, Node? Node);

public sealed record RouteGroupKind(string Group, string Kind, MappingNode Node);

/// <summary>A listener of a Gateway or of a ListenerSet (same schema).</summary>
public sealed class Listener
{
    public required string Name { get; init; }
    public required int? Port { get; init; }
    public required string Protocol { get; init; }
    public string? Hostname { get; init; }
    public ScalarNode? HostnameNode { get; init; }
    /// <summary>`tls.mode`, defaulted to Terminate when `tls` is written (the field's default).</summary>
    public string? TlsMode { get; init; }
    public IReadOnlyList<ObjectRef> CertificateRefs { get; init; } = [];
    public MappingNode? TlsNode { get; init; }
    /// <summary>Default `from: Same`.</summary>
    public required NamespaceFrom AllowedNamespaces { get; init; }
    /// <summary>Empty: the protocol decides.</summary>
    public required IReadOnlyList<RouteGroupKind> AllowedKinds { get; init; }
    public required MappingNode Node { get; init; }
    /// <summary>The Gateway or ListenerSet that declares it.</summary>
    public required Resource Owner { get; init; }

    public ScalarNode? NameNode => Node["name"] as ScalarNode;
    public bool TerminatesTls => Protocol == "HTTPS" || (Protocol == "TLS" && TlsMode == "Terminate");

    /// <summary>The route kinds this listener admits: the written kinds (those of the Gateway API group
    /// its protocol can carry), else the protocol's defaults.</summary>
    public IEnumerable<string> EffectiveKinds => AllowedKinds.Count == 0
        ? GatewayApi.KindsFor(Protocol, TlsMode)
        : AllowedKinds.Where(k => k.Group == GatewayApi.Group && GatewayApi.CanCarry(Protocol, TlsMode, k.Kind)).Select(k => k.Kind);

    public string Describe() => $"'{Name}' ({Protocol}/{Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}{(Hostname is null ? "" : ", " + Hostname)})";
}

public sealed class Gateway
{
    public required Resource Resource { get; init; }
    public string? ClassName { get; init; }
    public ScalarNode? ClassNode { get; init; }
    public required IReadOnlyList<Listener> Listeners { get; init; }
    /// <summary>`allowedListeners.namespaces`; default `from: None`.</summary>
    public required NamespaceFrom AllowedListeners { get; init; }
    public string Namespace => Resource.Namespace ?? "default";
    public string Name => Resource.Name;
    public override string ToString() => Resource.Id;
}

public sealed class ListenerSet
{
    public required Resource Resource { get; init; }
    public ObjectRef? ParentRef { get; init; }
    public required IReadOnlyList<Listener> Listeners { get; init; }
    public string Namespace => Resource.Namespace ?? "default";
    public string Name => Resource.Name;
}

/// <summary>A route `parentRefs` item; group defaults to the Gateway API group, kind to Gateway, namespace
/// to the route's.</summary>
public sealed record ParentRef(ObjectRef Ref, string? SectionName, int? Port)
{
    public ScalarNode? SectionNameNode => Ref.Node["sectionName"] as ScalarNode;
    public ScalarNode? PortNode => Ref.Node["port"] as ScalarNode;
}

/// <summary>A backendRef: group defaults to "" (core), kind to Service, namespace to the route's. A
/// RequestMirror filter's `backendRef` has the same shape (and no weight).</summary>
public sealed record BackendRef(ObjectRef Ref, int? Port, int? Weight)
{
    public ScalarNode? PortNode => Ref.Node["port"] as ScalarNode;
    public bool IsService => Ref.Group == "" && Ref.Kind == "Service";
    /// <summary>`filters` of this backendRef (HTTPRoute, GRPCRoute).</summary>
    public IReadOnlyList<RouteFilter> Filters { get; init; } = [];
}

/// <summary>A filter of a route rule or of one backendRef (HTTPRoute, GRPCRoute): its `type` and, for a
/// RequestMirror, the backend it mirrors to (`requestMirror.backendRef`).</summary>
public sealed record RouteFilter(string? Type, MappingNode Node, BackendRef? Mirror)
{
    public ScalarNode? TypeNode => Node["type"] as ScalarNode;
}

/// <summary>One rule of a route: its matches (as written, for display and conflict detection), backends
/// and filters.</summary>
public sealed record RouteRule(IReadOnlyList<MappingNode> Matches, IReadOnlyList<BackendRef> Backends, MappingNode Node)
{
    public IReadOnlyList<RouteFilter> Filters { get; init; } = [];

    /// <summary>The RequestMirror backends of the rule's filters and of its backendRefs' filters, in source order.</summary>
    public IEnumerable<BackendRef> Mirrors =>
        Filters.Concat(Backends.SelectMany(b => b.Filters)).Select(f => f.Mirror).OfType<BackendRef>();
}

/// <summary>HTTPRoute, GRPCRoute, TLSRoute, TCPRoute or UDPRoute: they share parentRefs, (for the
/// first three) hostnames, and rules with backendRefs.</summary>
public sealed class Route
{
    public required Resource Resource { get; init; }
    public required IReadOnlyList<ParentRef> ParentRefs { get; init; }
    public required IReadOnlyList<(string Host, ScalarNode Node)> Hostnames { get; init; }
    public required IReadOnlyList<RouteRule> Rules { get; init; }
    public string Kind => Resource.Kind;
    public string Namespace => Resource.Namespace ?? "default";
    public string Name => Resource.Name;
    public override string ToString() => Resource.Id;
}

public sealed record ReferenceGrantFrom(string Group, string Kind, string Namespace);
public sealed record ReferenceGrantTo(string Group, string Kind, string? Name);

public sealed class ReferenceGrant
{
    public required Resource Resource { get; init; }
    public required IReadOnlyList<ReferenceGrantFrom> From { get; init; }
    public required IReadOnlyList<ReferenceGrantTo> To { get; init; }
    public string Namespace => Resource.Namespace ?? "default";

    /// <summary>ReferenceGrant matching: a `from` entry equal in group, kind and namespace, and a `to`
    /// entry equal in group and kind whose name is unset or equal.</summary>
    public bool Permits(string fromGroup, string fromKind, string fromNamespace, string toGroup, string toKind, string toName) =>
        From.Any(f => f.Group == fromGroup && f.Kind == fromKind && f.Namespace == fromNamespace) &&
        To.Any(t => t.Group == toGroup && t.Kind == toKind && (string.IsNullOrEmpty(t.Name) || t.Name == toName));
}

/// <summary>A policy `targetRefs` item (LocalPolicyTargetReferenceWithSectionName): group, kind and name are
/// required (no defaults), the target is in the policy's namespace; `sectionName` for a Service is a port name.</summary>
public sealed record PolicyTargetRef(string Group, string Kind, string Name, string? SectionName, MappingNode Node)
{
    public ScalarNode? NameNode => Node["name"] as ScalarNode;
    public ScalarNode? SectionNameNode => Node["sectionName"] as ScalarNode;
    public bool IsService => Group == "" && Kind == "Service";
}

/// <summary>BackendTLSPolicy (gateway.networking.k8s.io/v1): how a Gateway connects with TLS to the
/// Services it targets: the CA certificates (ConfigMaps of the policy's namespace) or a well-known CA set,
/// and the hostname used as SNI and for authentication.</summary>
public sealed class BackendTlsPolicy
{
    public required Resource Resource { get; init; }
    public required IReadOnlyList<PolicyTargetRef> TargetRefs { get; init; }
    /// <summary>`spec.validation`; null when absent (the CRD requires it).</summary>
    public MappingNode? Validation { get; init; }
    /// <summary>`validation.caCertificateRefs` (LocalObjectReference: group, kind, name; namespace is the policy's).</summary>
    public IReadOnlyList<ObjectRef> CaCertificateRefs { get; init; } = [];
    public string? WellKnownCaCertificates { get; init; }
    public string? Hostname { get; init; }
    public ScalarNode? HostnameNode => Validation?["hostname"] as ScalarNode;
    public string Namespace => Resource.Namespace ?? "default";
    public string Name => Resource.Name;
    public override string ToString() => Resource.Id;
}
