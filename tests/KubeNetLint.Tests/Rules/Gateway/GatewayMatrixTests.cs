using System.Text.Json;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules.Gateway;

/// <summary>A Gateway whose data-plane pods are not in the input stands in for them in the matrix:
/// external → Gateway on its listener ports, Gateway → backends only on what its routes send there.</summary>
public sealed class GatewayMatrixTests
{
    private static string Fixture(string rel) => Path.Combine(Repo.TestData, "rules", rel);

    private static (List<JsonElement> Endpoints, List<JsonElement> Connections) Matrix(string path)
    {
        var r = CliRunner.Run("matrix", "--format", "json", path);
        Assert.Equal(0, r.ExitCode);
        var root = JsonDocument.Parse(r.Stdout).RootElement;
        return (root.GetProperty("endpoints").EnumerateArray().ToList(), root.GetProperty("connections").EnumerateArray().ToList());
    }

    private static string Ports(JsonElement c) =>
        string.Join(",", c.GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("protocol").GetString() + " " +
            string.Join(";", p.GetProperty("ranges").EnumerateArray().Select(r => $"{r[0].GetInt32()}-{r[1].GetInt32()}"))));

    [Fact]
    public void The_gateway_stands_in_for_its_pods()
    {
        var (endpoints, connections) = Matrix(Fixture("KNL511/no-gateway-pods"));
        var gw = endpoints.Single(e => e.GetProperty("id").GetString() == "infra/Gateway/gw");
        Assert.Equal("Gateway", gw.GetProperty("kind").GetString());
        Assert.EndsWith("objects.yaml", gw.GetProperty("file").GetString());
        string? Find(string from, string to) => connections.Where(c => c.GetProperty("from").GetString() == from && c.GetProperty("to").GetString() == to)
            .Select(Ports).SingleOrDefault();
        Assert.Equal("TCP 80-80", Find("external/0.0.0.0-255.255.255.255", "infra/Gateway/gw"));
        // The route sends to web's container port 8080, which web's policy admits from the Gateway's pods.
        Assert.Equal("TCP 8080-8080", Find("infra/Gateway/gw", "shop/Deployment/web"));
        // api isolates ingress to its own namespace: the Gateway cannot reach it.
        Assert.Null(Find("infra/Gateway/gw", "shop/Deployment/api"));
    }

    [Fact]
    public void Gateway_pods_in_the_input_are_the_gateway()
    {
        var (endpoints, connections) = Matrix(Fixture("KNL511/policies"));
        Assert.DoesNotContain(endpoints, e => e.GetProperty("kind").GetString() == "Gateway");
        Assert.Contains(connections, c => c.GetProperty("from").GetString() == "infra/Deployment/gw-envoy" && c.GetProperty("to").GetString() == "shop/Deployment/web");
    }

    [Fact]
    public void The_gateway_opens_connections_to_its_mirror_backends()
    {
        // The KNL511 mirror fixture without the Gateway's pods: the Gateway stands in for them.
        var dir = Directory.CreateTempSubdirectory("knl-gw-mirror").FullName;
        try
        {
            var text = File.ReadAllText(Fixture("KNL511/mirrors/objects.yaml"));
            var docs = text.Split("\n---\n").Where(d => !d.Contains("name: gw-envoy")).ToList();
            Assert.Equal(text.Split("\n---\n").Length - 1, docs.Count);
            var file = Path.Combine(dir, "objects.yaml");
            File.WriteAllText(file, string.Join("\n---\n", docs));
            var (endpoints, connections) = Matrix(file);
            Assert.Contains(endpoints, e => e.GetProperty("id").GetString() == "infra/Gateway/gw");
            string? Find(string from, string to) => connections.Where(c => c.GetProperty("from").GetString() == from && c.GetProperty("to").GetString() == to)
                .Select(Ports).SingleOrDefault();
            // recorder is only a RequestMirror backend; its policy admits the Gateway's pods.
            Assert.Equal("TCP 8080-8080", Find("infra/Gateway/gw", "shop/Deployment/recorder"));
            Assert.Equal("TCP 8080-8080", Find("infra/Gateway/gw", "shop/Deployment/web"));
            // shadow (a mirror too) admits only its own namespace.
            Assert.Null(Find("infra/Gateway/gw", "shop/Deployment/shadow"));

            var explain = CliRunner.Run("explain", "--from", "infra/Gateway/gw", "--to", "shop/Deployment/recorder", file);
            Assert.Contains("only on what its routes send there: TCP 8080", explain.Stdout);
            var paths = CliRunner.Run("paths", "--from", "external", "--to", "shop/Deployment/recorder", file);
            Assert.Equal(0, paths.ExitCode);
            Assert.Contains("RequestMirror to Service shop/recorder:80", paths.Stdout);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
