using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Services;

public sealed class ServiceSelectorMatchesNothing : Rule
{
    private const int MaxNamed = 3;

    public override RuleInfo Info { get; } = new("KNL101", "service-selector-matches-nothing", Level.Warning,
        "A Service selector selects no workload's pods in the Service's namespace.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var closestFinder = new ClosestFinder(context.Graph);
        foreach (var service in context.Model.Services)
        {
            // An ExternalName Service ignores its selector (KNL110 says so).
            var selector = service.Selector;
            if (selector is null || service.IsExternalName || service.SelectorNode is null) continue;
            if (context.Graph.SelectedBy(service).Count > 0) continue;

            var related = new List<RelatedLocation>();
            var message = $"selector {selector} selects no pods in {Wiring.InNamespace(service.Namespace)}";
            var hooks = context.Graph.HooksMatchedBy(service);
            var workloads = context.Model.Workloads;
            var elsewhere = context.Graph.WorkloadIndex.Candidates(null, selector).Select(i => workloads[i])
                .Where(w => w.ServesTraffic && w.Namespace != service.Namespace && w.IsSelectedBy(selector)).Take(MaxNamed).ToList();
            var closest = closestFinder.Closest(service.Namespace, selector);
            if (hooks.Count > 0)
            {
                var named = hooks.Take(MaxNamed).ToList();
                message += $"; only {Wiring.JoinAnd(named.Select(w => "Helm hook " + Wiring.Describe(w)))}{(hooks.Count > MaxNamed ? $" and {hooks.Count - MaxNamed} more" : "")} " +
                           $"{(hooks.Count == 1 ? "has" : "have")} these labels, and a hook (helm.sh/hook) runs once and is not a backend";
                related.AddRange(named.Select(w => Related(Wiring.LabelsLocation(w), $"pod labels of Helm hook {Wiring.Describe(w)}")));
            }
            else if (elsewhere.Count > 0)
            {
                message += $"; {Wiring.JoinAnd(elsewhere.Select(w => $"{Wiring.Describe(w)} in {Wiring.InNamespace(w.Namespace)}"))} " +
                           $"{(elsewhere.Count == 1 ? "has" : "have")} matching labels, but a Service selects pods only in its own namespace";
                related.AddRange(elsewhere.Select(w => Related(Wiring.LabelsLocation(w), $"pod labels of {Wiring.Describe(w)} in {Wiring.InNamespace(w.Namespace)}")));
            }
            else if (closest.Count > 0)
            {
                message += "; closest: " + string.Join("; ", closest.Select(c => $"{Wiring.Describe(c.Workload)} ({Wiring.JoinAnd(c.Differences)})"));
                related.AddRange(closest.Select(c => Related(Wiring.LabelsLocation(c.Workload), $"pod labels of {Wiring.Describe(c.Workload)}")));
            }
            else
            {
                int count = context.Graph.WorkloadsIn(service.Namespace).Count;
                message += count == 0
                    ? "; there is no workload in that namespace in the input"
                    : $"; none of its {count} workload{(count == 1 ? "" : "s")} has any of these labels";
            }
            yield return At(Field(service.Spec, "selector", service.SelectorNode), message, service.Resource, [.. related]);
        }
    }

    private sealed record Candidate(Workload Workload, List<string> Differences, int Score, int Index = 0);

    /// <summary>The workloads whose pod labels come closest to the selector, each with what differs. A label
    /// with the right value scores 2; the right key with another value, or the right value under another
    /// key (app vs app.kubernetes.io/name), scores 1. Workloads sharing nothing are not "close"; of the
    /// best, the first <see cref="MaxNamed"/> in input order are named.
    /// <para>Without trying every workload of the namespace for every Service: a workload that carries
    /// none of the selector's labels exactly and none of its values under another key scores just the
    /// number of the selector's keys it has, which depends on the selector's keys alone; those rankings
    /// are computed once per namespace and key set. Only the few workloads the index finds with a right
    /// label or value are scored one by one.</para></summary>
    private sealed class ClosestFinder(Graph.ResourceGraph graph)
    {
        private readonly Dictionary<(string Namespace, string Keys), List<(int Index, int Keys)>> _byKeyCount = [];

