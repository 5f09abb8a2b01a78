namespace KubeNetLint.Core.Rules.Services;

public sealed class HeadlessServiceTypeConflict : Rule
{
    public override RuleInfo Info { get; } = new("KNL111", "headless-service-type-conflict", Level.Error,
        "A headless Service (clusterIP: None) has type NodePort or LoadBalancer.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var service in context.Model.Services)
        {
            var type = service.TypeNode;
            if (!service.IsHeadless || service.Type is not ("NodePort" or "LoadBalancer") || type is null) continue;
            yield return At(type,
                $"type {service.Type} needs a cluster IP to forward node traffic to, but {Wiring.Describe(service)} is headless (clusterIP: None); " +
                "the API server rejects it",
                service.Resource,
                Related(service.ClusterIPNode!, "clusterIP: None makes the Service headless"));
        }
    }
}
