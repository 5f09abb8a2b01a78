using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

public enum SelectorOperator { In, NotIn, Exists, DoesNotExist }

public sealed record SelectorRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values, Node Node);

/// <summary>A Kubernetes label selector (matchLabels AND matchExpressions). An empty selector matches
/// everything; a selector with an invalid part matches nothing (the API server would reject it), and
/// <see cref="Problems"/> says why.</summary>
public sealed class LabelSelector
{
    public static readonly LabelSelector Everything = new(LabelMap.Empty, [], null);

    public IReadOnlyDictionary<string, string> MatchLabels { get; }
    public IReadOnlyList<SelectorRequirement> MatchExpressions { get; }
    public Node? Node { get; }
    public List<(Node Node, string Message)> Problems { get; } = [];

    public LabelSelector(IReadOnlyDictionary<string, string> matchLabels, IReadOnlyList<SelectorRequirement> expressions, Node? node)
    {
        var map = LabelMap.From(matchLabels);
        MatchLabels = map;
        MatchExpressions = expressions;
        Node = node;
        LabelPairs = map.Pairs;
    }

    /// <summary>matchLabels as an array: selectors are matched against every workload of a namespace,
    /// and walking an array allocates nothing.</summary>
    public KeyValuePair<string, string>[] LabelPairs { get; }

    /// <summary>Does a term (a label or an expression) name one of these keys?</summary>
    public bool MentionsAny(IReadOnlySet<string> keys)
    {
        foreach (var (key, _) in LabelPairs) if (keys.Contains(key)) return true;
        for (int i = 0; i < MatchExpressions.Count; i++) if (keys.Contains(MatchExpressions[i].Key)) return true;
        return false;
    }

    public bool IsEmpty => MatchLabels.Count == 0 && MatchExpressions.Count == 0 && Problems.Count == 0;

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        if (Problems.Count > 0) return false;
        foreach (var (k, v) in LabelPairs)
            if (!labels.TryGetValue(k, out var actual) || actual != v) return false;
        for (int i = 0; i < MatchExpressions.Count; i++)
        {
            var r = MatchExpressions[i];
            bool has = labels.TryGetValue(r.Key, out var value);
            bool ok = r.Operator switch
            {
                SelectorOperator.In => has && r.Values.Contains(value!),
                SelectorOperator.NotIn => !has || !r.Values.Contains(value!),
                SelectorOperator.Exists => has,
                SelectorOperator.DoesNotExist => !has,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>A canonical text form, equal for equal selectors: the key of every selector cache, and
    /// used in messages. Computed once.</summary>
    public override string ToString() => Problems.Count > 0 ? "<invalid>" : _text ??= Canonical();
    private string? _text;

    private string Canonical()
    {
        // Stryker disable once Equality : a speed shortcut; the general form below writes one label the same way
        if (MatchExpressions.Count == 0 && LabelPairs.Length <= 1)
            return LabelPairs.Length == 0 ? "{}" : $"{LabelPairs[0].Key}={LabelPairs[0].Value}";
        var parts = MatchLabels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}").ToList();
        foreach (var r in MatchExpressions.OrderBy(r => r.Key, StringComparer.Ordinal))
            parts.Add(r.Operator switch
            {
                SelectorOperator.Exists => r.Key,
                SelectorOperator.DoesNotExist => "!" + r.Key,
                SelectorOperator.In => $"{r.Key} in ({string.Join(",", r.Values.Order(StringComparer.Ordinal))})",
                _ => $"{r.Key} notin ({string.Join(",", r.Values.Order(StringComparer.Ordinal))})",
            });
        return parts.Count == 0 ? "{}" : string.Join(",", parts);
    }

    /// <summary>Reads a metav1.LabelSelector (matchLabels + matchExpressions).</summary>
    public static LabelSelector Read(FieldReader reader, MappingNode node, string field)
    {
        var labels = reader.StringMap(node, "matchLabels", FieldPath.Join(field, ".matchLabels"));
        var exprs = new List<SelectorRequirement>();
        var problems = new List<(Node, string)>();
        foreach (var e in reader.MapItems(reader.Seq(node, "matchExpressions", FieldPath.Join(field, ".matchExpressions")), FieldPath.Join(field, ".matchExpressions")))
        {
            var key = reader.String(e, "key", FieldPath.Join(field, ".matchExpressions[].key"), strict: false);
            var opText = reader.String(e, "operator", FieldPath.Join(field, ".matchExpressions[].operator"), strict: false);
            var values = reader.StringList(e, "values", FieldPath.Join(field, ".matchExpressions[].values"));
            if (key is null) { problems.Add((e, "a match expression needs a 'key'")); continue; }
            SelectorOperator? op = opText switch
            {
                "In" => SelectorOperator.In,
                "NotIn" => SelectorOperator.NotIn,
                "Exists" => SelectorOperator.Exists,
                "DoesNotExist" => SelectorOperator.DoesNotExist,
                _ => null,
            };
            if (op is null) { problems.Add((e["operator"] ?? e, $"unknown operator '{opText}' (In, NotIn, Exists or DoesNotExist)")); continue; }
            if (op is SelectorOperator.In or SelectorOperator.NotIn && values.Count == 0)
                problems.Add((e, $"operator {opText} needs at least one value"));
            if (op is SelectorOperator.Exists or SelectorOperator.DoesNotExist && values.Count > 0)
                problems.Add((e["values"] ?? e, $"operator {opText} takes no values"));
            exprs.Add(new SelectorRequirement(key, op.Value, values, e));
        }
        var selector = new LabelSelector(labels, exprs, node);
        selector.Problems.AddRange(problems);
        return selector;
    }

    /// <summary>A Service/ReplicationController selector: a plain map of labels.</summary>
    public static LabelSelector FromMap(IReadOnlyDictionary<string, string> labels, Node? node) => new(labels, [], node);
}
