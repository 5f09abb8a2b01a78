using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model.Schema;

namespace KubeNetLint.Core.Rules.Input;

public sealed class ObjectWithoutName : Rule
{
    public override RuleInfo Info { get; } = new("KNL011", "object-without-name", Level.Error,
        "An object of a Kubernetes API kind without metadata.name (or generateName): the API server rejects it.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var r in context.Model.Resources)
        {
            // Only kinds the API server serves (the built-in API and the CRDs KubeNetLint knows): other
            // documents with apiVersion and kind are configuration files (kubeadm, kind, Kustomization,
            // KubeletConfiguration) that have no name.
            if (ApiSchema.Shared.KindType(r.ApiVersion, r.Kind) is null) continue;
            var metadata = r.Root["metadata"];
            // metadata or name of the wrong type is KNL005's.
            if (metadata is not null and not MappingNode && !(metadata is ScalarNode { IsNull: true })) continue;
            var meta = metadata as MappingNode;
            var name = meta?["name"];
            if (name is not null && !IsEmpty(name)) continue;
            var generateName = meta?["generateName"];
            if (generateName is not null && !IsEmpty(generateName)) continue;
            Node at = (Node?)meta?.KeyNode("name") ?? (Node?)r.Root.KeyNode("metadata") ?? (Node?)r.KindNode ?? r.Root;
            var what = name is null ? "has no metadata.name" : "has an empty metadata.name";
            yield return At(at,
                $"{r.Kind} {what} and no metadata.generateName: the API server rejects it (\"name or generateName is required\") " +
                "and kubectl apply cannot apply it; give it a name", r);
        }
    }

    private static bool IsEmpty(Node node) => node is ScalarNode s && (s.IsNull || s.Value.Length == 0);
}
