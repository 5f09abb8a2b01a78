using System.Text.Json;
using KubeNetLint.Core.Graph;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules.Gateway;

/// <summary>`kubenetlint routes` and the route table it prints: Ingress and Gateway API routes in one shape.</summary>
public sealed class RoutesCommandTests
{
    private static string Fixture(string rel) => Path.Combine(Repo.TestData, "rules", rel);

    [Fact]
    public void Text_lists_ingress_and_gateway_routes_with_each_hop()
    {
        var r = CliRunner.Run("routes", Fixture("KNL505/mixed-ingress-and-httproute.yaml"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("legacy.example.com", r.Stdout);
        Assert.Contains("frontend  Ingress default/Ingress/legacy [ok]", r.Stdout);
        Assert.Contains("frontend  default/HTTPRoute/shop via Gateway default/gw/http [ok]", r.Stdout);
        Assert.Contains("shop.Cart/*", r.Stdout);
        Assert.Contains("workloads default/Deployment/web:8080 [ok]", r.Stdout);
    }

    [Fact]
    public void An_empty_ingress_rule_host_is_every_host()
    {
        var r = CliRunner.Run("routes", "--format", "json", Fixture("KNL208/empty-rule-host.yaml"));
        var hosts = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("routes").EnumerateArray()
            .Select(x => x.GetProperty("host").GetString()).ToList();
        Assert.Contains("*", hosts);
        Assert.DoesNotContain("", hosts);
    }

    [Fact]
    public void Json_gives_the_status_of_every_hop()
    {
        var r = CliRunner.Run("routes", "--format", "json", Fixture("KNL503/namespaces"));
        Assert.Equal(0, r.ExitCode);
        var routes = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("routes").EnumerateArray().ToList();
        var rejected = routes.Single(x => x.GetProperty("frontend").GetProperty("id").GetString() == "team-b/HTTPRoute/b-selected");
        Assert.False(rejected.GetProperty("frontend").GetProperty("ok").GetBoolean());
        Assert.Contains("not from 'team-b'", rejected.GetProperty("frontend").GetProperty("status").GetString());
        var ok = routes.Single(x => x.GetProperty("frontend").GetProperty("id").GetString() == "team-a/HTTPRoute/a-selected");
        Assert.Equal("infra/gw", ok.GetProperty("frontend").GetProperty("gateway").GetString());
        Assert.Equal("selected", ok.GetProperty("frontend").GetProperty("listener").GetString());
        Assert.Equal(8080, ok.GetProperty("workloads")[0].GetProperty("targetPort").GetInt32());
        // Without sectionName, the route of team-b attaches to the one listener that admits it.
        var any = routes.Where(x => x.GetProperty("frontend").GetProperty("id").GetString() == "team-b/HTTPRoute/b-any").ToList();
        Assert.Equal(["everyone"], any.Select(x => x.GetProperty("frontend").GetProperty("listener").GetString()));
    }

    [Fact]
    public void Mirror_backends_are_hops_of_their_own_marked_as_mirrors()
    {
        var text = CliRunner.Run("routes", Fixture("KNL505/mirror-backend.yaml"));
        Assert.Equal(0, text.ExitCode);
        // Each RequestMirror backendRef is a hop after the rule's backendRefs, with its own status.
        Assert.Contains("    backend   Service default/web:80 [ok]", text.Stdout);
        Assert.Contains("    mirror    Service default/shadow:80 [service missing]", text.Stdout);
        Assert.Contains("    mirror    Service default/web:8080 [port missing]", text.Stdout);
        Assert.Contains("    mirror    Service default/web [no port]", text.Stdout);
        Assert.Contains("    mirror    Service audit/recorder:80 [not permitted (no ReferenceGrant)]", text.Stdout);
        Assert.Contains("    mirror    Bucket default/bucket [unsupported kind]", text.Stdout);
        Assert.Contains("    mirror    Service default/grpc-shadow:9000 [service missing]", text.Stdout);

        var md = CliRunner.Run("routes", "--format", "md", Fixture("KNL505/mirror-backend.yaml")).Stdout;
        Assert.Contains("| Service default/shadow:80 (RequestMirror) | service missing |", md);
        Assert.Contains("| Service default/web:80 | ok |", md);

        var json = CliRunner.Run("routes", "--format", "json", Fixture("KNL511/mirrors"));
        var rows = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("routes").EnumerateArray().ToList();
        var recorder = rows.Single(x => x.GetProperty("backend").ValueKind == JsonValueKind.Object && x.GetProperty("backend").GetProperty("name").GetString() == "recorder");
        Assert.True(recorder.GetProperty("backend").GetProperty("mirror").GetBoolean());
        Assert.Equal("ok", recorder.GetProperty("backend").GetProperty("status").GetString());
        Assert.Equal("shop/Deployment/recorder", recorder.GetProperty("workloads")[0].GetProperty("id").GetString());
        Assert.Equal(8080, recorder.GetProperty("workloads")[0].GetProperty("targetPort").GetInt32());
        Assert.All(rows.Where(x => x.GetProperty("backend").GetProperty("name").GetString() == "web"),
            x => Assert.False(x.GetProperty("backend").GetProperty("mirror").GetBoolean()));
    }

    [Fact]
    public void Diff_routes_keeps_a_mirror_apart_from_a_backend_to_the_same_port()
    {
        var dir = Directory.CreateTempSubdirectory("knl-routes-mirror").FullName;
        try
        {
            var baseFile = Fixture("KNL511/mirrors/objects.yaml");
            // Head: the HTTPRoute's mirror to recorder becomes a mirror to web, the port web already serves.
            var text = File.ReadAllText(baseFile);
            var head = text.Replace("                  name: recorder\n                  port: 80", "                  name: web\n                  port: 80");
            Assert.NotEqual(text, head);
            var headFile = Path.Combine(dir, "head.yaml");
            File.WriteAllText(headFile, head);
            var r = CliRunner.Run("diff", "--routes", "--base", baseFile, "--head", headFile, "--format", "json");
            Assert.Equal(0, r.ExitCode);
            var changes = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("routeChanges").EnumerateArray()
                .Select(c => $"{c.GetProperty("change").GetString()} {c.GetProperty("backend").GetString()}").ToList();
            Assert.Equal(["backend-added Service shop/web:80 (RequestMirror)", "backend-removed Service shop/recorder:80 (RequestMirror)"], changes.Order(StringComparer.Ordinal));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Broken_hops_are_named()
    {
        var r = CliRunner.Run("routes", "--format", "md", Fixture("KNL506/backend-port.yaml"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("| port missing |", r.Stdout);
        Assert.Contains("| no port |", r.Stdout);
    }

    [Fact]
    public void Diff_routes_names_added_removed_and_broken_hops()
    {
        var dir = Directory.CreateTempSubdirectory("knl-routes-diff").FullName;
        try
        {
            var baseFile = Fixture("KNL505/mixed-ingress-and-httproute.yaml");
            var text = File.ReadAllText(baseFile);
            // Head: the gRPC route now points at a port web does not expose, the Ingress is gone, and the
            // shop route gets a second match.
            var head = text.Replace("service: shop.Cart\n      backendRefs:\n        - name: web\n          port: 80", "service: shop.Cart\n      backendRefs:\n        - name: web\n          port: 81")
                .Replace("            value: /cart\n", "            value: /cart\n        - path:\n            type: Exact\n            value: /basket\n");
            head = string.Join("\n---\n", head.Split("\n---\n").Where(d => !d.Contains("kind: Ingress")));
            var headFile = Path.Combine(dir, "head.yaml");
            File.WriteAllText(headFile, head);
            var r = CliRunner.Run("diff", "--routes", "--base", baseFile, "--head", headFile, "--format", "json");
            Assert.Equal(0, r.ExitCode);
            var changes = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("routeChanges").EnumerateArray()
                .Select(c => $"{c.GetProperty("change").GetString()} {c.GetProperty("host").GetString()} {c.GetProperty("match").GetString()} {c.GetProperty("backend").GetString()}")
                .ToList();
            Assert.Contains("removed legacy.example.com Prefix / Service default/web:80", changes);
            Assert.Contains("added shop.example.com Exact /basket Service default/web:80", changes);
            Assert.Contains("backend-removed grpc.example.com shop.Cart/* Service default/web:80", changes);
            Assert.Contains("backend-added grpc.example.com shop.Cart/* Service default/web:81", changes);
            foreach (var format in new[] { "text", "md", "sarif" })
                Assert.Equal(0, CliRunner.Run("diff", "--routes", "--base", baseFile, "--head", headFile, "--format", format).ExitCode);
            // A Service whose targetPort names no container port breaks every route through it.
            var broken = Path.Combine(dir, "broken.yaml");
            File.WriteAllText(broken, text.Replace("      targetPort: http", "      targetPort: nope"));
            var b = CliRunner.Run("diff", "--routes", "--base", baseFile, "--head", broken);
            Assert.Contains("~ broke: shop.example.com PathPrefix /cart (default/HTTPRoute/shop via Gateway default/gw/http) -> Service default/web:80", b.Stdout);
            Assert.Contains("[targetPort unresolved]", b.Stdout);
            var md = CliRunner.Run("diff", "--routes", "--base", baseFile, "--head", headFile, "--format", "md").Stdout;
            Assert.Contains("| removed | legacy.example.com |", md);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Theory]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "*.example.com", true)]
    [InlineData("*.example.com", "*.a.example.com", true)]
    [InlineData("*.com", "*.example.com", true)]
    [InlineData("test.example.com", "*.example.com", true)]
    [InlineData("test.example.com", "test.example.net", false)]
    [InlineData("Test.Example.com", "test.example.com", true)]
    [InlineData("*.example.com", "aexample.com", false)]
    public void Hostnames_intersect_as_the_spec_says(string a, string b, bool expected)
    {
        Assert.Equal(expected, GatewayHostnames.Intersect(a, b));
        Assert.Equal(expected, GatewayHostnames.Intersect(b, a));
    }
}
