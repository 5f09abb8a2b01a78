using KubeNetLint.Core.Rules.Input;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules.Input;

/// <summary>KNL007: the message, the exact position of the key, the suggestion, and what is not checked.</summary>
public sealed class UnknownFieldTests
{
    private static List<Core.Rules.Finding> Of(Core.Rules.LintResult result) => [.. result.Reported.Where(f => f.RuleId == "KNL007")];

    [Fact]
    public void Points_at_the_key_and_suggests_the_field_with_the_same_letters()
    {
        var result = Lint.Text("""
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              type: NodePort
              ports:
                - port: 80
                  NodePort: 30080
            """);
        var f = Assert.Single(Of(result));
        Assert.Equal((9, 7), (f.Line, f.Column));
        Assert.Equal((9, 15), (f.Location.Span.EndLine, f.Location.Span.EndColumn));
        Assert.Equal("Unknown field 'spec.ports[].NodePort' in Service (v1): kubectl apply rejects the object " +
                     "(strict field validation); did you mean 'nodePort'?", f.Message);
        Assert.Equal(Core.Level.Error, f.Level);
        Assert.Equal("default/Service/web", f.Subject!.Id);
    }

    [Fact]
    public void Top_level_typos_and_fields_without_a_near_miss()
    {
        var result = Lint.Text("""
            apiVersion: apps/v1
            kind: Deployment
            matadata:
              name: web
            spec:
              template:
                spec:
                  contianers: []
                  somethingElse: true
            """);
        Assert.Equal([
            "3:1 Unknown field 'matadata' in Deployment (apps/v1): kubectl apply rejects the object (strict field validation); did you mean 'metadata'?",
            "8:7 Unknown field 'spec.template.spec.contianers' in Deployment (apps/v1): kubectl apply rejects the object (strict field validation); did you mean 'containers'?",
            "9:7 Unknown field 'spec.template.spec.somethingElse' in Deployment (apps/v1): kubectl apply rejects the object (strict field validation).",
        ], Of(result).Select(f => $"{f.Line}:{f.Column} {f.Message}"));
    }

    [Fact]
    public void Json_input_points_at_the_quoted_key()
    {
        // One line: the fast parser; several lines: YamlDotNet. Both give the key's own position.
        const string oneLine = """{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}, "spec": {"ports": [{"port": 80, "NodePort": 30080}]}}""";
        var f = Assert.Single(Of(Lint.Text(oneLine, "svc.json")));
        Assert.Equal((1, oneLine.IndexOf("\"NodePort\"", StringComparison.Ordinal) + 1), (f.Line, f.Column));

        var multiLine = Lint.Text("""
            {
              "apiVersion": "v1",
              "kind": "Service",
              "metadata": {"name": "web"},
              "spec": {
                "ports": [{"port": 80,
                           "NodePort": 30080}]
              }
            }
            """, "svc.json");
        f = Assert.Single(Of(multiLine));
        Assert.Equal((7, 16), (f.Line, f.Column));
        Assert.Contains("did you mean 'nodePort'?", f.Message);
    }

    [Fact]
    public void Free_maps_free_form_values_status_and_unknown_kinds_are_not_checked()
    {
        var result = Lint.Text("""
            apiVersion: v1
            kind: Secret
            metadata:
              name: s
              labels: {Anything: x}
              annotations: {whatever/key: y}
            data: {AnyKey: eA==}
            stringData: {other: z}
            status: {phase: Done}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: p
            spec:
              selector:
                matchLabels: {NodePort: "1"}
                matchExpressions:
                  - {key: a, operator: In, values: [b]}
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: w
              labels: {a: b}
            spec:
              anything: {at: all}
            """);
        Assert.Empty(Of(result));
    }

    [Fact]
    public void Metadata_is_checked_too()
    {
        var result = Lint.Text("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              namespcae: shop
              ownerReferences:
                - apiVersion: v1
                  kind: Pod
                  name: p
                  uid: "1"
                  controler: true
            """);
        Assert.Equal(["5:3 'namespace'", "11:7 'controller'"],
            Of(result).Select(f => $"{f.Line}:{f.Column} {f.Message[(f.Message.LastIndexOf("mean ", StringComparison.Ordinal) + 5)..^1]}"));
    }

    [Fact]
    public void A_value_replaced_by_a_later_duplicate_is_not_checked()
    {
        // kubectl sends only the last `spec`; the first one never reaches the API server.
        var result = Lint.Text("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
            data:
              typo: {}
            immutable: true
            immutabel: false
            """);
        Assert.Equal(["KNL007@8:1"], result.Brief());

        var replaced = Lint.Text("""
            apiVersion: v1
            kind: Service
            metadata:
              name: s
            spec:
              prots: []
            spec:
              ports: [{port: 80}]
            """);
        Assert.DoesNotContain(replaced.Reported, f => f.RuleId == "KNL007");
        Assert.Contains(replaced.Reported, f => f.RuleId == "KNL008");
    }

    [Fact]
    public void The_ignore_annotation_suppresses_it()
    {
        var result = Lint.Text("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              annotations:
                kubenetlint.io/ignore: KNL007
            extra: true
            """);
        Assert.Empty(result.Reported);
        Assert.Single(result.Findings, f => f.RuleId == "KNL007" && f.Suppressed);
    }

    [Fact]
    public void A_node_shared_through_an_alias_is_reported_once()
    {
        var result = Lint.Text("""
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: ConfigMap
                metadata: &meta
                  name: a
                  lables: {}
              - apiVersion: v1
                kind: ConfigMap
                metadata: *meta
            """);
        // Both ConfigMaps hold the same typo at the same place: one finding for that place.
        Assert.Equal(["KNL004@7:13", "KNL007@8:7"], result.Brief());
    }

    [Theory]
    [InlineData("nodeport", "nodePort")]
    [InlineData("NODEPORT", "nodePort")]
    [InlineData("nodePrt", "nodePort")]
    [InlineData("ndoePort", "nodePort")]
    [InlineData("targetport", "targetPort")]
    [InlineData("prot", "port")]
    [InlineData("xyz", null)]
    [InlineData("clusterIPs2", null)]
    public void Suggestions_come_from_the_fields_of_the_type(string key, string? expected) =>
        Assert.Equal(expected, FieldSuggestion.For(key, ["appProtocol", "name", "nodePort", "port", "protocol", "targetPort"]));

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "abc", 0)]
    [InlineData("abc", "ABC", 0)]
    [InlineData("contianers", "containers", 1)]
    [InlineData("matadata", "metadata", 1)]
    [InlineData("ipFamily", "ipFamilies", 3)]
    [InlineData("kitten", "sitting", 3)]
    public void Edit_distance_counts_swaps_as_one(string a, string b, int distance) =>
        Assert.Equal(distance, FieldSuggestion.Distance(a, b));
}
