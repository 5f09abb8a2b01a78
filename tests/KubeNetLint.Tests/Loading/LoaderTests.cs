using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;
using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Loading;

public sealed class LoaderTests
{
    private static ResourceModel Model(string text, string path = "test.yaml", string ns = "default")
    {
        var file = new SourceFile { Path = path, FullPath = Path.GetFullPath(path), Text = text };
        return LintEngine.BuildModel(ManifestLoader.LoadFiles([file]), Core.Config.LintConfig.Empty, ns);
    }

    private const string MultiDoc = """
        # leading comment
        apiVersion: v1
        kind: Service
        metadata:
          name: one
        spec:
          ports:
            - port: 80
              targetPort: http
        ---
        ---
        # comment-only document
        ---
        apiVersion: v1
        kind: Service
        metadata:
          namespace: shop
          name: two
        spec:
          ports: [{port: 443, targetPort: 8443}]
        """;

    [Fact]
    public void Multi_document_yaml_keeps_positions_of_every_node()
    {
        var model = Model(MultiDoc);
        Assert.Equal(["one", "two"], model.Resources.Select(r => r.Name));
        var one = model.Services[0];
        Assert.Equal(new SourceSpan(5, 9, 5, 12), one.Resource.NameNode!.Span);
        var target = one.Ports[0].TargetPort!;
        Assert.Equal("http", target.Name);
        Assert.Equal((9, 19), (target.Node.Span.StartLine, target.Node.Span.StartColumn));
        Assert.Equal((9, 23), (target.Node.Span.EndLine, target.Node.Span.EndColumn));

        var two = model.Services[1];
        Assert.Equal((18, 9), (two.Resource.NameNode!.Span.StartLine, two.Resource.NameNode.Span.StartColumn));
        var flowTarget = two.Ports[0].TargetPort!;
        Assert.Equal(8443, flowTarget.Number);
        Assert.Equal((20, 35), (flowTarget.Node.Span.StartLine, flowTarget.Node.Span.StartColumn));
    }

    [Fact]
    public void Empty_and_comment_only_documents_are_skipped_silently()
    {
        var result = Lint.Text("---\n# nothing\n---\n\n---\n...\n");
        Assert.Empty(result.Findings);
        Assert.Empty(result.Model.Resources);
    }

    [Theory]
    [InlineData("List")]
    [InlineData("ServiceList")]
    [InlineData("PodList")]
    public void List_items_become_objects_with_their_own_positions(string kind)
    {
        var model = Model($"""
            apiVersion: v1
            kind: {kind}
            items:
              - apiVersion: v1
                kind: Service
                metadata:
                  name: a
              - apiVersion: v1
                kind: Pod
                metadata:
                  name: b
                  namespace: other
            """);
        Assert.Equal(["a", "b"], model.Resources.Select(r => r.Name));
        Assert.Equal(7, model.Resources[0].NameNode!.Span.StartLine);
        Assert.Equal(13, model.Resources[0].NameNode!.Span.StartColumn);
        Assert.Equal(11, model.Resources[1].NameNode!.Span.StartLine);
        Assert.Equal("other", model.Resources[1].Namespace);
        Assert.DoesNotContain(model.Resources, r => r.Kind == kind);
    }

    [Fact]
    public void Json_input_has_positions()
    {
        var model = Model("""
            {
              "apiVersion": "v1",
              "kind": "Service",
              "metadata": {"name": "web", "labels": {"app": "web"}},
              "spec": {
                "selector": {"app": "web"},
                "ports": [{"port": 80, "targetPort": 8080}]
              }
            }
            """, "svc.json");
        var svc = Assert.Single(model.Services);
        Assert.Equal((4, 24), (svc.Resource.NameNode!.Span.StartLine, svc.Resource.NameNode.Span.StartColumn));
        Assert.Equal((7, 42), (svc.Ports[0].TargetPort!.Node.Span.StartLine, svc.Ports[0].TargetPort!.Node.Span.StartColumn));
        Assert.Equal("web", svc.Resource.Labels["app"]);
    }

    [Fact]
    public void Json_list_input_is_expanded()
    {
        var model = Model("""{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}},{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"b"}}]}""", "l.json");
        Assert.Equal(["a", "b"], model.Namespaces.Select(n => n.Name));
        Assert.Equal(1, model.Resources[1].NameNode!.Span.StartLine);
        Assert.Equal(163, model.Resources[1].NameNode!.Span.StartColumn);
    }

    [Fact]
    public void Columns_count_utf16_code_units()
    {
        // The emoji is two UTF-16 code units: `name` starts at column 1 + len("{note: \"😀\", ").
        var model = Model("apiVersion: v1\nkind: ConfigMap\nmetadata: {note: \"😀é\", name: x}\n");
        var name = model.Resources[0].NameNode!;
        Assert.Equal(3, name.Span.StartLine);
        Assert.Equal("metadata: {note: \"😀é\", name: ".Length + 1, name.Span.StartColumn);
    }

