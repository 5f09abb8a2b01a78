namespace KubeNetLint.Core.Rules.Services;

public sealed class SessionAffinityInvalid : Rule
{
    /// <summary>core.MaxClientIPServiceAffinitySeconds: one day.</summary>
    public const int MaxTimeoutSeconds = 86400;

    public override RuleInfo Info { get; } = new("KNL116", "session-affinity-invalid", Level.Error,
        "Session affinity the API server rejects (an unknown sessionAffinity, ClientIP timeoutSeconds outside 1-86400), or that has no effect (warning): sessionAffinityConfig without ClientIP, ClientIP on a headless or ExternalName Service.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var service in context.Model.Services)
        {
            var affinity = string.IsNullOrEmpty(service.SessionAffinity) ? null : service.SessionAffinity;
            if (affinity is not (null or "None" or "ClientIP"))
            {
                yield return At(service.SessionAffinityNode!,
                    $"sessionAffinity must be ClientIP or None, not '{affinity}'; the API server rejects {Wiring.Describe(service)}", service.Resource);
                continue;
            }
            if (affinity is null || affinity == "None")
            {
                // SetDefaults_Service clears sessionAffinityConfig when the affinity is None (the default).
                if (service.SessionAffinityConfigNode is not null)
                    yield return At(Field(service.Spec, "sessionAffinityConfig", service.SessionAffinityConfigNode),
                        $"sessionAffinityConfig is set but sessionAffinity is {(affinity is null ? "not set (it defaults to None)" : "None")}: the API server silently drops it, " +
                        $"so {Wiring.Describe(service)} has no session affinity. Set sessionAffinity: ClientIP, or remove sessionAffinityConfig",
                        service.Resource) with { Level = Level.Warning };
                continue;
            }
            var timeout = service.AffinityTimeoutSeconds;
            if (timeout < 1 || timeout > MaxTimeoutSeconds)
                yield return At(service.AffinityTimeoutNode!,
                    $"sessionAffinityConfig.clientIP.timeoutSeconds must be from 1 to {MaxTimeoutSeconds} (one day), not {timeout}; the API server rejects {Wiring.Describe(service)}",
                    service.Resource);
            // kube-proxy skips Services without a cluster IP and ExternalName Services (ShouldSkipService).
            if (service.IsExternalName)
                yield return At(service.SessionAffinityNode!,
                    $"{Wiring.Describe(service)} is of type ExternalName, a DNS alias (CNAME) that no proxy handles, so ClientIP session affinity has no effect",
                    service.Resource) with { Level = Level.Warning };
            else if (service.IsHeadless)
                yield return At(service.SessionAffinityNode!,
                    $"{Wiring.Describe(service)} is headless (clusterIP: None): DNS returns the pods' addresses and no proxy handles it, so ClientIP session affinity has no effect",
                    service.Resource) with { Level = Level.Warning };
        }
    }
}
