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

    public static Node SubjectNode(AdminNetworkPolicy p) =>
        (Node?)p.Resource.Spec?.KeyNode("subject") ?? (Node?)p.Resource.NameNode ?? p.Resource.Root;

    public static Node PriorityNode(AdminNetworkPolicy p) =>
        (Node?)p.Resource.Spec?.KeyNode("priority") ?? (Node?)p.Resource.NameNode ?? p.Resource.Root;
}
