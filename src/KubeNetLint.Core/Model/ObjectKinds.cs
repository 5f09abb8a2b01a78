namespace KubeNetLint.Core.Model;

/// <summary>Where a workload kind keeps its pod template, as a dotted path from the object root.
/// "metadata"/"spec" of that path are the pod's labels and spec; for a Pod the path is empty.
/// <see cref="Operator"/> marks kinds without a pod template whose pods an operator builds from the
/// object's spec (see <see cref="PodOperator"/>).</summary>
public sealed record WorkloadKind(string Group, string Kind, string TemplatePath)
{
    public PodOperator Operator { get; init; } = PodOperator.None;

    public bool IsOperatorManaged => Operator != PodOperator.None;

    public bool Matches(Resource r) => Matches(r.Group, r.Kind);

    public bool Matches(string group, string kind) => kind == Kind && (Group == "*" || group == Group);
}

/// <summary>Operators whose custom resources KubeNetLint understands as workloads. Their pods are not
/// written in the manifests: the operator creates a StatefulSet from the resource, with labels and
/// container ports of its own. A linter that only reads pod templates reports every Service and
/// NetworkPolicy aimed at those pods as selecting nothing.</summary>
public enum PodOperator
{
    None,
    /// <summary>prometheus-operator (`monitoring.coreos.com`): `Prometheus` and `Alertmanager`.</summary>
    PrometheusOperator,
}

/// <summary>The one place that says which kinds run pods and where their pod template is
/// (kube-linter's "object kinds" idea). Every rule and the connectivity engine use it.</summary>
public sealed class ObjectKinds
{
    public static readonly IReadOnlyList<WorkloadKind> BuiltInWorkloads =
    [
        new("", "Pod", ""),
        new("apps", "Deployment", "spec.template"),
        new("extensions", "Deployment", "spec.template"),
        new("apps", "ReplicaSet", "spec.template"),
        new("extensions", "ReplicaSet", "spec.template"),
        new("apps", "StatefulSet", "spec.template"),
        new("apps", "DaemonSet", "spec.template"),
        new("extensions", "DaemonSet", "spec.template"),
        new("batch", "Job", "spec.template"),
        new("batch", "CronJob", "spec.jobTemplate.spec.template"),
        new("", "ReplicationController", "spec.template"),
        new("argoproj.io", "Rollout", "spec.template"),
        new("monitoring.coreos.com", "Prometheus", "") { Operator = PodOperator.PrometheusOperator },
        new("monitoring.coreos.com", "Alertmanager", "") { Operator = PodOperator.PrometheusOperator },
    ];

    /// <summary>Kinds without a namespace. Everything else is namespaced.</summary>
    public static readonly IReadOnlySet<string> ClusterScopedKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
        "IngressClass", "StorageClass", "PriorityClass", "RuntimeClass", "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
        "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding", "APIService", "CSIDriver", "CSINode",
        "VolumeAttachment", "CertificateSigningRequest", "PodSecurityPolicy", "ComponentStatus", "GatewayClass",
        "ClusterIssuer", "VolumeSnapshotClass", "VolumeSnapshotContent", "FlowSchema", "PriorityLevelConfiguration",
        "IPAddress", "ServiceCIDR", "DeviceClass", "ClusterTrustBundle", "ClusterPolicy", "ClusterRoleTemplate",
        "AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy", "GlobalNetworkPolicy",
    };

    public IReadOnlyList<WorkloadKind> Workloads { get; }

    public ObjectKinds(IEnumerable<WorkloadKind>? extra = null) =>
        Workloads = [.. BuiltInWorkloads, .. extra ?? []];

    public WorkloadKind? WorkloadKindOf(Resource r) => WorkloadKindOf(r.Group, r.Kind);

    public WorkloadKind? WorkloadKindOf(string group, string kind)
    {
        foreach (var k in Workloads) if (k.Matches(group, kind)) return k;
        return null;
    }

    public static bool IsClusterScoped(string kind) => ClusterScopedKinds.Contains(kind);
}
