namespace KubeNetLint.Core.Rules.Ingresses;

public sealed class IngressBackendExternalName : Rule
{
    public override RuleInfo Info { get; } = new("KNL212", "ingress-backend-external-name", Level.Note,
        "An Ingress backend is an ExternalName Service; whether the controller can proxy to it varies.");

    public override IEnumerable<Finding> Check(AnalysisContext context) =>
        from b in ServiceBackend.All(context.Graph)
        where b.Service is { IsExternalName: true }
        let svc = b.Service!
        select At(b.NameNode,
            $"Ingress '{b.Ingress.Name}' routes to Service '{svc.Name}', an ExternalName Service{(svc.ExternalName is not null ? $" ({svc.ExternalName})" : "")}; support varies by controller (ingress-nginx proxies to it, several cloud controllers refuse it), and the request keeps the Ingress's Host header",
            b.Ingress.Resource, Related((Loading.Node?)svc.ExternalNameNode ?? (Loading.Node?)svc.TypeNode ?? svc.Resource.Root, $"Service '{svc.Name}' is type ExternalName"));
}
