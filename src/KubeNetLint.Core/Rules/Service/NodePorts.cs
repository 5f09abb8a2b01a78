namespace KubeNetLint.Core.Rules.Services;

internal static class NodePorts
{
    /// <summary>Service types that allocate a port on every node.</summary>
    public static bool AllocatesNodePorts(Model.Service s) => s.Type == "NodePort" || s.Type == "LoadBalancer";

    /// <summary>Types on which a nodePort is forbidden.</summary>
    public static bool ForbidsNodePorts(Model.Service s) => s.Type == "ClusterIP" || s.Type == "ExternalName";
}
