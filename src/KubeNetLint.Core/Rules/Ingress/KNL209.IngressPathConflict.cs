using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Ingresses;

using KubeNetLint.Core.Model;

public sealed class IngressPathConflict : Rule
{
    public override RuleInfo Info { get; } = new("KNL209", "ingress-path-conflict", Level.Warning,
        "Two Ingresses of the same class claim the same host, path and pathType for different backends.");

    private sealed record Claim(Ingress Ingress, IngressPath Path, string Backend);

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        // Ingresses without a class get the default class when one is marked default (admission sets it).
        var defaultClass = context.Model.IngressClasses.FirstOrDefault(c => c.IsDefault)?.Name;
        var first = new Dictionary<(string Class, string Host, string Path, string PathType), Claim>();
        foreach (var ing in context.Model.Ingresses.OrderBy(i => i.Resource.Order))
        {
            var cls = ing.ClassName ?? defaultClass ?? "";
            foreach (var rule in ing.Rules)
                foreach (var path in rule.Paths)
                {
                    // A v1 path without pathType is invalid (KNL210); the legacy APIs default it.
                    var pathType = path.PathType ?? (ing.IsLegacyApi ? "ImplementationSpecific" : null);
                    if (pathType is null || path.Backend is null) continue;
                    var id = BackendId(context, ing, path.Backend);
                    if (id is null) continue;
                    var key = (cls, (rule.Host ?? "").ToLowerInvariant(), path.Path ?? "", pathType);
                    var earlier = first.GetValueOrDefault(key);
                    if (earlier is null) { first[key] = new Claim(ing, path, id); continue; }
                    // The same object twice is KNL004's; the same backend twice is harmless.
                    if (earlier.Ingress.Resource.Identity == ing.Resource.Identity || earlier.Backend == id) continue;
                    var where = $"host '{(string.IsNullOrEmpty(rule.Host) ? "*" : rule.Host)}' path '{path.Path}' ({pathType})";
                    yield return At((Node?)path.PathNode ?? path.Node,
                        $"Ingress '{ing.Name}' routes {where} to {id}, but Ingress '{earlier.Ingress.Name}' already routes it to {earlier.Backend}{(cls.Length > 0 ? $" (both class '{cls}')" : "")}; only one of them gets the requests, depending on the controller",
                        ing.Resource, Related((Node?)earlier.Path.PathNode ?? earlier.Path.Node, $"Ingress '{earlier.Ingress.Name}' routes {where} to {earlier.Backend}"));
                }
        }
    }

    /// <summary>Names a backend so that two ways of writing the same Service port compare equal.</summary>
    private static string? BackendId(AnalysisContext context, Ingress ing, IngressBackend b)
    {
        if (b.IsResource)
        {
            // A TypedLocalObjectReference: kind and name within the API group (absent: the core group), written
            // as kubectl writes a resource (`Kind.group/name`), so the same kind and name in two groups differ.
            var r = b.Node["resource"] as MappingNode;
            var group = (r?["apiGroup"] as ScalarNode)?.Value;
            return $"resource {(r?["kind"] as ScalarNode)?.Value}{(string.IsNullOrEmpty(group) ? "" : "." + group)}/{(r?["name"] as ScalarNode)?.Value}";
        }
        var name = b.ServiceName;
        if (string.IsNullOrEmpty(name)) return null;
        var port = b.ServicePort?.ToString();
        var wanted = b.ServicePort;
        var svc = wanted is null ? null : context.Graph.FindService(ing.Namespace, name);
        if (wanted is not null && svc is not null)
        {
            var found = wanted.Number is not null ? svc.FindPort(wanted.Number.Value) : svc.FindPort(wanted.Name!);
            if (found?.Port is not null) port = found.Port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return $"Service '{ing.Namespace}/{name}{(port is null ? "" : ":" + port)}'";
    }
}
