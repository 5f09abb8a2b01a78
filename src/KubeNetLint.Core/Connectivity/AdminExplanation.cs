using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

public sealed partial class ConnectivityAnalysis
{
    /// <summary>One side of <see cref="Explain"/> when admin policies exist: the tiers in order, each with
    /// what it decided, which rules were shadowed or skipped by a Pass, and why the NetworkPolicy and
    /// Baseline tiers were or were not reached.</summary>
    private DirectionVerdict TieredSide(Direction direction, Endpoint subject, Endpoint other, string policySummary, List<PolicyVerdict> verdicts)
    {
        string way = direction == Direction.Egress ? "egress" : "ingress";
        string toward = direction == Direction.Egress ? "to" : "from";
        var cls = Classes[subject.Class];
        var trace = new TierTrace();
        var allowed = Decide(direction, subject.Class, other.Class, trace);
        var tiers = new List<TierVerdict>();

        // Admin tier.
        var adminRules = RuleVerdicts(trace.Admin, other, admin: true, out var ambiguities);
        string adminSummary = cls.AdminFor(direction) is null
            ? $"no applied Admin tier policy has {way} rules for {subject.Id}"
            : trace.Admin.Count == 0 ? $"no Admin tier rule matches {other.Id}"
            : Decisions(trace.AdminAllowed, trace.AdminDenied, trace.AdminPassed, "passes to the NetworkPolicy tier");
        tiers.Add(new TierVerdict("Admin", true, adminSummary, adminRules));

        // NetworkPolicy tier.
        bool npReached = !trace.ReachedNetworkPolicies.IsEmpty;
        string npSummary = !npReached
            ? "not reached: the Admin tier decided every port"
            : trace.Isolated
                ? $"reached for {trace.ReachedNetworkPolicies}; {policySummary}; NetworkPolicies decide every port left for the pods they select, " +
                  (trace.NetworkPolicyAllowed.IsEmpty ? "allowing none of it" : $"allowing {trace.NetworkPolicyAllowed}")
                : $"reached for {trace.ReachedNetworkPolicies}, but no applied NetworkPolicy isolates {subject.Id} for {way}: evaluation goes on to the Baseline tier";
        tiers.Add(new TierVerdict("NetworkPolicy", npReached, npSummary, []));

        // Baseline tier.
        bool baselineReached = !trace.ReachedBaseline.IsEmpty;
        var baselineRules = RuleVerdicts(trace.Baseline, other, admin: false, out _);
        string baselineSummary = !baselineReached
            ? npReached && trace.Isolated ? $"not reached: NetworkPolicies isolate {subject.Id} for {way}" : "not reached"
            : cls.BaselineFor(direction) is null ? $"reached for {trace.ReachedBaseline}; no applied Baseline tier policy has {way} rules for {subject.Id}"
            : trace.Baseline.Count == 0 ? $"reached for {trace.ReachedBaseline}; no Baseline rule matches {other.Id}"
            : $"reached for {trace.ReachedBaseline}; " + Decisions(trace.BaselineAllowed, trace.BaselineDenied, trace.BaselinePassed, "passes to the default");
        tiers.Add(new TierVerdict("Baseline", baselineReached, baselineSummary, baselineRules));

        bool defaultReached = !trace.DefaultAllowed.IsEmpty;
        tiers.Add(new TierVerdict("Default", defaultReached,
            defaultReached ? $"allows what no tier decided: {trace.DefaultAllowed}" : "not reached", []));

        string summary = $"decided tier by tier (Admin, NetworkPolicy, Baseline, default): {(allowed.IsEmpty ? "nothing" : allowed.ToString())} allowed {toward} {other.Id}";
        return new DirectionVerdict(direction, subject, trace.Isolated, summary, verdicts, allowed) { Tiers = tiers, Ambiguities = ambiguities };
    }

    /// <summary>What one policy's matching rules alone decide on the open ports, in rule order.</summary>
    private static (ConnectionSet Allow, ConnectionSet Deny, ConnectionSet Pass) OwnVerdict(
        IEnumerable<(CompiledAdminRule Rule, ConnectionSet Matched, ConnectionSet Decided)> steps, ConnectionSet open)
    {
        ConnectionSet allow = ConnectionSet.None, deny = ConnectionSet.None, pass = ConnectionSet.None;
        foreach (var (rule, matched, _) in steps)
        {
            var decided = matched.Intersect(open);
            if (decided.IsEmpty) continue;
            open = open.Except(decided);
            if (rule.Action == AdminAction.Allow) allow = allow.Union(decided);
            // Stryker disable once Equality : swaps Deny and Pass, and the conflict test below treats every pair of different actions alike.
            else if (rule.Action == AdminAction.Deny) deny = deny.Union(decided);
            else pass = pass.Union(decided);
        }
        return (allow, deny, pass);
    }

    private static string Decisions(ConnectionSet allowed, ConnectionSet denied, ConnectionSet passed, string pass)
    {
        var parts = new List<string>();
        if (!allowed.IsEmpty) parts.Add($"allows {allowed}");
        if (!denied.IsEmpty) parts.Add($"denies {denied}");
        if (!passed.IsEmpty) parts.Add($"{pass}: {passed}");
        return parts.Count == 0 ? "its matching rules decide nothing here" : string.Join("; ", parts);
    }

