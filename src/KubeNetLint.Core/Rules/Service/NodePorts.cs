namespace KubeNetLint.Core.Rules.Services;

internal static class NodePorts
{
    /// <summary>Service types that allocate a port on every node.</summary>
    public static bool AllocatesNodePorts(Model.Service s) => s.Type is "NodePort" or "LoadBalancer";

    /// <summary>Types on which a nodePort is forbidden.</summary>
    public static bool ForbidsNodePorts(Model.Service s) => s.Type is "ClusterIP" or "ExternalName";
}
