using KubeNetLint.Core.Model;
using static KubeNetLint.Core.Rules.NetworkPolicy.ConnectivityRules;

namespace KubeNetLint.Core.Rules.NetworkPolicy;

public sealed class PolicyPeerSelectsNothing : Rule
{
    public override RuleInfo Info { get; } = new("KNL302", "policy-peer-selects-nothing", Level.Note,
        "A from/to peer whose selectors match no workload or namespace of the input.");

    private const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        foreach (var policy in context.Model.NetworkPolicies.Where(analysis.IsApplied))
            foreach (var (rule, _) in AllRules(policy))
                foreach (var peer in rule.Peers ?? [])
                {
                    if (peer.IpBlock is not null || analysis.PeerMatchesAnyPod(peer, policy.Namespace)) continue;
                    var finding = Check(analysis, policy, peer);
                    if (finding is not null) yield return finding;
                }
    }

    /// <summary>A peer of an applied policy that matches no pod. It has a podSelector or a
    /// namespaceSelector (the API server rejects a peer with neither, KNL304), and an empty or missing
    /// podSelector here means that the namespaces it looks in have no pods in the input (else it would
    /// have matched them): nothing to judge then.</summary>
    private Finding? Check(Connectivity.ConnectivityAnalysis analysis, Model.NetworkPolicy policy, PolicyPeer peer)
    {
        var nss = peer.NamespaceSelector;
        if (nss is not null)
        {
            var namespaces = analysis.Selectors.InNamespaces(nss).Namespaces;
            if (namespaces.Count == 0)
            {
                // A namespace picked by its name is one the manifests do not define (like kube-system):
                // nothing to judge. Any other selector that matches no namespace is likely a label typo.
                if (NamesNamespace(nss)) return null;
                var known = analysis.Selectors.Namespaces.Select(n => n.Name);
                return At(KeyOr(peer.Node, "namespaceSelector", peer.Node),
                    $"this peer's namespaceSelector {nss} matches no namespace of the input (namespaces: {List(known, 5)}); " +
                    $"declare the namespace with its labels in the manifests or under 'namespaces' in {Config.LintConfig.FileName} if it exists elsewhere",
                    policy.Resource);
            }
            if (!namespaces.Any(analysis.HasPodsIn)) return null;
            return At(KeyOr(peer.Node, "podSelector", peer.Node),
                $"this peer's podSelector {peer.PodSelector} matches no workload in the namespaces its namespaceSelector selects ({List(namespaces)})",
                policy.Resource);
        }
        if (!analysis.HasPodsIn(policy.Namespace)) return null;
        return At(KeyOr(peer.Node, "podSelector", peer.Node),
            $"this peer's podSelector {peer.PodSelector} matches no workload in namespace '{policy.Namespace}' (a podSelector without namespaceSelector only looks in the policy's own namespace)",
            policy.Resource);
    }

    private static bool NamesNamespace(LabelSelector selector) =>
        selector.MatchLabels.ContainsKey(NamespaceNameLabel) ||
        selector.MatchExpressions.Any(e => e.Key == NamespaceNameLabel && e.Operator == SelectorOperator.In);
}
