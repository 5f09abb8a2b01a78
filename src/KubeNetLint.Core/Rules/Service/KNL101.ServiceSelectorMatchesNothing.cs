using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Services;

public sealed class ServiceSelectorMatchesNothing : Rule
{
    private const int MaxNamed = 3;

    public override RuleInfo Info { get; } = new("KNL101", "service-selector-matches-nothing", Level.Warning,
        "A Service selector selects no workload's pods in the Service's namespace.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var service in context.Model.Services)
        {
            // An ExternalName Service ignores its selector (KNL110 says so).
            var selector = service.Selector;
            if (selector is null || service.IsExternalName || service.SelectorNode is null) continue;
            if (context.Graph.SelectedBy(service).Count > 0) continue;

            var related = new List<RelatedLocation>();
            var message = $"selector {selector} selects no pods in {Wiring.InNamespace(service.Namespace)}";
            var hooks = context.Graph.HooksMatchedBy(service);
            var elsewhere = context.Model.Workloads.Where(w => w.ServesTraffic && w.Namespace != service.Namespace && w.IsSelectedBy(selector)).Take(MaxNamed).ToList();
            var closest = Closest(context.Graph.WorkloadsIn(service.Namespace).Where(w => w.ServesTraffic), selector);
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

    private sealed record Candidate(Workload Workload, List<string> Differences, int Score);

    /// <summary>The workloads whose pod labels come closest to the selector, each with what differs. A label
    /// with the right value scores 2; the right key with another value, or the right value under another
    /// key (app vs app.kubernetes.io/name), scores 1. Workloads sharing nothing are not "close".</summary>
    private static List<Candidate> Closest(IEnumerable<Workload> workloads, LabelSelector selector)
    {
        var candidates = workloads.Select(w => Compare(w, selector)).Where(c => c.Score > 0).ToList();
        if (candidates.Count == 0) return [];
        int best = candidates.Max(c => c.Score);
        return candidates.Where(c => c.Score == best).Take(MaxNamed).ToList();
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
