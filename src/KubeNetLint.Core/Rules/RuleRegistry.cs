namespace KubeNetLint.Core.Rules;

/// <summary>Every rule, sorted by id. The list is written out rather than found by reflection, which would
/// load every type of the assembly (and the libraries their base types live in) on each start; a test
/// (RuleRegistryTests) fails when a rule class is missing from it, and others when a rule lacks its doc or
/// fixtures.</summary>
public static class RuleRegistry
{
    private static readonly Lazy<IReadOnlyList<Rule>> Rules = new Lazy<IReadOnlyList<Rule>>(Create);

    public static IReadOnlyList<Rule> All => Rules.Value;

    public static Rule? Find(string idOrName) =>
        All.FirstOrDefault(r => string.Equals(r.Info.Id, idOrName, StringComparison.OrdinalIgnoreCase) || r.Info.Name == idOrName);

    private static List<Rule> Create()
    {
        List<Rule> rules =
        [
            new Input.YamlSyntaxError(),
            new Input.NotAKubernetesObject(),
            new Input.UnrenderedTemplate(),
            new Input.DuplicateObject(),
            new Input.InvalidFieldType(),
            new Input.UnreadableFile(),
            new Input.UnknownField(),
            new Input.DuplicateKey(),
            new Input.YamlDirective(),
            new Input.CrLineBreaks(),
            new Input.ObjectWithoutName(),
            new Services.ServiceSelectorMatchesNothing(),
            new Services.ServiceWithoutEndpoints(),
            new Services.TargetPortNotDeclared(),
            new Services.NamedTargetPortUnresolved(),
            new Services.DuplicateServicePort(),
            new Services.UnnamedPortInMultiPortService(),
            new Services.NodePortOutOfRange(),
            new Services.NodePortOnWrongType(),
            new Services.NodePortConflict(),
            new Services.InvalidExternalName(),
            new Services.HeadlessServiceTypeConflict(),
            new Services.InvalidServicePort(),
            new Services.ExternalTrafficPolicyOnInternalService(),
            new Services.InvalidServiceName(),
            new Services.ClusterIpConflict(),
            new Services.SessionAffinityInvalid(),
            new Dependencies.DependencyServiceMissing(),
            new Dependencies.DependencyPortNotExposed(),
            new Dependencies.DependencyBlockedByPolicy(),
            new Dependencies.HostAliasShadowsService(),
            new Dependencies.InvalidHostAlias(),
            new Ingresses.IngressBackendServiceMissing(),
            new Ingresses.IngressBackendPortMissing(),
            new Ingresses.IngressBackendHasNoEndpoints(),
            new Ingresses.IngressClassUnknown(),
            new Ingresses.IngressTlsSecretMissing(),
            new Ingresses.IngressTlsSecretInvalid(),
            new Ingresses.IngressTlsCertificateMismatch(),
            new Ingresses.IngressTlsHostNotRouted(),
            new Ingresses.IngressPathConflict(),
            new Ingresses.InvalidIngressPath(),
            new Ingresses.InvalidIngressHost(),
            new Ingresses.IngressBackendExternalName(),
            new Input.RemovedApiVersion(),
            new NetworkPolicy.PolicySelectsNothing(),
            new NetworkPolicy.PolicyPeerSelectsNothing(),
            new NetworkPolicy.PolicyNamedPortUnresolved(),
            new NetworkPolicy.InvalidNetworkPolicy(),
            new NetworkPolicy.PolicyRulesIgnored(),
            new NetworkPolicy.EgressBlocksDns(),
            new NetworkPolicy.IngressBackendBlockedByPolicy(),
            new NetworkPolicy.ServiceUnreachable(),
            new NetworkPolicy.WorkloadNotIsolated(),
            new NetworkPolicy.ConnectivityExpectationFailed(),
            new NetworkPolicy.HostNetworkPodNotIsolated(),
            new AdminPolicy.AdminPolicySubjectSelectsNothing(),
            new AdminPolicy.AdminRuleShadowed(),
            new AdminPolicy.AdminPoliciesSharePriority(),
            new AdminPolicy.NetworkPolicyAllowanceOverriddenByAdminDeny(),
            new AdminPolicy.BaselineRuleNeverApplies(),
            new AdminPolicy.InvalidAdminNetworkPolicy(),
            new Workloads.WorkloadSelectorMismatch(),
            new Workloads.DuplicateContainerPort(),
            new Workloads.InvalidContainerPortName(),
            new Workloads.ProbePortNotDeclared(),
            new Workloads.StatefulSetServiceMissing(),
            new Gateways.GatewayClassUnknown(),
            new Gateways.RouteParentMissing(),
            new Gateways.RouteNotAccepted(),
            new Gateways.RouteHostnameMismatch(),
            new Gateways.RouteBackendMissing(),
            new Gateways.RouteBackendPortMissing(),
            new Gateways.ReferenceNotPermitted(),
            new Gateways.ListenerCertificateInvalid(),
            new Gateways.ListenerConflict(),
            new Gateways.RouteBackendHasNoEndpoints(),
            new Gateways.RouteBackendBlockedByPolicy(),
            new Gateways.DeprecatedGatewayApiVersion(),
            new Gateways.RouteRuleConflict(),
            new Gateways.InvalidGatewayApiObject(),
            new Gateways.BackendTlsPolicyTargetMissing(),
            new Gateways.BackendTlsPolicyCaCertificateInvalid(),
            new Gateways.BackendTlsPolicyConflict(),
        ];
        rules.Sort((a, b) => string.CompareOrdinal(a.Info.Id, b.Info.Id));
        var dup = SharedIdOrName(rules);
        if (dup is not null) throw new InvalidOperationException($"two rules share '{dup}'");
        return rules;
    }

    /// <summary>An id, else a name, that two of the rules share; null when all are distinct.</summary>
    internal static string? SharedIdOrName(IReadOnlyList<Rule> rules) =>
        rules.GroupBy(r => r.Info.Id).FirstOrDefault(g => g.Count() > 1)?.Key
        ?? rules.GroupBy(r => r.Info.Name).FirstOrDefault(g => g.Count() > 1)?.Key;
}
