using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Core.Rules.NetworkPolicy.ConnectivityRules;

namespace KubeNetLint.Core.Rules.NetworkPolicy;

public sealed class WorkloadNotIsolated : Rule
{
    public override RuleInfo Info { get; } = new("KNL309", "workload-not-isolated", Level.Note,
        "A workload that no NetworkPolicy selects: all ingress and egress are allowed.", EnabledByDefault: false);

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        foreach (var endpoint in analysis.Workloads)
        {
            if (analysis.IsIsolated(endpoint, Direction.Ingress) || analysis.IsIsolated(endpoint, Direction.Egress)) continue;
            yield return At(endpoint.Location!,
                $"no NetworkPolicy selects {Describe(endpoint)}: every pod and external address may connect to it on any port, and it may connect anywhere",
                endpoint.Workload!.Resource);
        }
    }
}
