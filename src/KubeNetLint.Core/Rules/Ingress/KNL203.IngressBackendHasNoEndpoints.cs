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
            var svc = b.Service;
            var port = b.Port;
            if (svc is null || svc.IsExternalName || port is null) continue;
            var found = BackendEndpoints.Problem(context.Graph, svc, port);
            if (found is null) continue;
            var problem = found.Value;
            yield return At(b.NameNode, $"Ingress '{b.Ingress.Name}' routes to Service '{svc.Name}'{problem.Tail}", b.Ingress.Resource,
                Related(problem.Related, problem.RelatedMessage));
        }
    }
}
