using KubeNetLint.Core.Model;
using static KubeNetLint.Core.Rules.NetworkPolicy.ConnectivityRules;
using Policy = KubeNetLint.Core.Model.NetworkPolicy;

namespace KubeNetLint.Core.Rules.NetworkPolicy;

public sealed class HostNetworkPodNotIsolated : Rule
{
    public override RuleInfo Info { get; } = new("KNL311", "host-network-pod-not-isolated", Level.Warning,
        "A NetworkPolicy selects a workload whose pods use hostNetwork, for which NetworkPolicy behaviour is undefined.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        // One finding per workload, listing every applied policy that selects it.
        var byWorkload = new Dictionary<Workload, List<Policy>>(ReferenceEqualityComparer.Instance);
        var order = new List<Workload>();
        foreach (var policy in context.Model.NetworkPolicies)
        {
            if (!analysis.IsApplied(policy)) continue;
            foreach (var endpoint in analysis.SelectedBy(policy))
            {
                var w = endpoint.Workload;
                if (w is null || !w.Template.HostNetwork) continue;
                var list = byWorkload.GetValueOrDefault(w);
                if (list is null)
                {
                    byWorkload[w] = list = [];
                    order.Add(w);
                }
                list.Add(policy);
            }
        }
        foreach (var w in order)
        {
            var policies = byWorkload[w];
            // At `hostNetwork: true` in the pod spec (an operator's custom resource: wherever it says so).
            var spec = w.Template.Spec;
            var location = spec is not null && spec.KeyNode("hostNetwork") is not null
                ? Field(spec, "hostNetwork", spec)
                : w.Resource.Location;
            yield return At(location,
                $"{Wiring.Describe(w)} runs with hostNetwork: true and is selected by {PolicyNames(policies)}; NetworkPolicy behaviour " +
                "for host-network pods is undefined (most implementations do not select them and see their traffic as node traffic), " +
                $"so {(policies.Count == 1 ? "the policy" : "the policies")} may not apply to these pods at all",
                w.Resource,
                [.. policies.Select(p => Related(KeyOr(p.Resource.Spec, "podSelector", p.Resource.Root), $"podSelector of {PolicyName(p)}"))]);
        }
    }
}
