using KubeNetLint.Core.Graph;
using static KubeNetLint.Core.Rules.Dependencies.DependencyText;

namespace KubeNetLint.Core.Rules.Dependencies;

public sealed class DependencyPortNotExposed : Rule
{
    public override RuleInfo Info { get; } = new("KNL121", "dependency-port-not-exposed", Level.Warning,
        "A container is configured with the address of a Service on a port the Service does not expose.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var notExposed = context.Graph.Dependencies.ToServices.Where(d => d.PortStatus == DependencyPortStatus.NotExposed);
        foreach (var group in notExposed.GroupBy(d => (d.Location, d.Host, d.Port)))
        {
            var d = group.First();
            var service = d.Service!;
            var exposed = service.Ports.Where(p => p.Port is not null).Select(p => $"{p.Port}/{p.Protocol}").ToList();
            var port = d.DefaultPort ? $"{d.Port} (the default port of {d.Scheme}://)" : $"{d.Port}";
            var target = service.Ports.FirstOrDefault(p => p.EffectiveTarget?.Number == d.Port && p.Port != d.Port);
            var hint = target is not null ? $"; {d.Port} is the targetPort of its port {target.Port}, and clients connect to the Service port" : "";
            yield return At(d.Location,
                $"'{d.Target}' in {Where(d)} names port {port} of Service '{service.Name}' (namespace '{service.Namespace}'), which exposes " +
                $"{(exposed.Count == 0 ? "no ports" : string.Join(", ", exposed))}{hint}: connections from {Callers(group)} fail",
                d.Caller.Resource,
                [Related(service.PortsNode?.Location ?? service.Resource.Location, $"Service '{service.Name}' ports"), .. Via(group)]);
        }
    }
}
