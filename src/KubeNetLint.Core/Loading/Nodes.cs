using System.Globalization;

namespace KubeNetLint.Core.Loading;

/// <summary>A YAML node with its position. The tree is read-only after loading. Aliases point at the
/// anchored node itself (never a copy), so an alias bomb costs no memory; see <see cref="YamlDocumentParser"/>.</summary>
public abstract class Node
{
    public required SourceFile File { get; init; }
    public required SourceSpan Span { get; init; }
    public SourceLocation Location => new(File, Span);

    public abstract string KindName { get; }
}

public enum ScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal, Folded }

public sealed class ScalarNode : Node
{
    public required string Value { get; init; }
    public ScalarStyle Style { get; init; }
    public string? Tag { get; init; }

    public override string KindName => IsNull ? "null" : IsInteger ? "integer" : IsBool ? "boolean" : "string";

    private bool IsPlainOrCore => Style == ScalarStyle.Plain && Tag is null;

    /// <summary>A plain scalar the YAML core schema reads as null (<c>~</c>, <c>null</c>, empty).</summary>
    public bool IsNull => (IsPlainOrCore && Value is "" or "~" or "null" or "Null" or "NULL") || Tag is "tag:yaml.org,2002:null";

    public bool IsBool => IsPlainOrCore && Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";

    public bool IsInteger => TryGetInteger(out _);

    /// <summary>A plain scalar of the YAML core schema's int form (decimal, 0x, 0o).</summary>
    public bool TryGetInteger(out long value)
    {
        value = 0;
        if (!IsPlainOrCore && Tag is not "tag:yaml.org,2002:int") return false;
        var s = Value;
        if (s.Length == 0 || s.Length > 24) return false;
        bool negative = false;
        if (s[0] is '+' or '-') { negative = s[0] == '-'; s = s[1..]; }
        if (s.Length == 0) return false;
        bool ok;
        if (s.StartsWith("0x", StringComparison.Ordinal))
            ok = long.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        else if (s.StartsWith("0o", StringComparison.Ordinal))
        {
            ok = s.Length > 2;
            foreach (var c in s.AsSpan(2)) { if (c is < '0' or > '7') { ok = false; break; } value = value * 8 + (c - '0'); if (value > int.MaxValue * 4L) { ok = false; break; } }
        }
        else
        {
            ok = true;
            foreach (var c in s) if (c is < '0' or > '9') { ok = false; break; }
            ok = ok && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
        if (ok && negative) value = -value;
        return ok;
    }
}

public sealed class MappingNode : Node
{
    private readonly KeyValuePair<ScalarNode, Node>[] _entries;
    private Dictionary<string, int>? _index;

    public MappingNode(List<KeyValuePair<ScalarNode, Node>> entries) => _entries = [.. entries];

    public override string KindName => "mapping";

    /// <summary>Entries in source order. A key given twice keeps its last value in lookups, as Kubernetes does.</summary>
    public IReadOnlyList<KeyValuePair<ScalarNode, Node>> Entries => _entries;
    public int Count => _entries.Length;

    public Node? this[string key] => TryGet(key, out var v) ? v : null;

    public bool TryGet(string key, out Node value)
    {
        if (_entries.Length <= 8)
        {
            for (int i = _entries.Length - 1; i >= 0; i--)
                if (_entries[i].Key.Value == key) { value = _entries[i].Value; return true; }
            value = null!;
            return false;
        }
        _index ??= BuildIndex();
        if (_index.TryGetValue(key, out var idx)) { value = _entries[idx].Value; return true; }
        value = null!;
        return false;
    }

    public ScalarNode? KeyNode(string key)
    {
        for (int i = _entries.Length - 1; i >= 0; i--)
            if (_entries[i].Key.Value == key) return _entries[i].Key;
        return null;
    }

    private Dictionary<string, int> BuildIndex()
    {
        var d = new Dictionary<string, int>(_entries.Length, StringComparer.Ordinal);
        for (int i = 0; i < _entries.Length; i++) d[_entries[i].Key.Value] = i;
        return d;
    }
}

public sealed class SequenceNode : Node
{
    public required IReadOnlyList<Node> Items { get; init; }
    public override string KindName => "list";
}
