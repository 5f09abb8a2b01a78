using KubeNetLint.Core;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Model;
using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules;

/// <summary>KNL213 removed-api-version: the table of removed API versions, the kubernetesVersion
/// setting, the level of each finding, and that objects under old versions are still read.</summary>
public sealed class RemovedApiVersionTests
{
    private static KubernetesVersion V(int minor) => new(1, minor);

    // ---- kubernetesVersion ------------------------------------------------------------------

    [Theory]
    [InlineData("kubernetesVersion: \"1.33\"", 1, 33)]
    [InlineData("kubernetesVersion: v1.33.2", 1, 33)]
    [InlineData("kubernetesVersion: '1.21.0'", 1, 21)]
    [InlineData("kubernetesVersion: 1.30", 1, 30)]
    [InlineData("kubernetesVersion: v1.9", 1, 9)]
    public void Kubernetes_version_is_read_from_the_config(string yaml, int major, int minor) =>
        Assert.Equal(new KubernetesVersion(major, minor), Lint.Config(yaml).Value.KubernetesVersion);

    [Fact]
    public void Without_the_setting_the_default_release_is_assumed()
    {
        Assert.Equal(KubernetesVersion.Default, Lint.Config("ignore: []").Value.KubernetesVersion);
        Assert.Equal(KubernetesVersion.Default, LintConfig.Empty.KubernetesVersion);
        Assert.Equal("1.34", KubernetesVersion.Default.ToString());
    }

    [Theory]
    [InlineData("kubernetesVersion: \"1\"", 1, 20)]
    [InlineData("kubernetesVersion: 1.x", 1, 20)]
    [InlineData("kubernetesVersion: \"1.33-rc.1\"", 1, 20)]
    [InlineData("kubernetesVersion: 1.33.2.1", 1, 20)]
    [InlineData("kubernetesVersion: latest", 1, 20)]
    [InlineData("ignore: []\nkubernetesVersion: \"0.9\"", 2, 20)]
    [InlineData("kubernetesVersion: \"\"", 1, 20)]
    public void A_bad_kubernetes_version_is_a_config_error_with_its_position(string yaml, int line, int column)
    {
        var e = Assert.Throws<ConfigException>(() => Lint.Config(yaml));
        Assert.StartsWith($".kubenetlint.yaml:{line}:{column}: kubernetesVersion must be a Kubernetes release", e.Message);
    }

