using System.Text.Json;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Cli;

/// <summary>`paths` and `graph` end to end on testdata/paths/shop: golden outputs in every format, exit
/// codes (consistent with `explain --expect`), and usage errors.</summary>
public sealed class PathsCommandTests
{
    private const string Shop = "testdata/paths/shop";

    private static string Ok(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.Equal("", r.Stderr);
        return r.Stdout;
    }

    [Theory]
    [InlineData("text", "paths.txt")]
    [InlineData("md", "paths.md")]
    [InlineData("dot", "paths.dot")]
    [InlineData("json", "paths.json")]
    public void Paths_from_the_internet_to_the_db(string format, string golden) =>
        Golden.Assert($"paths/{golden}", Ok("paths", Shop, "--from", "external", "--to", "shop/StatefulSet/db", "--format", format));

    [Theory]
    [InlineData("text", "transitive-from.txt", "--from", "external")]
    [InlineData("md", "transitive-from.md", "--from", "external")]
    [InlineData("dot", "transitive-from.dot", "--from", "external")]
    [InlineData("text", "transitive-to.txt", "--to", "shop/db")]
    public void Transitive_searches(string format, string golden, string option, string node) =>
        Golden.Assert($"paths/{golden}", Ok("paths", Shop, option, node, "--transitive", "--format", format));

    [Theory]
    [InlineData("dot", "graph.dot")]
    [InlineData("mermaid", "graph.mermaid")]
    [InlineData("json", "graph.json")]
    public void The_whole_graph(string format, string golden) =>
        Golden.Assert($"paths/{golden}", Ok("graph", Shop, "--format", format));

    [Theory]
    [InlineData("dot", "graph-focus.dot")]
    [InlineData("mermaid", "graph-focus.mermaid")]
    public void The_neighbourhood_of_one_object(string format, string golden) =>
        Golden.Assert($"paths/{golden}", Ok("graph", Shop, "--focus", "shop/api[Deployment]", "--depth", "1", "--format", format));

    [Fact]
    public void Graph_without_connections_has_only_the_objects_relations()
    {
        var json = JsonDocument.Parse(Ok("graph", Shop, "-f", "json", "--no-connections")).RootElement;
        Assert.DoesNotContain(json.GetProperty("edges").EnumerateArray(), e => e.GetProperty("kind").GetString() == "allowed-connection");
        var all = JsonDocument.Parse(Ok("graph", Shop, "-f", "json")).RootElement;
        Assert.Contains(all.GetProperty("edges").EnumerateArray(), e => e.GetProperty("kind").GetString() == "allowed-connection"
            && e.GetProperty("from").GetString() == "shop/Deployment/api" && e.GetProperty("to").GetString() == "shop/StatefulSet/db"
            && e.GetProperty("detail").GetString() == "TCP 5432");
    }

    [Fact]
    public void Expect_sets_the_exit_code_and_the_report_is_printed_either_way()
    {
        string[] query = ["paths", Shop, "--from", "external", "--to", "shop/StatefulSet/db"];
        Assert.Equal(0, CliRunner.Run([.. query, "--expect", "reachable"]).ExitCode);
        var wrong = CliRunner.Run([.. query, "--expect", "unreachable"]);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("2 paths", wrong.Stdout, StringComparison.Ordinal);
        Assert.Contains("is reachable, not unreachable", wrong.Stderr, StringComparison.Ordinal);
        var none = CliRunner.Run("paths", Shop, "--from", "external", "--to", "shop/Deployment/admin", "--expect", "unreachable");
        Assert.Equal(0, none.ExitCode);
        Assert.Equal("the internet (external) -> shop/Deployment/admin: NO PATH within 6 hops\n", none.Stdout);
        Assert.Equal(1, CliRunner.Run("paths", Shop, "--to", "shop/Deployment/admin", "--transitive", "--expect", "reachable").ExitCode);
    }

    [Theory]
    [InlineData("paths needs --from and --to", "--from", "external")]
    [InlineData("--transitive takes exactly one of --from and --to", "--from", "external", "--to", "shop/db", "--transitive")]
    [InlineData("--transitive takes exactly one of --from and --to", "--transitive")]
    [InlineData("--max-hops 0: must be 1 or more", "--from", "external", "--to", "shop/db", "--max-hops", "0")]
    [InlineData("--port 'http' is not a port", "--from", "external", "--to", "shop/db", "--port", "http")]
    [InlineData("--to 'shop/Deployment/frontned' is not an endpoint of the input; did you mean shop/Deployment/frontend", "--from", "external", "--to", "shop/Deployment/frontned")]
    public void Usage_errors_exit_2(string message, params string[] args)
    {
        var r = CliRunner.Run(["paths", Shop, .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void Graph_focus_on_an_unknown_object_exits_2()
    {
        var r = CliRunner.Run("graph", Shop, "--focus", "shop/Deployment/frontned");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--focus 'shop/Deployment/frontned' is not an object of the input (did you mean shop/Deployment/frontend?)", r.Stderr, StringComparison.Ordinal);
    }
}
