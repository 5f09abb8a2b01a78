using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Workloads;

public sealed class WorkloadSelectorMismatch : Rule
{
    public override RuleInfo Info { get; } = new("KNL401", "workload-selector-mismatch", Level.Error,
        "A controller's spec.selector does not match the labels of its own pod template.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var w in context.Model.Workloads)
        {
            // Pods have no selector; a ReplicationController without one defaults it to the template labels.
            var selector = w.Selector;
            var node = w.SelectorNode;
            if (w.IsOperatorManaged || selector is null || node is null) continue;
            if (selector.Problems.Count > 0)
            {
                var (problemNode, problem) = selector.Problems[0];
                yield return At(problemNode, $"spec.selector of {Wiring.Describe(w)} is invalid: {problem}", w.Resource);
                continue;
            }
            if (selector.IsEmpty)
            {
                // apps/v1 rejects an empty selector; older API groups default it from the template labels.
                if (w.KindInfo.Group == "apps")
                    yield return At(Field(w.Resource.Spec, "selector", node),
                        $"spec.selector of {Wiring.Describe(w)} is empty; the API server rejects an empty selector for a {w.Kind} " +
                        "(select the template's labels, e.g. matchLabels: {app: NAME})",
                        w.Resource, Related(Wiring.LabelsLocation(w), "pod template labels"));
                continue;
            }
            if (selector.Matches(w.Template.Labels)) continue;
            yield return At(Field(w.Resource.Spec, "selector", node),
                $"spec.selector {selector} does not match the pod template labels of {Wiring.Describe(w)} ({Wiring.JoinAnd(Differences(selector, w.Template.Labels))}); " +
                "the API server rejects it because the controller would not own the pods it creates",
                w.Resource, Related(Wiring.LabelsLocation(w), "pod template labels"));
        }
    }

    private static IEnumerable<string> Differences(LabelSelector selector, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, wanted) in selector.MatchLabels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!labels.TryGetValue(key, out var actual)) yield return $"the template has no label '{key}'";
            else if (actual != wanted) yield return $"'{key}' is '{actual}' in the template, not '{wanted}'";
        }
        foreach (var e in selector.MatchExpressions)
        {
            if (new LabelSelector(new Dictionary<string, string>(), [e], null).Matches(labels)) continue;
            bool has = labels.TryGetValue(e.Key, out var value);
            var values = string.Join(", ", e.Values);
            yield return e.Operator switch
            {
                SelectorOperator.In when has => $"'{e.Key}' is '{value}' in the template, not one of {values}",
                SelectorOperator.NotIn => $"'{e.Key}' is '{value}' in the template, which the selector excludes",
                SelectorOperator.DoesNotExist => $"the template has the label '{e.Key}', which the selector excludes",
                _ => $"the template has no label '{e.Key}'",
            };
        }
    }
}
