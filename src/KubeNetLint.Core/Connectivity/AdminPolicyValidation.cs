using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

/// <summary>The CRD schema checks the API server applies to AdminNetworkPolicy, BaselineAdminNetworkPolicy
/// (policy.networking.k8s.io v1alpha1, bundle v0.1.1) and ClusterNetworkPolicy (v1alpha2, bundle v0.2.0):
/// enums, minimum/maximum, minItems/maxItems, min/maxProperties and the x-kubernetes-validations rules.
/// A policy with any problem is never created, so the analysis leaves it out and KNL325 reports each one.
/// Limits are those of the CRDs in ../shared/reference/network-policy-api (see docs/semantics.md §7).</summary>
public static class AdminPolicyValidation
{
    /// <summary>maxItems of ingress, egress, from/to and ports in v1alpha1.</summary>
    public const int AnpMaxItems = 100;
    /// <summary>maxItems of ingress, egress, from/to, protocols, networks and domainNames in v1alpha2.</summary>
    public const int CnpMaxItems = 25;
    public const int MaxPriority = 1000;

    private static readonly string[] PeerKeys = ["namespaces", "pods", "networks", "nodes", "domainNames"];

    public static List<PolicyProblem> Problems(AdminNetworkPolicy policy)
    {
        var problems = new List<PolicyProblem>();
        var root = (Node?)policy.Resource.NameNode ?? policy.Resource.Root;
        bool cnp = policy.IsClusterNetworkPolicy;
        int max = cnp ? CnpMaxItems : AnpMaxItems;

        if (policy.IsBanp && policy.Name != "default")
            problems.Add(new(root, $"a BaselineAdminNetworkPolicy must be named 'default' (there is one per cluster), not '{policy.Name}'"));
        if (cnp && policy.Tier is null)
            problems.Add(new((Node?)policy.TierNode ?? root, policy.TierNode is null ? "spec.tier is required (Admin or Baseline)" : $"spec.tier '{policy.TierNode.Value}' is not Admin or Baseline"));
        if (!policy.IsBanp)
        {
            if (policy.Priority is null)
                problems.Add(new((Node?)policy.PriorityNode ?? root, "spec.priority is required (an integer from 0 to 1000)"));
            else if (policy.Priority is < 0 or > MaxPriority)
                problems.Add(new(policy.PriorityNode!, $"spec.priority {policy.Priority} is outside 0-1000"));
        }

        if (policy.Subject is null)
            problems.Add(new(policy.SubjectNode ?? root, "spec.subject is required: namespaces or pods"));
        else
        {
            AddPeerShapeProblems(policy.Subject, "spec.subject", ["namespaces", "pods"], cnp, problems);
            AddSelectorProblems(policy.Subject, "spec.subject", problems);
        }

        AddRulesProblems(policy, policy.IngressRules, policy.IngressNode, "ingress", "from", ["namespaces", "pods"], max, problems);
        AddRulesProblems(policy, policy.EgressRules, policy.EgressNode, "egress", "to",
            cnp ? ["namespaces", "pods", "networks", "nodes", "domainNames"] : ["namespaces", "pods", "networks", "nodes"], max, problems);
        return problems;
    }

