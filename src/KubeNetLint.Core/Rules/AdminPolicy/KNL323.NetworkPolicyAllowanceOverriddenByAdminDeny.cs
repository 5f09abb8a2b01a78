using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.AdminPolicy;

public sealed class NetworkPolicyAllowanceOverriddenByAdminDeny : Rule
{
    public override RuleInfo Info { get; } = new("KNL323", "network-policy-allowance-overridden-by-admin-deny", Level.Note,
        "A NetworkPolicy rule whose every allowance is denied first by an Admin tier Deny rule, so it allows nothing.");

    /// <summary>For each pod the NetworkPolicy selects, the Admin tier rules of that pod are walked in
    /// order: Deny rules covering every port of the NetworkPolicy rule add their peers to the denied set,
    /// and an Allow or Pass that could match a not-yet-denied peer of the rule ends the search (the
    /// NetworkPolicy might be reached there). Pods with the same Admin rules share one answer.</summary>
    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        if (!analysis.HasAdminTier) yield break;
        foreach (var policy in context.Model.NetworkPolicies)
        {
            if (!analysis.IsApplied(policy)) continue;
            var compiled = analysis.Compiled(policy);
            if (compiled.Selected.IsEmpty) continue;
            foreach (var direction in new[] { Direction.Ingress, Direction.Egress })
            {
                if (!compiled.Affects(direction)) continue;
                foreach (var rule in compiled.Rules(direction))
                {
                    if (rule.Peers.IsEmpty) continue;
                    var deniers = new HashSet<string>(StringComparer.Ordinal);
                    var seen = new HashSet<List<CompiledAdminRule>>(ReferenceEqualityComparer.Instance);
                    bool dead = true;
                    foreach (var i in compiled.Selected.Ones())
                    {
                        var admin = analysis.Classes[i].AdminFor(direction);
                        if (admin is null) { dead = false; break; }
                        if (!seen.Add(admin)) continue;
                        if (!DeniedFirst(admin, rule, deniers)) { dead = false; break; }
                    }
                    // Dead means some pod's Admin rules denied the rule's peers (never empty): deniers is not empty.
                    if (!dead) continue;
                    yield return At(rule.Rule.Node,
                        $"{(direction == Direction.Ingress ? "ingress" : "egress")} rule {rule.Number} of NetworkPolicy '{policy.Name}' allows nothing: " +
                        $"{string.Join(", ", deniers.Order(StringComparer.Ordinal).Take(3))}{(deniers.Count > 3 ? $" and {deniers.Count - 3} more" : "")} " +
                        $"{(deniers.Count == 1 ? "denies" : "deny")} every connection it allows before NetworkPolicies are consulted",
                        policy.Resource);
                }
            }
        }
    }

    private static bool DeniedFirst(List<CompiledAdminRule> admin, CompiledRule rule, HashSet<string> deniers)
    {
        var denied = new Bitset(rule.Peers.Length);
        foreach (var a in admin)
        {
            if (rule.Peers.IsSubsetOf(denied)) break;
            if (!a.Peers.IntersectsExcept(rule.Peers, denied)) continue;
            if (a.Action != AdminAction.Deny) return false;
            if (!AdminPolicyRules.Covers(a.Ports, rule.Ports)) continue;
            denied.Or(a.Peers);
            deniers.Add($"{a.Policy.Policy.Kind} '{a.Policy.Policy.Name}'");
        }
        return rule.Peers.IsSubsetOf(denied);
    }
}
