using static KubeNetLint.Core.Rules.NetworkPolicy.ConnectivityRules;

namespace KubeNetLint.Core.Rules.NetworkPolicy;

public sealed class PolicySelectsNothing : Rule
{
    public override RuleInfo Info { get; } = new("KNL301", "policy-selects-nothing", Level.Warning,
        "A NetworkPolicy's podSelector matches no workload in its namespace.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        foreach (var policy in context.Model.NetworkPolicies)
        {
            // `podSelector: {}` is a namespace-wide default meant for pods to come; an invalid one is KNL304's.
            if (policy.PodSelector.IsEmpty || policy.PodSelector.Problems.Count > 0) continue;
            if (analysis.SelectsAnything(policy)) continue;
            var others = context.Graph.WorkloadsIn(policy.Namespace);
            var hint = others.Count == 0
                ? $"the input has no workload in namespace '{policy.Namespace}'"
                : $"the workloads of namespace '{policy.Namespace}' ({List(others.Select(w => w.Name))}) do not carry these labels";
            yield return At(KeyOr(policy.Resource.Spec, "podSelector", policy.Resource.Root),
                $"{PolicyName(policy)} selects no workload (podSelector {policy.PodSelector}): {hint}, so the policy isolates and allows nothing",
                policy.Resource);
        }
    }
}
