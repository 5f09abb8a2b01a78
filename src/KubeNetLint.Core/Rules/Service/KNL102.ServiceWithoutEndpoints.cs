namespace KubeNetLint.Core.Rules.Services;

public sealed class ServiceWithoutEndpoints : Rule
{
    public override RuleInfo Info { get; } = new("KNL102", "service-without-endpoints", Level.Note,
        "A Service without a selector has no Endpoints or EndpointSlice in the input, so nothing says where it sends traffic.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var service in context.Model.Services)
        {
            // ExternalName Services answer with a CNAME: no selector and no endpoints by design.
            if (service.Selector is not null || service.IsExternalName) continue;
            // A selector of the wrong type is KNL005's finding; the Service is not meant to be selectorless.
            var written = service.Spec?["selector"];
            if (!Loading.Node.IsAbsent(written) && written is not Loading.MappingNode) continue;
            if (context.Graph.HasEndpointObjects(service.Namespace, service.Name)) continue;
            // An empty selector `{}` is the most precise place; else the spec that lacks one.
            var at = service.SelectorNode is not null
                ? Field(service.Spec, "selector", service.SelectorNode)
                : Field(service.Resource.Root, "spec", service.Resource.Root);
            yield return At(at,
                $"{Wiring.Describe(service)} has no selector and there is no Endpoints object or EndpointSlice " +
                $"(label kubernetes.io/service-name: {service.Name}) for it in {Wiring.InNamespace(service.Namespace)}; " +
                "it has no backends unless they are created outside these manifests",
                service.Resource);
        }
    }
}
