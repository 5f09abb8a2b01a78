using KubeNetLint.Core;
using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules;

/// <summary>Issue 10, "fewer false alarms, by the cluster's own behaviour": Helm hooks are not Service
/// backends, KNL104 and KNL404 grade what the cluster actually does, and a configured severity still wins.
/// (The new KNL311 and its matrix/explain caveat are in Connectivity/HostNetworkTests.)</summary>
public sealed class FalseAlarmTests
{
    private static List<string> Levels(LintResult result, string ruleId) =>
        [.. result.Reported.Where(f => f.RuleId == ruleId).Select(f => $"{f.Level.ToName()}@{f.Line}")];

    [Fact]
    public void The_readme_helm_example_reports_only_the_quoted_port()
    {
        var result = Lint.Paths(["testdata/integration/helm/rendered.yaml"]);
        Assert.Equal(["KNL005"], result.Reported.Select(f => f.RuleId));
        var graph = result.Graph;
        var service = Assert.Single(result.Model.Services);
        Assert.Equal(["Deployment/release-name-demo"], graph.SelectedBy(service).Select(w => $"{w.Kind}/{w.Name}"));
        Assert.Equal(["Pod/release-name-demo-test-connection"], graph.HooksMatchedBy(service).Select(w => $"{w.Kind}/{w.Name}"));
    }

    [Fact]
    public void Hook_pods_stay_endpoints_of_the_matrix()
    {
        var result = Lint.Paths(["testdata/integration/helm/rendered.yaml"]);
        var analysis = result.Context.Connectivity();
        Assert.NotNull(analysis.Find("default/Pod/release-name-demo-test-connection"));
    }

    [Theory]
    [InlineData("Pod", "test", false)]
    [InlineData("Pod", "test-success", false)]
    [InlineData("Job", "pre-install,pre-upgrade", false)]
    [InlineData("Job", "post-install", false)]
    [InlineData("Deployment", "post-install", true)]   // a hook Deployment keeps running once created
    public void Run_once_hooks_do_not_serve_traffic(string kind, string hook, bool serves)
    {
        var spec = kind switch
        {
            "Pod" => "spec:\n  containers: [{name: c, image: i}]",
            "Job" => "spec:\n  template:\n    metadata: {labels: {app: x}}\n    spec: {restartPolicy: Never, containers: [{name: c, image: i}]}",
            _ => "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: i}]}",
        };
        var api = kind switch { "Pod" => "v1", "Job" => "batch/v1", _ => "apps/v1" };
        var result = Lint.Text($"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: h\n  labels: {{app: x}}\n  annotations: {{helm.sh/hook: \"{hook}\"}}\n{spec}\n");
        var w = Assert.Single(result.Model.Workloads);
        Assert.Equal(serves, w.ServesTraffic);
    }

    private const string TwoWorkloads = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector: {app: web}
          ports:
            - port: 80
              targetPort: http
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-a
          labels: {app: web}
        spec:
          containers:
            - name: c
              image: i
              ports: [{name: PORT_A, containerPort: 8080}]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-b
          labels: {app: web}
        spec:
          containers:
            - name: c
              image: i
              ports: [{name: web, containerPort: 8080}]
        """;

    [Theory]
    [InlineData("http", "http", "")]             // both resolve
    [InlineData("http", "web", "warning@9")]     // one does: the Service still has endpoints
    [InlineData("web", "web", "error@9")]        // none does: no endpoints at all
    public void KNL104_is_an_error_only_when_no_selected_workload_resolves_the_name(string nameA, string nameB, string expected)
    {
        var yaml = TwoWorkloads.Replace("PORT_A", nameA).Replace("name: web, containerPort", $"name: {nameB}, containerPort");
        Assert.Equal(expected.Length == 0 ? [] : [expected], Levels(Lint.Text(yaml), "KNL104"));
    }

    [Fact]
    public void KNL104_warning_names_only_the_workloads_lacking_the_name()
    {
        var f = Assert.Single(Lint.Text(TwoWorkloads.Replace("PORT_A", "http")).Reported, f => f.RuleId == "KNL104");
        Assert.Contains("Pod 'web-b'", f.Message);
        Assert.Contains("still has endpoints on Pod 'web-a'", f.Message);
        Assert.Single(f.Related);
    }

    [Theory]
    [InlineData("warning", "warning@9", "warning@9")]
    [InlineData("note", "note@9", "note@9")]
    [InlineData("error", "error@9", "error@9")]
    public void A_configured_KNL104_severity_applies_to_both_cases(string level, string partial, string none)
    {
        var config = Lint.Config($"rules: {{KNL104: {level}}}");
        Assert.Equal([partial], Levels(Lint.Text(TwoWorkloads.Replace("PORT_A", "http"), config: config), "KNL104"));
        Assert.Equal([none], Levels(Lint.Text(TwoWorkloads.Replace("PORT_A", "other"), config: config), "KNL104"));
    }

    [Fact]
    public void KNL104_off_silences_both_cases()
    {
        var config = Lint.Config("rules: {KNL104: off}");
        Assert.Empty(Levels(Lint.Text(TwoWorkloads.Replace("PORT_A", "http"), config: config), "KNL104"));
        Assert.Empty(Levels(Lint.Text(TwoWorkloads.Replace("PORT_A", "other"), config: config), "KNL104"));
    }

    [Fact]
    public void KNL404_a_number_is_a_note_and_a_name_an_error()
    {
        var result = Lint.Paths(["testdata/rules/KNL404/unresolved.yaml"]);
        Assert.Equal(["error@23", "note@27", "error@30"], Levels(result, "KNL404"));
        var config = Lint.Config("rules: {KNL404: warning}");
        Assert.Equal(["warning@23", "warning@27", "warning@30"], Levels(Lint.Paths(["testdata/rules/KNL404/unresolved.yaml"], config), "KNL404"));
    }
}
