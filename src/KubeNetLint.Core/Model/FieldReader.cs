using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

/// <summary>A field whose YAML type is not the one the Kubernetes API expects (KNL005).</summary>
public sealed record FieldTypeError(Node Node, string Field, string Expected)
{
    /// <summary>The object the field belongs to, when it is known.</summary>
    public Resource? Subject { get; init; }

    public string Message => Node switch
    {
        ScalarNode s when s.Resolved.Kind == JsonScalarKind.String =>
            $"'{Field}' must be {Expected}, not the {(s.Style == ScalarStyle.Plain ? "" : "quoted ")}string \"{Truncate(s.Value)}\"",
        ScalarNode s => $"'{Field}' must be {Expected}, not {Article(s.KindName)} ({Truncate(s.Value)}{AsSent(s)})",
        _ => $"'{Field}' must be {Expected}, not a {Node.KindName}",
    };

    /// <summary>How to write the value so the field gets the text as written: a plain scalar that kubectl
    /// types as a number or boolean (<c>1.0</c>, <c>yes</c>) becomes a string once quoted.</summary>
    public string? Fix => Node is ScalarNode { Style: ScalarStyle.Plain, Tag: null } s && Expected == "a string" && s.Resolved.Kind != JsonScalarKind.String
        ? $"write it quoted: \"{Truncate(s.Value)}\""
        : null;

    /// <summary>The value kubectl sends, when it reads differently from the text (<c>010</c> is 8, <c>on</c> is true).</summary>
    private static string AsSent(ScalarNode s)
    {
        var r = s.Resolved;
        string sent = r.Kind switch
        {
            JsonScalarKind.Bool => r.Boolean ? "true" : "false",
            JsonScalarKind.Integer when !r.IsUnsignedOverflow => r.Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonScalarKind.Float when r.TryGetWholeNumber(out var whole) => whole.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => s.Value,
        };
        return sent == s.Value ? "" : $", which kubectl sends as {sent}";
    }

    private static string Article(string kind) => kind is "integer" ? "an integer" : "a " + kind;
    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

/// <summary>Field paths for KNL005 messages ("spec.template.spec.containers[].ports[].name"). They are
/// read only when a field has the wrong type, yet every object needs them at hand; joined once per
/// shape and reused, they cost nothing per object. Only code-made parts belong here, never user data.</summary>
internal static class FieldPath
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), string> Joined = new();

    public static string Join(string prefix, string suffix) =>
        Joined.TryGetValue((prefix, suffix), out var path) ? path : Joined.GetOrAdd((prefix, suffix), string.Concat(prefix, suffix));

    public static string Join(string prefix, string middle, string suffix) => Join(Join(prefix, middle), suffix);
}

/// <summary>Reads typed values out of YAML nodes. A value of the wrong type reads as absent and is
/// recorded once as a <see cref="FieldTypeError"/>; nothing here throws on user input.</summary>
public sealed class FieldReader
{
    private readonly List<FieldTypeError> _errors;
    public FieldReader(List<FieldTypeError> errors) => _errors = errors;

    public IReadOnlyList<FieldTypeError> Errors => _errors;

    private static Node? Present(MappingNode? parent, string key)
    {
        var n = parent?[key];
        return Node.IsAbsent(n) ? null : n;
    }

    public MappingNode? Map(MappingNode? parent, string key, string field)
    {
        var n = Present(parent, key);
        if (n is null or MappingNode) return n as MappingNode;
        _errors.Add(new(n, field, "a mapping"));
        return null;
    }

    public SequenceNode? Seq(MappingNode? parent, string key, string field)
    {
        var n = Present(parent, key);
        if (n is null or SequenceNode) return n as SequenceNode;
        _errors.Add(new(n, field, "a list"));
        return null;
    }

    /// <summary>The mapping items of a list; other items are recorded as errors and skipped.</summary>
    public IEnumerable<MappingNode> MapItems(SequenceNode? seq, string field)
    {
        if (seq is null) yield break;
        foreach (var item in seq.Items)
        {
            if (item is MappingNode m) yield return m;
            else if (!(item is ScalarNode { IsNull: true })) _errors.Add(new(item, FieldPath.Join(field, "[]"), "a mapping"));
        }
    }

    public ScalarNode? Scalar(MappingNode? parent, string key, string field)
    {
        var n = Present(parent, key);
        if (n is null or ScalarNode) return n as ScalarNode;
        _errors.Add(new(n, field, "a scalar value"));
        return null;
    }