    private static void AddRulesProblems(AdminNetworkPolicy policy, IReadOnlyList<AdminRule> rules, SequenceNode? node, string way, string peersKey,
        string[] allowedPeers, int max, List<PolicyProblem> problems)
    {
        bool cnp = policy.IsClusterNetworkPolicy;
        if (node is not null && node.Items.Count > max)
            problems.Add(new((Node?)policy.Resource.Spec?.KeyNode(way) ?? node, $"spec.{way} has {node.Items.Count} rules; the CRD allows at most {max}"));
        foreach (var rule in rules)
        {
            if (rule.Action == AdminAction.Unknown)
            {
                var allowed = policy.IsBanp ? "Allow or Deny" : cnp ? "Accept, Deny or Pass" : "Allow, Deny or Pass";
                problems.Add(new(rule.ActionNode ?? rule.Node, rule.ActionText.Length == 0
                    ? $"{way} rule needs an action ({allowed})"
                    : $"action '{rule.ActionText}' is not valid for a {policy.Kind} ({allowed})"));
            }
            else if (rule.Action == AdminAction.Pass && policy.IsBanp)
                problems.Add(new(rule.ActionNode ?? rule.Node, "a BaselineAdminNetworkPolicy rule cannot Pass (Allow or Deny)"));

            if (rule.PeersNode is null || rule.PeersNode.Items.Count == 0)
                problems.Add(new((Node?)rule.PeersNode ?? rule.Node, $"{way} rule needs at least one peer in '{peersKey}'"));
            else if (rule.PeersNode.Items.Count > max)
                problems.Add(new((Node?)rule.Node.KeyNode(peersKey) ?? rule.PeersNode, $"'{peersKey}' has {rule.PeersNode.Items.Count} peers; the CRD allows at most {max}"));

            bool addressPeer = false;
            foreach (var peer in rule.Peers)
            {
                AddPeerShapeProblems(peer, $"{way} peer", allowedPeers, cnp, problems);
                AddSelectorProblems(peer, $"{way} peer", problems);
                addressPeer |= peer.Kind is AdminPeerKind.Networks or AdminPeerKind.Nodes or AdminPeerKind.DomainNames;
                if (peer.Kind == AdminPeerKind.Networks)
                {
                    var list = peer.Node["networks"] as SequenceNode;
                    if (peer.Networks.Count == 0)
                        problems.Add(new((Node?)list ?? peer.Node, "networks needs at least one CIDR"));
                    else if (cnp && peer.Networks.Count > CnpMaxItems)
                        problems.Add(new((Node?)peer.Node.KeyNode("networks") ?? list!, $"networks has {peer.Networks.Count} CIDRs; the CRD allows at most {CnpMaxItems}"));
                    foreach (var (text, n) in peer.Networks)
                        if (!Cidr.TryParse(text, out _, out var error))
                            problems.Add(new(n, $"network '{text}' is not a valid CIDR: {error}"));
                }
                if (peer.Kind == AdminPeerKind.DomainNames)
                {
                    // "only supported for Accept rules" is a description, not a schema rule: the API server accepts a Deny.
                    if (peer.DomainNames.Count is 0 or > CnpMaxItems)
                        problems.Add(new(peer.Node, $"domainNames needs 1 to {CnpMaxItems} names"));
                }
            }

            if (rule.PortsNode is { } portsNode)
            {
                string key = cnp ? "protocols" : "ports";
                if (portsNode.Items.Count > max)
                    problems.Add(new((Node?)rule.Node.KeyNode(key) ?? portsNode, $"'{key}' has {portsNode.Items.Count} entries; the CRD allows at most {max}"));
                if (cnp && portsNode.Items.Count == 0)
                    problems.Add(new(portsNode, "'protocols' may not be empty (leave it out to match every port)"));
            }
            foreach (var port in rule.Ports ?? [])
            {
                if (port.NamedPort is not null)
                {
                    if (addressPeer)
                        problems.Add(new(port.Node, "a named port cannot be used with networks, nodes or domainNames peers (they have no named ports)"));
                    continue;
                }
                if (port.Low is null || port.High is null)
                {
                    problems.Add(new(port.Node, cnp ? "protocol entry needs tcp, udp or sctp with a destinationPort, or destinationNamedPort"
                        : "port entry needs exactly one of portNumber, portRange or namedPort, with its port values"));
                    continue;
                }
                if (!Protocols.IsValid(port.Protocol))
                    problems.Add(new(port.Node, $"protocol '{port.Protocol}' is not TCP, UDP or SCTP"));
                foreach (var v in new[] { port.Low.Value, port.High.Value })
                    if (v is < 1 or > 65535) problems.Add(new(port.Node, $"port {v} is outside 1-65535"));
                if (port.Low > port.High)
                    problems.Add(new(port.Node, $"port range start {port.Low} must be less than end {port.High}"));
                else if (port.High == port.Low && IsRange(port))
                    problems.Add(new(port.Node, $"port range start {port.Low} must be less than end {port.High}"));
            }
        }
    }

    /// <summary>Was the port written as a range (start == end is rejected there, a single number is not)?</summary>
    private static bool IsRange(AdminPort port) =>
        port.Node["portRange"] is not null ||
        new[] { "tcp", "udp", "sctp" }.Any(k => (port.Node[k] as MappingNode)?["destinationPort"] is MappingNode dp && dp["range"] is not null);

    /// <summary>Exactly one field (minProperties=maxProperties=1), of the kinds the version and direction allow.</summary>
    private static void AddPeerShapeProblems(AdminPeer peer, string what, string[] allowed, bool cnp, List<PolicyProblem> problems)
    {
        var written = PeerKeys.Where(k => !Node.IsAbsent(peer.Node[k])).ToList();
        if (written.Count == 0)
            problems.Add(new(peer.Node, $"{what} is empty: set exactly one of {string.Join(", ", allowed)}"));
        else if (written.Count > 1)
            problems.Add(new(peer.Node, $"{what} sets {string.Join(" and ", written)}: exactly one is allowed"));
        else if (!allowed.Contains(written[0]))
            problems.Add(new(peer.Node, $"{what} cannot be '{written[0]}' here (allowed: {string.Join(", ", allowed)})"));
        if (peer.Kind == AdminPeerKind.Pods)
        {
            if (peer.PodSelector is null) problems.Add(new(peer.Node, $"{what}: pods needs a podSelector"));
            if (!cnp && peer.NamespaceSelector is null) problems.Add(new(peer.Node, $"{what}: pods needs a namespaceSelector"));
        }
    }

    private static void AddSelectorProblems(AdminPeer peer, string what, List<PolicyProblem> problems)
    {
        foreach (var s in new[] { peer.NamespaceSelector, peer.PodSelector })
            if (s is not null)
                foreach (var (node, message) in s.Problems) problems.Add(new(node, $"{what}: {message}"));
    }
}
