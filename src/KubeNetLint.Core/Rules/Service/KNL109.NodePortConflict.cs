using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Services;

public sealed class NodePortConflict : Rule
{
    public override RuleInfo Info { get; } = new("KNL109", "node-port-conflict", Level.Error,
        "Two Services (in any namespaces) ask for the same nodePort.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        // A nodePort is allocated cluster-wide, whatever the protocol; one Service may use it once per protocol.
        // Per nodePort, only what a clash can name is kept (the first holder, the first holder of another
        // identity, the protocols of the Service at hand), so N copies of one Service cost N, not N².
        var taken = new Dictionary<int, Holders>();
        foreach (var service in context.Model.Services.OrderBy(s => s.Resource.Order))
        {
            if (!NodePorts.AllocatesNodePorts(service)) continue;
            foreach (var port in service.Ports)
            {
                int nodePort = port.NodePort ?? 0;
                var node = port.NodePortNode;
                // An absent nodePort reads as 0, which is not a valid port number either.
                if (!KubernetesNames.IsValidPortNumber(nodePort) || node is null) continue;
                var holders = taken.GetValueOrDefault(nodePort);
                if (holders is null) taken[nodePort] = holders = new Holders((service, port));
                // The same Service defined twice (KNL004) is one object, not a conflict. Holders of another
                // identity came earlier than this Service's own ports, so they are named first.
                var clash = holders.FirstNotOf(service.Resource.Identity) ?? holders.SameServiceSameProtocol(service, port);
                holders.Add(service, port);
                if (clash is null) continue;
                var c = clash.Value;
                var message = ReferenceEquals(c.Service, service)
                    ? $"nodePort {nodePort} is already used by an earlier {port.Protocol} port of this Service; the API server rejects the duplicate"
                    : $"nodePort {nodePort} is already used by {Wiring.Describe(c.Service)} in {Wiring.InNamespace(c.Service.Namespace)}; " +
                      "a nodePort is allocated once per cluster, so whichever Service is applied second is rejected";
                yield return At(node, message,
                    service.Resource,
                    Related(c.Port.NodePortNode!, $"nodePort {nodePort} of {Wiring.Describe(c.Service)}"));
            }
        }
    }

    private sealed class Holders((Model.Service Service, ServicePort Port) first)
    {
        private (Model.Service Service, ServicePort Port)? _otherIdentity;
        private Model.Service? _current;
        private readonly Dictionary<string, ServicePort> _currentProtocols = new(StringComparer.Ordinal);

        public (Model.Service Service, ServicePort Port)? FirstNotOf(string identity) =>
            first.Service.Resource.Identity != identity ? first
            : _otherIdentity is not null && _otherIdentity.Value.Service.Resource.Identity != identity ? _otherIdentity : null;

        public (Model.Service Service, ServicePort Port)? SameServiceSameProtocol(Model.Service service, ServicePort port) =>
            ReferenceEquals(_current, service) && _currentProtocols.GetValueOrDefault(port.Protocol) is not null ? (service, _currentProtocols[port.Protocol]) : null;

        public void Add(Model.Service service, ServicePort port)
        {
            if (_otherIdentity is null && service.Resource.Identity != first.Service.Resource.Identity) _otherIdentity = (service, port);
            if (!ReferenceEquals(_current, service)) { _current = service; _currentProtocols.Clear(); }
            _currentProtocols.TryAdd(port.Protocol, port);
        }
    }
}
