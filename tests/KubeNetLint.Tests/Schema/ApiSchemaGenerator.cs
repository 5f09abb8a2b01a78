using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeNetLint.Tests.Schema;

/// <summary>Builds the field schema that KNL007 checks against, from the model types of the KubernetesClient
/// package (`k8s.Models`, generated from the Kubernetes OpenAPI document): every built-in kind with an
/// apiVersion and kind, and the tree of its JSON field names. Shared types (V1PodSpec, V1ObjectMeta, …) are
/// written once. The format is described in the file's header; <see cref="KubeNetLint.Core.Model.Schema.ApiSchema"/> reads it.</summary>
internal static class ApiSchemaGenerator
{
    public static string Generate()
    {
        var assembly = typeof(V1Pod).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                      ?? assembly.GetName().Version!.ToString();
        var kinds = new SortedDictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in assembly.GetExportedTypes())
        {
            if (type.Namespace != "k8s.Models" || !type.IsClass || type.IsAbstract) continue;
            if (type.GetCustomAttribute<KubernetesEntityAttribute>() is not { } entity || string.IsNullOrEmpty(entity.Kind)) continue;
            var names = JsonFields(type).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("apiVersion") || !names.Contains("kind")) continue;
            // XxxList types only wrap items; the loader already unpacks lists into their items.
            if (entity.Kind.EndsWith("List", StringComparison.Ordinal) && names.Contains("items")) continue;
            var apiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
            var key = $"{apiVersion} {entity.Kind}";
            if (kinds.TryGetValue(key, out var other))
                throw new InvalidOperationException($"{key} is both {other.Name} and {type.Name}");
            kinds[key] = type;
        }

        var types = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Queue<Type>(kinds.Values);
        var seen = new HashSet<Type>(kinds.Values);
        while (pending.Count > 0)
        {
            var type = pending.Dequeue();
            var fields = new List<string>();
            foreach (var (name, fieldType) in JsonFields(type).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (name.Length == 0 || name.Any(c => c is ' ' or ':' or '\n' or '\t'))
                    throw new InvalidOperationException($"{type.Name}: field name '{name}' cannot be written in the schema");
                var shape = Shape(fieldType, t => { if (seen.Add(t)) pending.Enqueue(t); });
                fields.Add(shape.Length == 0 ? name : $"{name}:{shape}");
            }
            types[type.Name] = fields.Count == 0 ? $"type {type.Name}" : $"type {type.Name} {string.Join(' ', fields)}";
        }

        var text = new StringBuilder();
        text.Append("# Kubernetes API field schema for KNL007 unknown-field. Generated from k8s.Models (KubernetesClient ")
            .Append(version).Append(")\n")
            .Append("# by tests/KubeNetLint.Tests/Schema/ApiSchemaGenerator.cs; do not edit. Regenerate with\n")
            .Append("# `UPDATE_GOLDEN=1 dotnet test --filter FullyQualifiedName~ApiSchema` after changing the package version.\n")
            .Append("#\n")
            .Append("# kind APIVERSION KIND TYPE         a kind and the type of its objects\n")
            .Append("# type NAME FIELD...                the JSON fields of a type, each one of:\n")
            .Append("#   name          a scalar (string, number, boolean, int-or-string, quantity, time, base64 bytes)\n")
            .Append("#   name:TYPE     an object of that type\n")
            .Append("#   name:*        free-form (any JSON: RawExtension-like values); not descended\n")
            .Append("#   name:[SHAPE   a list of SHAPE (nothing after '[': a list of scalars)\n")
            .Append("#   name:{SHAPE   a map with free keys and SHAPE values (nothing after '{': scalar values)\n");
        foreach (var (key, type) in kinds) text.Append("kind ").Append(key).Append(' ').Append(type.Name).Append('\n');
        foreach (var line in types.Values) text.Append(line).Append('\n');
        return text.ToString();
    }

    private static IEnumerable<(string Name, Type Type)> JsonFields(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            // Get-only helpers (V1Status.HasObject) are not serialized.
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.SetMethod is { IsPublic: true })
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                          ?? throw new InvalidOperationException($"{type.Name}.{p.Name} has no [JsonPropertyName]"), p.PropertyType));

    /// <summary>The schema text of a field's type ("" for a scalar).</summary>
    private static string Shape(Type type, Action<Type> objectType)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(object)) return "*";
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(DateTime) || type == typeof(DateTimeOffset) ||
            type == typeof(decimal) || type == typeof(byte[]) || type == typeof(IntOrString) || type == typeof(ResourceQuantity))
            return "";
        if (type.IsGenericType)
        {
            var def = type.GetGenericTypeDefinition();
            var args = type.GetGenericArguments();
            if (def == typeof(IDictionary<,>) || def == typeof(Dictionary<,>) || def == typeof(IReadOnlyDictionary<,>))
            {
                if (args[0] != typeof(string)) throw new InvalidOperationException($"map with {args[0].Name} keys");
                return "{" + Shape(args[1], objectType);
            }
            if (def == typeof(IList<>) || def == typeof(List<>) || def == typeof(ICollection<>) || def == typeof(IEnumerable<>) ||
                def == typeof(IReadOnlyList<>))
                return "[" + Shape(args[0], objectType);
        }
        if (type.Namespace == "k8s.Models" && type.IsClass && !type.IsGenericType)
        {
            // A type with its own JSON converter is written as a scalar (as IntOrString and ResourceQuantity are).
            if (type.GetCustomAttribute<JsonConverterAttribute>() is not null) return "";
            objectType(type);
            return type.Name;
        }
        throw new InvalidOperationException($"no schema shape for {type.FullName}");
    }
}
