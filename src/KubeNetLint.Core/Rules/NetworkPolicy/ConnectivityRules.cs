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
        (policies.Count == 1 ? "NetworkPolicy " : "NetworkPolicies ") + List(policies.Select(p => $"'{p.Name}'"));

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

    public static IEnumerable<(PolicyRule Rule, Direction Direction)> AllRules(Policy p) =>
        p.IngressRules.Select(r => (r, Direction.Ingress)).Concat(p.EgressRules.Select(r => (r, Direction.Egress)));
}
