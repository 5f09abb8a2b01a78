using static KubeNetLint.Core.Rules.AdminPolicy.AdminPolicyRules;

namespace KubeNetLint.Core.Rules.AdminPolicy;

public sealed class InvalidAdminNetworkPolicy : Rule
{
    public override RuleInfo Info { get; } = new("KNL325", "invalid-admin-network-policy", Level.Error,
        "An AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy the API server rejects: priority, limits, empty peers, CIDRs, port ranges, actions, BANP name.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        foreach (var policy in context.Model.AdminPolicies)
            foreach (var p in analysis.ProblemsOf(policy).Where(p => !p.IsInputError)) // KNL005 reports those
                yield return At(p.Node, $"{p.Message}; the API server rejects {Name(policy)}, so it is not applied", policy.Resource);
    }
}