    [Theory]
    [InlineData("kubernetesVersion: [1, 34]")]
    [InlineData("kubernetesVersion:")]
    public void A_kubernetes_version_that_is_not_one_value_is_a_config_error(string yaml)
    {
        var e = Assert.Throws<ConfigException>(() => Lint.Config(yaml));
        Assert.Contains("'kubernetesVersion' must be a single value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_config_example_parses_and_names_the_default_release()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var section = readme[readme.IndexOf("\n## Configuration\n", StringComparison.Ordinal)..];
        var start = section.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var yaml = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        Assert.Equal(KubernetesVersion.Default, Lint.Config(yaml).Value.KubernetesVersion);
        Assert.Contains($"kubernetesVersion: \"{KubernetesVersion.Default}\"", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Versions_compare_by_major_then_minor()
    {
        Assert.True(V(9) < V(16));
        Assert.True(V(22) > V(21));
        Assert.True(new KubernetesVersion(2, 0) > V(99));
        Assert.True(KubernetesVersion.TryParse("v1.22.17", out var v) && v == V(22));
        Assert.False(KubernetesVersion.TryParse(null, out _));
    }

    // ---- the table --------------------------------------------------------------------------

    [Theory]
    // Removed in 1.16.
    [InlineData("extensions/v1beta1", "Deployment", 16, "apps/v1")]
    [InlineData("apps/v1beta1", "Deployment", 16, "apps/v1")]
    [InlineData("apps/v1beta2", "Deployment", 16, "apps/v1")]
    [InlineData("extensions/v1beta1", "DaemonSet", 16, "apps/v1")]
    [InlineData("apps/v1beta2", "DaemonSet", 16, "apps/v1")]
    [InlineData("apps/v1beta1", "StatefulSet", 16, "apps/v1")]
    [InlineData("apps/v1beta2", "StatefulSet", 16, "apps/v1")]
    [InlineData("extensions/v1beta1", "ReplicaSet", 16, "apps/v1")]
    [InlineData("apps/v1beta1", "ReplicaSet", 16, "apps/v1")]
    [InlineData("apps/v1beta2", "ReplicaSet", 16, "apps/v1")]
    [InlineData("extensions/v1beta1", "NetworkPolicy", 16, "networking.k8s.io/v1")]
    [InlineData("extensions/v1beta1", "PodSecurityPolicy", 16, "policy/v1beta1")]
    // Removed in 1.22.
    [InlineData("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", 22, "admissionregistration.k8s.io/v1")]
    [InlineData("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", 22, "admissionregistration.k8s.io/v1")]
    [InlineData("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", 22, "apiextensions.k8s.io/v1")]
    [InlineData("apiregistration.k8s.io/v1beta1", "APIService", 22, "apiregistration.k8s.io/v1")]
    [InlineData("authentication.k8s.io/v1beta1", "TokenReview", 22, "authentication.k8s.io/v1")]
    [InlineData("authorization.k8s.io/v1beta1", "SubjectAccessReview", 22, "authorization.k8s.io/v1")]
    [InlineData("authorization.k8s.io/v1beta1", "LocalSubjectAccessReview", 22, "authorization.k8s.io/v1")]
    [InlineData("authorization.k8s.io/v1beta1", "SelfSubjectAccessReview", 22, "authorization.k8s.io/v1")]
    [InlineData("certificates.k8s.io/v1beta1", "CertificateSigningRequest", 22, "certificates.k8s.io/v1")]
    [InlineData("coordination.k8s.io/v1beta1", "Lease", 22, "coordination.k8s.io/v1")]
    [InlineData("extensions/v1beta1", "Ingress", 22, "networking.k8s.io/v1")]
    [InlineData("networking.k8s.io/v1beta1", "Ingress", 22, "networking.k8s.io/v1")]
    [InlineData("networking.k8s.io/v1beta1", "IngressClass", 22, "networking.k8s.io/v1")]
    [InlineData("rbac.authorization.k8s.io/v1beta1", "ClusterRole", 22, "rbac.authorization.k8s.io/v1")]
    [InlineData("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", 22, "rbac.authorization.k8s.io/v1")]
    [InlineData("rbac.authorization.k8s.io/v1beta1", "Role", 22, "rbac.authorization.k8s.io/v1")]
    [InlineData("rbac.authorization.k8s.io/v1beta1", "RoleBinding", 22, "rbac.authorization.k8s.io/v1")]
    [InlineData("scheduling.k8s.io/v1beta1", "PriorityClass", 22, "scheduling.k8s.io/v1")]
    [InlineData("storage.k8s.io/v1beta1", "CSIDriver", 22, "storage.k8s.io/v1")]
    [InlineData("storage.k8s.io/v1beta1", "CSINode", 22, "storage.k8s.io/v1")]
    [InlineData("storage.k8s.io/v1beta1", "StorageClass", 22, "storage.k8s.io/v1")]
    [InlineData("storage.k8s.io/v1beta1", "VolumeAttachment", 22, "storage.k8s.io/v1")]
    // Removed in 1.25.
    [InlineData("batch/v1beta1", "CronJob", 25, "batch/v1")]
    [InlineData("discovery.k8s.io/v1beta1", "EndpointSlice", 25, "discovery.k8s.io/v1")]
    [InlineData("events.k8s.io/v1beta1", "Event", 25, "events.k8s.io/v1")]
    [InlineData("autoscaling/v2beta1", "HorizontalPodAutoscaler", 25, "autoscaling/v2")]
    [InlineData("policy/v1beta1", "PodDisruptionBudget", 25, "policy/v1")]
    [InlineData("policy/v1beta1", "PodSecurityPolicy", 25, null)]
    [InlineData("node.k8s.io/v1beta1", "RuntimeClass", 25, "node.k8s.io/v1")]
    // Removed in 1.26, 1.27, 1.29 and 1.32.
    [InlineData("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", 26, "flowcontrol.apiserver.k8s.io/v1")]
    [InlineData("flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration", 26, "flowcontrol.apiserver.k8s.io/v1")]
    [InlineData("autoscaling/v2beta2", "HorizontalPodAutoscaler", 26, "autoscaling/v2")]
    [InlineData("storage.k8s.io/v1beta1", "CSIStorageCapacity", 27, "storage.k8s.io/v1")]
    [InlineData("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", 29, "flowcontrol.apiserver.k8s.io/v1")]
    [InlineData("flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", 29, "flowcontrol.apiserver.k8s.io/v1")]
    [InlineData("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", 32, "flowcontrol.apiserver.k8s.io/v1")]
    [InlineData("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", 32, "flowcontrol.apiserver.k8s.io/v1")]
    public void Every_entry_of_the_deprecation_guide_is_in_the_table(string apiVersion, string kind, int removedIn, string? replacement)
    {
        var row = ApiVersions.Find(apiVersion, kind);
        Assert.NotNull(row);
        Assert.Equal(V(removedIn), row.RemovedIn);
        Assert.Equal(replacement, row.Replacement);
        Assert.Equal(ApiVersionStatus.Removed, row.StatusIn(KubernetesVersion.Default));
    }

    [Fact]
    public void The_table_is_consistent()
    {
        Assert.Equal(ApiVersions.Removed.Count, ApiVersions.Removed.Select(r => (r.ApiVersion, r.Kind)).Distinct().Count());
        foreach (var row in ApiVersions.Removed)
        {
            Assert.True(row.DeprecatedIn < row.RemovedIn, $"{row.ApiVersion} {row.Kind}: deprecated before removed");
            Assert.True(row.Replacement is not null == row.ReplacementSince is not null, $"{row.ApiVersion} {row.Kind}: replacement and its release go together");
            Assert.NotEqual(row.ApiVersion, row.Replacement);
            // The API server deprecates a version no earlier than three releases before removing it (beta policy).
            Assert.True(row.RemovedIn.Minor - row.DeprecatedIn.Minor >= 3, $"{row.ApiVersion} {row.Kind}: deprecation window");
            if (row.Changes is { } c) Assert.False(c.EndsWith('.'), "changes are a clause inside the message");
        }
    }

    [Theory]
    [InlineData("v1", "Service")]
    [InlineData("apps/v1", "Deployment")]
    [InlineData("networking.k8s.io/v1", "Ingress")]
    [InlineData("batch/v1", "CronJob")]
    [InlineData("extensions/v1beta1", "Service")]          // never a kind of that version: not this rule's business
    [InlineData("Extensions/v1beta1", "Deployment")]        // matched exactly, as the API server does
    [InlineData("kustomize.config.k8s.io/v1beta1", "Kustomization")]
    public void Current_and_unknown_versions_are_not_in_the_table(string apiVersion, string kind) =>
        Assert.Null(ApiVersions.Find(apiVersion, kind));

    [Fact]
    public void Status_follows_the_release_boundaries()
    {
        var cronJob = ApiVersions.Find("batch/v1beta1", "CronJob")!;
        Assert.Equal(ApiVersionStatus.Served, cronJob.StatusIn(V(20)));
        Assert.Equal(ApiVersionStatus.Deprecated, cronJob.StatusIn(V(21)));
        Assert.Equal(ApiVersionStatus.Deprecated, cronJob.StatusIn(V(24)));
        Assert.Equal(ApiVersionStatus.Removed, cronJob.StatusIn(V(25)));
        Assert.Equal(ApiVersionStatus.Removed, cronJob.StatusIn(new KubernetesVersion(2, 0)));
    }

    [Fact]
    public void Migration_skips_replacements_the_cluster_no_longer_serves()
    {
        var psp = ApiVersions.Find("extensions/v1beta1", "PodSecurityPolicy")!;
        Assert.Equal("policy/v1beta1", ApiVersions.MigrationFor(psp, V(16)).ApiVersion);
        var gone = ApiVersions.MigrationFor(psp, V(25));
        Assert.Null(gone.ApiVersion);
        Assert.Contains("Pod Security Admission", gone.Changes, StringComparison.Ordinal);
        var flow = ApiVersions.Find("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema")!;
        Assert.Equal("flowcontrol.apiserver.k8s.io/v1", ApiVersions.MigrationFor(flow, V(34)).ApiVersion);
    }

    // ---- the rule ---------------------------------------------------------------------------

    private const string OldDeployment = """
        apiVersion: extensions/v1beta1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: nginx
                  ports:
                    - {name: http, containerPort: 8080}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector: {app: web}
          ports:
            - {port: 80, targetPort: http}
        """;

    [Fact]
    public void A_removed_version_is_an_error_at_the_api_version_value()
    {
        var result = Lint.Text(OldDeployment);
        var f = Assert.Single(result.Reported);
        Assert.Equal(("KNL213", "removed-api-version", Level.Error, 1, 13), (f.RuleId, f.RuleName, f.Level, f.Line, f.Column));
        Assert.Equal(
            "Deployment 'web' uses extensions/v1beta1, which Kubernetes 1.16 removed (deprecated since 1.8); a 1.34 API server rejects it " +
            "with \"no matches for kind Deployment in version extensions/v1beta1\"; use apps/v1 (spec.selector is required and must match the " +
            "template labels; spec.rollbackTo is gone; progressDeadlineSeconds, revisionHistoryLimit, maxSurge and maxUnavailable get new defaults).",
            f.Message);
    }

    [Fact]
    public void An_object_under_a_removed_version_is_still_read_as_its_kind()
    {
        var result = Lint.Text(OldDeployment);
        var web = Assert.Single(result.Model.Workloads);
        Assert.Equal(("Deployment", "extensions"), (web.Kind, web.Resource.Group));
        Assert.Equal(["http"], web.Template.Containers.SelectMany(c => c.Ports).Select(p => p.Name));
        // The Service finds its pods, so KNL101/KNL103 stay silent (only KNL213 above).
        Assert.Equal(["KNL213"], result.Reported.Select(x => x.RuleId));
    }

    [Theory]
    [InlineData("apps/v1beta1", "StatefulSet", "spec:\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: x, image: x}]}")]
    [InlineData("apps/v1beta2", "DaemonSet", "spec:\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: x, image: x}]}")]
    [InlineData("extensions/v1beta1", "ReplicaSet", "spec:\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: x, image: x}]}")]
    [InlineData("batch/v1beta1", "CronJob", "spec:\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: x}}\n        spec: {containers: [{name: x, image: x}]}")]
    public void Old_workload_versions_are_workloads(string apiVersion, string kind, string spec)
    {
        var result = Lint.Text($"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: x}}\n{spec}\n");
        var w = Assert.Single(result.Model.Workloads);
        Assert.Equal((kind, "x"), (w.Kind, w.Template.Labels["app"]));
    }

    [Fact]
    public void Deprecated_but_served_is_a_warning_and_not_yet_deprecated_is_nothing()
    {
        var config = Lint.Config("kubernetesVersion: \"1.21\"");
        var yaml = """
            apiVersion: extensions/v1beta1
            kind: Ingress
            metadata: {name: shop}
            spec: {}
            ---
            apiVersion: autoscaling/v2beta1
            kind: HorizontalPodAutoscaler
            metadata: {name: web}
            ---
            apiVersion: apps/v1beta2
            kind: Deployment
            metadata: {name: old}
            """;
        var findings = Lint.Text(yaml, config: config).Reported.Where(f => f.RuleId == "KNL213").ToList();
        Assert.Equal([(1, Level.Warning), (10, Level.Error)], findings.Select(f => (f.Line, f.Level)));
        Assert.Equal(
            "Ingress 'shop' uses extensions/v1beta1, deprecated since Kubernetes 1.14; 1.21 still serves it, 1.22 removes it; use networking.k8s.io/v1 " +
            "(serviceName/servicePort become service.name and service.port.number or .name, backend becomes defaultBackend, and every path needs a pathType).",
            findings[0].Message);
    }

    [Fact]
    public void The_fixture_for_a_1_21_cluster_has_the_expected_levels()
    {
        var dir = Path.Combine(Repo.TestData, "rules", "KNL213", "cluster-1.21");
        var config = ConfigLoader.Load(Path.Combine(dir, LintConfig.FileName), k => RuleRegistry.Find(k)?.Info.Id);
        var levels = Lint.Paths([dir], config).Reported.Where(f => f.RuleId == "KNL213")
            .Select(f => $"{f.Subject!.Kind}:{f.Level.ToName()}").ToList();
        Assert.Equal(["Ingress:warning", "CronJob:warning", "DaemonSet:error"], levels);
    }

    [Fact]
    public void A_level_from_the_config_applies_to_errors_and_warnings_alike()
    {
        var yaml = """
            apiVersion: batch/v1beta1
            kind: CronJob
            metadata: {name: report}
            ---
            apiVersion: extensions/v1beta1
            kind: NetworkPolicy
            metadata: {name: old}
            """;
        var config = Lint.Config("kubernetesVersion: \"1.22\"\nrules:\n  removed-api-version: note");
        Assert.Equal([Level.Note, Level.Note], Lint.Text(yaml, config: config).Reported.Select(f => f.Level));
        Assert.Empty(Lint.Text(yaml, config: Lint.Config("rules:\n  KNL213: off")).Reported);
    }

    [Fact]
    public void A_replacement_newer_than_the_cluster_says_from_which_release_it_is_served()
    {
        var yaml = """
            apiVersion: flowcontrol.apiserver.k8s.io/v1beta1
            kind: FlowSchema
            metadata: {name: batch}
            """;
        var f = Assert.Single(Lint.Text(yaml, config: Lint.Config("kubernetesVersion: \"1.27\"")).Reported);
        Assert.Equal(Level.Error, f.Level);
        Assert.Contains("use flowcontrol.apiserver.k8s.io/v1, served from Kubernetes 1.29 on,", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_annotation_suppresses_it()
    {
        var yaml = """
            apiVersion: policy/v1beta1
            kind: PodDisruptionBudget
            metadata:
              name: web
              annotations: {kubenetlint.io/ignore: KNL213}
            """;
        Assert.Empty(Lint.Text(yaml).Reported);
    }
}
