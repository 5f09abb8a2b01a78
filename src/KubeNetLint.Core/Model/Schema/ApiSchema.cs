using System.Diagnostics.CodeAnalysis;

namespace KubeNetLint.Core.Model.Schema;

/// <summary>What a field holds, as far as unknown-field checking cares: an object with known fields, a list
/// or a free-keyed map (of some shape), a scalar, or free-form JSON that is not looked into.</summary>
public enum FieldShape { Scalar, Object, List, Map, FreeForm }

/// <summary>The type of one field. Object: <see cref="Object"/>; List and Map: <see cref="Element"/>.</summary>
public sealed class FieldType
{
    public static readonly FieldType Scalar = new FieldType(FieldShape.Scalar);
    public static readonly FieldType FreeForm = new FieldType(FieldShape.FreeForm);

    public FieldShape Shape { get; }
    public ObjectType? Object { get; }
    public FieldType? Element { get; }

    private FieldType(FieldShape shape, ObjectType? obj = null, FieldType? element = null) => (Shape, Object, Element) = (shape, obj, element);

    internal static FieldType Of(ObjectType type) => new(FieldShape.Object, type);
    internal static FieldType ListOf(FieldType element) => new(FieldShape.List, element: element);
    internal static FieldType MapOf(FieldType element) => new(FieldShape.Map, element: element);
}

/// <summary>An API type (V1PodSpec, V1ObjectMeta, …) and its JSON field names. Shared by every field of that type.
/// Its field list is read from the schema text on first use (a run touches a few dozen of the ~750 types),
/// which keeps the tool's start cheap; reading is thread-safe (at worst two threads build the same list).</summary>
public sealed class ObjectType
{
    private readonly string _text;
    private readonly int _start, _end;
    private readonly Dictionary<string, ObjectType> _types;
    private Dictionary<string, FieldType>? _fields;

    public string Name { get; }
    internal FieldType AsField { get; }

    internal ObjectType(string name, string text, int start, int end, Dictionary<string, ObjectType> types)
    {
        Name = name;
        AsField = FieldType.Of(this);
        (_text, _start, _end, _types) = (text, start, end, types);
    }

    // EnsureInitialized returns the field as it is once set: it is its own fast path.
    public IReadOnlyDictionary<string, FieldType> Fields => LazyInitializer.EnsureInitialized(ref _fields, ReadFields);

    public bool TryGetField(string name, [MaybeNullWhen(false)] out FieldType type) =>
        LazyInitializer.EnsureInitialized(ref _fields, ReadFields).TryGetValue(name, out type);

    /// <summary>"name name:SHAPE …" (see the schema file's header). Only reads shared state.</summary>
    private Dictionary<string, FieldType> ReadFields()
    {
        var fields = new Dictionary<string, FieldType>(StringComparer.Ordinal);
        int pos = _start;
        while (pos < _end)
        {
            int space = _text.IndexOf(' ', pos, _end - pos);
            // Stryker disable once Equality : IndexOf from pos (past "type NAME ") answers -1 or at least pos, never 0
            if (space < 0) space = _end;
            int colon = _text.IndexOf(':', pos, space - pos);
            // Stryker disable once Equality : as above, -1 or at least pos
            if (colon < 0) fields[_text[pos..space]] = FieldType.Scalar;
            else fields[_text[pos..colon]] = Shape(_text.AsSpan(colon + 1, space - colon - 1));
            pos = space + 1;
        }
        return fields;
    }

    private FieldType Shape(ReadOnlySpan<char> shape)
    {
        if (shape.IsEmpty) return FieldType.Scalar;
        return shape[0] switch
        {
            '*' when shape.Length == 1 => FieldType.FreeForm,
            '[' => FieldType.ListOf(Shape(shape[1..])),
            '{' => FieldType.MapOf(Shape(shape[1..])),
            _ => _types.TryGetValue(shape.ToString(), out var type) ? type.AsField
                : throw new FormatException($"the API schema has no type '{shape}' (a field of {Name})"),
        };
    }
}

/// <summary>The fields of the built-in Kubernetes kinds, per apiVersion and kind, read once from the embedded
/// `schema/k8s-api-fields.txt` (generated from k8s.Models by the tests; see its header). Kinds it does not
/// know (CRDs, removed API versions) are not checked.</summary>
public sealed class ApiSchema
{
    public const string ResourceName = "schema/k8s-api-fields.txt";
    /// <summary>The custom resources KubeNetLint models (Gateway API, admin network policies), from their CRDs.</summary>
    public const string CrdResourceName = "schema/crd-fields.txt";

