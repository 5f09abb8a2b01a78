using static KubeNetLint.Core.Rules.Dependencies.DependencyText;

namespace KubeNetLint.Core.Rules.Dependencies;

public sealed class HostAliasShadowsService : Rule
{
    public override RuleInfo Info { get; } = new("KNL123", "host-alias-shadows-service", Level.Warning,
        "A pod template's hostAliases pins a cluster Service name (svc, svc.ns, svc.ns.svc.cluster.local) to a fixed IP, bypassing the Service.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var graph = context.Graph;
        var deps = graph.Dependencies;
        var clusterSuffix = ".svc." + context.Config.ClusterDomain;
        foreach (var w in context.Model.Workloads)
        {
            if (graph.IsShadowed(w)) continue;
            foreach (var alias in w.Template.HostAliases)
                foreach (var hostname in alias.Hostnames)
                {
                    var host = hostname.Value.TrimEnd('.').ToLowerInvariant();
                    var classified = deps.Classify(host);
                    if (classified is null) continue;
                    var name = classified.Value;
                    var ns = name.Namespace ?? w.Namespace;
                    var service = graph.FindService(ns, name.Service);
                    // `svc.ns.svc[.DOMAIN]` is a cluster name whatever the input holds; `svc` and `svc.ns` only
                    // when such a Service exists (they could as well be hosts outside the cluster).
                    bool clusterShaped = host.EndsWith(".svc", StringComparison.Ordinal) || host.EndsWith(clusterSuffix, StringComparison.Ordinal);
                    if (service is null && !clusterShaped) continue;
                    var target = service is null ? $"the cluster name of Service '{name.Service}' in namespace '{ns}'" : $"Service '{name.Service}' of namespace '{ns}'";
                    yield return At(hostname,
                        $"hostAliases pins '{hostname.Value}', {target}, to {alias.Ip ?? "an address"} in /etc/hosts of the pods of {Describe(w)}: " +
                        "they connect to that fixed address instead of through the Service and cluster DNS, and break when its backends move",
                        w.Resource,
                        service is null ? [] : [Related(service.Resource.Location, $"Service '{service.Name}'")]);
                }
        }
    }
}
