using KubeNetLint.Core.Model;
using static KubeNetLint.Core.Rules.AdminPolicy.AdminPolicyRules;

namespace KubeNetLint.Core.Rules.AdminPolicy;

public sealed class AdminPoliciesSharePriority : Rule
{
    public override RuleInfo Info { get; } = new("KNL322", "admin-policies-share-priority", Level.Warning,
        "Two admin-tier policies of one tier with the same priority and overlapping subjects: which one applies first is undefined.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        // An applied policy has a tier and, unless it is the BANP (one per cluster, without priority), a
        // priority: the API server rejects it otherwise (KNL325).
        var applied = context.Model.AdminPolicies.Where(p => !p.IsBanp && analysis.IsApplied(p)).ToList();
        foreach (var group in applied.GroupBy(p => (p.Tier, p.Priority)))
        {
            var list = group.ToList();
            for (int j = 1; j < list.Count; j++)
                for (int i = 0; i < j; i++)
                {
                    var (first, second) = (list[i], list[j]);
                    if (!analysis.Compiled(first).Subjects.Intersects(analysis.Compiled(second).Subjects)) continue;
                    yield return At(PriorityNode(second),
                        $"{Name(second)} and {Name(first)} both have priority {second.Priority} in the {second.Tier} tier and select some of the same pods: " +
                        "where their rules match the same connection, the spec lets a cluster apply either first, so the outcome is undefined",
                        second.Resource, Related(PriorityNode(first), $"{Name(first)} has priority {first.Priority}"));
                    break;
                }
        }
    }
}
