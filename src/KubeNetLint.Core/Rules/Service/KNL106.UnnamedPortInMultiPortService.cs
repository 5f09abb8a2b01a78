namespace KubeNetLint.Core.Rules.Services;

public sealed class UnnamedPortInMultiPortService : Rule
{
    public override RuleInfo Info { get; } = new("KNL106", "unnamed-port-in-multi-port-service", Level.Error,
        "A Service with more than one port has a port without a name.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var service in context.Model.Services)
        {
            if (service.Ports.Count < 2) continue;
            foreach (var port in service.Ports.Where(p => string.IsNullOrEmpty(p.Name)))
            {
                var which = port.Port is { } n ? $"port {n}" : "a port";
                yield return At(port.Node,
                    $"{which} of {Wiring.Describe(service)} has no name, but a Service with {service.Ports.Count} ports must name each one; " +
                    "the API server rejects it",
                    service.Resource);
            }
        }
    }
}
