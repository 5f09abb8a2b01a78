using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Services;

/// <summary>A Service port that routes to pods: its Service has a selector that selects workloads, and
/// its protocol is valid (invalid ones are KNL112's finding).</summary>
internal sealed record RoutedPort(Model.Service Service, ServicePort Port, IReadOnlyList<Workload> Selected)
{
    public static IEnumerable<RoutedPort> All(AnalysisContext context)
    {
        foreach (var service in context.Model.Services)
        {
            // An ExternalName Service routes by DNS, never to pods.
            if (service.IsExternalName) continue;
            var selected = context.Graph.SelectedBy(service);
            if (selected.Count == 0) continue;
            foreach (var port in service.Ports)
                if (Protocols.IsValid(port.Protocol)) yield return new RoutedPort(service, port, selected);
        }
    }

    /// <summary>Links to the container ports of each workload that lacks the target.</summary>
    public static RelatedLocation[] PortsOf(IEnumerable<Workload> lacking) =>
        [.. lacking.Select(w => new RelatedLocation(Wiring.PortsLocation(w), Rule.EndSentence($"container ports of {Wiring.Describe(w)}")))];
}
