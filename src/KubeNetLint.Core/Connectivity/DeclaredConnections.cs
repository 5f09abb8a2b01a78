using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

/// <summary>A declared dependency as a connection the policies decide: from the caller's endpoint to one
/// workload behind the Service, on the container port the Service port reaches there (for a headless
/// Service, the port the address names). <see cref="ServicePort"/> is null for a headless Service.</summary>
public sealed record DeclaredConnection(DeclaredDependency Dependency, Endpoint From, Endpoint To, ServicePort? ServicePort, string Protocol, int Port, bool Allowed);

public sealed partial class ConnectivityAnalysis
{
    private IReadOnlyList<DeclaredConnection>? _declared;
    private readonly Lock _declaredLock = new();

    /// <summary>Every declared dependency on a Service with backends in the input, per backend workload,
    /// with the policies' verdict (computed once).</summary>
    public IReadOnlyList<DeclaredConnection> DeclaredConnections()
    {
        lock (_declaredLock) return _declared ??= ComputeDeclared();
    }

    private List<DeclaredConnection> ComputeDeclared()
    {
        var list = new List<DeclaredConnection>();
        foreach (var d in Graph.Dependencies.ToServices)
        {
            var service = d.Service!;
            if (service.IsExternalName || d.PortStatus == DependencyPortStatus.NotExposed) continue;
            var from = EndpointOf(d.Caller);
            if (from is null) continue;
            foreach (var backend in Graph.SelectedBy(service))
            {
                var to = EndpointOf(backend);
                if (to is null || to == from) continue;
                var candidates = Targets(d, service, backend);
                if (candidates.Count == 0) continue;
                var allowed = PolicyAllowed(from, to);
                var pick = candidates.FirstOrDefault(c => allowed.Contains(c.Protocol, c.Port));
                bool ok = pick != default;
                if (!ok) pick = candidates[0];
                list.Add(new DeclaredConnection(d, from, to, pick.ServicePort, pick.Protocol, pick.Port, ok));
            }
        }
        return list;
    }

    /// <summary>The (protocol, container port) pairs the address reaches on one backend.</summary>
    private static List<(ServicePort? ServicePort, string Protocol, int Port)> Targets(DeclaredDependency d, Service service, Workload backend)
    {
        var targets = new List<(ServicePort?, string, int)>();
        int? directPort = service.IsHeadless ? d.Port : null;
        if (directPort is { } direct)
        {
            // DNS answers with the pods' addresses: the client connects to the port it names, on the pod.
            var protocol = service.Ports.FirstOrDefault(p => p.Port == direct)?.Protocol ?? Protocols.Tcp;
            targets.Add((null, protocol, direct));
            return targets;
        }
        foreach (var sp in d.ServicePorts)
        {
            var number = service.IsHeadless ? sp.Port : ResourceGraph.ResolveTarget(sp, backend).Number;
            if (number is { } n && n is >= ConnectionSet.MinPort and <= ConnectionSet.MaxPort && Protocols.IsValid(sp.Protocol))
                targets.Add((service.IsHeadless ? null : sp, sp.Protocol, n));
        }
        return targets;
    }
}
