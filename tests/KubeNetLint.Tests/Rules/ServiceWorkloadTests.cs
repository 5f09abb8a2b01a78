using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules;

/// <summary>Semantics of the Service and workload rules that fixtures cannot show well: which pods an
/// operator's custom resources stand for, labels whose value the input cannot tell, and cases that depend
/// on objects other rules also judge.</summary>
public sealed class ServiceWorkloadTests
{
    private static List<string> Of(Core.Rules.LintResult result, string ruleId) =>
        [.. result.Reported.Where(f => f.RuleId == ruleId).Select(f => $"{f.RuleId}@{f.Line}")];

    private const string Alertmanager = """
        apiVersion: monitoring.coreos.com/v1
        kind: Alertmanager
        metadata:
          name: main
        spec:
          replicas: 2
        ---
        """;

    [Theory]
    [InlineData("alertmanager: main")]
    [InlineData("app.kubernetes.io/managed-by: prometheus-operator")]
    [InlineData("app: alertmanager")]                                  // set by older operator versions
    [InlineData("app.kubernetes.io/version: 0.27.0")]                  // set to the version the operator runs
    [InlineData("statefulset.kubernetes.io/pod-name: alertmanager-main-1")]
    public void Alertmanager_pods_carry_the_operator_labels(string selector)
    {
        var result = Lint.Text(Alertmanager + "\n" + $$"""
            apiVersion: v1
            kind: Service
            metadata:
              name: am
            spec:
              selector: {{{selector}}}
              ports: [{port: 9093}]
            """);
        Assert.Empty(Of(result, "KNL101"));
    }

    [Theory]
    [InlineData("alertmanager: other")]
    [InlineData("app: prometheus")]
    [InlineData("statefulset.kubernetes.io/pod-name: alertmanager-main-2")]
    public void Selectors_the_operator_pods_cannot_meet_are_reported(string selector)
    {
        var result = Lint.Text(Alertmanager + "\n" + $$"""
            apiVersion: v1
            kind: Service
            metadata:
              name: am
            spec:
              selector: {{{selector}}}
              ports: [{port: 9093}]
            """);
        Assert.Equal(["KNL101@13"], Of(result, "KNL101"));
    }

    [Fact]
    public void Prometheus_shards_are_separate_statefulsets_with_their_own_shard_label()
    {
        var result = Lint.Text("""
            apiVersion: monitoring.coreos.com/v1
            kind: Prometheus
            metadata:
              name: k8s
            spec:
              shards: 2
              replicas: 1
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: shard-1
            spec:
              selector:
                operator.prometheus.io/shard: "1"
                statefulset.kubernetes.io/pod-name: prometheus-k8s-shard-1-0
              ports: [{port: 9090, targetPort: web}]
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: shard-2
            spec:
              selector:
                operator.prometheus.io/shard: "2"
              ports: [{port: 9090, targetPort: web}]
            """);
        Assert.Equal(["KNL101@24"], Of(result, "KNL101"));
        Assert.Empty(Of(result, "KNL104"));
    }

    [Fact]
    public void Listen_local_pods_have_ports_the_input_cannot_tell_so_port_checks_stay_silent()
    {
        var result = Lint.Text("""
            apiVersion: monitoring.coreos.com/v1
            kind: Prometheus
            metadata:
              name: k8s
            spec:
              listenLocal: true
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: prometheus
            spec:
              selector: {prometheus: k8s}
              ports:
                - {name: web, port: 9090, targetPort: web}
                - {name: other, port: 9091}
            """);
        Assert.DoesNotContain(result.Reported, f => f.RuleId is "KNL101" or "KNL103" or "KNL104");
    }

    [Fact]
    public void Ports_on_an_external_name_service_are_fine_when_an_ingress_routes_to_it()
    {
        const string Service = """
            apiVersion: v1
            kind: Service
            metadata:
              name: docs
            spec:
              type: ExternalName
              externalName: docs.example.com
              ports: [{port: 443}]
            """;
        Assert.Equal(["KNL110@8"], Of(Lint.Text(Service), "KNL110"));

        var routed = Lint.Text(Service + """

            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: docs
            spec:
              rules:
                - http:
                    paths:
                      - path: /docs
                        pathType: Prefix
                        backend:
                          service: {name: docs, port: {number: 443}}
            """);
        Assert.Empty(Of(routed, "KNL110"));
    }

    [Fact]
    public void A_service_and_its_pods_in_other_namespaces_than_default_see_each_other_with_namespace_flag()
    {
        // Objects without metadata.namespace all go to --namespace; one that names it explicitly joins them.
        var result = Lint.Text("""
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports: [{port: 80}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: shop
              labels: {app: web}
            spec:
              containers: [{name: web, image: web}]
            """, ns: "shop");
        Assert.Empty(Of(result, "KNL101"));
    }

    [Fact]
    public void Deployment_pods_selected_by_the_pod_template_hash_are_not_reported()
    {
        var result = Lint.Text("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: web}]
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web-current
            spec:
              selector: {app: web, pod-template-hash: 5d8f7c9b4}
              ports: [{port: 80}]
            """);
        Assert.Empty(Of(result, "KNL101"));
    }
}
