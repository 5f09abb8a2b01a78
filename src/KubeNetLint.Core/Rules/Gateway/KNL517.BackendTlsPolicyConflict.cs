using System.Globalization;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Gateways;

/// <summary>BackendTLSPolicies that select the same target and sectionName: "the older policy by creation
/// timestamp takes precedence", then the first by {namespace}/{name}; the others are not applied
/// (Accepted False, Conflicted). A manifest rarely carries a creation time, so the order is by
/// creationTimestamp when written, then by name, and the message says so.</summary>
public sealed class BackendTlsPolicyConflict : Rule
{
    public override RuleInfo Info { get; } = new("KNL517", "backend-tls-policy-conflict", Level.Warning,
        "Two BackendTLSPolicies target the same Service (and sectionName); only the older one applies, the other is Conflicted.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var claims = new Dictionary<(string Ns, string Group, string Kind, string Name, string Section), List<(BackendTlsPolicy Policy, PolicyTargetRef Ref)>>();
        foreach (var p in context.Model.BackendTlsPolicies)
            foreach (var t in p.TargetRefs)
            {
                if (t.Name.Length == 0 || t.Kind.Length == 0) continue;
                var key = (p.Namespace, t.Group, t.Kind, t.Name, t.SectionName ?? "");
                if (!claims.TryGetValue(key, out var list)) claims[key] = list = [];
                // One policy naming a target twice is the CRD's concern (KNL514); a redefinition is KNL004's.
                if (!list.Any(x => x.Policy.Resource.Identity == p.Resource.Identity)) list.Add((p, t));
            }
        foreach (var ((_, _, kind, name, section), list) in claims)
        {
            if (list.Count < 2) continue;
            var ordered = list.OrderBy(x => CreatedOrder(x.Policy))
                .ThenBy(x => $"{x.Policy.Namespace}/{x.Policy.Name}", StringComparer.Ordinal).ToList();
            var winner = ordered[0];
            var byTime = Created(winner.Policy) is not null;
            var target = $"{kind} '{name}'{(section.Length == 0 ? "" : $" (sectionName '{section}')")}";
            foreach (var (loser, t) in ordered.Skip(1))
            {
                // A policy without a creationTimestamp is not created yet: once applied, it is the newer one.
                var why = !byTime
                    ? $"the older policy wins and, without creation times in the manifests, '{winner.Policy.Name}' is first by namespace/name"
                    : Created(loser) is not null
                        ? $"'{winner.Policy.Name}' is older (creationTimestamp)"
                        : $"'{winner.Policy.Name}' exists already (creationTimestamp) and '{loser.Name}', which has none, would be created after it";
                yield return At((Node?)t.SectionNameNode ?? t.NameNode!, // a target with a name (empty ones are skipped above)
                    $"BackendTLSPolicy '{loser.Name}' and BackendTLSPolicy '{winner.Policy.Name}' both target {target}; {why}, so '{loser.Name}' is not applied (Accepted False, Conflicted)",
                    loser.Resource, Related((Node?)winner.Ref.NameNode ?? winner.Ref.Node, $"the same target in BackendTLSPolicy '{winner.Policy.Name}'"));
            }
        }
    }

    /// <summary>Sorts policies with a creationTimestamp first, oldest first.</summary>
    private static (int, DateTimeOffset) CreatedOrder(BackendTlsPolicy p)
    {
        var at = Created(p);
        return at is null ? (1, DateTimeOffset.MinValue) : (0, at.Value);
    }

    private static DateTimeOffset? Created(BackendTlsPolicy p)
    {
        // A null creationTimestamp (empty, ~ or null) does not parse as a time either.
        var s = p.Resource.Metadata?["creationTimestamp"] as ScalarNode;
        if (s is null) return null;
        return DateTimeOffset.TryParse(s.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }
}
