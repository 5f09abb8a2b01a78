using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

/// <summary>An Ingress backend in any API version: a Service and port, or a resource reference.</summary>
public sealed record IngressBackend(MappingNode Node, string? ServiceName, ScalarNode? ServiceNameNode, PortRef? ServicePort, bool IsResource)
{
    public Node PortNodeOrBackend => (Node?)ServicePort?.Node ?? Node;
}

public sealed record IngressPath(string? Path, ScalarNode? PathNode, string? PathType, ScalarNode? PathTypeNode, IngressBackend? Backend, MappingNode Node);

public sealed record IngressRule(string? Host, ScalarNode? HostNode, IReadOnlyList<IngressPath> Paths, MappingNode Node);

public sealed record IngressTls(IReadOnlyList<(string Host, ScalarNode Node)> Hosts, string? SecretName, ScalarNode? SecretNameNode, MappingNode Node);

public sealed class Ingress
{
    public required Resource Resource { get; init; }
    /// <summary>True for extensions/v1beta1 and networking.k8s.io/v1beta1 (serviceName/servicePort).</summary>
    public required bool IsLegacyApi { get; init; }
    /// <summary>`ingressClassName`, else the legacy `kubernetes.io/ingress.class` annotation.</summary>
    public string? ClassName { get; init; }
    public Node? ClassNode { get; init; }
    public IngressBackend? DefaultBackend { get; init; }
    public required IReadOnlyList<IngressRule> Rules { get; init; }
    public required IReadOnlyList<IngressTls> Tls { get; init; }

    public string Namespace => Resource.Namespace ?? "default";
    public string Name => Resource.Name;

    public IEnumerable<IngressBackend> Backends =>
        (DefaultBackend is null ? [] : new[] { DefaultBackend })
            .Concat(Rules.SelectMany(r => r.Paths).Select(p => p.Backend).OfType<IngressBackend>());

    public override string ToString() => Resource.Id;
}

public sealed class IngressClass
{
    public const string DefaultAnnotation = "ingressclass.kubernetes.io/is-default-class";
    public required Resource Resource { get; init; }
    public string? Controller { get; init; }
    public bool IsDefault => Resource.Annotations.TryGetValue(DefaultAnnotation, out var v) && v == "true";
    public string Name => Resource.Name;
}
