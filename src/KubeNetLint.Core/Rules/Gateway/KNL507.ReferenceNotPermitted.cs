using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Gateways;

public sealed class ReferenceNotPermitted : Rule
{
    public override RuleInfo Info { get; } = new("KNL507", "reference-not-permitted", Level.Error,
        "A cross-namespace backendRef or listener certificateRef that no ReferenceGrant in the target namespace allows.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var routes = context.Graph.Routes;
        foreach (var (route, _, b, hop, mirror) in routes.References)
        {
            if (hop.Status != BackendStatus.NotPermitted) continue;
            yield return At(b.Ref.NamespaceOrName,
                $"{route.Kind} '{route.Name}' in namespace '{route.Namespace}' {(mirror ? "mirrors requests" : "refers")} to Service '{b.Ref.Name}' in namespace '{hop.Namespace}', and no ReferenceGrant there allows it (from: {{group: {GatewayApi.Group}, kind: {route.Kind}, namespace: {route.Namespace}}}, to: {{group: \"\", kind: Service}}); the backend is not used (RefNotPermitted)",
                route.Resource);
        }
        // Listener certificates: judged from the namespace of the object that declares the listener (a
        // ListenerSet's references use its own namespace and grants).
        var owners = context.Model.Gateways.Select(g => (g.Resource, g.Listeners))
            .Concat(context.Model.ListenerSets.Select(s => (s.Resource, s.Listeners)));
        foreach (var (owner, listeners) in owners)
        {
            var ns = owner.Namespace ?? "default";
            foreach (var l in listeners)
                foreach (var c in l.CertificateRefs)
                {
                    var target = c.Namespace ?? ns;
                    if (routes.Permitted(GatewayApi.Group, owner.Kind, ns, c.Group, c.Kind, target, c.Name)) continue;
                    yield return At(c.NamespaceOrName,
                        $"listener '{l.Name}' of {owner.Kind} '{owner.Name}' uses {c.Kind} '{c.Name}' from namespace '{target}', and no ReferenceGrant there allows it (from: {{group: {GatewayApi.Group}, kind: {owner.Kind}, namespace: {ns}}}, to: {{group: \"{c.Group}\", kind: {c.Kind}}}); the listener gets no certificate (RefNotPermitted)",
                        owner);
                }
        }
    }
}
