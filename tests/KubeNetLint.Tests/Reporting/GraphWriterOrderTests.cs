using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Reporting;

/// <summary>`graph`: objects without a namespace first, then one cluster per namespace in name order,
/// whatever order the nodes come in.</summary>
public sealed class GraphWriterOrderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("knl-graphw").FullName;
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private static string App(string ns, string name) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{{name}}}, namespace: {{{ns}}}}
        spec:
          selector: {matchLabels: {app: {{{name}}}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec: {containers: [{name: c, image: nginx}]}

        """;

    private string Input()
    {
        // "0ns/…" sorts before every cluster-wide id ("Namespace/…", "external"): the order of the groups
        // comes from the sort by namespace, not from the order of the nodes.
        var path = Path.Combine(_dir, "g.yaml");
        File.WriteAllText(path, App("zz", "web") + "---\n" + App("0ns", "api"));
        return path;
    }

    private static List<string> Heads(string output, Func<string, bool> keep) =>
        [.. output.Split('\n').Where(keep).Select(l => l.Trim())];

    [Fact]
    public void Dot_writes_cluster_wide_objects_first_then_namespaces_in_order()
    {
        var dot = CliRunner.Run("graph", Input(), "-f", "dot", "--no-connections").Stdout;
        Assert.Equal(["label=\"namespace 0ns\";", "label=\"namespace zz\";"], Heads(dot, l => l.StartsWith("    label=", StringComparison.Ordinal)));
        int firstCluster = dot.IndexOf("subgraph cluster_0", StringComparison.Ordinal);
        Assert.True(dot.IndexOf("\"Namespace/zz\" [", StringComparison.Ordinal) is var ns && ns > 0 && ns < firstCluster, dot);
        Assert.True(dot.IndexOf("\"0ns/Deployment/api\" [", StringComparison.Ordinal) > firstCluster, dot);
    }

    [Fact]
    public void Mermaid_writes_cluster_wide_objects_first_then_namespaces_in_order()
    {
        var mermaid = CliRunner.Run("graph", Input(), "-f", "mermaid", "--no-connections").Stdout;
        var subgraphs = Heads(mermaid, l => l.StartsWith("  subgraph ", StringComparison.Ordinal));
        Assert.Equal(2, subgraphs.Count);
        Assert.EndsWith("[\"namespace 0ns\"]", subgraphs[0], StringComparison.Ordinal);
        Assert.EndsWith("[\"namespace zz\"]", subgraphs[1], StringComparison.Ordinal);
        int firstSubgraph = mermaid.IndexOf("  subgraph ", StringComparison.Ordinal);
        Assert.True(mermaid.IndexOf("Namespace", StringComparison.Ordinal) is var ns && ns > 0 && ns < firstSubgraph, mermaid);
    }

    [Fact]
    public void Matrix_summary_counts_gateways()
    {
        var text = CliRunner.Run("matrix", Path.Combine(Repo.TestData, "paths", "shop")).Stdout;
        Assert.Contains(", 1 Gateway), ", text.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
    }
}
