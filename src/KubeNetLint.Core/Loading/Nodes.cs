namespace KubeNetLint.Core.Loading;

/// <summary>A YAML node with its position. The tree is read-only after loading. Aliases point at the
/// anchored node itself (never a copy), so an alias bomb costs no memory; see <see cref="YamlDocumentParser"/>.</summary>
public abstract class Node
{
    // A cluster dump or a large repository is millions of nodes, so a node keeps its span in three ints
    // and a fourth that holds the line count (27 bits; files are at most 64 MiB, so at most 64M lines)
    // beside 4 bits a subclass may use (a scalar's style and whether it has a tag). A scalar is then
    // 48 bytes instead of 64.
    private const int FlagBits = 4, FlagMask = (1 << FlagBits) - 1, MaxLineCount = int.MaxValue >> FlagBits;
    private int _startLine, _startColumn, _endColumn, _linesAndFlags;

    public required SourceFile File { get; init; }

    public required SourceSpan Span
    {
        // Stryker disable once Bitwise : the line count is at most MaxLineCount, so the packed value is never negative and >> equals >>>
        get => new(_startLine, _startColumn, _startLine + (_linesAndFlags >> FlagBits), _endColumn);
        init
        {
            int lines = value.EndLine - value.StartLine;
            if (lines is < 0 or > MaxLineCount) throw new ArgumentOutOfRangeException(nameof(value), value, "a node ends before it starts or spans more lines than a file can hold");
            (_startLine, _startColumn, _endColumn) = (value.StartLine, value.StartColumn, value.EndColumn);
            _linesAndFlags = lines << FlagBits | (_linesAndFlags & FlagMask);
        }
    }

    public SourceLocation Location => new(File, Span);

    public abstract string KindName { get; }

    /// <summary>A field that is not there or written as null (<c>key:</c>, <c>key: ~</c>, <c>key: null</c>):
    /// the API server reads both as unset.</summary>
    public static bool IsAbsent([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] Node? node) => node is null || (node as ScalarNode)?.IsNull == true;

    /// <summary>The 4 bits beside the line count, for a subclass.</summary>
    private protected int Flags
    {
        get => _linesAndFlags & FlagMask;
        set => _linesAndFlags = (_linesAndFlags & ~FlagMask) | (value & FlagMask);
    }
}

public enum ScalarStyle : byte { Plain, SingleQuoted, DoubleQuoted, Literal, Folded }

public sealed class ScalarNode : Node
{
    // Tags are rare (`!!str 8080`), so they live beside the tree rather than in every scalar.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ScalarNode, string> Tags = new();
    private const int StyleMask = 0b0111, HasTag = 0b1000;

    public required string Value { get; init; }

    public ScalarStyle Style
    {
        get => (ScalarStyle)(Flags & StyleMask);
        // An init runs once, on style bits that are still 0.
        init => Flags |= (int)value;
    }

    public string? Tag
    {
        // Stryker disable once Bitwise : the flag only spares untagged scalars the table lookup, which finds nothing for them
        get => (Flags & HasTag) != 0 && Tags.TryGetValue(this, out var tag) ? tag : null;
        init
        {
            if (value is null) return;
            Tags.AddOrUpdate(this, value);
            Flags |= HasTag;
        }
    }

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

    /// <summary>A scalar kubectl sends as JSON null (<c>~</c>, <c>null</c>, empty).
    /// Every text kubectl reads as null is empty or starts with '~', 'n' or 'N' (a core tag resolves the
    /// text like a plain scalar), so most scalars are decided without resolving them.</summary>
    public bool IsNull => (Value.Length == 0 || Value[0] is '~' or 'n' or 'N') && Resolved.Kind == JsonScalarKind.Null;

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
    // Mappings of more than 8 entries are rare and looked up by a dictionary kept beside the tree.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MappingNode, Dictionary<string, int>> Indexes = new();
    private readonly KeyValuePair<ScalarNode, Node>[] _entries;

    public MappingNode(List<KeyValuePair<ScalarNode, Node>> entries) => _entries = [.. entries];

    public override string KindName => "mapping";

    /// <summary>Entries in source order. A key given twice keeps its last value in lookups, as Kubernetes does.</summary>
    public IReadOnlyList<KeyValuePair<ScalarNode, Node>> Entries => _entries;
    public int Count => _entries.Length;

    public Node? this[string key] => TryGet(key, out var v) ? v : null;

    public bool TryGet(string key, out Node value)
    {
        // Stryker disable once Equality : the scan and the index find the same entry (the last of a repeated key); the size only picks the faster
        if (_entries.Length <= 8)
        {
            for (int i = _entries.Length - 1; i >= 0; i--)
                if (_entries[i].Key.Value == key) { value = _entries[i].Value; return true; }
            value = null!;
            return false;
        }
        if (Indexes.GetValue(this, static m => m.BuildIndex()).TryGetValue(key, out var idx)) { value = _entries[idx].Value; return true; }
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
