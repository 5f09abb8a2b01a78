using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

public sealed record ServicePort(
    string? Name, string Protocol, int? Port, PortRef? TargetPort, int? NodePort, MappingNode Node)
{
    public ScalarNode? NameNode => Node["name"] as ScalarNode;
    public ScalarNode? PortNode => Node["port"] as ScalarNode;
    public ScalarNode? NodePortNode => Node["nodePort"] as ScalarNode;
    public ScalarNode? ProtocolNode => Node["protocol"] as ScalarNode;
    /// <summary>The targetPort node when written, else the port node (targetPort defaults to port).</summary>
    public Node TargetNode => (Node?)TargetPort?.Node ?? (Node?)PortNode ?? Node;

    /// <summary>The port the pods are reached on: targetPort, defaulting to port (the API server defaults
    /// an absent targetPort, a targetPort of 0 and a targetPort of "" to the port: SetDefaults_Service).</summary>
    public PortRef? EffectiveTarget => TargetPort is { Number: not (null or 0) } or { Name.Length: > 0 } ? TargetPort
        : Port is not null && PortNode is not null ? new PortRef(Port.Value, null, TargetPort?.Node ?? PortNode) : null;
}

public sealed class Service
{
    public required Resource Resource { get; init; }
    /// <summary>ClusterIP (the default), NodePort, LoadBalancer or ExternalName, as written.</summary>
    public required string Type { get; init; }
    public ScalarNode? TypeNode { get; init; }
    /// <summary>Null when the Service has no selector (endpoints are managed elsewhere).</summary>
    public LabelSelector? Selector { get; init; }
    public MappingNode? SelectorNode { get; init; }
    public required IReadOnlyList<ServicePort> Ports { get; init; }
    public SequenceNode? PortsNode { get; init; }
    public string? ClusterIP { get; init; }
    public ScalarNode? ClusterIPNode { get; init; }
    public string? ExternalName { get; init; }
    public ScalarNode? ExternalNameNode { get; init; }
    public ScalarNode? ExternalTrafficPolicyNode { get; init; }
    public ScalarNode? HealthCheckNodePortNode { get; init; }
    /// <summary>`spec.sessionAffinity` as written (null when absent: the API server defaults it to None).</summary>
    public string? SessionAffinity { get; init; }
    public ScalarNode? SessionAffinityNode { get; init; }
    /// <summary>`spec.sessionAffinityConfig` when written (a null value counts as absent).</summary>
    public MappingNode? SessionAffinityConfigNode { get; init; }
    /// <summary>`spec.sessionAffinityConfig.clientIP.timeoutSeconds` when written as an integer.</summary>
    public int? AffinityTimeoutSeconds { get; init; }
    public ScalarNode? AffinityTimeoutNode { get; init; }
    /// <summary>`spec.externalIPs` has entries: a ClusterIP Service with external IPs is reachable from outside.</summary>
    public bool HasExternalIPs { get; init; }

    public MappingNode? Spec => Resource.Spec;
    public string Namespace => Resource.Namespace ?? "default";
    public string Name => Resource.Name;
    public bool IsHeadless => ClusterIP == "None";
    public bool IsExternalName => Type == "ExternalName";

    public ServicePort? FindPort(int number) => Ports.FirstOrDefault(p => p.Port == number);
    public ServicePort? FindPort(string name) => Ports.FirstOrDefault(p => p.Name == name);

    public override string ToString() => Resource.Id;
}
