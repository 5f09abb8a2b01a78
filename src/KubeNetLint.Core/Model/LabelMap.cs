using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace KubeNetLint.Core.Model;

/// <summary>A read-only map of labels, annotations or matchLabels, kept as an array of pairs in the order
/// the map was read. A cluster holds a few such maps per object, mostly of one to five entries: a
/// <see cref="Dictionary{TKey,TValue}"/> costs about 200 bytes for two labels, this 80; empty maps share
/// one instance. Maps of more than <see cref="LinearLimit"/> entries (long annotation lists) also keep a
/// dictionary of positions, so every lookup stays O(1).</summary>
public sealed class LabelMap : IReadOnlyDictionary<string, string>
{
    private const int LinearLimit = 8;

    public static readonly LabelMap Empty = new([]);

    private readonly KeyValuePair<string, string>[] _pairs;
    private readonly Dictionary<string, int>? _index;

    private LabelMap(KeyValuePair<string, string>[] pairs)
    {
        _pairs = pairs;
        // Stryker disable once Equality : only the cost of a lookup depends on the limit; an index and a linear search answer the same
        if (pairs.Length <= LinearLimit) return;
        _index = new Dictionary<string, int>(pairs.Length, StringComparer.Ordinal);
        for (int i = 0; i < pairs.Length; i++) _index[pairs[i].Key] = i;
    }

    /// <summary>A copy of <paramref name="map"/>, in its enumeration order (keys are distinct, as in any
    /// dictionary; the comparison is ordinal).</summary>
    public static LabelMap From(IReadOnlyDictionary<string, string> map) => map switch
    {
        LabelMap same => same,
        { Count: 0 } => Empty,
        _ => new LabelMap([.. map]),
    };

    /// <summary>The pairs in order. Callers must not write to the array.</summary>
    internal KeyValuePair<string, string>[] Pairs => _pairs;

    public int Count => _pairs.Length;

    public string this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"no label '{key}'");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        int i = IndexOf(key);
        if (i < 0) { value = null; return false; }
        value = _pairs[i].Value;
        return true;
    }

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_index is not null) return _index.TryGetValue(key, out var at) ? at : -1;
        for (int i = 0; i < _pairs.Length; i++)
            if (string.Equals(_pairs[i].Key, key, StringComparison.Ordinal)) return i;
        return -1;
    }

    public IEnumerable<string> Keys => _pairs.Select(p => p.Key);
    public IEnumerable<string> Values => _pairs.Select(p => p.Value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
