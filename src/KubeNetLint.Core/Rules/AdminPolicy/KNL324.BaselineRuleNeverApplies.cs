using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Model;
using static KubeNetLint.Core.Rules.AdminPolicy.AdminPolicyRules;

namespace KubeNetLint.Core.Rules.AdminPolicy;

public sealed class BaselineRuleNeverApplies : Rule
{
    public override RuleInfo Info { get; } = new("KNL324", "baseline-rule-never-applies", Level.Warning,
        "A Baseline tier rule whose subject pods are all isolated by NetworkPolicies for its direction, so it is never reached.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        foreach (var policy in context.Model.AdminPolicies)
        {
            if (policy.Tier != AdminTier.Baseline || !analysis.IsApplied(policy)) continue;
            var compiled = analysis.Compiled(policy);
            var subjects = analysis.SubjectsOf(policy);
            if (subjects.Count == 0) continue;   // KNL320's
            foreach (var direction in new[] { Direction.Ingress, Direction.Egress })
            {
                if (!subjects.All(e => analysis.IsIsolated(e, direction))) continue;
                foreach (var rule in compiled.Rules(direction))
                    yield return At(RuleNode(rule.Rule),
                        $"{RuleName(rule)} never applies: every pod its subject selects ({subjects.Count}) is isolated for {direction.ToString().ToLowerInvariant()} " +
                        "by a NetworkPolicy, and NetworkPolicies decide every connection of the pods they select before the Baseline tier",
                        policy.Resource);
            }
        }
    }
}
