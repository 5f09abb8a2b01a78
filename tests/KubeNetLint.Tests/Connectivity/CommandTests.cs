using System.Text.Json;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>`matrix`, `explain`, `diff` and `check --matrix` end to end: golden outputs on the bundled
/// example (testdata/examples, and testdata/examples-diff as the head of a change), exit codes, errors.</summary>
public sealed class CommandTests
{
    private const string Examples = "testdata/examples";
    private const string ExamplesHead = "testdata/examples-diff";

    private static string Ok(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.Equal("", r.Stderr);
        return r.Stdout;
    }

    [Theory]
    [InlineData("table", "matrix.txt")]
    [InlineData("json", "matrix.json")]
    [InlineData("md", "matrix.md")]
    [InlineData("csv", "matrix.csv")]
    [InlineData("dot", "matrix.dot")]
    public void Matrix_of_the_example(string format, string golden) =>
        Golden.Assert($"connectivity/{golden}", Ok("matrix", Examples, "--format", format));

    /// <summary>The HTML page's data (its CSS and script are the same for every input).</summary>
    [Fact]
    public void Matrix_of_the_example_as_a_page()
    {
        var page = Ok("matrix", Examples, "--format", "html");
        var data = System.Text.RegularExpressions.Regex.Match(page, "<script type=\"application/json\" id=\"knl-data\">(.*?)</script>",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(data.Success);
        Golden.Assert("connectivity/matrix.html-data.json", data.Groups[1].Value + "\n");
    }

    [Fact]
    public void Matrix_of_the_example_head() => Golden.Assert("connectivity/matrix-head.json", Ok("matrix", ExamplesHead, "--format", "json"));

    [Theory]
    [InlineData("text", "diff.txt")]
    [InlineData("json", "diff.json")]
    [InlineData("md", "diff.md")]
    public void Diff_of_the_example(string format, string golden) =>
        Golden.Assert($"connectivity/{golden}", Ok("diff", "--base", Examples, "--head", ExamplesHead, "--format", format));

    [Fact]
    public void Diff_the_other_way_round_removes_what_was_added()
    {
        var json = JsonDocument.Parse(Ok("diff", "--base", ExamplesHead, "--head", Examples, "--format", "json")).RootElement;
        Assert.Equal(["monitoring/Deployment/prometheus", "shop/CronJob/backup"], json.GetProperty("endpointsRemoved").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Empty(json.GetProperty("endpointsAdded").EnumerateArray());
        var changes = json.GetProperty("changes").EnumerateArray().ToList();
        Assert.All(changes, c => Assert.NotEqual("added", c.GetProperty("change").GetString()));
        var changed = Assert.Single(changes, c => c.GetProperty("change").GetString() == "changed");
        Assert.Equal(JsonValueKind.Object, changed.GetProperty("before").ValueKind);
        var removed = changes.First(c => c.GetProperty("change").GetString() == "removed");
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("after").ValueKind);
    }

    [Fact]
    public void Diff_of_identical_inputs_is_empty()
    {
        Assert.Equal("No connectivity changes.\n", Ok("diff", "--base", Examples, "--head", Examples));
        Assert.StartsWith("### KubeNetLint: connectivity changes\n\nNo connectivity changes", Ok("diff", "--base", Examples, "--head", Examples, "-f", "md"));
    }

    [Theory]
    [InlineData("explain.txt", "--from", "shop/Deployment/frontend", "--to", "shop/Deployment/api", "--port", "9090/TCP")]
    [InlineData("explain-denied.txt", "--from", "shop/Deployment/frontend", "--to", "shop/StatefulSet/db", "--port", "5432")]
    [InlineData("explain-controller.txt", "--from", "ingress-nginx/IngressController/ingress-controller", "--to", "shop/Deployment/frontend")]
    [InlineData("explain-external.json", "--from", "198.51.100.20", "--to", "shop/Deployment/frontend", "--format", "json")]
    public void Explain_on_the_example(string golden, params string[] args) =>
        Golden.Assert($"connectivity/{golden}", Ok(["explain", .. args, Examples]));

    [Fact]
    public void Focus_keeps_the_connections_of_one_endpoint()
    {
        var json = JsonDocument.Parse(Ok("matrix", Examples, "--format", "json", "--focus", "shop/Deployment/api")).RootElement;
        var connections = json.GetProperty("connections").EnumerateArray().ToList();
        Assert.Equal(2, connections.Count);
        Assert.All(connections, c => Assert.True(c.GetProperty("from").GetString() == "shop/Deployment/api" || c.GetProperty("to").GetString() == "shop/Deployment/api"));
        Assert.Equal(["shop/Deployment/api", "shop/Deployment/frontend", "shop/StatefulSet/db"],
            json.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToArray());
    }

    [Theory]
    [InlineData("matrix", "--focus", "shop/Deployment/ap", "did you mean shop/Deployment/api")]
    [InlineData("matrix", "--focus", "shop/deployment/api", "did you mean shop/Deployment/api")]
    [InlineData("matrix", "--focus", "frontend", "did you mean shop/Deployment/frontend")]
    [InlineData("explain", "--from", "shop/StatefulSet/database", "did you mean shop/StatefulSet/db")]
    public void Unknown_endpoints_are_usage_errors_with_close_matches(string command, string option, string value, string hint)
    {
        string[] args = command == "explain" ? [command, option, value, "--to", "shop/Deployment/api", Examples] : [command, option, value, Examples];
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains($"{option} '{value}' is not an endpoint of the input", r.Stderr);
        Assert.Contains(hint, r.Stderr);
    }

    [Theory]
    [InlineData("explain", "--from", "shop/Deployment/frontend", "--to", "shop/Deployment/api", "--port", "http", Examples)]
    [InlineData("explain", "--from", "shop/Deployment/frontend", "--to", "shop/Deployment/api", "--port", "80/ICMP", Examples)]
    [InlineData("matrix", "no/such/path")]
    [InlineData("matrix", Examples, "--format", "xml")]
    [InlineData("diff", "--head", Examples)]
    [InlineData("explain", "--from", "shop/Deployment/frontend", Examples)]
    public void Bad_usage_exits_2(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.NotEqual("", r.Stderr);
    }

    [Fact]
    public void Matrix_output_file_is_written_whole()
    {
        var path = Path.Combine(Path.GetTempPath(), $"knl-matrix-{Guid.NewGuid():N}.csv");
        try
        {
            Assert.Equal("", Ok("matrix", Examples, "--format", "csv", "--output", path));
            Assert.Equal(Ok("matrix", Examples, "--format", "csv"), File.ReadAllText(path));
        }
        finally { File.Delete(path); }
    }

    private static void AssertMatrixGraph(JsonElement run)
    {
        var graph = Assert.Single(run.GetProperty("graphs").EnumerateArray().ToList());
        var nodes = graph.GetProperty("nodes").EnumerateArray().ToList();
        var ids = nodes.Select(n => n.GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(6, ids.Count);
        var api = nodes.Single(n => n.GetProperty("id").GetString() == "shop/Deployment/api");
        var physical = api.GetProperty("location").GetProperty("physicalLocation");
        Assert.Equal("testdata/examples/shop/api.yaml", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", physical.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(4, physical.GetProperty("region").GetProperty("startLine").GetInt32());
        var edges = graph.GetProperty("edges").EnumerateArray().ToList();
        Assert.Equal(3, edges.Count);
        Assert.All(edges, e => Assert.Contains(e.GetProperty("sourceNodeId").GetString(), ids));
        Assert.All(edges, e => Assert.Contains(e.GetProperty("targetNodeId").GetString(), ids));
        Assert.Equal(edges.Count, edges.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        Assert.Contains(edges, e => e.GetProperty("label").GetProperty("text").GetString() == "TCP 5432");
    }

    [Fact]
    public void Matrix_sarif_carries_the_graph()
    {
        var sarif = JsonDocument.Parse(Ok("matrix", Examples, "--format", "sarif")).RootElement;
        Assert.Equal("2.1.0", sarif.GetProperty("version").GetString());
        var run = Assert.Single(sarif.GetProperty("runs").EnumerateArray().ToList());
        Assert.Empty(run.GetProperty("results").EnumerateArray());
        AssertMatrixGraph(run);
    }

    [Fact]
    public void Check_adds_the_matrix_graph_to_its_sarif_on_request()
    {
        var plain = JsonDocument.Parse(Ok("check", Examples, "--format", "sarif")).RootElement.GetProperty("runs")[0];
        Assert.False(plain.TryGetProperty("graphs", out _));
        var withMatrix = JsonDocument.Parse(Ok("check", Examples, "--format", "sarif", "--matrix")).RootElement.GetProperty("runs")[0];
        AssertMatrixGraph(withMatrix);
    }

    [Fact]
    public void Diff_sarif_carries_the_changes_as_a_graph()
    {
        var run = JsonDocument.Parse(Ok("diff", "--base", Examples, "--head", ExamplesHead, "--format", "sarif")).RootElement.GetProperty("runs")[0];
        var graph = Assert.Single(run.GetProperty("graphs").EnumerateArray().ToList());
        var labels = graph.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("label").GetProperty("text").GetString()).ToList();
        Assert.Equal(15, labels.Count);
        Assert.Contains("changed: TCP 9090 => TCP 9090,9100", labels);
        Assert.Contains("added: TCP 5432", labels);
    }

    [Fact]
    public void Matrix_reads_standard_input()
    {
        var yaml = File.ReadAllText(Path.Combine(Repo.TestData, "connectivity", "recipes", "08-allow-external-traffic", "pods.yaml"));
        var r = CliRunner.RunWithStdin(yaml, "matrix", "-", "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("external/0.0.0.0-255.255.255.255,default/Pod/web,all\n", r.Stdout);
    }
}
