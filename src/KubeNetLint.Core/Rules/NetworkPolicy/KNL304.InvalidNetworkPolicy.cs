using KubeNetLint.Core.Connectivity;

namespace KubeNetLint.Core.Rules.NetworkPolicy;

public sealed class InvalidNetworkPolicy : Rule
{
    public override RuleInfo Info { get; } = new("KNL304", "invalid-network-policy", Level.Error,
        "A NetworkPolicy the API server rejects: empty peer, ipBlock mixed with selectors, bad CIDR or except, bad endPort, protocol or selector.");

    public override IEnumerable<Finding> Check(AnalysisContext context) =>
        context.Model.NetworkPolicies.SelectMany(policy => context.Connectivity().ProblemsOf(policy).Where(p => !p.IsInputError)
            .Select(p => At(p.Node, $"{p.Message}; the API server rejects NetworkPolicy '{policy.Name}', so it is not applied", policy.Resource)));
}
