namespace KubeNetLint.Core.Rules.Services;

public sealed class ExternalTrafficPolicyOnInternalService : Rule
{
    public override RuleInfo Info { get; } = new("KNL113", "external-traffic-policy-on-internal-service", Level.Warning,
        "externalTrafficPolicy or healthCheckNodePort is set on a Service that receives no external traffic.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var service in context.Model.Services)
        {
            // externalIPs make a ClusterIP Service reachable from outside, and the policy then applies.
            bool internalOnly = service.Type == "ClusterIP" && !service.HasExternalIPs || service.IsExternalName;
            if (!internalOnly) continue;
            var kind = service.IsExternalName ? "an ExternalName Service" : "a ClusterIP Service without externalIPs";
            if (service.ExternalTrafficPolicyNode is not null)
                yield return At(service.ExternalTrafficPolicyNode,
                    $"externalTrafficPolicy only applies to traffic from outside the cluster (NodePort, LoadBalancer or externalIPs), " +
                    $"but {Wiring.Describe(service)} is {kind}; the API server rejects it",
                    service.Resource);
            if (service.HealthCheckNodePortNode is not null)
                yield return At(service.HealthCheckNodePortNode,
                    $"healthCheckNodePort is only used by LoadBalancer Services with externalTrafficPolicy: Local, " +
                    $"but {Wiring.Describe(service)} is {kind}; the API server rejects it",
                    service.Resource);
        }
    }
}
