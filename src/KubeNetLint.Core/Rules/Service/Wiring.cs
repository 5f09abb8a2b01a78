using System.Globalization;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules;

/// <summary>Wording and locations shared by the Service and workload rules, so every message names
/// objects and ports the same way.</summary>
public static class Wiring
{
    public static string Describe(Workload w) => $"{w.Kind} '{w.Name}'";

    public static string Describe(Model.Service s) => $"Service '{s.Name}'";

    public static string InNamespace(string ns) => $"namespace '{ns}'";

    /// <summary>"80/TCP", or "80/TCP ('http')" with the name.</summary>
    public static string Describe(ContainerPort p)
    {
        var number = p.Number?.ToString(CultureInfo.InvariantCulture) ?? "?";
        return p.Name is null ? $"{number}/{p.Protocol}" : $"{number}/{p.Protocol} ('{p.Name}')";
    }

    /// <summary>The ports a workload declares, for messages: "80/TCP ('http'), 9090/TCP".</summary>
    public static string PortList(Workload w)
    {
        var ports = w.Template.Ports.Select(Describe).Distinct(StringComparer.Ordinal).ToList();
        return ports.Count == 0 ? "no container ports" : string.Join(", ", ports);
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string JoinAnd(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => $"{string.Join(", ", list.Take(list.Count - 1))} and {list[^1]}",
        };
    }

    /// <summary>Where a workload's container ports are written: the first `ports` list of a serving
    /// container, else its first container, else the object. Operator-managed pods point at the resource.</summary>
    public static SourceLocation PortsLocation(Workload w)
    {
        if (w.IsOperatorManaged) return w.Resource.Location;
        var serving = w.Template.Containers.Where(c => c.ServesTraffic).ToList();
        return (serving.FirstOrDefault(c => c.PortsNode is not null)?.PortsNode as Node
                ?? serving.FirstOrDefault()?.Node
                ?? (Node?)w.Template.Spec)?.Location ?? w.Resource.Location;
    }

    /// <summary>Where a workload's pod labels are written.</summary>
    public static SourceLocation LabelsLocation(Workload w) => w.Template.LabelsNode?.Location ?? w.Resource.Location;
}