        public List<Candidate> Closest(string ns, LabelSelector selector)
        {
            var workloads = graph.Model.Workloads;
            if (selector.MatchLabels.ContainsKey(PodNameLabel))
                // StatefulSets score on their pod names, which no index holds: rare, so score them all.
                return Best(graph.WorkloadsIn(ns).Where(w => w.ServesTraffic).Select(w => ServiceSelectorMatchesNothing.Compare(w, selector)));

            var index = graph.WorkloadIndex;
            var special = new SortedSet<int>();
            foreach (var (k, v) in selector.MatchLabels)
            {
                special.UnionWith(index.WithLabel(ns, k, v));
                // Stryker disable once Equality : a speed guard; Compare gives an empty value under another key no point, so those workloads score the same from the ranking.
                if (v.Length > 0) special.UnionWith(index.WithValue(ns, v));
            }
            // Stryker disable once Equality : zero scores are never the best kept below, and at least MaxNamed generic candidates are still added.
            var scored = special.Where(i => workloads[i].ServesTraffic).Select(i => Compare(i, selector)).Where(c => c.Score > 0).ToList();
            int best = scored.Count == 0 ? 0 : scored.Max(c => c.Score);

            // The others score their number of the selector's keys.
            var ranking = Ranking(ns, selector);
            int generic = 0;
            foreach (var (i, keys) in ranking)
                if (!special.Contains(i) && workloads[i].ServesTraffic) { generic = keys; break; }
            if (generic > best) { best = generic; scored.Clear(); }
            if (best == 0) return [];
            if (generic == best)
                foreach (var (i, keys) in ranking)
                {
                    // Stryker disable once Equality,Logical : an early exit; what it skips scores below the best or after the first MaxNamed in input order, which the Take below drops.
                    if (keys < best || scored.Count >= MaxNamed + special.Count) break;
                    if (!special.Contains(i) && workloads[i].ServesTraffic) scored.Add(Compare(i, selector));
                }
            return scored.Where(c => c.Score == best).OrderBy(c => c.Index).Take(MaxNamed).ToList();
        }

        private static List<Candidate> Best(IEnumerable<Candidate> all)
        {
            var candidates = all.Where(c => c.Score > 0).ToList();
            if (candidates.Count == 0) return [];
            int best = candidates.Max(c => c.Score);
            return candidates.Where(c => c.Score == best).Take(MaxNamed).ToList();
        }

        /// <summary>The namespace's workloads that have some of the selector's keys, most keys first, then
        /// in input order.</summary>
        private List<(int Index, int Keys)> Ranking(string ns, LabelSelector selector)
        {
            var keys = selector.MatchLabels.Keys.Order(StringComparer.Ordinal).ToList();
            var id = (ns, string.Join('\n', keys));
            if (_byKeyCount.TryGetValue(id, out var ranking)) return ranking;
            var counts = new Dictionary<int, int>();
            foreach (var k in keys)
                foreach (var i in graph.WorkloadIndex.WithKey(ns, k)) counts[i] = counts.GetValueOrDefault(i) + 1;
            ranking = counts.Select(kv => (kv.Key, kv.Value)).OrderByDescending(e => e.Value).ThenBy(e => e.Key).ToList();
            _byKeyCount[id] = ranking;
            return ranking;
        }

        private Candidate Compare(int index, LabelSelector selector) =>
            ServiceSelectorMatchesNothing.Compare(graph.Model.Workloads[index], selector) with { Index = index };
    }

    private const string PodNameLabel = Workload.PodNameLabel;

    private static Candidate Compare(Workload w, LabelSelector selector)
    {
        var differences = new List<string>();
        int score = 0;
        foreach (var (key, wanted) in selector.MatchLabels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (key == PodNameLabel && w.Kind == "StatefulSet")
            {
                int replicas = w.Replicas ?? 1;
                if (w.IsSelectedBy(LabelSelector.FromMap(new Dictionary<string, string> { [key] = wanted }, null))) score += 2;
                else
                {
                    score++;
                    differences.Add(replicas == 0 ? "it runs no pods" : $"its pods are '{w.Name}-0' to '{w.Name}-{replicas - 1}', not '{wanted}'");
                }
            }
            else if (!w.Template.Labels.TryGetValue(key, out var actual))
            {
                var sameValue = w.Template.Labels.FirstOrDefault(kv => kv.Value == wanted && wanted.Length > 0);
                if (sameValue.Key is null) differences.Add($"no label '{key}'");
                else
                {
                    score++;
                    differences.Add($"no label '{key}', but '{sameValue.Key}: {wanted}'");
                }
            }
            else if (actual == wanted) score += 2;
            else
            {
                score++;
                differences.Add($"'{key}' is '{actual}', not '{wanted}'");
            }
        }
        return new Candidate(w, differences, score);
    }
}
