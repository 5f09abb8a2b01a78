using System.Diagnostics.CodeAnalysis;

namespace KubeNetLint.Core.Model.Schema;

/// <summary>What a field holds, as far as unknown-field checking cares: an object with known fields, a list
/// or a free-keyed map (of some shape), a scalar, or free-form JSON that is not looked into.</summary>
public enum FieldShape { Scalar, Object, List, Map, FreeForm }

/// <summary>The type of one field. Object: <see cref="Object"/>; List and Map: <see cref="Element"/>.</summary>
public sealed class FieldType
{
    public static readonly FieldType Scalar = new(FieldShape.Scalar);
    public static readonly FieldType FreeForm = new(FieldShape.FreeForm);

    public FieldShape Shape { get; }
    public ObjectType? Object { get; }
    public FieldType? Element { get; }

    private FieldType(FieldShape shape, ObjectType? obj = null, FieldType? element = null) => (Shape, Object, Element) = (shape, obj, element);

    internal static FieldType Of(ObjectType type) => new(FieldShape.Object, type);
    internal static FieldType ListOf(FieldType element) => new(FieldShape.List, element: element);
    internal static FieldType MapOf(FieldType element) => new(FieldShape.Map, element: element);
}

/// <summary>An API type (V1PodSpec, V1ObjectMeta, …) and its JSON field names. Shared by every field of that type.</summary>
public sealed class ObjectType
{
    private readonly Dictionary<string, FieldType> _fields = new(StringComparer.Ordinal);

    public string Name { get; }
    internal FieldType AsField { get; }
    public IReadOnlyDictionary<string, FieldType> Fields => _fields;

    internal ObjectType(string name)
    {
        Name = name;
        AsField = FieldType.Of(this);
    }

    internal void Add(string name, FieldType type) => _fields[name] = type;

    public bool TryGetField(string name, [MaybeNullWhen(false)] out FieldType type) => _fields.TryGetValue(name, out type);
}

/// <summary>The fields of the built-in Kubernetes kinds, per apiVersion and kind, read once from the embedded
/// `schema/k8s-api-fields.txt` (generated from k8s.Models by the tests; see its header). Kinds it does not
/// know (CRDs, removed API versions) are not checked.</summary>
public sealed class ApiSchema
{
    public const string ResourceName = "schema/k8s-api-fields.txt";

    private static readonly Lazy<ApiSchema> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The schema embedded in the assembly, parsed on first use.</summary>
    public static ApiSchema Shared => Embedded.Value;

    private readonly Dictionary<(string ApiVersion, string Kind), ObjectType> _kinds;
    private readonly Dictionary<string, ObjectType> _types;

    private ApiSchema(Dictionary<(string, string), ObjectType> kinds, Dictionary<string, ObjectType> types) => (_kinds, _types) = (kinds, types);

    public int KindCount => _kinds.Count;
    public int TypeCount => _types.Count;

    /// <summary>The type of objects of this apiVersion and kind; null when the kind is not a known built-in one.</summary>
    public ObjectType? KindType(string apiVersion, string kind) => _kinds.GetValueOrDefault((apiVersion, kind));

    public ObjectType? Type(string name) => _types.GetValueOrDefault(name);

    private static ApiSchema LoadEmbedded()
    {
        using var stream = typeof(ApiSchema).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Reads the schema text. Type names may be used before their line; each type exists once.</summary>
    public static ApiSchema Parse(string text)
    {
        var types = new Dictionary<string, ObjectType>(StringComparer.Ordinal);
        var kinds = new Dictionary<(string, string), ObjectType>();
        var shapes = new Dictionary<string, FieldType>(StringComparer.Ordinal) { [""] = FieldType.Scalar, ["*"] = FieldType.FreeForm };

        ObjectType TypeNamed(string name) => types.TryGetValue(name, out var t) ? t : types[name] = new ObjectType(name);

        FieldType ShapeOf(string shape)
        {
            if (shapes.TryGetValue(shape, out var known)) return known;
            var made = shape[0] switch
            {
                '[' => FieldType.ListOf(ShapeOf(shape[1..])),
                '{' => FieldType.MapOf(ShapeOf(shape[1..])),
                _ => TypeNamed(shape).AsField,
            };
            return shapes[shape] = made;
        }

        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan()[range];
            if (line.IsEmpty || line[0] == '#') continue;
            var parts = line.ToString().Split(' ');
            switch (parts[0])
            {
                case "kind" when parts.Length == 4:
                    kinds[(parts[1], parts[2])] = TypeNamed(parts[3]);
                    break;
                case "type" when parts.Length >= 2:
                    var type = TypeNamed(parts[1]);
                    for (int i = 2; i < parts.Length; i++)
                    {
                        int colon = parts[i].IndexOf(':', StringComparison.Ordinal);
                        if (colon < 0) type.Add(parts[i], FieldType.Scalar);
                        else type.Add(parts[i][..colon], ShapeOf(parts[i][(colon + 1)..]));
                    }
                    break;
                default:
                    throw new FormatException($"unexpected line in the API schema: '{line}'");
            }
        }
        return new ApiSchema(kinds, types);
    }
}
