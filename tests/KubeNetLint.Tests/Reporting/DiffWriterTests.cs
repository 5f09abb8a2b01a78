using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Reporting;

/// <summary>The connectivity diff writers: endpoint lines and the table appear only when they have content.</summary>
public sealed class DiffWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("knl-diffw").FullName;
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private static string App(string name) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{{name}}}, namespace: shop}
        spec:
          selector: {matchLabels: {app: {{{name}}}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}

        """;

    private static string Closed(string name) => App(name) + $$$"""
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: {{{name}}}, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: {{{name}}}}}
          policyTypes: [Ingress, Egress]

        """;

    private CliResult Diff(string before, string after, string format = "text")
    {
        var b = Path.Combine(_dir, "base.yaml");
        var h = Path.Combine(_dir, "head.yaml");
        File.WriteAllText(b, before);
        File.WriteAllText(h, after);
        return CliRunner.Run("diff", "--base", b, "--head", h, "--format", format);
    }

    private static string Web => Closed("web");

    [Fact]
    public void No_change_is_one_sentence()
    {
        Assert.Equal("### KubeNetLint: connectivity changes\n\nNo connectivity changes: every workload can reach exactly what it could before.\n",
            Diff(Web, Web, "md").Stdout);
        Assert.Equal("No connectivity changes.\n", Diff(Web, Web).Stdout);
    }

    [Fact]
    public void An_endpoint_added_or_removed_without_connections_has_no_table()
    {
        Assert.Equal("endpoints added: shop/Deployment/api\n0 connections added, 0 removed, 0 changed; 1 endpoint added, 0 removed.\n",
            Diff(Web, Web + "---\n" + Closed("api")).Stdout);
        Assert.Equal("endpoints removed: shop/Deployment/api\n0 connections added, 0 removed, 0 changed; 0 endpoints added, 1 removed.\n",
            Diff(Web + "---\n" + Closed("api"), Web).Stdout);
        Assert.Equal("### KubeNetLint: connectivity changes\n\n0 connections added, 0 removed, 0 changed; 1 endpoint added, 0 removed.\n\n" +
            "**Endpoints added:** `shop/Deployment/api`\n\n", Diff(Web, Web + "---\n" + Closed("api"), "md").Stdout);
        Assert.Equal("### KubeNetLint: connectivity changes\n\n0 connections added, 0 removed, 0 changed; 0 endpoints added, 1 removed.\n\n" +
            "**Endpoints removed:** `shop/Deployment/api`\n\n", Diff(Web + "---\n" + Closed("api"), Web, "md").Stdout);
    }

    private static string Egress(string name) => $$$"""
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: {{{name}}}-out, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: {{{name}}}}}
          policyTypes: [Egress]
          egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]

        """;

    [Theory]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void More_than_50_changed_connections_are_folded(int count, bool folded)
    {
        var names = Enumerable.Range(1, count).Select(i => $"w{i}").ToList();
        var before = string.Join("---\n", names.Select(Closed));
        var after = before + string.Concat(names.Select(Egress));
        var md = Diff(before, after, "md").Stdout;
        Assert.StartsWith($"### KubeNetLint: connectivity changes\n\n{count} connections added, 0 removed, 0 changed;", md, StringComparison.Ordinal);
        Assert.Equal(count, md.Split('\n').Count(l => l.StartsWith("| added | ", StringComparison.Ordinal)));
        Assert.Equal(folded, md.Contains($"<details><summary>All {count} changed connections</summary>\n\n| change |", StringComparison.Ordinal));
        Assert.Equal(folded, md.EndsWith("|\n\n</details>\n", StringComparison.Ordinal));
    }
}
