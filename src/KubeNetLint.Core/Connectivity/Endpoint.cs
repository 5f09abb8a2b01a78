using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

public enum EndpointKind { Workload, IngressController, External, Gateway }

public enum Direction { Ingress, Egress }

/// <summary>Something that opens or accepts connections: a workload (all pods of one template behave
/// alike), the ingress controller, a Gateway whose data-plane pods are not in the input (docs/semantics.md
/// §8), or a range of external addresses. Ids are <c>ns/Kind/name</c>,
/// <c>ns/IngressController/ingress-controller</c> and <c>external/FIRST-LAST</c>.</summary>
public sealed class Endpoint
{
    public const string IngressControllerKind = "IngressController";
    public const string IngressControllerName = "ingress-controller";
    public const string ExternalKind = "External";
    public const string GatewayKind = "Gateway";

    public required int Index { get; init; }
    public required string Id { get; init; }
    public required EndpointKind Kind { get; init; }
    /// <summary>The object kind for workloads (Deployment, StatefulSet, …), else IngressController or External.</summary>
    public required string KindName { get; init; }
    public string? Namespace { get; init; }
    public string? Name { get; init; }
    public Workload? Workload { get; init; }
    public ExternalCell? Cell { get; init; }
    /// <summary>For a Gateway stand-in: the Gateway object.</summary>
    public Resource? Source { get; init; }
    /// <summary>The equivalence class (same namespace, labels and ports) the endpoint belongs to.</summary>
    internal int Class { get; set; }

    public bool IsExternal => Kind == EndpointKind.External;

    /// <summary>The pods use the node's network namespace (`hostNetwork: true`). NetworkPolicy behaviour for
    /// them is undefined: most implementations do not select them and see their traffic as node traffic.
    /// The analysis still treats them as ordinary pods; outputs add <see cref="HostNetworkCaveat"/>.</summary>
    public bool HostNetwork => Workload?.Template.HostNetwork == true;

    /// <summary>What `matrix` and `explain` say about a host-network endpoint (KNL311 says it in `check`).</summary>
    public string HostNetworkCaveat =>
        $"{Id} uses hostNetwork: NetworkPolicy behaviour for host-network pods is undefined (commonly they are not selected and " +
        "their traffic is seen as node traffic); the policies are applied to it here as to any pod";

    /// <summary>What a cluster dump's Pods behind this endpoint are, when that needs saying: the Pods
    /// grouped under a controller the dump does not hold, a Pod kept apart from its controller's other
    /// Pods and why, a static Pod. Null for workloads written as manifests.</summary>
    public string? PodsNote => Workload switch
    {
        { Controller: { SplitReason: { } reason } } => $"{Id}: {reason}",
        // Not split: the Pods were grouped under their controller, so there is at least one (ModelBuilder.GroupPods).
        { Controller: not null } w =>
            $"{Id} is not in the input; it stands for its {w.PodsInInput.Count} Pod{(w.PodsInInput.Count == 1 ? "" : "s")} " +
            $"{string.Join(", ", w.PodsInInput.Take(5).Select(p => p.Name))}{(w.PodsInInput.Count > 5 ? ", …" : "")}",
        { IsStaticPod: true } => $"{Id} is a static Pod (made by the kubelet of its node from a local file)",
        _ => null,
    };

    /// <summary>Where the endpoint is defined (the workload's name), when it comes from a manifest.</summary>
    // Stryker disable once NullCoalescing : an endpoint has a Workload or (a Gateway stand-in) a Source, never both, so the order of the two is free.
    public SourceLocation? Location => Workload?.Resource.Location ?? Source?.Location;

    public override string ToString() => Id;
}
