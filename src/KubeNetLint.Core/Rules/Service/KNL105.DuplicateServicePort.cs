using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Services;

public sealed class DuplicateServicePort : Rule
{
    public override RuleInfo Info { get; } = new("KNL105", "duplicate-service-port", Level.Error,
        "A Service lists the same port and protocol, or the same port name, twice.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var service in context.Model.Services)
        {
            for (int i = 1; i < service.Ports.Count; i++)
            {
                var port = service.Ports[i];
                var earlier = service.Ports.Take(i).ToList();
                var sameName = !string.IsNullOrEmpty(port.Name) ? earlier.FirstOrDefault(e => e.Name == port.Name) : null;
                var sameNumber = port.Port is not null ? earlier.FirstOrDefault(e => e.Port == port.Port && e.Protocol == port.Protocol) : null;
                // One finding per entry: at the name when the name repeats, else at the port number.
                var nameNode = port.NameNode;
                var numberNode = port.PortNode;
                if (sameName is not null && nameNode is not null)
                {
                    var also = sameNumber is not null ? $" and port {port.Port}/{port.Protocol}" : "";
                    yield return At(nameNode,
                        $"port name '{port.Name}'{also} is already used by an earlier port of {Wiring.Describe(service)}; the API server rejects duplicates",
                        service.Resource, Related(sameName.Node, $"first port named '{port.Name}'"));
                }
                else if (sameNumber is not null && numberNode is not null)
                {
                    yield return At(numberNode,
                        $"port {port.Port}/{port.Protocol} is already listed in {Wiring.Describe(service)}; the API server rejects duplicates " +
                        "(to expose one port on several pod ports, use distinct Service port numbers)",
                        service.Resource, Related(sameNumber.Node, $"first port {port.Port}/{port.Protocol}"));
                }
            }
        }
    }
}
