using System.Text;
using KubeNetLint.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace KubeNetLint.Tests.Schema;

/// <summary>
/// Writes src/KubeNetLint.Core/Model/Schema/crd-fields.txt, the field lists KNL007 uses for the custom
/// resources KubeNetLint models, from the CRDs in ../shared/reference (their openAPIV3Schema), in the format
/// of k8s-api-fields.txt. Each kind line ends with the channel its CRD comes from: `experimental` is a
/// superset of what a cluster may accept (an unknown field there is unknown everywhere); `standard` may
/// lack fields that the experimental channel's CRD accepts.
/// </summary>
internal static class CrdSchemaGenerator
{
    /// <summary>The CRDs read, and the channel each folder holds. ClusterNetworkPolicy is read from its
    /// experimental CRD, the superset of both channels.</summary>
    private static readonly (string Folder, string Channel)[] Sources =
    [
        ("gateway-api/crds-standard", "standard"),
        ("network-policy-api/v1alpha1-anp-banp-crds", "standard"),
        ("network-policy-api/v1alpha2-cnp-crds-experimental", "experimental"),
    ];

    /// <summary>Fields the experimental channel of network-policy-api v0.1.x adds to AdminNetworkPolicy and
    /// BaselineAdminNetworkPolicy (issue 12, docs: egress peers `nodes`, `networks` and later `domainNames`;
    /// `namedPort` in ports). Only the standard CRD is in ../shared, so these are added by name, to keep them
    /// from being reported as unknown.</summary>
    private static readonly Dictionary<string, string[]> ExperimentalAdditions = new(StringComparer.Ordinal)
    {
        ["spec.egress.to"] = ["nodes:*", "networks:[", "domainNames:["],
        ["spec.ingress.ports"] = ["namedPort"],
        ["spec.egress.ports"] = ["namedPort"],
    };

    public static string ReferenceDir => Path.Combine(Repo.Shared, "reference");

    public static string Generate()
    {
        var types = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (folder, channel) in Sources)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(ReferenceDir, folder), "*.yaml").Order(StringComparer.Ordinal))
            {
                var stream = new YamlStream();
                using (var reader = new StreamReader(file)) stream.Load(reader);
                foreach (var doc in stream.Documents)
                {
                    if (doc.RootNode is not YamlMappingNode root || Scalar(root, "kind") != "CustomResourceDefinition") continue;
                    var spec = (YamlMappingNode)root["spec"];
                    var group = Scalar(spec, "group")!;
                    var kind = Scalar((YamlMappingNode)spec["names"], "kind")!;
                    foreach (var version in ((YamlSequenceNode)spec["versions"]).Children.Cast<YamlMappingNode>())
                    {
                        if (Scalar(version, "served") == "false") continue;
                        var name = Scalar(version, "name")!;
                        if (Child(Child(version, "schema"), "openAPIV3Schema") is not YamlMappingNode schema) continue;
                        var typeName = $"Crd.{kind}.{name}";
                        var isAdmin = group == "policy.networking.k8s.io" && name == "v1alpha1";
                        Emit(schema, typeName, "", types, isAdmin, root: true);
                        kinds.Add($"kind {group}/{name} {kind} {typeName} {channel}");
                    }
                }
            }
        }
        var text = new StringBuilder();
        text.Append("# Field schema of the custom resources KubeNetLint models, for KNL007 unknown-field. Generated from the CRDs in\n")
            .Append("# ../shared/reference (Gateway API v1.6.1 standard; network-policy-api v0.1.5 standard and v0.2.0 experimental)\n")
            .Append("# by tests/KubeNetLint.Tests/Schema/CrdSchemaGenerator.cs; do not edit. Regenerate with\n")
            .Append("# `UPDATE_GOLDEN=1 dotnet test --filter FullyQualifiedName~CrdSchema`. Format as in k8s-api-fields.txt;\n")
            .Append("# a kind line ends with the channel of its CRD (standard: the experimental channel may accept more fields).\n");
        foreach (var k in kinds) text.Append(k).Append('\n');
        foreach (var (name, fields) in types) text.Append("type ").Append(name).Append(fields.Length == 0 ? "" : " " + fields).Append('\n');
        return text.ToString();
    }

    /// <summary>The shape of one schema node (see the format), writing the object types it needs.</summary>
    private static string Emit(YamlMappingNode schema, string typeName, string path, SortedDictionary<string, string> types, bool isAdmin, bool root = false)
    {
        if (Scalar(schema, "x-kubernetes-preserve-unknown-fields") == "true") return "*";
        var type = Scalar(schema, "type");
        if (type == "array")
            return Child(schema, "items") is YamlMappingNode items ? "[" + Emit(items, typeName + "_item", path, types, isAdmin) : "[";
        if (type != "object" && Child(schema, "properties") is null) return "";
        if (Child(schema, "properties") is not YamlMappingNode properties)
            return Child(schema, "additionalProperties") is YamlMappingNode values ? "{" + Emit(values, typeName + "_value", path, types, isAdmin) : "*";
        var fields = new List<string>();
        foreach (var (keyNode, valueNode) in properties.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value!;
            string shape = root && key == "metadata" ? "V1ObjectMeta"
                : Emit((YamlMappingNode)valueNode, $"{typeName}.{key}", path.Length == 0 ? key : $"{path}.{key}", types, isAdmin);
            fields.Add(shape.Length == 0 ? key : $"{key}:{shape}");
        }
        if (isAdmin && ExperimentalAdditions.TryGetValue(path, out var extra))
            foreach (var field in extra)
                if (!fields.Any(f => f == field.Split(':')[0] || f.StartsWith(field.Split(':')[0] + ":", StringComparison.Ordinal)))
                    fields.Add(field);
        fields.Sort(StringComparer.Ordinal);
        types[typeName] = string.Join(' ', fields);
        return typeName;
    }

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static string? Scalar(YamlNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;
}
