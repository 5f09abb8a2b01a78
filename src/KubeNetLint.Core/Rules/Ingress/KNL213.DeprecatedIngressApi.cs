namespace KubeNetLint.Core.Rules.Ingresses;

public sealed class DeprecatedIngressApi : Rule
{
    public override RuleInfo Info { get; } = new("KNL213", "deprecated-ingress-api", Level.Warning,
        "An Ingress (or IngressClass) uses extensions/v1beta1 or networking.k8s.io/v1beta1, which Kubernetes 1.22 removed.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var ing in context.Model.Ingresses.Where(i => i.IsLegacyApi))
            yield return At(ing.Resource.Root["apiVersion"] ?? ing.Resource.Root,
                $"Ingress '{ing.Name}' uses {ing.Resource.ApiVersion}, which Kubernetes 1.22 removed; use networking.k8s.io/v1 (serviceName/servicePort become service.name and service.port.number or .name, backend becomes defaultBackend, and every path needs a pathType)",
                ing.Resource);
        foreach (var cls in context.Model.IngressClasses.Where(c => c.Resource.ApiVersion == "networking.k8s.io/v1beta1"))
            yield return At(cls.Resource.Root["apiVersion"] ?? cls.Resource.Root,
                $"IngressClass '{cls.Name}' uses networking.k8s.io/v1beta1, which Kubernetes 1.22 removed; use networking.k8s.io/v1 (the fields are the same)",
                cls.Resource);
    }
}