    /// <summary>The trace of one tier as rule verdicts, in evaluation order. Also finds rules of different
    /// policies with the same priority that match overlapping ports with different actions.</summary>
    private List<AdminRuleVerdict> RuleVerdicts(List<(CompiledAdminRule Rule, ConnectionSet Matched, ConnectionSet Decided)> steps, Endpoint other,
        bool admin, out List<string> ambiguities)
    {
        ambiguities = [];
        var list = new List<AdminRuleVerdict>();
        var passedBy = new List<(CompiledAdminRule Rule, ConnectionSet Ports)>();
        foreach (var (rule, matched, decided) in steps)
        {
            string name = $"{rule.Policy.Policy}{(rule.Rule.Name is { } n ? $" ('{n}')" : "")}";
            string outcome = "", detail = "";
            if (matched.IsEmpty && rule.Undecidable.Count > 0)
            {
                var kinds = string.Join(" and ", rule.Undecidable.Select(p => p.Field).Distinct());
                outcome = "undecidable";
                detail = kinds.Contains("nodes", StringComparison.Ordinal)
                    ? $"has {kinds} peers: nodes are not endpoints of this analysis and domain names resolve only at run time, so they are taken to match nothing"
                    : $"has {kinds} peers: domain names resolve only at run time (not decidable statically), so they are taken to match nothing";
            }
            else if (!decided.IsEmpty)
            {
                outcome = rule.Action switch { AdminAction.Allow => "allow", AdminAction.Deny => "deny", _ => "pass" };
                detail = $"{rule.Rule.ActionText} rule matches {other.Id}: " + rule.Action switch
                {
                    AdminAction.Allow => $"allows {decided}",
                    AdminAction.Deny => $"denies {decided}",
                    _ => $"passes {decided} on to {(admin ? "the NetworkPolicy tier" : "the default (allowed)")}",
                };
                var skipped = passedBy.Select(p => (p.Rule, Ports: p.Ports.Intersect(matched))).Where(p => !p.Ports.IsEmpty).ToList();
                if (skipped.Count > 0)
                    detail += $" (skipped for {string.Join(", ", skipped.Select(p => $"{p.Ports}, which {p.Rule} passed on"))})";
                if (rule.Action == AdminAction.Pass) passedBy.Add((rule, decided));
            }
            else
            {
                var skippers = passedBy.Where(p => p.Ports.Overlaps(matched)).Select(p => p.Rule.ToString()).ToList();
                outcome = skippers.Count > 0 ? "skipped" : "shadowed";
                detail = skippers.Count > 0
                    ? $"matches {other.Id} on {matched}, but {string.Join(", ", skippers)} passed those ports on: the rest of this tier is skipped for them"
                    : matched.IsEmpty
                        ? $"its peers include {other.Id}, but none of its ports resolve on the destination"
                        : $"matches {other.Id} on {matched}, but rules above decided those ports already";
            }
            list.Add(new AdminRuleVerdict(rule.Policy.Policy, rule.Rule, rule.Direction, rule.Number, outcome, matched, decided, $"{name}: {detail}"));
        }

        if (admin)
        {
            // Same priority, different policies whose own verdicts differ on some port still open at that
            // level: the spec lets an implementation apply either, so the verdict is not certain.
            // Rules that match nothing decide nothing (their Decided is empty too), so they need no filter.
            var matching = steps.Where(s => s.Rule.Policy.Policy.Priority is not null).ToList();
            var decidedAbove = ConnectionSet.None;
            foreach (var level in matching.GroupBy(s => s.Rule.Policy.Policy.Priority!.Value).OrderBy(g => g.Key))
            {
                var open = ConnectionSet.All.Except(decidedAbove);
                var verdicts = level.GroupBy(s => s.Rule.Policy).Select(g => (Policy: g.Key, Verdict: OwnVerdict(g, open))).ToList();
                // Stryker disable once Equality : at i == Count the inner loop has nothing to visit.
                for (int i = 0; i < verdicts.Count; i++)
                    for (int j = i + 1; j < verdicts.Count; j++)
                    {
                        var (a, b) = (verdicts[i], verdicts[j]);
                        var conflict = a.Verdict.Allow.Intersect(b.Verdict.Deny.Union(b.Verdict.Pass))
                            .Union(a.Verdict.Deny.Intersect(b.Verdict.Allow.Union(b.Verdict.Pass)))
                            .Union(a.Verdict.Pass.Intersect(b.Verdict.Allow.Union(b.Verdict.Deny)));
                        if (conflict.IsEmpty) continue;
                        ambiguities.Add($"{a.Policy.Policy} and {b.Policy.Policy} both have priority {level.Key} and decide {other.Id} differently on {conflict}: " +
                            $"the spec leaves the order of equal priorities undefined, so a cluster may apply either; this analysis applied {a.Policy.Policy} first (by kind and name)");
                    }
                foreach (var s in level) decidedAbove = decidedAbove.Union(s.Decided);
            }
        }
        return list;
    }
}
