using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Core.Rules.NetworkPolicy.ConnectivityRules;

namespace KubeNetLint.Core.Rules.NetworkPolicy;

public sealed class EgressBlocksDns : Rule
{
    public override RuleInfo Info { get; } = new("KNL306", "egress-blocks-dns", Level.Warning,
        "A workload isolated for egress whose egress rules allow no DNS (port 53, UDP or TCP) anywhere.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        foreach (var endpoint in analysis.Workloads)
        {
            if (!analysis.IsIsolated(endpoint, Direction.Egress) || analysis.EgressMayAllowDns(endpoint)) continue;
            var policies = analysis.IsolatingPolicies(endpoint, Direction.Egress);
            yield return At(endpoint.Location!,
                $"{Describe(endpoint)} is isolated for egress by {PolicyNames(policies)}, and no egress rule there allows port 53 " +
                "(UDP or TCP) to any destination: its pods cannot resolve names, so even allowed connections by Service name fail",
                endpoint.Workload!.Resource,
                [.. policies.Select(p => Related(p.Resource.Location, $"{PolicyName(p)} isolates it for egress"))]);
        }
    }
}
