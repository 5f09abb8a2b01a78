using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Graph;
using static KubeNetLint.Core.Rules.NetworkPolicy.ConnectivityRules;

namespace KubeNetLint.Core.Rules.NetworkPolicy;

public sealed class ServiceUnreachable : Rule
{
    public override RuleInfo Info { get; } = new("KNL308", "service-unreachable", Level.Warning,
        "A Service port whose workloads' ingress policies admit its target port from no source at all.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        foreach (var service in context.Model.Services)
        {
            var endpoints = context.Graph.SelectedBy(service).Select(analysis.EndpointOf).OfType<Endpoint>().ToList();
            if (endpoints.Count == 0) continue;
            foreach (var port in service.Ports)
            {
                if (ConnectionSet.ProtocolIndex(port.Protocol) < 0) continue;
                var targets = endpoints.Select(e => (Endpoint: e, Number: ResourceGraph.ResolveTarget(port, e.Workload!).Number))
                    .Where(t => t.Number is >= 1 and <= 65535).ToList();   // invalid numbers are KNL112's
                if (targets.Count == 0) continue;   // an unresolvable targetPort is a Service finding
                if (targets.Any(t => analysis.IngressAdmits(t.Endpoint).Contains(port.Protocol, t.Number!.Value))) continue;
                var first = targets[0];
                var policies = targets.SelectMany(t => analysis.IsolatingPolicies(t.Endpoint, Direction.Ingress)).Distinct().ToList();
                var admits = analysis.IngressAdmits(first.Endpoint);
                yield return At(port.PortNode ?? (Loading.Node)port.Node,
                    $"Service '{service.Name}' port {port.Port} reaches {port.Protocol} {first.Number} on {List(targets.Select(t => Describe(t.Endpoint)))}, " +
                    $"but no ingress rule of {PolicyNames(policies)}, which isolate {(targets.Count == 1 ? "it" : "them")}, admits that port from any source " +
                    $"(they admit {admits}): the Service cannot be reached",
                    service.Resource,
                    [.. policies.Select(p => Related(p.Resource.Location, $"{PolicyName(p)} isolates its pods for ingress"))]);
            }
        }
    }
}
