using KubeNetLint.Core.Model;
using static KubeNetLint.Tests.Model.ModelKit;

namespace KubeNetLint.Tests.Model;

/// <summary>Workloads read from pod templates and from the Pods of a cluster dump.</summary>
public sealed class WorkloadModelTests
{
    private static string Pod(string name, string labels, string owner = "", string extra = "", string ns = "shop") => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          namespace: {ns}
          labels: {labels}
        {owner}
        spec:
          containers:
            - name: app
              ports: [{extra}]
        ---

        """;

    private static string OwnedBy(string kind, string name, string apiVersion = "apps/v1", string controller = "true") =>
        $"  ownerReferences: [{{apiVersion: {apiVersion}, kind: {kind}, name: {name}, controller: {controller}}}]";

    [Fact]
    public void Alike_pods_of_an_absent_StatefulSet_are_one_workload_sized_by_the_highest_ordinal()
    {
        var model = Build(
            Pod("db-0", "{app: db, statefulset.kubernetes.io/pod-name: db-0, apps.kubernetes.io/pod-index: '0'}", OwnedBy("StatefulSet", "db"), "{containerPort: 5432}") +
            Pod("db-2", "{app: db, statefulset.kubernetes.io/pod-name: db-2, apps.kubernetes.io/pod-index: '2'}", OwnedBy("StatefulSet", "db"), "{containerPort: 5432}"));
        var w = Assert.Single(model.Workloads);
        Assert.Equal(("StatefulSet", "db", "shop"), (w.Kind, w.Name, w.Namespace));
        Assert.Equal(3, w.Replicas);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "db" }, w.Template.Labels);
        Assert.Equal(new ControllerRef("shop/StatefulSet/db", null), w.Controller);
        Assert.Equal(["db-0", "db-2"], w.PodsInInput.Select(p => p.Name));
    }

    [Fact]
    public void Pods_of_an_absent_ReplicaSet_keep_the_per_pod_StatefulSet_labels_apart()
    {
        // Only a StatefulSet's pods differ by pod-name; for a ReplicaSet that label is a real difference.
        var model = Build(
            Pod("web-a", "{app: web, statefulset.kubernetes.io/pod-name: a}", OwnedBy("ReplicaSet", "web-7f")) +
            Pod("web-b", "{app: web, statefulset.kubernetes.io/pod-name: b}", OwnedBy("ReplicaSet", "web-7f")));
        Assert.Equal(["web-a", "web-b"], model.Workloads.Select(w => w.Name));
        Assert.All(model.Workloads, w => Assert.Equal(
            "not grouped with the other Pods of ReplicaSet web-7f: their labels differ (statefulset.kubernetes.io/pod-name), so policies may tell them apart",
            w.Controller!.SplitReason));
    }

    [Fact]
    public void Pods_whose_label_values_differ_stay_apart_and_the_message_names_only_those_labels()
    {
        var model = Build(
            Pod("web-a", "{app: web, version: v1}", OwnedBy("ReplicaSet", "web-7f")) +
            Pod("web-b", "{app: web, version: v2}", OwnedBy("ReplicaSet", "web-7f")));
        Assert.Equal(2, model.Workloads.Count);
        Assert.All(model.Workloads, w => Assert.Equal(
            "not grouped with the other Pods of ReplicaSet web-7f: their labels differ (version), so policies may tell them apart",
            w.Controller!.SplitReason));
        Assert.All(model.Workloads, w => Assert.Equal("shop/ReplicaSet/web-7f", w.Controller!.Id));
    }

    [Fact]
    public void Pods_with_the_same_labels_but_other_ports_stay_apart()
    {
        var model = Build(
            Pod("web-a", "{app: web}", OwnedBy("ReplicaSet", "web-7f"), "{containerPort: 80}") +
            Pod("web-b", "{app: web}", OwnedBy("ReplicaSet", "web-7f"), "{containerPort: 81}"));
        Assert.Equal(["web-a", "web-b"], model.Workloads.Select(w => w.Name));
        Assert.All(model.Workloads, w => Assert.Equal(
            "not grouped with the other Pods of ReplicaSet web-7f: their containers' ports differ, so policies may tell them apart",
            w.Controller!.SplitReason));
    }

    [Theory]
    [InlineData("controller: false")]
    [InlineData("controller: maybe")]
    [InlineData("")]
    public void Only_a_controller_owner_groups_pods(string controller)
    {
        var model = Build(Pod("web-a", "{app: web}",
            $"  ownerReferences: [{{apiVersion: apps/v1, kind: ReplicaSet, name: web-7f{(controller.Length > 0 ? ", " + controller : "")}}}]"));
        var w = Assert.Single(model.Workloads);
        Assert.Equal(("Pod", "web-a"), (w.Kind, w.Name));
        Assert.Null(w.Controller);
    }

    [Theory]
    [InlineData("{apiVersion: apps/v1, kind: ReplicaSet, controller: true}")]
    [InlineData("{apiVersion: apps/v1, name: web-7f, controller: true}")]
    [InlineData("{apiVersion: example.com/v1, kind: ReplicaSet, name: web-7f, controller: true}")]
    public void A_controller_reference_without_kind_or_name_or_of_no_workload_kind_groups_nothing(string reference)
    {
        var model = Build(Pod("web-a", "{app: web}", $"  ownerReferences: [{reference}]"));
        var w = Assert.Single(model.Workloads);
        Assert.Equal(("Pod", "web-a"), (w.Kind, w.Name));
        Assert.Null(w.Controller);
    }

    [Fact]
    public void A_controller_reference_without_apiVersion_names_the_core_group()
    {
        // The core group has a ReplicationController.
        var model = Build(Pod("rc-x", "{app: web}", "  ownerReferences: [{kind: ReplicationController, name: rc, controller: true}]"));
        var w = Assert.Single(model.Workloads);
        Assert.Equal(("ReplicationController", "rc", ""), (w.Kind, w.Name, w.Resource.Group));
    }

    [Fact]
    public void Only_Pods_are_grouped_under_an_absent_controller()
    {
        // A core-group ReplicationController owned by an absent Deployment stays itself.
        var model = Build("""
            apiVersion: v1
            kind: ReplicationController
            metadata:
              name: rc
              ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]
            spec:
              selector: {app: web}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: app}]}
            """);
        var w = Assert.Single(model.Workloads);
        Assert.Equal(("ReplicationController", "rc"), (w.Kind, w.Name));
        Assert.Null(w.Controller);
        Assert.Equal("app=web", w.Selector!.ToString());
    }

    [Fact]
    public void A_pod_whose_controller_is_in_the_input_counts_as_that_controller()
    {
        var rs = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web-7f, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: app}]}
            ---

            """;
        Assert.Equal(["web-7f"], Build(rs + Pod("web-a", "{app: web}", OwnedBy("ReplicaSet", "web-7f"))).Workloads.Select(w => w.Name));
        // A reference that is not the controller's leaves the Pod a workload of its own.
        Assert.Equal(["web-7f", "web-a"],
            Build(rs + Pod("web-a", "{app: web}", OwnedBy("ReplicaSet", "web-7f", controller: "false"))).Workloads.Select(w => w.Name));
        // So does a controller reference without a kind.
        Assert.Equal(["web-7f", "web-a"],
            Build(rs + Pod("web-a", "{app: web}", "  ownerReferences: [{name: web-7f, controller: true}]")).Workloads.Select(w => w.Name));
    }

    [Fact]
    public void Finished_pods_are_left_out_but_only_pods()
    {
        var model = Build("""
            apiVersion: v1
            kind: Pod
            metadata: {name: done}
            status: {phase: Succeeded}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: failed}
            status: {phase: Failed}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: running}
            status: {phase: Running}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: deploy}
            spec: {template: {spec: {containers: [{name: a}]}}}
            status: {phase: Failed}
            ---
            apiVersion: example.com/v1
            kind: Pod
            metadata: {name: custom}
            status: {phase: Failed}
            """, kinds: new ObjectKinds([new WorkloadKind("example.com", "Pod", "")]));
        Assert.Equal(["running", "deploy", "custom"], model.Workloads.Select(w => w.Name));
    }

    [Fact]
    public void Pod_IPs_come_from_a_pods_status_only()
    {
        var model = Build("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            status:
              podIP: 10.0.0.1
              podIPs: [{ip: 10.0.0.1}, {ip: ""}, {}, 7, {ip: "fd00::1"}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec: {template: {spec: {containers: [{name: a}]}}}
            status: {podIP: 10.0.0.2}
            """);
        Assert.Equal(["10.0.0.1", "fd00::1"], model.Workloads[0].PodIPs);
        Assert.Empty(model.Workloads[1].PodIPs);
        Assert.Empty(model.TypeErrors); // runtime fields: no type findings
    }

    [Fact]
    public void A_Pod_has_no_selector_even_when_one_is_written()
    {
        var model = Build("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              selector: {matchLabels: {app: web}}
              containers: [{name: a}]
            """);
        var w = Assert.Single(model.Workloads);
        Assert.Null(w.Selector);
        Assert.Null(w.SelectorNode);
        Assert.Null(w.Replicas);
    }

    [Fact]
    public void Each_step_of_the_template_path_is_type_checked_with_its_own_path()
    {
        var model = Build("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template: []
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: c}
            spec:
              jobTemplate:
                spec: 5
            """);
        Assert.Equal(["5:13 spec.template a mapping", "12:11 spec.jobTemplate.spec a mapping"], Errors(model));
        Assert.All(model.Workloads, w => Assert.Empty(w.Template.Containers));
    }

    [Fact]
    public void Grpc_probes_take_a_port_number_only()
    {
        var model = Build("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - name: a
                  livenessProbe: {grpc: {port: 9090}}
                  readinessProbe: {grpc: {port: health}}
                  startupProbe: {tcpSocket: {port: health}}
            """);
        var probes = model.Workloads[0].Template.Containers[0].Probes;
        Assert.Equal(["livenessProbe 9090 ", "startupProbe  health"], probes.Select(p => $"{p.Kind} {p.Port.Number} {p.Port.Name}"));
        Assert.Equal("7:36", At(probes[0].Port.Node));
        Assert.Equal(["8:37 spec.containers[].readinessProbe.grpc.port an integer"], Errors(model));
    }

    [Fact]
    public void Env_reads_configMap_keys_and_envFrom_reads_configMaps()
    {
        var model = Build("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - name: a
                  env:
                    - {name: A, valueFrom: {configMapKeyRef: {name: cfg, key: a}}}
                    - {name: B, valueFrom: {configMapKeyRef: {name: cfg, key: b, optional: true}}}
                    - {name: C, valueFrom: {configMapKeyRef: {name: cfg}}}
                    - {name: D, valueFrom: {configMapKeyRef: {key: d}}}
                    - {name: E, value: plain}
                  envFrom:
                    - configMapRef: {name: all}
                    - {prefix: APP_, configMapRef: {name: app, optional: true}}
                    - configMapRef: {optional: true}
                    - secretRef: {name: s}
            """);
        var c = model.Workloads[0].Template.Containers[0];
        Assert.Equal(["A cfg/a False", "B cfg/b True", "C -", "D -", "E -"],
            c.Env.Select(e => $"{e.Name} {(e.FromConfigMap is { } r ? $"{r.Name}/{r.Key} {r.Optional}" : "-")}"));
        Assert.Equal("plain", c.Env[4].Value!.Value);
        Assert.Equal(["all '' False", "app 'APP_' True"], c.EnvFrom.Select(e => $"{e.Name} '{e.Prefix}' {e.Optional}"));
        Assert.Empty(model.TypeErrors);
    }

    [Fact]
    public void Command_args_and_host_alias_names_are_strings()
    {
        var model = Build("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              hostNetwork: true
              hostAliases:
                - {ip: 10.0.0.9, hostnames: [db.local, 5]}
              containers:
                - name: a
                  command: [serve, 8080, true, 1.5, ~, "9"]
                  args: [[x], --port]
            """);
        var t = model.Workloads[0].Template;
        Assert.True(t.HostNetwork);
        Assert.Equal(["serve", "9"], t.Containers[0].Command.Select(s => s.Value));
        Assert.Equal(["--port"], t.Containers[0].Args.Select(s => s.Value));
        Assert.Equal(["db.local"], t.HostAliases[0].Hostnames.Select(s => s.Value));
        Assert.Equal(
        [
            "10:24 spec.containers[].command[] a string",
            "10:30 spec.containers[].command[] a string",
            "10:36 spec.containers[].command[] a string",
            "11:14 spec.containers[].args[] a string",
            "7:44 spec.hostAliases[].hostnames[] a string",
        ], Errors(model));
    }

    [Fact]
    public void A_static_pod_is_a_Pod_with_the_mirror_annotation()
    {
        var model = Build("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: mirror
              annotations: {kubernetes.io/config.mirror: abc}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: plain}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
              annotations: {kubernetes.io/config.mirror: abc}
            """);
        Assert.Equal([true, false, false], model.Workloads.Select(w => w.IsStaticPod));
    }

    [Fact]
    public void Job_pods_are_selected_by_their_job_name_labels()
    {
        var model = Build("""
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate}
            spec:
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: a}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np}
            spec:
              podSelector:
                matchExpressions: [{key: job-name, operator: In, values: [migrate]}]
            """);
        var job = model.Workloads[0];
        Assert.True(job.IsSelectedBy(model.NetworkPolicies[0].PodSelector));
        Assert.True(job.IsSelectedBy(LabelSelector.FromMap(new Dictionary<string, string> { ["job-name"] = "migrate" }, null)));
        Assert.True(job.IsSelectedBy(LabelSelector.FromMap(new Dictionary<string, string> { ["batch.kubernetes.io/job-name"] = "migrate", ["app"] = "db" }, null)));
        Assert.False(job.IsSelectedBy(LabelSelector.FromMap(new Dictionary<string, string> { ["job-name"] = "other" }, null)));
    }

    [Fact]
    public void Selectors_on_uncertain_labels_count_as_met_and_invalid_selectors_select_nothing()
    {
        var model = Build("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: a}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np}
            spec:
              podSelector:
                matchLabels: {app: web}
                matchExpressions:
                  - {key: pod-template-hash, operator: In, values: [abc]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: invalid}
            spec:
              podSelector:
                matchLabels: {app: web}
                matchExpressions:
                  - {key: tier, operator: Near, values: [x]}
            """);
        var web = model.Workloads[0];
        Assert.True(web.IsSelectedBy(model.NetworkPolicies[0].PodSelector));
        var invalid = model.NetworkPolicies[1].PodSelector;
        Assert.Equal(["unknown operator 'Near' (In, NotIn, Exists or DoesNotExist)"], invalid.Problems.Select(p => p.Message));
        Assert.Equal("25:31", At(invalid.Problems[0].Node));
        Assert.False(invalid.Matches(web.Template.Labels));
        Assert.False(web.IsSelectedBy(invalid));
        Assert.Equal("<invalid>", invalid.ToString());
    }

    [Fact]
    public void An_invalid_selector_selects_nothing_even_when_its_valid_terms_are_uncertain_labels()
    {
        var model = Build("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: a}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: invalid}
            spec:
              podSelector:
                matchLabels: {app: web, pod-template-hash: 5d8f9c}
                matchExpressions: [{key: tier, operator: Near, values: [x]}]
            """);
        // The uncertain label is dropped from the selector before matching, and the invalid term is no
        // requirement at all: what is left ({app: web}) would match.
        var invalid = model.NetworkPolicies[0].PodSelector;
        Assert.Equal(["unknown operator 'Near' (In, NotIn, Exists or DoesNotExist)"], invalid.Problems.Select(p => p.Message));
        Assert.False(model.Workloads[0].IsSelectedBy(invalid));
    }
}