    private static readonly Lazy<ApiSchema> Embedded = new Lazy<ApiSchema>(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The schema embedded in the assembly, read on first use.</summary>
    public static ApiSchema Shared => Embedded.Value;

    /// <summary>apiVersion → kind → type. Plain string-keyed dictionaries: their code comes precompiled
    /// with the runtime, where a tuple key would be compiled on first use.</summary>
    private readonly Dictionary<string, Dictionary<string, ObjectType>> _kinds;
    private readonly Dictionary<string, ObjectType> _types;

    private ApiSchema(Dictionary<string, Dictionary<string, ObjectType>> kinds, Dictionary<string, ObjectType> types) => (_kinds, _types) = (kinds, types);

    public int KindCount => _kinds.Values.Sum(k => k.Count);
    public int TypeCount => _types.Count;

    /// <summary>The type of objects of this apiVersion and kind; null when the kind is not a known built-in one.</summary>
    public ObjectType? KindType(string apiVersion, string kind) =>
        _kinds.TryGetValue(apiVersion, out var kinds) && kinds.TryGetValue(kind, out var type) ? type : null;

    public ObjectType? Type(string name) => _types.GetValueOrDefault(name);

    private Dictionary<string, string> _channels = new(StringComparer.Ordinal);

    /// <summary>For a custom resource read from its CRD: the channel of that CRD ("standard": the experimental
    /// channel's CRD may accept more fields; "experimental": a superset). Null for built-in kinds.</summary>
    public string? CrdChannel(string apiVersion, string kind) => _channels.GetValueOrDefault(apiVersion + " " + kind);

    /// <summary>Reads every type's fields now: fails on a field whose type the schema lacks (for tests).</summary>
    public void Validate()
    {
        foreach (var type in _types.Values) _ = type.Fields;
    }

    private static ApiSchema LoadEmbedded()
    {
        return Parse(Read(ResourceName) + Read(CrdResourceName));

        static string Read(string name)
        {
            using var stream = typeof(ApiSchema).Assembly.GetManifestResourceStream(name)
                               ?? throw new InvalidOperationException($"embedded resource {name} is missing");
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return System.Text.Encoding.UTF8.GetString(bytes);
        }
    }

    /// <summary>Reads the schema text: the kinds and where each type's field list stands (the lists are read
    /// when first used).</summary>
    public static ApiSchema Parse(string text)
    {
        var types = new Dictionary<string, ObjectType>(1024, StringComparer.Ordinal);
        var kindLines = new List<(int Start, int End)>(128);
        int pos = 0;
        // Stryker disable once Equality : at pos == text.Length (text ending in a line break) the line is empty and matches nothing
        while (pos < text.Length)
        {
            int eol = text.IndexOf('\n', pos);
            if (eol < 0) eol = text.Length;
            if (string.CompareOrdinal(text, pos, "type ", 0, 5) == 0)
            {
                int nameStart = pos + 5;
                int nameEnd = text.IndexOf(' ', nameStart, eol - nameStart);
                // Stryker disable once Equality : IndexOf from nameStart (5 or more) answers -1 or at least 5, never 0
                if (nameEnd < 0) nameEnd = eol;
                var name = text[nameStart..nameEnd];
                types.Add(name, new ObjectType(name, text, Math.Min(nameEnd + 1, eol), eol, types));
            }
            else if (string.CompareOrdinal(text, pos, "kind ", 0, 5) == 0) kindLines.Add((pos + 5, eol));
            else if (eol > pos && text[pos] != '#') throw new FormatException($"unexpected line in the API schema: '{text[pos..eol]}'");
            pos = eol + 1;
        }
        var kinds = new Dictionary<string, Dictionary<string, ObjectType>>(StringComparer.Ordinal);
        var channels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (start, end) in kindLines)
        {
            var parts = text[start..end].Split(' ');
            if (parts.Length is not (3 or 4)) throw new FormatException($"unexpected line in the API schema: 'kind {text[start..end]}'");
            if (!kinds.TryGetValue(parts[0], out var ofVersion)) kinds[parts[0]] = ofVersion = new(StringComparer.Ordinal);
            ofVersion[parts[1]] = types.TryGetValue(parts[2], out var t) ? t : throw new FormatException($"the API schema has no type '{parts[2]}' (kind {parts[1]})");
            if (parts.Length == 4) channels[parts[0] + " " + parts[1]] = parts[3];
        }
        return new ApiSchema(kinds, types) { _channels = channels };
    }
}
