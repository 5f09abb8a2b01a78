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
            var unnamed = service.Ports.Where(p => string.IsNullOrEmpty(p.Name)).ToList();
            if (unnamed.Count == 0) continue;
            var which = Wiring.JoinAnd(unnamed.Select(p => p.Port is not null ? $"port {p.Port}" : "a port without a number"));
            yield return At(Field(service.Spec, "ports", unnamed[0].Node),
                $"{which} of {Wiring.Describe(service)} {(unnamed.Count == 1 ? "has" : "have")} no name, but a Service with {service.Ports.Count} ports must name each one; " +
                "the API server rejects it",
                service.Resource, [.. unnamed.Select(p => Related(p.Node, p.Port is not null ? $"port {p.Port} has no name" : "this port has no name"))]);
        }
    }
}
