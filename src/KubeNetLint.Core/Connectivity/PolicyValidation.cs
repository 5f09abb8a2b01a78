using System.Text.RegularExpressions;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

/// <summary>One reason the API server would reject a NetworkPolicy, at the field at fault. A reason that an
/// input rule reports for any kind (<see cref="IsInputError"/>: a field of the wrong type, KNL005; no name,
/// KNL011) is left to that rule by the policy rules.</summary>
public sealed record PolicyProblem(Node Node, string Message, bool IsInputError = false);

/// <summary>The API server's validation of a NetworkPolicy spec (ValidateNetworkPolicySpec): a policy
/// with any of these problems is never created, so the connectivity analysis leaves it out and KNL304
/// reports each problem.</summary>
public static partial class PolicyValidation
{
    public static List<PolicyProblem> Problems(NetworkPolicy policy)
    {
        var problems = new List<PolicyProblem>();
        AddSelectorProblems(policy.PodSelector, "podSelector", problems);

        if (policy.PolicyTypesNode is { } types)
        {
            if (types.Items.Count > 2)
                problems.Add(new(types, "policyTypes may not have more than two entries (Ingress and Egress)"));
            foreach (var item in types.Items)
                if (item is ScalarNode s && s.Value is not ("Ingress" or "Egress"))
                    problems.Add(new(s, $"policyTypes entry '{s.Value}' is not supported (Ingress or Egress; the values are case-sensitive)"));
        }

        foreach (var rule in policy.IngressRules) AddRuleProblems(rule, "from", problems);
        foreach (var rule in policy.EgressRules) AddRuleProblems(rule, "to", problems);
        return problems;
    }

    public static bool IsValid(NetworkPolicy policy) => Problems(policy).Count == 0;

    private static void AddSelectorProblems(LabelSelector selector, string field, List<PolicyProblem> into)
    {
        foreach (var (node, message) in selector.Problems) into.Add(new(node, $"{field}: {message}"));
    }

    private static void AddRuleProblems(PolicyRule rule, string peersKey, List<PolicyProblem> into)
    {
        foreach (var peer in rule.Peers ?? [])
        {
            int kinds = (peer.PodSelector is null ? 0 : 1) + (peer.NamespaceSelector is null ? 0 : 1) + (peer.IpBlock is null ? 0 : 1);
            if (kinds == 0)
                into.Add(new(peer.Node, $"empty '{peersKey}' entry: a peer must set podSelector, namespaceSelector or ipBlock " +
                                        $"(to allow every {(peersKey == "from" ? "source" : "destination")}, leave out '{peersKey}')"));
            else if (peer.IpBlock is not null && kinds > 1)
                into.Add(new(peer.Node, "ipBlock cannot be combined with podSelector or namespaceSelector in one peer; make them separate list entries"));
            if (peer.PodSelector is { } ps) AddSelectorProblems(ps, "podSelector", into);
            if (peer.NamespaceSelector is { } ns) AddSelectorProblems(ns, "namespaceSelector", into);
            if (peer.IpBlock is { } block) AddIpBlockProblems(block, into);
        }
        foreach (var port in rule.Ports ?? []) AddPortProblems(port, into);
    }

    private static void AddIpBlockProblems(IpBlock block, List<PolicyProblem> into)
    {
        if (block.Cidr is null)
        {
            into.Add(new(block.Node, "ipBlock needs a 'cidr'"));
            return;
        }
        Node cidrNode = (Node?)block.CidrNode ?? block.Node;
        bool cidrOk = Cidr.TryParse(block.Cidr, out var cidr, out var error);
        if (!cidrOk) into.Add(new(cidrNode, $"ipBlock cidr '{block.Cidr}' is not a valid CIDR: {error}"));
        foreach (var (text, node) in block.Except)
        {
            if (!Cidr.TryParse(text, out var e, out var exceptError))
                into.Add(new(node, $"ipBlock except '{text}' is not a valid CIDR: {exceptError}"));
            else if (cidrOk && !(cidr.Contains(e) && e.PrefixLength > cidr.PrefixLength))
                into.Add(new(node, $"ipBlock except '{text}' must be a strict subset of the cidr '{block.Cidr}'"));
        }
    }

    private static void AddPortProblems(PolicyPort port, List<PolicyProblem> into)
    {
        if (!Protocols.IsValid(port.Protocol))
            into.Add(new((Node?)port.ProtocolNode ?? port.Node, $"protocol '{port.Protocol}' is not supported (TCP, UDP or SCTP; the values are case-sensitive)"));
        Node endNode = (Node?)port.EndPortNode ?? port.Node;
        if (port.Port is null)
        {
            if (port.EndPort is not null) into.Add(new(endNode, "endPort may not be set when port is not set"));
            return;
        }
        if (port.Port.Number is { } number)
        {
            if (number is < 1 or > 65535) into.Add(new(port.Port.Node, $"port {number} is not within 1-65535"));
            if (port.EndPort is { } end)
            {
                if (end < number) into.Add(new(endNode, $"endPort {end} must be greater than or equal to port {number}"));
                if (end is < 1 or > 65535) into.Add(new(endNode, $"endPort {end} is not within 1-65535"));
            }
            return;
        }
        var name = port.Port.Name!;
        if (port.EndPort is not null) into.Add(new(endNode, $"endPort may not be set when port is a name ('{name}')"));
        if (PortNameProblem(name) is { } why) into.Add(new(port.Port.Node, $"port '{name}' is not a valid port name: {why}"));
    }

    /// <summary>The IANA_SVC_NAME rules the API server applies to named ports.</summary>
    public static string? PortNameProblem(string name)
    {
        if (name.Length is 0 or > 15) return "a port name has 1 to 15 characters";
        if (!PortNameChars().IsMatch(name)) return "a port name has only lowercase letters, digits and '-'";
        if (!name.Any(char.IsAsciiLetterLower)) return "a port name contains at least one letter (a number must not be quoted)";
        if (name.StartsWith('-') || name.EndsWith('-')) return "a port name does not start or end with '-'";
        if (name.Contains("--", StringComparison.Ordinal)) return "a port name has no '--'";
        return null;
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex PortNameChars();
}
