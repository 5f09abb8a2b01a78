using System.Globalization;
using System.Text;
using CsCheck;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Tests.Graph;

/// <summary>The label index answers selectors with a superset of what they select: the graph's
/// selection through it equals trying every workload of the namespace, for every kind (controller-added
/// labels of StatefulSets and Jobs, uncertain labels such as pod-template-hash included).</summary>
public sealed class LabelIndexTests
{
    private static readonly string[] Keys = ["app", "tier", "pod-template-hash", "controller-revision-hash", "statefulset.kubernetes.io/pod-name", "job-name"];
    private static readonly string[] Values = ["a", "b", "c", "w0", "w1-0", "w2"];
    private static readonly string[] Kinds = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod"];

    private static readonly Gen<(string Key, string Value)> Label = Gen.Select(Gen.Int[0, Keys.Length - 1], Gen.Int[0, Values.Length - 1], (k, v) => (Keys[k], Values[v]));

    private static readonly Gen<string> Expression = Gen.Select(Gen.Int[0, Keys.Length - 1], Gen.Int[0, 3], Gen.Int[0, Values.Length - 1], Gen.Int[0, Values.Length - 1],
        (k, op, v1, v2) => op switch
        {
            0 => $"{{key: {Keys[k]}, operator: In, values: [{Values[v1]}, {Values[v2]}]}}",
            1 => $"{{key: {Keys[k]}, operator: NotIn, values: [{Values[v1]}]}}",
            2 => $"{{key: {Keys[k]}, operator: Exists}}",
            _ => $"{{key: {Keys[k]}, operator: DoesNotExist}}",
        });

    private static string Labels(IEnumerable<(string Key, string Value)> labels) =>
        "{" + string.Join(", ", labels.DistinctBy(l => l.Key).Select(l => $"{l.Key}: {l.Value}")) + "}";

    private static readonly Gen<string> Input =
        Gen.Select(Gen.Select(Gen.Int[0, Kinds.Length - 1], Gen.Int[0, 1], Label.Array[0, 3]).Array[1, 8],
                   Gen.Select(Gen.Int[0, 1], Label.Array[0, 2], Expression.Array[0, 2]).Array[1, 6],
            (workloads, selectors) =>
            {
                var sb = new StringBuilder();
                for (int i = 0; i < workloads.Length; i++)
                {
                    var (kind, ns, labels) = workloads[i];
                    var k = Kinds[kind];
                    var template = $"metadata: {{labels: {Labels(labels)}}}\n    spec: {{containers: [{{name: c, image: x}}]}}";
                    var meta = $"metadata: {{name: w{i.ToString(CultureInfo.InvariantCulture)}, namespace: ns{ns.ToString(CultureInfo.InvariantCulture)}";
                    sb.Append(k switch
                    {
                        "Pod" => $"apiVersion: v1\nkind: Pod\n{meta}, labels: {Labels(labels)}}}\nspec: {{containers: [{{name: c, image: x}}]}}\n---\n",
                        "CronJob" => $"apiVersion: batch/v1\nkind: CronJob\n{meta}}}\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        {template.Replace("\n    ", "\n        ", StringComparison.Ordinal)}\n---\n",
                        "Job" => $"apiVersion: batch/v1\nkind: Job\n{meta}}}\nspec:\n  template:\n    {template}\n---\n",
                        _ => $"apiVersion: apps/v1\nkind: {k}\n{meta}}}\nspec:\n  replicas: 2\n  selector: {{matchLabels: {{}}}}\n  template:\n    {template}\n---\n",
                    });
                }
                for (int i = 0; i < selectors.Length; i++)
                {
                    var (ns, labels, expressions) = selectors[i];
                    sb.Append($"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p{i.ToString(CultureInfo.InvariantCulture)}, namespace: ns{ns.ToString(CultureInfo.InvariantCulture)}}}\n" +
                              $"spec:\n  podSelector: {{matchLabels: {Labels(labels)}, matchExpressions: [{string.Join(", ", expressions)}]}}\n---\n");
                }
                return sb.ToString();
            });