    /// <summary>A string field. Kubernetes reads JSON, so a scalar kubectl types as a number or boolean
    /// (<c>1.0</c>, <c>yes</c>, <c>010</c>) is a type error. <paramref name="strict"/> false keeps
    /// the text as written for fields the object cannot be read without (names, kind), still
    /// recording the error.</summary>
    public string? String(MappingNode? parent, string key, string field, bool strict = true)
    {
        var s = Scalar(parent, key, field);
        if (s is null) return null;
        if (s.Resolved.Kind is JsonScalarKind.Bool or JsonScalarKind.Integer or JsonScalarKind.Float)
        {
            _errors.Add(new(s, field, "a string"));
            return strict ? null : s.Value;
        }
        return s.Value;
    }

    /// <summary>The text of identifying fields (apiVersion, kind) whatever their type: a wrong type there
    /// makes the document something other than an object, which is reported on its own.</summary>
    public string? Text(MappingNode? parent, string key) => Present(parent, key) is ScalarNode s ? s.Value : null;

    public int? Int(MappingNode? parent, string key, string field)
    {
        var s = Scalar(parent, key, field);
        if (s is null) return null;
        if (s.TryGetInteger(out var v))
        {
            if (v is >= int.MinValue and <= int.MaxValue) return (int)v;
            _errors.Add(new(s, field, "a 32-bit integer"));
            return null;
        }
        _errors.Add(new(s, field, "an integer"));
        return null;
    }

    public bool? Bool(MappingNode? parent, string key, string field)
    {
        var s = Scalar(parent, key, field);
        if (s is null) return null;
        if (s.TryGetBool(out var b)) return b;
        _errors.Add(new(s, field, "a boolean"));
        return null;
    }

    /// <summary>An int-or-string field (targetPort, probe port, policy port). A JSON number is the port
    /// number (<c>010</c> is 8, <c>1e3</c> is 1000); a number with a fraction or a boolean is rejected by
    /// intstr's JSON decoding.</summary>
    public PortRef? IntOrString(MappingNode? parent, string key, string field)
    {
        var s = Scalar(parent, key, field);
        if (s is null) return null;
        var r = s.Resolved;
        if (r.Kind == JsonScalarKind.String) return new PortRef(null, s.Value, s);
        if (r.TryGetWholeNumber(out var v))
        {
            if (v is >= int.MinValue and <= int.MaxValue) return new PortRef((int)v, null, s);
            _errors.Add(new(s, field, "a 32-bit integer or a string"));
            return null;
        }
        _errors.Add(new(s, field, "an integer or a string"));
        return null;
    }

    /// <summary>A map of strings (labels, annotations, selectors). Non-string values are errors. A key
    /// given twice has its last value, as in Kubernetes (an invalid last value leaves the key out).</summary>
    public LabelMap StringMap(MappingNode? parent, string key, string field, bool strictValues = true)
    {
        var m = Map(parent, key, field);
        if (m is null || m.Count == 0) return LabelMap.Empty;
        var result = new Dictionary<string, string>(m.Count, StringComparer.Ordinal);
        foreach (var (k, v) in m.Entries)
        {
            // Keys are typed too: kubectl sends `on:` as "true" and `010:` as "8".
            var name = k.JsonKey;
            if (v is ScalarNode s)
            {
                var kind = s.Resolved.Kind;
                if (kind == JsonScalarKind.Null) { result[name] = ""; continue; }
                // A later duplicate that is invalid replaces the earlier value in what kubectl sends.
                if (strictValues && kind != JsonScalarKind.String) { _errors.Add(new(s, $"{field}.{name}", "a string")); result.Remove(name); continue; }
                result[name] = s.Value;
            }
            else
            {
                _errors.Add(new(v, $"{field}.{name}", "a string"));
                result.Remove(name);
            }
        }
        return LabelMap.From(result);
    }

    public List<string> StringList(MappingNode? parent, string key, string field)
    {
        var list = new List<string>();
        var seq = Seq(parent, key, field);
        if (seq is null) return list;
        foreach (var item in seq.Items)
        {
            if (item is not ScalarNode s) _errors.Add(new(item, field + "[]", "a string"));
            else if (s.Resolved.Kind is JsonScalarKind.Bool or JsonScalarKind.Integer or JsonScalarKind.Float) _errors.Add(new(s, field + "[]", "a string"));
            else if (!s.IsNull) list.Add(s.Value);
        }
        return list;
    }
}
