using System.Globalization;
using System.Text.RegularExpressions;

namespace KubeNetLint.Core.Model;

/// <summary>A Kubernetes minor release (1.22). Patch numbers do not matter: API versions are added,
/// deprecated and removed only in minor releases.</summary>
public readonly partial record struct KubernetesVersion(int Major, int Minor) : IComparable<KubernetesVersion>
{
    /// <summary>The release KubeNetLint assumes when `.kubenetlint.yaml` sets no `kubernetesVersion`.</summary>
    public static readonly KubernetesVersion Default = new KubernetesVersion(1, 34);

    public int CompareTo(KubernetesVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(KubernetesVersion a, KubernetesVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(KubernetesVersion a, KubernetesVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(KubernetesVersion a, KubernetesVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(KubernetesVersion a, KubernetesVersion b) => a.CompareTo(b) >= 0;

    /// <summary>"1.33", "v1.33", "1.33.2" or "v1.33.2" (what `kubectl version` prints). Nothing else:
    /// a pre-release suffix or a lone "1" is refused rather than guessed at.</summary>
    public static bool TryParse(string? text, out KubernetesVersion version)
    {
        version = default;
        var m = text is null ? Match.Empty : VersionRegex().Match(text.Trim());
        if (!m.Success) return false;
        if (!int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ||
            !int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor) ||
            major < 1) // the pattern allows at most three digits: minor is at most 999
            return false;
        version = new KubernetesVersion(major, minor);
        return true;
    }

    public override string ToString() => $"{Major}.{Minor}";

    [GeneratedRegex(@"^v?(\d{1,3})\.(\d{1,3})(?:\.\d{1,4})?$")]
    private static partial Regex VersionRegex();
}

/// <summary>Whether a release serves an API version of a kind.</summary>
public enum ApiVersionStatus
{
    /// <summary>Served and not deprecated (or not in the table at all).</summary>
    Served,
    /// <summary>Served, with a deprecation warning from the API server.</summary>
    Deprecated,
    /// <summary>Not served: the API server answers "no matches for kind … in version …".</summary>
    Removed,
}

/// <summary>One API version of one kind that Kubernetes deprecated and removed. <see cref="Replacement"/>
/// is the apiVersion to migrate to (null when the kind itself went away, as PodSecurityPolicy did);
/// <see cref="ReplacementSince"/> the first release that serves it; <see cref="Changes"/> the field
/// changes a migration has to make, as a clause (null when the fields are the same).</summary>
public sealed record RemovedApi(
    string ApiVersion,
    string Kind,
    KubernetesVersion DeprecatedIn,
    KubernetesVersion RemovedIn,
    string? Replacement,
    KubernetesVersion? ReplacementSince,
    string? Changes = null)
{
    public ApiVersionStatus StatusIn(KubernetesVersion cluster) =>
        cluster >= RemovedIn ? ApiVersionStatus.Removed
        : cluster >= DeprecatedIn ? ApiVersionStatus.Deprecated
        : ApiVersionStatus.Served;
}

/// <summary>Where to migrate a removed API version to in a given release: the replacement, or, when
/// that release no longer serves the replacement either (extensions/v1beta1 PodSecurityPolicy went to
/// policy/v1beta1, itself removed in 1.25), the end of that chain. <see cref="ApiVersion"/> is null when
/// the chain ends with the kind gone.</summary>
public sealed record Migration(string? ApiVersion, KubernetesVersion? Since, string? Changes);

/// <summary>Every API version the Kubernetes "Deprecated API Migration Guide"
/// (kubernetes.io/docs/reference/using-api/deprecation-guide/) lists as removed, one row per
/// (apiVersion, kind). Removal releases and replacements follow the guide; deprecation releases follow
/// the API types' prerelease-lifecycle tags (k8s.io/api, `zz_generated.prerelease-lifecycle.go`), which
/// is what the API server's "X is deprecated in v1.N+, unavailable in v1.M+" warning prints.
/// The one place that knows these facts: rules look rows up, they never hard-code a version.</summary>
public static class ApiVersions
{
    private static KubernetesVersion V(int minor) => new(1, minor);

    private const string WorkloadSelector =
        "spec.selector is required and must match the template labels";

    public static readonly IReadOnlyList<RemovedApi> Removed =
    [
        // Removed in 1.16.
        new("extensions/v1beta1", "Deployment", V(8), V(16), "apps/v1", V(9),
            WorkloadSelector + "; spec.rollbackTo is gone; progressDeadlineSeconds, revisionHistoryLimit, maxSurge and maxUnavailable get new defaults"),
        new("apps/v1beta1", "Deployment", V(8), V(16), "apps/v1", V(9),
            WorkloadSelector + "; spec.rollbackTo is gone; revisionHistoryLimit now defaults to 10"),
        new("apps/v1beta2", "Deployment", V(9), V(16), "apps/v1", V(9), WorkloadSelector),
        new("extensions/v1beta1", "DaemonSet", V(8), V(16), "apps/v1", V(9),
            WorkloadSelector + "; spec.templateGeneration is gone; updateStrategy now defaults to RollingUpdate"),
        new("apps/v1beta2", "DaemonSet", V(9), V(16), "apps/v1", V(9), WorkloadSelector),
        new("apps/v1beta1", "StatefulSet", V(8), V(16), "apps/v1", V(9),
            WorkloadSelector + "; updateStrategy now defaults to RollingUpdate"),
        new("apps/v1beta2", "StatefulSet", V(9), V(16), "apps/v1", V(9), WorkloadSelector),
        new("extensions/v1beta1", "ReplicaSet", V(8), V(16), "apps/v1", V(9), WorkloadSelector),
        new("apps/v1beta1", "ReplicaSet", V(8), V(16), "apps/v1", V(9), WorkloadSelector),
        new("apps/v1beta2", "ReplicaSet", V(9), V(16), "apps/v1", V(9), WorkloadSelector),
        new("extensions/v1beta1", "NetworkPolicy", V(9), V(16), "networking.k8s.io/v1", V(8)),
        new("extensions/v1beta1", "PodSecurityPolicy", V(11), V(16), "policy/v1beta1", V(10)),

        // Removed in 1.22.
        new("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", V(16), V(22), "admissionregistration.k8s.io/v1", V(16),
            "webhooks[].sideEffects and admissionReviewVersions are required; failurePolicy, matchPolicy and timeoutSeconds get new defaults"),
        new("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", V(16), V(22), "admissionregistration.k8s.io/v1", V(16),
            "webhooks[].sideEffects and admissionReviewVersions are required; failurePolicy, matchPolicy and timeoutSeconds get new defaults"),
        new("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", V(16), V(22), "apiextensions.k8s.io/v1", V(16),
            "spec.scope is required; version, validation, subresources and additionalPrinterColumns move under spec.versions[]; every version needs a structural openAPIV3Schema"),
        new("apiregistration.k8s.io/v1beta1", "APIService", V(19), V(22), "apiregistration.k8s.io/v1", V(10)),
        new("authentication.k8s.io/v1beta1", "TokenReview", V(19), V(22), "authentication.k8s.io/v1", V(6)),
        new("authorization.k8s.io/v1beta1", "SubjectAccessReview", V(19), V(22), "authorization.k8s.io/v1", V(6), "spec.group becomes spec.groups"),
        new("authorization.k8s.io/v1beta1", "LocalSubjectAccessReview", V(19), V(22), "authorization.k8s.io/v1", V(6), "spec.group becomes spec.groups"),
        new("authorization.k8s.io/v1beta1", "SelfSubjectAccessReview", V(19), V(22), "authorization.k8s.io/v1", V(6), "spec.group becomes spec.groups"),
        new("certificates.k8s.io/v1beta1", "CertificateSigningRequest", V(19), V(22), "certificates.k8s.io/v1", V(19),
            "spec.signerName and spec.usages are required"),
        new("coordination.k8s.io/v1beta1", "Lease", V(19), V(22), "coordination.k8s.io/v1", V(14)),
        new("extensions/v1beta1", "Ingress", V(14), V(22), "networking.k8s.io/v1", V(19), IngressChanges),
        new("networking.k8s.io/v1beta1", "Ingress", V(19), V(22), "networking.k8s.io/v1", V(19), IngressChanges),
        new("networking.k8s.io/v1beta1", "IngressClass", V(19), V(22), "networking.k8s.io/v1", V(19)),
        new("rbac.authorization.k8s.io/v1beta1", "ClusterRole", V(17), V(22), "rbac.authorization.k8s.io/v1", V(8)),
        new("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", V(17), V(22), "rbac.authorization.k8s.io/v1", V(8)),
        new("rbac.authorization.k8s.io/v1beta1", "Role", V(17), V(22), "rbac.authorization.k8s.io/v1", V(8)),
        new("rbac.authorization.k8s.io/v1beta1", "RoleBinding", V(17), V(22), "rbac.authorization.k8s.io/v1", V(8)),
        new("scheduling.k8s.io/v1beta1", "PriorityClass", V(14), V(22), "scheduling.k8s.io/v1", V(14)),
        new("storage.k8s.io/v1beta1", "CSIDriver", V(19), V(22), "storage.k8s.io/v1", V(19)),
        new("storage.k8s.io/v1beta1", "CSINode", V(17), V(22), "storage.k8s.io/v1", V(17)),
        new("storage.k8s.io/v1beta1", "StorageClass", V(19), V(22), "storage.k8s.io/v1", V(6)),
        new("storage.k8s.io/v1beta1", "VolumeAttachment", V(19), V(22), "storage.k8s.io/v1", V(13)),

        // Removed in 1.25.
        new("batch/v1beta1", "CronJob", V(21), V(25), "batch/v1", V(21)),
        new("discovery.k8s.io/v1beta1", "EndpointSlice", V(21), V(25), "discovery.k8s.io/v1", V(21),
            "topology becomes per-endpoint nodeName and zone"),
        new("events.k8s.io/v1beta1", "Event", V(19), V(25), "events.k8s.io/v1", V(19),
            "involvedObject becomes regarding; type is Normal or Warning; the deprecated* timestamp, count and source fields are not allowed in new events"),
        new("autoscaling/v2beta1", "HorizontalPodAutoscaler", V(22), V(25), "autoscaling/v2", V(23),
            "targetAverageUtilization and targetAverageValue become target.averageUtilization and target.averageValue, with target.type"),
        new("policy/v1beta1", "PodDisruptionBudget", V(21), V(25), "policy/v1", V(21),
            "an empty spec.selector selects every pod in the namespace"),
        new("policy/v1beta1", "PodSecurityPolicy", V(21), V(25), null, null,
            "the kind itself is gone: use Pod Security Admission (pod-security.kubernetes.io labels on the namespace) or a policy engine"),
        new("node.k8s.io/v1beta1", "RuntimeClass", V(22), V(25), "node.k8s.io/v1", V(20)),

        // Removed in 1.26.
        new("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", V(23), V(26), "flowcontrol.apiserver.k8s.io/v1", V(29)),
        new("flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration", V(23), V(26), "flowcontrol.apiserver.k8s.io/v1", V(29), FlowControlChanges),
        // v2beta2 already had the metric target shape of v2.
        new("autoscaling/v2beta2", "HorizontalPodAutoscaler", V(23), V(26), "autoscaling/v2", V(23)),

        // Removed in 1.27.
        new("storage.k8s.io/v1beta1", "CSIStorageCapacity", V(24), V(27), "storage.k8s.io/v1", V(24)),

        // Removed in 1.29.
        new("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", V(26), V(29), "flowcontrol.apiserver.k8s.io/v1", V(29)),
        new("flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", V(26), V(29), "flowcontrol.apiserver.k8s.io/v1", V(29), FlowControlChanges),

        // Removed in 1.32.
        new("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", V(29), V(32), "flowcontrol.apiserver.k8s.io/v1", V(29)),
        new("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", V(29), V(32), "flowcontrol.apiserver.k8s.io/v1", V(29),
            "an explicit spec.limited.nominalConcurrencyShares of 0 stays 0"),
    ];

    private const string IngressChanges =
        "serviceName/servicePort become service.name and service.port.number or .name, backend becomes defaultBackend, and every path needs a pathType";

    private const string FlowControlChanges =
        "spec.limited.assuredConcurrencyShares becomes spec.limited.nominalConcurrencyShares";

    private static readonly Dictionary<(string ApiVersion, string Kind), RemovedApi> ByKey =
        Removed.ToDictionary(r => (r.ApiVersion, r.Kind));

    /// <summary>The row for an apiVersion and kind, or null when Kubernetes never removed that pair.</summary>
    /// <remarks>Matched exactly, as the API server does: apiVersion and kind are case-sensitive.</remarks>
    public static RemovedApi? Find(string apiVersion, string kind) =>
        ByKey.TryGetValue((apiVersion, kind), out var row) ? row : null;

    /// <summary>What to migrate <paramref name="row"/> to for a cluster of <paramref name="cluster"/>,
    /// following replacements that the cluster does not serve either.</summary>
    public static Migration MigrationFor(RemovedApi row, KubernetesVersion cluster)
    {
        var current = row;
        var changes = row.Changes;
        // Stryker disable once Equality : the bound only stops a replacement cycle, and the table has none (each step moves to a newer API); one more hop changes nothing
        for (int hops = 0; hops < Removed.Count; hops++)
        {
            if (current.Replacement is null) return new Migration(null, null, changes);
            var next = Find(current.Replacement, current.Kind);
            if (next is null || next.StatusIn(cluster) != ApiVersionStatus.Removed)
                return new Migration(current.Replacement, current.ReplacementSince, changes);
            current = next;
            changes = next.Changes;
        }
        throw new InvalidOperationException($"replacement cycle at {row.ApiVersion} {row.Kind}");
    }
}
