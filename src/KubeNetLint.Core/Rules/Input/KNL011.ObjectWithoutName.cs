using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model.Schema;

namespace KubeNetLint.Core.Rules.Input;

public sealed class ObjectWithoutName : Rule
{
    public override RuleInfo Info { get; } = new("KNL011", "object-without-name", Level.Error,
        "An object of a Kubernetes API kind without metadata.name (or generateName): the API server rejects it.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        // The model's Name is "" exactly when the object has neither a non-empty name nor a non-empty generateName.
        foreach (var r in context.Model.Resources.Where(r => r.Name.Length == 0))
        {
            // Only kinds the API server serves (the built-in API and the CRDs KubeNetLint knows): other
            // documents with apiVersion and kind are configuration files (kubeadm, kind, Kustomization,
            // KubeletConfiguration) that have no name.
            if (ApiSchema.Shared.KindType(r.ApiVersion, r.Kind) is null) continue;
            var metadata = r.Root["metadata"];
            var name = (metadata as MappingNode)?["name"];
            // metadata or a name of the wrong type is KNL005's.
            if (metadata is not (null or MappingNode or ScalarNode { IsNull: true }) || name is not (null or ScalarNode)) continue;
            Node at = (Node?)(metadata as MappingNode)?.KeyNode("name") ?? (Node?)r.Root.KeyNode("metadata") ?? (Node?)r.KindNode ?? r.Root;
            var what = name is null ? "has no metadata.name" : "has an empty metadata.name";
            yield return At(at,
                $"{r.Kind} {what} and no metadata.generateName: the API server rejects it (\"name or generateName is required\") " +
                "and kubectl apply cannot apply it; give it a name", r);
        }
    }
}
