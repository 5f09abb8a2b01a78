using KubeNetLint.Core.Model;
using static KubeNetLint.Tests.Model.ModelKit;

namespace KubeNetLint.Tests.Model;

/// <summary>Label selectors (metav1.LabelSelector validation) and typed field reading.</summary>
public sealed class SelectorAndFieldTests
{
    private static LabelSelector PodSelector(string expressions) => Build($"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {"{name: np}"}
        spec:
          podSelector:
            matchExpressions:
        {expressions}
        """).NetworkPolicies[0].PodSelector;

    [Fact]
    public void A_match_expression_needs_a_key()
    {
        var s = PodSelector("      - {operator: Exists}");
        Assert.Equal(["a match expression needs a 'key'"], s.Problems.Select(p => p.Message));
        Assert.Equal("7:9", At(s.Problems[0].Node));
        Assert.Empty(s.MatchExpressions);
    }

    [Fact]
    public void Exists_and_DoesNotExist_take_no_values_and_the_problem_points_at_them()
    {
        var s = PodSelector("""
                  - {key: a, operator: Exists, values: [x]}
                  - {key: b, operator: DoesNotExist, values: []}
                  - {key: c, operator: In, values: []}
            """);
        Assert.Equal(["operator Exists takes no values", "operator In needs at least one value"], s.Problems.Select(p => p.Message));
        Assert.Equal(["7:44", "9:9"], s.Problems.Select(p => At(p.Node)));
    }

    [Fact]
    public void A_selector_mentions_the_keys_of_its_expressions_and_its_labels()
    {
        var s = PodSelector("      - {key: tier, operator: Exists}");
        Assert.True(s.MentionsAny(new HashSet<string> { "tier" }));
        Assert.False(s.MentionsAny(new HashSet<string> { "app" }));
        Assert.True(LabelSelector.FromMap(new Dictionary<string, string> { ["app"] = "x" }, null).MentionsAny(new HashSet<string> { "app" }));
    }

    [Fact]
    public void The_canonical_text_orders_terms()
    {
        Assert.Equal("{}", LabelSelector.Everything.ToString());
        Assert.Equal("app=web", LabelSelector.FromMap(new Dictionary<string, string> { ["app"] = "web" }, null).ToString());
        Assert.Equal("a=1,b=2", LabelSelector.FromMap(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }, null).ToString());
        var s = PodSelector("""
                  - {key: z, operator: NotIn, values: [b, a]}
                  - {key: y, operator: DoesNotExist}
                  - {key: x, operator: In, values: [q]}
                  - {key: w, operator: Exists}
            """);
        Assert.Equal("w,x in (q),!y,z notin (a,b)", s.ToString());
    }

    [Fact]
    public void A_label_value_that_is_not_a_scalar_is_left_out()
    {
        var model = Build("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              labels: {a: [x], b: c, d: {e: f}}
            """);
        Assert.Equal(new Dictionary<string, string> { ["b"] = "c" }, model.Resources[0].Labels);
        Assert.Equal(["5:15 metadata.labels.a a string", "5:29 metadata.labels.d a string"], Errors(model));
    }

    [Theory]
    [InlineData(40, "")]
    [InlineData(41, "…")]
    public void Type_error_messages_quote_up_to_40_characters(int length, string ellipsis)
    {
        var value = new string('x', length);
        var model = Build($"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {"{name: d}"}
            spec:
              replicas: "{value}"
            """);
        var error = Assert.Single(model.TypeErrors);
        Assert.Equal($"'spec.replicas' must be an integer, not the quoted string \"{new string('x', 40)}{ellipsis}\"", error.Message);
    }

    [Fact]
    public void Workload_kinds_match_their_group_unless_it_is_a_wildcard()
    {
        var builtIn = new ObjectKinds();
        Assert.Equal(ObjectKinds.BuiltInWorkloads.Count, builtIn.Workloads.Count);
        Assert.NotNull(builtIn.WorkloadKindOf("apps", "Deployment"));
        Assert.Null(builtIn.WorkloadKindOf("example.com", "Deployment"));
        var custom = new ObjectKinds([new WorkloadKind("*", "Widget", "spec.template")]);
        Assert.Equal("*", custom.WorkloadKindOf("example.com", "Widget")!.Group);
        Assert.Equal("*", custom.WorkloadKindOf("", "Widget")!.Group);
        Assert.Null(custom.WorkloadKindOf("example.com", "Gadget"));
    }
}
