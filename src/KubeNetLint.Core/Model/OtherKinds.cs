using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

/// <summary>A Secret. Values are kept only as nodes for the TLS checks and are never printed.</summary>
public sealed class Secret
{
    public required Resource Resource { get; init; }
    public string Type { get; init; } = "Opaque";
    public ScalarNode? TypeNode { get; init; }
    public MappingNode? Data { get; init; }
    public MappingNode? StringData { get; init; }

    public bool HasKey(string key) => Data?[key] is not null || StringData?[key] is not null;
    public string Name => Resource.Name;
    public string Namespace => Resource.Namespace ?? "default";
}

/// <summary>A ConfigMap: its `data` values are what containers read through envFrom and configMapKeyRef.</summary>
public sealed class ConfigMap
{
    public required Resource Resource { get; init; }
    /// <summary>`data`; null when absent or not a mapping.</summary>
    public MappingNode? Data { get; init; }

    public string Name => Resource.Name;
    public string Namespace => Resource.Namespace ?? "default";

    /// <summary>The value of a key as a string scalar (kubectl sends numbers and booleans there too, which
    /// the API server rejects: KNL005), or null.</summary>
    public ScalarNode? Value(string key) => Data?[key] is ScalarNode { IsNull: false } s ? s : null;
}

public sealed class NamespaceObject
{
    public required Resource Resource { get; init; }
    public string Name => Resource.Name;
    public IReadOnlyDictionary<string, string> Labels => Resource.Labels;
}

/// <summary>Endpoints or EndpointSlice: evidence that a selectorless Service has addresses.</summary>
public sealed class EndpointsObject
{
    public required Resource Resource { get; init; }
    /// <summary>The Service it belongs to: the Endpoints' name, or an EndpointSlice's
    /// kubernetes.io/service-name label.</summary>
    public required string ServiceName { get; init; }
    public string Namespace => Resource.Namespace ?? "default";
}
