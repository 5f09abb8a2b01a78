using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Model;
using static KubeNetLint.Core.Rules.AdminPolicy.AdminPolicyRules;

namespace KubeNetLint.Core.Rules.AdminPolicy;

public sealed class AdminRuleShadowed : Rule
{
    public override RuleInfo Info { get; } = new("KNL321", "admin-rule-shadowed", Level.Warning,
        "An admin-tier rule that never decides anything: earlier rules of its policy or policies of higher priority match every connection and port it matches.");

    /// <summary>A rule is shadowed when the earlier rules of its tier that cover all of its subjects and
    /// all of its ports (same direction; earlier in the policy, or in a policy of strictly higher
    /// priority) together cover all of its peers. Equal priorities are left to KNL322. Sound, not
    /// complete: shadowing by rules that each cover only part of the subjects or ports is not found.</summary>
    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        foreach (var tier in new[] { AdminTier.Admin, AdminTier.Baseline })
        {
            var order = analysis.TierOrder(tier);
            foreach (var direction in new[] { Direction.Ingress, Direction.Egress })
            {
                var earlier = new List<CompiledAdminRule>();
                for (int pi = 0; pi < order.Count; pi++)
                {
                    var policy = order[pi];
                    foreach (var rule in policy.Rules(direction))
                    {
                        if (!rule.Peers.IsEmpty && rule.Undecidable.Count == 0 && !policy.Subjects.IsEmpty)
                        {
                            var covered = new Bitset(rule.Peers.Length);
                            var by = new List<CompiledAdminRule>();
                            foreach (var e in earlier)
                            {
                                if (e.Policy != policy && e.Policy.Policy.Priority == policy.Policy.Priority && !policy.Policy.IsBanp && !e.Policy.Policy.IsBanp) continue;
                                if (!Covers(e.Ports, rule.Ports) || !policy.Subjects.IsSubsetOf(e.Policy.Subjects) || !e.Peers.Intersects(rule.Peers)) continue;
                                covered.Or(e.Peers);
                                by.Add(e);
                            }
                            // The rule's peers are not empty, so covering them takes at least one earlier rule.
                            if (rule.Peers.IsSubsetOf(covered))
                            {
                                var names = by.Select(RuleName).Distinct().ToList();
                                yield return At(RuleNode(rule.Rule),
                                    $"{RuleName(rule)} is shadowed: {string.Join(", ", names.Take(3))}{(names.Count > 3 ? $" and {names.Count - 3} more" : "")} " +
                                    $"already {(names.Count == 1 ? "decides" : "decide")} every connection and port it matches, so it never applies", policy.Policy.Resource);
                            }
                        }
                        earlier.Add(rule);
                    }
                }
            }
        }
    }
}
