using System.Globalization;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Ingresses;

using KubeNetLint.Core.Model;

public sealed class IngressBackendPortMissing : Rule
{
    public override RuleInfo Info { get; } = new("KNL202", "ingress-backend-port-missing", Level.Error,
        "An Ingress backend names a port (number or name) that its Service does not expose, or no port at all.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        // ExternalName Services have no ports of their own; KNL212 covers them.
        foreach (var b in ServiceBackend.All(context.Graph).Where(b => b.Service is { IsExternalName: false }))
        {
            var svc = b.Service!;
            var wanted = b.Backend.ServicePort;
            if (wanted is null)
            {
                var at = MissingPortNode(b);
                if (at is not null)
                    yield return At(at, $"the backend to Service '{b.ServiceName}' gives no port ({(b.Ingress.IsLegacyApi ? "servicePort" : "service.port.number or service.port.name")}); the API server rejects it", b.Ingress.Resource);
                continue;
            }
            var both = BothNumberAndName(b);
            if (both is not null)
                yield return At(both, "the backend sets both port.number and port.name; set exactly one (the API server rejects both)", b.Ingress.Resource);
            if (b.Port is not null) continue;

            int num = wanted.Number ?? 0;
            var what = wanted.Number is not null ? $"no port {num.ToString(CultureInfo.InvariantCulture)}" : $"no port named '{wanted.Name}'";
            var exposes = svc.Ports.Count == 0 ? "it has no ports" : "it exposes " + string.Join(", ", svc.Ports.Select(Describe));
            var hint = "";
            var targeting = wanted.Number is null ? null : svc.Ports.FirstOrDefault(p => p.Port != num && Targets(context, svc, p).Contains(num));
            int sp = targeting?.Port ?? 0;
            if (targeting?.Port is not null)
                hint = $"; {num.ToString(CultureInfo.InvariantCulture)} is the container port it targets; an Ingress backend names the Service port ({sp.ToString(CultureInfo.InvariantCulture)})";
            var related = svc.PortsNode is null
                ? Related(svc.Resource.Location, $"Service '{svc.Name}'")
                : Related(svc.PortsNode, $"ports of Service '{svc.Name}'");
            yield return At(wanted.Node, $"Service '{svc.Name}' has {what} ({exposes}){hint}", b.Ingress.Resource, related);
        }
    }

    /// <summary>The container port numbers a Service port reaches: a numeric targetPort, or what a named one resolves to.</summary>
    private static IEnumerable<int> Targets(AnalysisContext context, Service svc, ServicePort port)
    {
        var number = port.EffectiveTarget?.Number;
        return number is not null ? [number.Value]
            : context.Graph.SelectedBy(svc).Select(w => ResourceGraph.ResolveTarget(port, w).Number).OfType<int>();
    }

    private static string Describe(ServicePort p) =>
        $"{p.Port?.ToString(CultureInfo.InvariantCulture) ?? "?"}{(string.IsNullOrEmpty(p.Name) ? "" : $" ({p.Name})")}";

    /// <summary>Where to point when no port is given at all; null when a port is written but unreadable
    /// (KNL005 reports the wrong type).</summary>
    private static Node? MissingPortNode(ServiceBackend b)
    {
        if (b.Ingress.IsLegacyApi) return Node.IsAbsent(b.Backend.Node["servicePort"]) ? b.NameNode : null;
        var service = b.Backend.Node["service"] as MappingNode;
        var port = service?["port"] as MappingNode;
        if (port is null) return Node.IsAbsent(service?["port"]) ? b.NameNode : null;
        return port.KeyNode("number") is null && port.KeyNode("name") is null ? port : null;
    }

    private static Node? BothNumberAndName(ServiceBackend b)
    {
        if (b.Ingress.IsLegacyApi) return null;
        var port = (b.Backend.Node["service"] as MappingNode)?["port"] as MappingNode;
        var name = port?["name"] as ScalarNode;
        return port?["number"] is ScalarNode && name is not null ? name : null;
    }
}