    [Fact]
    public void Namespace_defaults_to_default_or_the_option_and_cluster_scoped_kinds_have_none()
    {
        const string text = """
            apiVersion: v1
            kind: Service
            metadata: {name: a}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: b, namespace: shop}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata: {name: nginx, namespace: ignored}
            """;
        var defaulted = Model(text);
        Assert.Equal(["default", "shop", null, null], defaulted.Resources.Select(r => r.Namespace));
        Assert.False(defaulted.Resources[0].NamespaceWasSet);
        var other = Model(text, ns: "team-a");
        Assert.Equal(["team-a", "shop", null, null], other.Resources.Select(r => r.Namespace));
    }

    [Fact]
    public void Unset_namespace_and_default_are_the_same_object()
    {
        var result = Lint.Text("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a, namespace: default}
            """);
        Assert.Equal(["KNL004@7:18"], result.Brief());
    }

    [Fact]
    public void Pod_owned_by_a_controller_in_the_input_counts_as_its_owner()
    {
        var model = Model("""
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web-123}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: c, image: x}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-123-abcde
              labels: {app: web}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-123, controller: true, uid: u}]
            spec: {containers: [{name: c, image: x}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: orphan
              labels: {app: web}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: gone, controller: true, uid: u}]
            spec: {containers: [{name: c, image: x}]}
            """);
        // A Pod whose controller is absent (a dump without ReplicaSets) is named after that controller.
        Assert.Equal(["default/ReplicaSet/web-123", "default/ReplicaSet/gone"], model.Workloads.Select(w => w.Id));
    }

    [Fact]
    public void Workload_kinds_find_their_pod_templates()
    {
        var model = Model("""
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              schedule: "0 0 * * *"
              jobTemplate:
                spec:
                  template:
                    metadata: {labels: {app: nightly}}
                    spec:
                      containers: [{name: c, image: x, ports: [{containerPort: 9000, name: metrics}]}]
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata: {name: canary}
            spec:
              selector: {matchLabels: {app: canary}}
              template:
                metadata: {labels: {app: canary}}
                spec:
                  containers: [{name: c, image: x}]
                  initContainers: [{name: proxy, image: y, restartPolicy: Always, ports: [{containerPort: 15001}]}, {name: init, image: z, ports: [{containerPort: 1}]}]
            """);
        Assert.Equal(2, model.Workloads.Count);
        Assert.Equal("nightly", model.Workloads[0].Template.Labels["app"]);
        Assert.Equal("metrics", model.Workloads[0].Template.FindPortNumber(9000, "TCP")!.Name);
        Assert.Equal([15001], model.Workloads[1].Template.Ports.Select(p => p.Number!.Value));
    }

    [Fact]
    public void Merge_keys_are_applied()
    {
        var model = Model("""
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              labels: &common {app: web, team: shop}
            spec:
              selector:
                <<: *common
                tier: front
              ports: [{port: 80}]
            """);
        var selector = model.Services[0].Selector!;
        Assert.Equal("app=web,team=shop,tier=front", selector.ToString());
    }

    [Fact]
    public void Wrong_value_types_anywhere_never_throw()
    {
        // Replace each value of a realistic manifest by each wrong shape in turn.
        var shapes = new[] { "[1, 2]", "{a: b}", "\"text\"", "42", "true", "null", "~", "''" };
        var fields = new[] { "metadata", "name", "labels", "spec", "selector", "ports", "port", "targetPort", "template", "containers",
            "containerPort", "rules", "http", "paths", "backend", "service", "tls", "hosts", "podSelector", "ingress", "from", "ipBlock", "except", "policyTypes", "items" };
        var templates = Directory.GetFiles(Path.Combine(Repo.TestData, "examples"), "*.yaml", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        int runs = 0;
        foreach (var template in templates)
            foreach (var field in fields)
                foreach (var shape in shapes)
                {
                    var mutated = System.Text.RegularExpressions.Regex.Replace(template, $@"(?m)^(\s*-?\s*{field}:)[^\n]*$", $"$1 {shape}");
                    if (mutated == template) continue;
                    var result = Lint.Text(mutated);
                    Assert.Empty(result.Failures);
                    runs++;
                }
        Assert.True(runs > 100, $"only {runs} mutations ran");
    }

    [Fact]
    public void Output_order_is_deterministic_across_runs()
    {
        var first = Lint.Paths(["testdata"]).Findings.Select(f => $"{f.Path}:{f.Line}:{f.Column}:{f.RuleId}").ToList();
        for (int i = 0; i < 3; i++)
            Assert.Equal(first, Lint.Paths(["testdata"]).Findings.Select(f => $"{f.Path}:{f.Line}:{f.Column}:{f.RuleId}").ToList());
    }
}