    [Fact]
    public void Selecting_through_the_index_equals_trying_every_workload()
    {
        int nonEmpty = 0, viaUncertain = 0;
        Input.Sample(yaml =>
        {
            var file = new SourceFile { Path = "t.yaml", FullPath = "/t.yaml", Text = yaml };
            var model = LintEngine.BuildModel(ManifestLoader.LoadFiles([file]), LintConfig.Empty);
            var graph = new ResourceGraph(model, LintConfig.Empty);
            foreach (var policy in model.NetworkPolicies)
            {
                var selector = policy.PodSelector;
                var expected = model.Workloads.Where(w => w.Namespace == policy.Namespace && w.IsSelectedBy(selector)).Select(w => w.Id);
                var actual = graph.SelectWorkloads(policy.Namespace, selector).Select(w => w.Id);
                if (!expected.SequenceEqual(actual))
                    throw new InvalidOperationException($"{selector}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
                if (expected.Any()) Interlocked.Increment(ref nonEmpty);
                if (expected.Any() && selector.MentionsAny(new HashSet<string> { "pod-template-hash", "controller-revision-hash", "statefulset.kubernetes.io/pod-name", "job-name" }))
                    Interlocked.Increment(ref viaUncertain);
            }
        }, iter: 400, print: y => "\n" + y);
        // Not vacuous: many selectors select something, some through labels the template does not fix.
        Assert.True(nonEmpty > 200 && viaUncertain > 20, $"{nonEmpty} non-empty selections, {viaUncertain} on controller or uncertain keys");
    }

    [Fact]
    public void A_policy_selecting_a_deployments_pods_by_their_hash_selects_them()
    {
        // pod-template-hash is set by the Deployment controller with a value the manifests cannot tell:
        // a requirement on it counts as met (Workload.IsUncertainLabel), for Services and policies alike.
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: c, image: x}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: pinned, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web, pod-template-hash: 5d8f7c9b}}
              policyTypes: [Ingress]
            """;
        var file = new SourceFile { Path = "t.yaml", FullPath = "/t.yaml", Text = yaml };
        var model = LintEngine.BuildModel(ManifestLoader.LoadFiles([file]), LintConfig.Empty);
        var graph = new ResourceGraph(model, LintConfig.Empty);
        Assert.Equal(["shop/Deployment/web"], graph.SelectWorkloads("shop", model.NetworkPolicies[0].PodSelector).Select(w => w.Id));
        var analysis = Core.Connectivity.ConnectivityAnalysis.Build(graph);
        var web = analysis.Resolve("shop/Deployment/web")!;
        Assert.Contains("isolated for ingress", analysis.Explain(analysis.Endpoints.First(e => e.IsExternal), web).Ingress.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Candidates_are_counted()
    {
        var index = new LabelIndex(3, i => "ns", i => new Dictionary<string, string> { ["app"] = i == 2 ? "b" : "a" }, []);
        var selector = LabelSelector.FromMap(new Dictionary<string, string> { ["app"] = "a" }, null);
        Assert.Equal([0, 1], index.Candidates("ns", selector));
        Assert.Equal(2, index.CandidatesVisited);
        // Only NotIn: nothing narrows, every item of the namespace is a candidate.
        var notIn = new LabelSelector(new Dictionary<string, string>(), [new SelectorRequirement("app", SelectorOperator.NotIn, ["a"], null!)], null);
        Assert.Equal([0, 1, 2], index.Candidates("ns", notIn));
        Assert.Equal(5, index.CandidatesVisited);
    }

    [Fact]
    public void Of_equally_narrow_terms_the_first_gives_the_candidates_and_an_invalid_selector_has_none()
    {
        IReadOnlyDictionary<string, string>[] labels =
        [
            new Dictionary<string, string> { ["app"] = "a", ["tier"] = "x" },
            new Dictionary<string, string> { ["app"] = "a", ["tier"] = "y" },
            new Dictionary<string, string> { ["app"] = "b", ["tier"] = "y" },
        ];
        var index = new LabelIndex(3, i => "ns", i => labels[i], []);
        // app=a holds 0 and 1, tier=y holds 1 and 2: as narrow as each other, the first term's list is kept.
        var both = LabelSelector.FromMap(new Dictionary<string, string> { ["app"] = "a", ["tier"] = "y" }, null);
        Assert.Equal([0, 1], index.Candidates("ns", both));
        Assert.Equal([1], index.Select("ns", both, i => both.Matches(labels[i])));
        var invalid = LabelSelector.FromMap(new Dictionary<string, string> { ["app"] = "a" }, null);
        invalid.Problems.Add((null!, "a broken matchExpression"));
        Assert.Empty(index.Candidates("ns", invalid));
        Assert.Empty(index.Select("ns", invalid, i => true));
        Assert.Equal(4, index.CandidatesVisited);
    }
}
