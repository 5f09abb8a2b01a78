using System.Text;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Reporting.Connectivity;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The Mermaid picture and CIDR labels of `diff --format md` (the golden file shows the whole page).</summary>
public sealed class DiffMarkdownTests
{
    [Fact]
    public void Removed_connections_are_red_and_dashed_and_ranges_are_cidrs()
    {
        var md = CliRunner.Run("diff", "--base", "testdata/examples-diff", "--head", "testdata/examples", "--format", "md").Stdout;
        Assert.Contains("```mermaid\nflowchart LR\n", md, StringComparison.Ordinal);
        Assert.Contains("-.->|\"- TCP 9100\"|", md, StringComparison.Ordinal);
        Assert.Contains("stroke:#cf222e", md, StringComparison.Ordinal);
        Assert.Contains("stroke:#d4a72c", md, StringComparison.Ordinal);
        Assert.DoesNotContain("stroke:#2da44e", md, StringComparison.Ordinal);
        Assert.Contains("`external 10.0.0.0/8`", md, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.0-10.255.255.255", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_diff_draws_the_first_edges_and_says_so()
    {
        var changes = Enumerable.Range(0, 60).Select(i => new ConnectionChange($"ns/Deployment/a{i}", "ns/Deployment/\"b\"", ChangeKind.Added, null, null)).ToList();
        var diff = new ReachabilityDiff { Endpoints = [], EndpointsAdded = [], EndpointsRemoved = [], Changes = changes };
        var sb = new StringBuilder();
        DiffMermaid.Write(diff, sb);
        var text = sb.ToString();
        Assert.Equal(DiffMermaid.MaxEdges, text.Split('\n').Count(l => l.Contains("-->", StringComparison.Ordinal)));
        Assert.Contains("The graph shows the first 50 of 60 changed connections; the table lists them all.", text, StringComparison.Ordinal);
        Assert.Contains("#quot;b#quot;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"b\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_changes_no_picture()
    {
        var md = CliRunner.Run("diff", "--base", "testdata/examples", "--head", "testdata/examples", "--format", "md").Stdout;
        Assert.DoesNotContain("mermaid", md, StringComparison.Ordinal);
    }
}
