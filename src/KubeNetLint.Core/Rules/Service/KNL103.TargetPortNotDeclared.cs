using System.Globalization;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Services;

public sealed class TargetPortNotDeclared : Rule
{
    public override RuleInfo Info { get; } = new("KNL103", "target-port-not-declared", Level.Warning,
        "A Service's numeric targetPort is not among the container ports of a selected workload that declares other ports.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var (service, port, selected) in RoutedPort.All(context))
        {
            int number = port.EffectiveTarget?.Number ?? 0;
            if (!KubernetesNames.IsValidPortNumber(number)) continue;
            // Kubernetes routes to an undeclared number anyway, and many images declare no ports at all:
            // only a workload that lists its ports and leaves this one out looks like a typo.
            var lacking = selected.Where(w => !w.Template.PortsIncomplete && w.Template.DeclaresPorts &&
                                              w.Template.FindPortNumber(number, port.Protocol) is null).ToList();
            if (lacking.Count == 0) continue;
            // An absent targetPort, 0 and "" all default to the port (SetDefaults_Service).
            var what = port.TargetPort is null ? $"port {number}/{port.Protocol} (targetPort defaults to it)"
                : port.EffectiveTarget != port.TargetPort ? $"port {number}/{port.Protocol} (targetPort {Written(port.TargetPort)} defaults to it)"
                : $"targetPort {number}/{port.Protocol}";
            var whose = Wiring.JoinAnd(lacking.Select(w => $"{Wiring.Describe(w)} (it declares {Wiring.PortList(w)})"));
            yield return At(port.TargetNode,
                $"{what} is not a container port of {whose}; traffic is still sent to {number.ToString(CultureInfo.InvariantCulture)}, " +
                "but nothing may listen there",
                service.Resource, RoutedPort.PortsOf(lacking));
        }
    }

    private static string Written(PortRef target) => target.Number is null ? "\"\"" : "0";
}
