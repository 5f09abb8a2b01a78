using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.AdminPolicy;

/// <summary>What the KNL32x rules share: how they name admin policies and rules, and where they point.</summary>
internal static class AdminPolicyRules
{
    /// <summary>"AdminNetworkPolicy 'name'".</summary>
    public static string Name(AdminNetworkPolicy p) => $"{p.Kind} '{p.Name}'";

    /// <summary>"ingress rule 2 ('deny-all') of AdminNetworkPolicy 'x'".</summary>
    public static string RuleName(CompiledAdminRule r) =>
        $"{(r.Direction == Direction.Ingress ? "ingress" : "egress")} rule {r.Number}{(r.Rule.Name is null ? "" : $" ('{r.Rule.Name}')")} of {Name(r.Policy.Policy)}";

    /// <summary>Where a finding about a rule points: its action.</summary>
    public static Node RuleNode(AdminRule r) => r.Node.KeyNode("action") ?? (Node)r.Node;

    /// <summary>The `subject` key. Only asked of applied policies, which have one: a policy without it is
    /// rejected by the API server (KNL325) and left out of the analysis.</summary>
    public static Node SubjectNode(AdminNetworkPolicy p) => p.Resource.Spec!.KeyNode("subject")!;

    /// <summary>The `priority` key. Only asked of applied policies other than the BANP, which have one
    /// (KNL325 reports a missing priority, and such a policy is left out of the analysis).</summary>
    public static Node PriorityNode(AdminNetworkPolicy p) => p.Resource.Spec!.KeyNode("priority")!;

    /// <summary>Does every connection the <paramref name="later"/> ports match, on any destination, also
    /// match the <paramref name="earlier"/> ports? A named port resolves on the destination, the same way
    /// for both rules: it is covered where the earlier rule names it too (with its protocol; an admin
    /// rule's named port stands for every protocol). An earlier named port adds to what it covers; a later
    /// named port is never covered by numbers, since it may resolve to any number.</summary>
    public static bool Covers(PortSpec earlier, PortSpec later) =>
        earlier.Numeric.IsAll ||
        (later.Named.All(n => earlier.Named.Contains(n)) && later.Numeric.IsSubsetOf(earlier.Numeric));
}
