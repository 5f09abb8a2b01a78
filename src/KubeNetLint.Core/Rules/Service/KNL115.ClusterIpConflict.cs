namespace KubeNetLint.Core.Rules.Services;

public sealed class ClusterIpConflict : Rule
{
    public override RuleInfo Info { get; } = new("KNL115", "cluster-ip-conflict", Level.Error,
        "Two Services ask for the same explicit clusterIP.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var first = new Dictionary<string, Model.Service>(StringComparer.Ordinal);
        foreach (var service in context.Model.Services.OrderBy(s => s.Resource.Order))
        {
            var ip = service.ClusterIP;
            var node = service.ClusterIPNode;
            if (string.IsNullOrEmpty(ip) || ip == "None" || node is null) continue;
            if (!first.TryGetValue(ip, out var holder)) { first[ip] = service; continue; }
            // The same Service defined twice is KNL004's finding, not an IP conflict.
            if (holder.Resource.Identity == service.Resource.Identity) continue;
            yield return At(node,
                $"clusterIP {ip} is already requested by {Wiring.Describe(holder)} in {Wiring.InNamespace(holder.Namespace)}; " +
                "cluster IPs are unique across the cluster, so whichever Service is applied second is rejected",
                service.Resource,
                Related(holder.ClusterIPNode!, $"clusterIP {ip} of {Wiring.Describe(holder)}"));
        }
    }
}
