using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

/// <summary>A field whose YAML type is not the one the Kubernetes API expects (KNL005).</summary>
public sealed record FieldTypeError(Node Node, string Field, string Expected)
{
    /// <summary>The object the field belongs to, when it is known.</summary>
    public Resource? Subject { get; init; }

    public string Message => Node switch
    {
        ScalarNode s when s.Style != ScalarStyle.Plain => $"'{Field}' must be {Expected}, not the quoted string \"{Truncate(s.Value)}\"",
        ScalarNode s => $"'{Field}' must be {Expected}, not {Article(s.KindName)} ({Truncate(s.Value)})",
        _ => $"'{Field}' must be {Expected}, not a {Node.KindName}",
    };

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

    private static Node? Present(MappingNode? parent, string key) =>
        parent?[key] is { } n && !(n is ScalarNode { IsNull: true }) ? n : null;

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

    /// <summary>A string field. Kubernetes reads JSON, so a plain number or boolean is a type error.</summary>
    public string? String(MappingNode? parent, string key, string field, bool strict = true)
    {
        var s = Scalar(parent, key, field);
        if (s is null) return null;
        if (strict && (s.IsBool || s.IsInteger)) { _errors.Add(new(s, field, "a string")); return null; }
        return s.Value;
    }

    public int? Int(MappingNode? parent, string key, string field)
    {
        var s = Scalar(parent, key, field);
        if (s is null) return null;
        if (s.TryGetInteger(out var v) && v is >= int.MinValue and <= int.MaxValue) return (int)v;
        _errors.Add(new(s, field, "an integer"));
        return null;
    }

    public bool? Bool(MappingNode? parent, string key, string field)
    {
        var s = Scalar(parent, key, field);
        if (s is null) return null;
        if (s.IsBool) return s.Value is "true" or "True" or "TRUE";
        _errors.Add(new(s, field, "a boolean"));
        return null;
    }

    /// <summary>An int-or-string field (targetPort, probe port, policy port).</summary>
    public PortRef? IntOrString(MappingNode? parent, string key, string field)
    {
        var s = Scalar(parent, key, field);
        if (s is null) return null;
        if (s.TryGetInteger(out var v))
            return v is >= int.MinValue and <= int.MaxValue ? new PortRef((int)v, null, s) : new PortRef(int.MaxValue, null, s);
        if (s.IsBool) { _errors.Add(new(s, field, "an integer or a string")); return null; }
        return new PortRef(null, s.Value, s);
    }

    /// <summary>A map of strings (labels, annotations, selectors). Non-string values are errors. A key
    /// given twice has its last value, as in Kubernetes (an invalid last value leaves the key out).</summary>
    public Dictionary<string, string> StringMap(MappingNode? parent, string key, string field, bool strictValues = true)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var m = Map(parent, key, field);
        if (m is null) return result;
        foreach (var (k, v) in m.Entries)
        {
            if (v is ScalarNode s)
            {
                if (s.IsNull) { result[k.Value] = ""; continue; }
                if (strictValues && (s.IsBool || s.IsInteger)) { _errors.Add(new(s, $"{field}.{k.Value}", "a string")); result.Remove(k.Value); continue; }
                result[k.Value] = s.Value;
            }
            else
            {
                _errors.Add(new(v, $"{field}.{k.Value}", "a string"));
                result.Remove(k.Value);
            }
        }
        return result;
    }

    public List<string> StringList(MappingNode? parent, string key, string field)
    {
        var list = new List<string>();
        var seq = Seq(parent, key, field);
        if (seq is null) return list;
        foreach (var item in seq.Items)
        {
            if (item is ScalarNode s && !s.IsNull) list.Add(s.Value);
            else if (item is not ScalarNode) _errors.Add(new(item, field + "[]", "a string"));
        }
        return list;
    }
}
