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

    /// <summary>What kubectl sends for this scalar (go-yaml v2's typing, see <see cref="KubectlScalar"/>).</summary>
    public ResolvedScalar Resolved => Tag is null && Style != ScalarStyle.Plain ? ResolvedScalar.String : KubectlScalar.Resolve(Value, Style, Tag);

    public override string KindName => Resolved.Kind switch
    {
        JsonScalarKind.Null => "null",
        JsonScalarKind.Bool => "boolean",
        JsonScalarKind.Integer => "integer",
        JsonScalarKind.Float => "number",
        _ => "string",
    };

    /// <summary>A scalar kubectl sends as JSON null (<c>~</c>, <c>null</c>, empty).</summary>
    public bool IsNull => (Tag is not null || Style == ScalarStyle.Plain) && (Value.Length == 0 || Value[0] is '~' or 'n' or 'N' || Tag is not null)
                          && Resolved.Kind == JsonScalarKind.Null;

    /// <summary>A scalar kubectl sends as a JSON boolean (true/false and YAML 1.1's yes/no/on/off/y/n).</summary>
    public bool IsBool => TryGetBool(out _);

    public bool TryGetBool(out bool value)
    {
        var r = Resolved;
        value = r.Boolean;
        return r.Kind == JsonScalarKind.Bool;
    }

    /// <summary>A scalar kubectl sends as a JSON number, integer or not.</summary>
    public bool IsNumber => Resolved.IsNumber;

    public bool IsInteger => TryGetInteger(out _);

    /// <summary>The whole number an integer field receives: <c>010</c> is 8, <c>0x1F</c> 31, <c>1_000</c>
    /// 1000, and floats without a fraction (<c>1e3</c>) count, as kubectl re-encodes them as integers.</summary>
    public bool TryGetInteger(out long value) => Resolved.TryGetWholeNumber(out value);

    /// <summary>This scalar as a mapping key in the JSON kubectl sends (<c>yes</c> becomes "true").</summary>
    public string JsonKey => Tag is null && Style != ScalarStyle.Plain ? Value : KubectlScalar.JsonKey(Value, Style, Tag);
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
