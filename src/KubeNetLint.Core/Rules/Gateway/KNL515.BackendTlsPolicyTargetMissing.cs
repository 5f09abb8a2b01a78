using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Gateways;

/// <summary>BackendTLSPolicy `targetRefs`: a Service of the policy's own namespace (the reference has no
/// namespace), and for a `sectionName` one of its port names ("Service: Port name"; "If a SectionName is
/// specified, but does not exist on the targeted object, the Policy must fail to attach"). Other target
/// kinds are implementation-specific and not judged.</summary>
public sealed class BackendTlsPolicyTargetMissing : Rule
{
    public override RuleInfo Info { get; } = new("KNL515", "backend-tls-policy-target-missing", Level.Error,
        "A BackendTLSPolicy targets a Service that is not in its namespace, or a sectionName that names no port of that Service, so the policy attaches to nothing.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var p in context.Model.BackendTlsPolicies)
            foreach (var t in p.TargetRefs)
            {
                if (!t.IsService || t.Name.Length == 0) continue;
                var subject = $"BackendTLSPolicy '{p.Name}'";
                var svc = context.Graph.FindService(p.Namespace, t.Name);
                if (svc is null)
                {
                    var message = $"{subject} targets Service '{t.Name}', which is not in namespace '{p.Namespace}'; the policy attaches to nothing, so Gateways connect to that backend without the TLS it configures";
                    var elsewhere = context.Model.Services.FirstOrDefault(s => s.Name == t.Name);
                    yield return elsewhere is null
                        ? At((Node?)t.NameNode ?? t.Node, message, p.Resource)
                        : At((Node?)t.NameNode ?? t.Node, $"{message}; a Service of that name exists in namespace '{elsewhere.Namespace}', but a targetRef names an object of the policy's own namespace",
                            p.Resource, Related(elsewhere.Resource.Location, $"Service '{elsewhere.Name}' in namespace '{elsewhere.Namespace}'"));
                    continue;
                }
                var section = t.SectionName;
                var sectionNode = t.SectionNameNode;
                if (section is null || sectionNode is null || svc.Ports.Any(sp => sp.Name == section)) continue;
                var names = svc.Ports.Select(sp => sp.Name).OfType<string>().Where(n => n.Length > 0).ToList();
                yield return At(sectionNode,
                    $"{subject} targets port '{section}' of Service '{svc.Name}', which has no port of that name ({(names.Count == 0 ? "its ports have no names" : "port names: " + string.Join(", ", names))}); for a Service, sectionName is a port name, and the policy fails to attach",
                    p.Resource, svc.PortsNode is null ? Related(svc.Resource.Location, $"Service '{svc.Name}'") : Related(svc.PortsNode, $"ports of Service '{svc.Name}'"));
            }
    }
}
