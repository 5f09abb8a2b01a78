namespace KubeNetLint.Core.Rules.Ingresses;

public sealed class IngressBackendHasNoEndpoints : Rule
{
    public override RuleInfo Info { get; } = new("KNL203", "ingress-backend-has-no-endpoints", Level.Warning,
        "An Ingress backend's Service exists but has no endpoints: it selects no workload, or its targetPort reaches no container port.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var b in ServiceBackend.All(context.Graph))
        {
            // A missing port is KNL202's; ExternalName Services have no endpoints by design (KNL212).
            if (b.Service is not { IsExternalName: false } svc || b.Port is not { } port) continue;
            if (BackendEndpoints.Problem(context.Graph, svc, port) is not { } problem) continue;
            yield return At(b.NameNode, $"Ingress '{b.Ingress.Name}' routes to Service '{svc.Name}'{problem.Tail}", b.Ingress.Resource,
                Related(problem.Related, problem.RelatedMessage));
        }
    }
}
