using System.Collections.Concurrent;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

/// <summary>Evaluates label selectors against the pod classes and namespaces, each distinct selector once.
/// The graph's <see cref="LabelIndex"/> over the pod classes yields a small superset of the matches, which
/// the exact <see cref="LabelSelector"/> semantics then confirm.</summary>
internal sealed class SelectorIndex
{
    private readonly IReadOnlyList<EndpointClass> _classes;
    private readonly int _universe;
    /// <summary>The pod classes, in class order; the label index's items are positions in this list.</summary>
    private readonly List<int> _podClasses;
    private readonly LabelIndex _index;
    private readonly Dictionary<string, Bitset> _namespaceClasses = new(StringComparer.Ordinal);
    private readonly OnceCache<string, Bitset> _podCache = new(StringComparer.Ordinal);
    private readonly OnceCache<string, (Bitset Classes, IReadOnlyList<string> Namespaces)> _nsCache = new(StringComparer.Ordinal);

    /// <summary>Every namespace with its labels (kubernetes.io/metadata.name included), sorted by name.</summary>
    public IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels)> Namespaces { get; }

    public Bitset AllPods { get; }

    /// <summary>Candidates the label index has handed out: the selector work, for complexity tests.</summary>
    public long CandidatesVisited => _index.CandidatesVisited;

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
        }
        _index = new LabelIndex(_podClasses.Count, p => classes[_podClasses[p]].Namespace, p => classes[_podClasses[p]].Labels,
            _podClasses.SelectMany(i => classes[i].Representative?.LabelKeysBeyondTemplate() ?? []));
    }

    /// <summary>The pod classes of one namespace.</summary>
    public Bitset InNamespace(string ns) => _namespaceClasses.TryGetValue(ns, out var b) ? b : new Bitset(_universe);

    /// <summary>Pod classes in any namespace whose labels the selector matches (cached; do not modify).</summary>
    public Bitset Pods(LabelSelector selector) => _podCache.GetOrAdd(selector.ToString(), _ => Evaluate(selector, null));

    /// <summary>Pod classes of one namespace whose labels the selector matches (cached; do not modify).</summary>
    public Bitset PodsIn(string ns, LabelSelector selector) =>
        _podCache.GetOrAdd("ns:" + ns + "|" + selector.ToString(), _ => Evaluate(selector, ns));

    /// <summary>Pod classes of the namespaces a namespaceSelector matches whose labels the pod selector
    /// matches: one peer with both selectors (cached; do not modify).</summary>
    public Bitset PodsIn(LabelSelector namespaceSelector, LabelSelector selector) =>
        _podCache.GetOrAdd("sel:" + namespaceSelector.ToString() + "|" + selector.ToString(), _ =>
        {
            // Namespace by namespace: each one's postings are at most its share of the cluster-wide ones, so
            // a peer naming one namespace costs that namespace, not the cluster.
            var result = new Bitset(_universe);
            foreach (var ns in InNamespaces(namespaceSelector).Namespaces) Evaluate(selector, ns, result);
            return result;
        });

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

    /// <summary>Matches the selector against the index's candidates of one namespace (of all when null),
    /// into a new bit set or <paramref name="into"/>.</summary>
    private Bitset Evaluate(LabelSelector selector, string? ns, Bitset? into = null)
    {
        var result = into ?? new Bitset(_universe);
        // A selector with problems is not empty, and the label index hands out no candidate for it: it matches nothing.
        if (selector.IsEmpty)
        {
            result.Or(ns is null ? AllPods : InNamespace(ns));
            return result;
        }
        foreach (var p in _index.Candidates(ns, selector))
        {
            var i = _podClasses[p];
            if (_classes[i].Matches(selector)) result.Set(i);
        }
        return result;
    }
}
