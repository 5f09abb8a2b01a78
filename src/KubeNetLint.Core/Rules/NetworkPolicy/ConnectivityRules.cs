using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Model;
using Policy = KubeNetLint.Core.Model.NetworkPolicy;

namespace KubeNetLint.Core.Rules.NetworkPolicy;

/// <summary>What the KNL3xx rules share: one connectivity analysis per run, and how they name things.</summary>
internal static class ConnectivityRules
{
    /// <summary>"Deployment 'web'" for a workload, the id for other endpoints.</summary>
    public static string Describe(Endpoint e) => e.Workload is not null ? $"{e.Workload.Kind} '{e.Workload.Name}'" : e.Id;

    public static string PolicyName(Policy p) => $"NetworkPolicy '{p.Name}'";

    /// <summary>"NetworkPolicy 'a'" or "NetworkPolicies 'a', 'b'".</summary>
    public static string PolicyNames(IReadOnlyCollection<Policy> policies) =>
        $"{(policies.Count == 1 ? "NetworkPolicy" : "NetworkPolicies")} {List(policies.Select(p => $"'{p.Name}'"))}";

    /// <summary>"a, b and 3 more" for messages.</summary>
    public static string List(IEnumerable<string> items, int max = 3)
    {
        var all = items.ToList();
        if (all.Count <= max) return string.Join(", ", all);
        return string.Join(", ", all.Take(max)) + $" and {all.Count - max} more";
    }

    /// <summary>The key node of a field in a mapping (the line a reader looks for), else the value.</summary>
    public static Loading.Node KeyOr(Loading.MappingNode? map, string key, Loading.Node fallback) =>
        (Loading.Node?)map?.KeyNode(key) ?? fallback;

    /// <summary>Why the analysis blocks a connection: the side that blocks it (the source's egress when it
    /// does not allow the port, else the destination's ingress), the Admin or Baseline tier Deny that decides
    /// it there if one does, else the NetworkPolicies applied on that side. KNL122, KNL307 and KNL511 blame
    /// through it, so they say the same thing about the same connection.</summary>
    public sealed record Blocked(DirectionVerdict Side, AdminRuleVerdict? Denier, IReadOnlyList<Policy> Blockers, string Connection)
    {
        public static Blocked Of(ConnectivityAnalysis analysis, Endpoint from, Endpoint to, string protocol, int port)
        {
            var explanation = analysis.Explain(from, to);
            var side = explanation.Egress.Allowed.Contains(protocol, port) ? explanation.Ingress : explanation.Egress;
            var denier = side.Tiers.SelectMany(t => t.Rules).FirstOrDefault(r => r.Outcome == "deny" && r.Decided.Contains(protocol, port));
            return new Blocked(side, denier, [.. side.Policies.Where(p => p.Applied).Select(p => p.Policy)], $"{protocol} {port}");
        }

        private bool Ingress => Side.Direction == Direction.Ingress;
        private string DirectionName => Side.Direction.ToString().ToLowerInvariant();

        /// <summary>"AdminNetworkPolicy 'x' (Admin tier) denies ingress to Deployment 'web' on TCP 80 with ingress
        /// rule 1", or which NetworkPolicies do not allow <paramref name="source"/> to reach <paramref name="target"/>.</summary>
        public string Blame(string source, string target) =>
            Denier is not null
                ? $"{Denier.Policy.Kind} '{Denier.Policy.Name}' ({Denier.Policy.Tier} tier) denies {(Ingress ? $"ingress to {target}" : $"egress from {source}")} on {Connection} with {DirectionName} rule {Denier.Number}"
                : Blockers.Count == 0
                ? $"the {DirectionName} side does not allow {Connection}"
                : Ingress
                ? $"the ingress rules of {PolicyNames(Blockers)}, which isolate {target}, do not allow {source} to connect on {Connection}"
                : $"the egress rules of {PolicyNames(Blockers)} do not allow {source} to connect to {target} on {Connection}";

        /// <summary>The denying rule, else each blocking policy ("isolates <paramref name="sourceId"/> for egress").</summary>
        public IEnumerable<RelatedLocation> Related(string sourceId, string targetId) =>
            Denier is not null
                ? [new RelatedLocation(Denier.Location, Rule.EndSentence($"{Denier.Policy.Kind} '{Denier.Policy.Name}' denies the connection"))]
                : Blockers.Select(p => new RelatedLocation(p.Resource.Location, Rule.EndSentence($"{PolicyName(p)} isolates {(Ingress ? targetId : sourceId)} for {DirectionName}")));
    }

    public static IEnumerable<(PolicyRule Rule, Direction Direction)> AllRules(Policy p) =>
        p.IngressRules.Select(r => (r, Direction.Ingress)).Concat(p.EgressRules.Select(r => (r, Direction.Egress)));
}
