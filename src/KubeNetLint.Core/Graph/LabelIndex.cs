using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Graph;

/// <summary>
/// An inverted index of labelled items (workloads, pod classes, namespaces): label → the items carrying it,
/// per namespace and across namespaces. <see cref="Candidates"/> answers a selector with a superset of
/// the items it selects — the shortest posting list of one of its positive terms (a label, an <c>In</c>,
/// an <c>Exists</c>) — which the exact selector semantics then confirm, so a selector costs what it
/// selects, not the size of its namespace. Selectors with no usable positive term (only <c>NotIn</c> or
/// <c>DoesNotExist</c>, or only keys whose value the labels do not fix) fall back to every item in scope.
/// The one label index of the program: the resource graph (Service → workloads) and the connectivity
/// engine (policies and peers → pod classes) both use it.
/// </summary>
public sealed class LabelIndex
{
    private static readonly int[] None = System.Array.Empty<int>();

    private readonly int _count;
    private readonly HashSet<string> _unindexed;
    private readonly Dictionary<(string? Namespace, string Key, string Value), List<int>> _byLabel = [];
    private readonly Dictionary<(string? Namespace, string Key), List<int>> _byKey = [];
    private readonly Dictionary<string, List<int>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<(string? Namespace, string Value), List<int>> _byValue = [];
    private readonly int[] _all;
    private long _visited;

    /// <summary>Indexes items 0..count-1. <paramref name="unindexedKeys"/> are keys on which a term does not
    /// narrow the candidates: keys an item may carry with a value <paramref name="labels"/> does not show
    /// (controller-added or uncertain labels, <see cref="Workload.LabelKeysBeyondTemplate"/>).</summary>
    public LabelIndex(int count, Func<int, string?> @namespace, Func<int, IReadOnlyDictionary<string, string>> labels,
        IEnumerable<string> unindexedKeys)
    {
        _count = count;
        _unindexed = new HashSet<string>(unindexedKeys, StringComparer.Ordinal);
        _all = new int[count];
        for (int i = 0; i < count; i++)
        {
            _all[i] = i;
            var ns = @namespace(i);
            if (ns is not null) Add(_byNamespace, ns, i);
            foreach (var (k, v) in labels(i))
            {
                Add(_byLabel, (null, k, v), i);
                Add(_byKey, (null, k), i);
                if (ns is null) continue;
                Add(_byLabel, (ns, k, v), i);
                Add(_byKey, (ns, k), i);
                Add(_byValue, (ns, v), i);
            }
        }
    }

    private static void Add<TKey>(Dictionary<TKey, List<int>> map, TKey key, int item) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(item);
    }

    /// <summary>How many candidates all queries so far have returned: the work selectors cost, which
    /// complexity tests count.</summary>
    public long CandidatesVisited => Interlocked.Read(ref _visited);

    /// <summary>The items of the namespace (of all namespaces when null) carrying the label, ascending.</summary>
    public IReadOnlyList<int> WithLabel(string? @namespace, string key, string value) => Counted(_byLabel.GetValueOrDefault((@namespace, key, value)));

    /// <summary>The items of the namespace (of all namespaces when null) carrying the key, ascending.</summary>
    public IReadOnlyList<int> WithKey(string? @namespace, string key) => Counted(_byKey.GetValueOrDefault((@namespace, key)));

    /// <summary>The items of a namespace carrying the value under any key, ascending.</summary>
    public IReadOnlyList<int> WithValue(string @namespace, string value) => Counted(_byValue.GetValueOrDefault((@namespace, value)));

    private IReadOnlyList<int> Counted(List<int>? list)
    {
        if (list is null) return None;
        Interlocked.Add(ref _visited, list.Count);
        return list;
    }

    /// <summary>The items of a namespace (all items when <paramref name="namespace"/> is null), ascending.</summary>
    public IReadOnlyList<int> InNamespace(string? @namespace) =>
        @namespace is null ? _all : _byNamespace.TryGetValue(@namespace, out var list) ? list : None;

    /// <summary>A superset of the items of the namespace (of all namespaces when null) that the selector
    /// selects, ascending. An invalid selector selects nothing.</summary>
    public IReadOnlyList<int> Candidates(string? @namespace, LabelSelector selector)
    {
        IReadOnlyList<int> result = selector.Problems.Count > 0 ? None : Narrowest(@namespace, selector) ?? InNamespace(@namespace);
        Interlocked.Add(ref _visited, result.Count);
        return result;
    }

    /// <summary>The items the selector selects, by the caller's exact test, in ascending order.</summary>
    public List<int> Select(string? @namespace, LabelSelector selector, Func<int, bool> selected)
    {
        var result = new List<int>();
        foreach (var i in Candidates(@namespace, selector)) if (selected(i)) result.Add(i);
        return result;
    }

    private IReadOnlyList<int>? Narrowest(string? ns, LabelSelector selector)
    {
        IReadOnlyList<int>? best = null;
        void Consider(IReadOnlyList<int> list)
        {
            if (best is null || list.Count < best.Count) best = list;
        }
        foreach (var (k, v) in selector.LabelPairs)
            if (!_unindexed.Contains(k)) Consider(_byLabel.TryGetValue((ns, k, v), out var list) ? list : None);
        foreach (var e in selector.MatchExpressions)
        {
            if (_unindexed.Contains(e.Key)) continue;
            if (e.Operator == SelectorOperator.Exists) Consider(_byKey.TryGetValue((ns, e.Key), out var list) ? list : None);
            else if (e.Operator == SelectorOperator.In) Consider(Union(ns, e.Key, e.Values));
        }
        return best;
    }

    /// <summary>The items carrying any of the values, ascending and without repeats.</summary>
    private IReadOnlyList<int> Union(string? ns, string key, IReadOnlyList<string> values)
    {
        List<int>? single = null;
        int lists = 0;
        foreach (var v in values.Distinct(StringComparer.Ordinal))
            if (_byLabel.TryGetValue((ns, key, v), out var list)) { single = list; lists++; }
        if (lists <= 1) return single ?? (IReadOnlyList<int>)None;
        var merged = new SortedSet<int>();
        foreach (var v in values) if (_byLabel.TryGetValue((ns, key, v), out var list)) merged.UnionWith(list);
        return [.. merged];
    }

    public int Count => _count;
}
