using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Reporting.Connectivity;
using KubeNetLint.Core.Graph;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>Each network-policy recipe as a test: the pods its EXPECTED.md describes (testdata), the
/// policy (a copy in testdata; the corpus file itself when ../shared is present), and its verdicts.</summary>
public sealed class RecipeTests
{
    private static string RecipesDir => Path.Combine(Repo.TestData, "connectivity", "recipes");

    public static TheoryData<string> Recipes()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(RecipesDir).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        return data;
    }

    private sealed record Expectation(int Line, string From, string To, string Port, bool Allowed);

    private static List<Expectation> Expectations(string recipe)
    {
        var lines = File.ReadAllLines(Path.Combine(RecipesDir, recipe, "expect.txt"));
        var list = new List<Expectation>();
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(f.Length == 4 && f[3] is "allowed" or "denied", $"expect.txt:{i + 1}: FROM TO PORT allowed|denied");
            list.Add(new Expectation(i + 1, f[0], f[1], f[2], f[3] == "allowed"));
        }
        return list;
    }

    /// <summary>The corpus folder of a recipe, from the first line of expect.txt.</summary>
    private static string CorpusFolder(string recipe)
    {
        var first = File.ReadLines(Path.Combine(RecipesDir, recipe, "expect.txt")).First();
        Assert.StartsWith("# corpus: ", first);
        return Path.Combine(Repo.Shared, "corpus", first["# corpus: ".Length..].Trim());
    }

    private static void Check(string recipe, IReadOnlyList<string> paths)
    {
        var graph = Lint.Graph(paths);
        var analysis = ConnectivityAnalysis.Build(graph);
        var matrix = analysis.ComputeMatrix();
        var failures = new List<string>();
        foreach (var e in Expectations(recipe))
        {
            var from = analysis.At(e.From);
            foreach (var (to, port) in Targets(graph, analysis, e))
            {
                var set = matrix.Get(from.Id, to.Id);
                Assert.Equal(set, analysis.Allowed(from, to));
                bool ok = port is null
                    ? (e.Allowed ? set.IsAll : set.IsEmpty)
                    : set.Contains(port.Protocol, port.Port) == e.Allowed;
                if (!ok) failures.Add($"expect.txt:{e.Line}: {e.From} -> {to.Id} {port?.ToString() ?? "*"}: expected {(e.Allowed ? "allowed" : "denied")}, allowed set is {set}");
            }
        }
        Assert.True(failures.Count == 0, $"recipe {recipe}:\n" + string.Join("\n", failures));
    }

    /// <summary>A pod, or a Service port mapped to the container port on each of the Service's pods.</summary>
    private static IEnumerable<(Endpoint To, PortQuery? Port)> Targets(ResourceGraph graph, ConnectivityAnalysis analysis, Expectation e)
    {
        PortQuery? port = null;
        if (e.Port != "*") Assert.True(PortQuery.TryParse(e.Port, out port, out var error), error);
        var parts = e.To.Split('/');
        if (parts.Length == 3 && parts[1] == "Service")
        {
            var service = graph.FindService(parts[0], parts[2]) ?? throw new Xunit.Sdk.XunitException($"no Service {e.To}");
            var servicePort = service.FindPort(port!.Port) ?? throw new Xunit.Sdk.XunitException($"{e.To} has no port {port.Port}");
            var pods = graph.SelectedBy(service);
            Assert.NotEmpty(pods);
            foreach (var w in pods)
                yield return (analysis.EndpointOf(w)!, new PortQuery(servicePort.Protocol, ResourceGraph.ResolveTarget(servicePort, w).Number!.Value));
            yield break;
        }
        yield return (analysis.At(e.To), port);
    }

    [Theory]
    [MemberData(nameof(Recipes))]
    public void Recipe_verdicts_hold(string recipe) => Check(recipe, [Path.Combine(RecipesDir, recipe)]);

    [SharedTheory]
    [MemberData(nameof(Recipes))]
    public void Recipe_verdicts_hold_with_the_corpus_policies(string recipe)
    {
        var corpus = CorpusFolder(recipe);
        var policies = Directory.GetFiles(corpus, "*.yaml").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(policies);
        Check(recipe, [.. policies, Path.Combine(RecipesDir, recipe, "pods.yaml")]);
    }

    [SharedTheory]
    [MemberData(nameof(Recipes))]
    public void The_policy_copies_equal_the_corpus(string recipe)
    {
        var corpus = CorpusFolder(recipe);
        var copies = Directory.GetFiles(Path.Combine(RecipesDir, recipe), "*.yaml").Where(f => Path.GetFileName(f) != "pods.yaml")
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Directory.GetFiles(corpus, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList(), copies);
        foreach (var name in copies)
            Assert.Equal(File.ReadAllText(Path.Combine(corpus, name!)), File.ReadAllText(Path.Combine(RecipesDir, recipe, name!)));
    }

    [Fact]
    public void Recipe_14_follows_the_manifest_not_the_stale_prose()
    {
        var a = Net.AnalyzePaths([Path.Combine(RecipesDir, "14-deny-external-egress-traffic")]);
        Assert.Equal("none", a.Allowed("default/Pod/foo", "default/Pod/web"));
        Assert.Equal("TCP 53; UDP 53", a.Allowed("default/Pod/foo", "kube-system/Pod/coredns"));
    }
}
