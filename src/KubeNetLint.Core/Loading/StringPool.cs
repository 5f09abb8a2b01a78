namespace KubeNetLint.Core.Loading;

/// <summary>What parsing reuses from one file to the next on the same thread: the string pool and the
/// fast parser's lists (allocating them per document cost more than the nodes of small documents).</summary>
internal sealed class ParseScratch
{
    public readonly StringPool Strings = new();
    public readonly Stack<List<KeyValuePair<ScalarNode, Node>>> FreeEntryLists = new();
    public readonly Stack<List<Node>> FreeItemLists = new();
}

/// <summary>One copy of each short string: keys and short values (name, port, TCP, app) repeat
/// thousands of times. Lookups by span allocate nothing when the string is already there.</summary>
internal sealed class StringPool
{
    public const int MaxPooledLength = 32;

    private readonly HashSet<string> _pool = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public StringPool() => _bySpan = _pool.GetAlternateLookup<ReadOnlySpan<char>>();

    public string GetOrAdd(string s)
    {
        if (s.Length > MaxPooledLength) return s;
        if (_pool.TryGetValue(s, out var shared)) return shared;
        _pool.Add(s);
        return s;
    }

    public string GetOrAdd(ReadOnlySpan<char> s)
    {
        if (s.Length > MaxPooledLength) return s.ToString();
        if (_bySpan.TryGetValue(s, out var shared)) return shared;
        var created = s.ToString();
        _pool.Add(created);
        return created;
    }
}
