using System.Collections.Concurrent;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

/// <summary>Evaluates label selectors against the pod classes and namespaces, each distinct selector once.
/// An inverted index (label → classes carrying it) yields a small superset of the matches, which the
/// exact <see cref="LabelSelector"/> semantics then confirm; selectors that can only be answered by
/// scanning (only NotIn / DoesNotExist, or controller-set labels) fall back to a scan.</summary>
internal sealed class SelectorIndex
{
    /// <summary>Labels the controllers add to each pod (see <see cref="Workload.IsSelectedBy"/>).</summary>
    private static IReadOnlySet<string> ControllerLabels => Workload.ControllerLabels;

    private readonly IReadOnlyList<EndpointClass> _classes;
    private readonly int _universe;
    private readonly List<int> _podClasses;
    private readonly Dictionary<string, Dictionary<string, List<int>>> _byLabel = new(StringComparer.Ordinal);
    /// <summary>The same index per namespace: a policy's own selectors only ever look in one namespace.</summary>
    private readonly Dictionary<(string Namespace, string Key, string Value), List<int>> _byNamespaceLabel = [];
    private readonly Dictionary<(string Namespace, string Key), List<int>> _byNamespaceKey = [];
    private readonly Dictionary<string, List<int>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bitset> _namespaceClasses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bitset> _podCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Bitset Classes, IReadOnlyList<string> Namespaces)> _nsCache = new(StringComparer.Ordinal);

    /// <summary>Every namespace with its labels (kubernetes.io/metadata.name included), sorted by name.</summary>
    public IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels)> Namespaces { get; }

    public Bitset AllPods { get; }

    public SelectorIndex(IReadOnlyList<EndpointClass> classes, int universe,
        IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels)> namespaces)
    {
        _classes = classes;
        _universe = universe;
        Namespaces = namespaces;
        _podClasses = classes.Where(c => c.IsPod).Select(c => c.Index).ToList();
        AllPods = new Bitset(universe);
        foreach (var i in _podClasses)
        {
            var c = classes[i];
            AllPods.Set(i);
            if (!_namespaceClasses.TryGetValue(c.Namespace!, out var nsBits)) _namespaceClasses[c.Namespace!] = nsBits = new Bitset(universe);
            nsBits.Set(i);
            if (!_byNamespace.TryGetValue(c.Namespace!, out var inNamespace)) _byNamespace[c.Namespace!] = inNamespace = [];
            inNamespace.Add(i);
            foreach (var (k, v) in c.Labels)
            {
                if (!_byLabel.TryGetValue(k, out var values)) _byLabel[k] = values = new Dictionary<string, List<int>>(StringComparer.Ordinal);
                if (!values.TryGetValue(v, out var list)) values[v] = list = [];
                list.Add(i);
                if (!_byKey.TryGetValue(k, out var keyList)) _byKey[k] = keyList = [];
                keyList.Add(i);
                if (!_byNamespaceLabel.TryGetValue((c.Namespace!, k, v), out var nsList)) _byNamespaceLabel[(c.Namespace!, k, v)] = nsList = [];
                nsList.Add(i);
                if (!_byNamespaceKey.TryGetValue((c.Namespace!, k), out var nsKeyList)) _byNamespaceKey[(c.Namespace!, k)] = nsKeyList = [];
                nsKeyList.Add(i);
            }
        }
    }

    /// <summary>The pod classes of one namespace.</summary>
    public Bitset InNamespace(string ns) => _namespaceClasses.TryGetValue(ns, out var b) ? b : new Bitset(_universe);

    /// <summary>Pod classes in any namespace whose labels the selector matches (cached; do not modify).</summary>
    public Bitset Pods(LabelSelector selector) => _podCache.GetOrAdd(selector.ToString(), _ => Evaluate(selector, null));

    /// <summary>Pod classes of one namespace whose labels the selector matches (cached; do not modify).</summary>
    public Bitset PodsIn(string ns, LabelSelector selector) =>
        _podCache.GetOrAdd("ns:" + ns + "|" + selector.ToString(), _ => Evaluate(selector, InNamespace(ns), ns));

    /// <summary>Pod classes of the namespaces a namespaceSelector matches whose labels the pod selector
    /// matches: one peer with both selectors (cached; do not modify).</summary>
    public Bitset PodsIn(LabelSelector namespaceSelector, LabelSelector selector) =>
        _podCache.GetOrAdd("sel:" + namespaceSelector.ToString() + "|" + selector.ToString(), _ => Evaluate(selector, InNamespaces(namespaceSelector).Classes));

    /// <summary>Pod classes of the namespaces the selector matches, and those namespaces' names.</summary>
    public (Bitset Classes, IReadOnlyList<string> Namespaces) InNamespaces(LabelSelector namespaceSelector) =>
        _nsCache.GetOrAdd(namespaceSelector.ToString(), _ =>
        {
            var bits = new Bitset(_universe);
            var names = new List<string>();
            foreach (var (name, labels) in Namespaces)
            {
                if (!namespaceSelector.Matches(labels)) continue;
                names.Add(name);
                if (_namespaceClasses.TryGetValue(name, out var b)) bits.Or(b);
            }
            return (bits, names);
        });

    /// <summary>Matches the selector against the candidate classes, within a scope when one is given
    /// (and within one namespace's index when the scope is a namespace).</summary>
    private Bitset Evaluate(LabelSelector selector, Bitset? scope, string? ns = null)
    {
        var result = new Bitset(_universe);
        if (selector.Problems.Count > 0) return result;
        if (selector.IsEmpty)
        {
            result.Or(scope ?? AllPods);
            return result;
        }
        foreach (var i in Candidates(selector, ns))
            if ((scope is null || scope[i]) && _classes[i].Matches(selector)) result.Set(i);
        return result;
    }

    /// <summary>A superset of the classes the selector matches: the smallest posting list of one of its
    /// positive terms (a label, an In, an Exists), else every pod class (of the namespace).</summary>
    private IReadOnlyList<int> Candidates(LabelSelector selector, string? ns)
    {
        IReadOnlyList<int> all = ns is null ? _podClasses : _byNamespace.GetValueOrDefault(ns) ?? [];
        if (selector.MentionsAny(ControllerLabels)) return all;
        IReadOnlyList<int>? best = null;
        foreach (var (k, v) in selector.MatchLabels)
        {
            var list = Posting(ns, k, v);
            if (best is null || list.Count < best.Count) best = list;
        }
        foreach (var e in selector.MatchExpressions)
        {
            IReadOnlyList<int>? list = e.Operator switch
            {
                SelectorOperator.In => e.Values.Distinct().Count() == 1 ? Posting(ns, e.Key, e.Values[0])
                    : e.Values.Distinct().SelectMany(v => Posting(ns, e.Key, v)).ToList(),
                SelectorOperator.Exists => (ns is null ? _byKey.GetValueOrDefault(e.Key) : _byNamespaceKey.GetValueOrDefault((ns, e.Key))) ?? [],
                _ => null,
            };
            if (list is not null && (best is null || list.Count < best.Count)) best = list;
        }
        return best ?? all;
    }

    private IReadOnlyList<int> Posting(string? ns, string key, string value) =>
        (ns is null
            ? _byLabel.TryGetValue(key, out var values) ? values.GetValueOrDefault(value) : null
            : _byNamespaceLabel.GetValueOrDefault((ns, key, value))) ?? [];
}
