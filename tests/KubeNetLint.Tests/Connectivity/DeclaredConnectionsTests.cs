using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>Declared dependencies as connections the policies decide (issue 18): which dependencies become
/// connections, on which protocol and container port.</summary>
public sealed class DeclaredConnectionsTests
{
    private static string Service(string ns, string name, string spec) => Doc("Service", "v1", name, spec, ns);

    private static List<string> Declared(string yaml) =>
        Analyze(yaml).DeclaredConnections()
            .Select(d => $"{d.From.Id} -> {d.To.Id} {d.Protocol}/{d.Port} via {d.ServicePort?.Port?.ToString() ?? "-"} {(d.Allowed ? "allowed" : "denied")}").ToList();

    [Fact]
    public void An_ExternalName_Service_is_no_connection_to_the_pods_its_selector_matches()
    {
        // DNS answers a CNAME for an ExternalName Service: the client connects to the external host, and the
        // EndpointSlice controller gives such a Service no endpoints, whatever its selector says.
        var yaml = Deployment("shop", "db", "app: db", "5432") +
                   Service("shop", "db", "type: ExternalName\nexternalName: db.example.com\nselector: {app: db}\nports: [{port: 5432}]") +
                   Caller("shop", "api", "{name: DB_URL, value: \"postgres://db:5432/app\"}");
        var analysis = Analyze(yaml);
        Assert.Contains(analysis.Graph.Dependencies.ToServices, d => d.Service!.Name == "db");
        Assert.Empty(analysis.DeclaredConnections());
        // The same Service as ClusterIP is one.
        Assert.Equal(["shop/Deployment/api -> shop/Deployment/db TCP/5432 via 5432 allowed"],
            Declared(yaml.Replace("type: ExternalName", "type: ClusterIP", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_workload_calling_its_own_Service_is_no_connection()
    {
        var yaml = Caller("shop", "web", "{name: SELF_URL, value: \"http://web:80/\"}") +
                   Service("shop", "web", "selector: {app: web}\nports: [{port: 80, targetPort: 8080}]") +
                   Caller("shop", "client", "{name: WEB_URL, value: \"http://web:80/\"}");
        Assert.Equal(["shop/Deployment/client -> shop/Deployment/web TCP/8080 via 80 allowed"], Declared(yaml));
    }

    [Theory]
    [InlineData("dns:53", "UDP/53")]
    [InlineData("dns:8053", "TCP/8053")]
    [InlineData("dns:9999", "TCP/9999")]
    public void A_headless_address_takes_the_protocol_of_the_Service_port_with_its_number(string address, string expected)
    {
        // DNS answers with the pods' addresses: the client uses the port it names, on the pod; the protocol
        // is the one of the Service port of that number (TCP when there is none).
        var yaml = Deployment("infra", "dns", "app: dns", "8053", "53/UDP") +
                   Service("infra", "dns", "clusterIP: None\nselector: {app: dns}\nports:\n  - {name: tcp, port: 8053, protocol: TCP}\n  - {name: dns, port: 53, protocol: UDP}") +
                   Caller("infra", "client", $"{{name: DNS_ADDR, value: \"{address}\"}}");
        Assert.Equal([$"infra/Deployment/client -> infra/Deployment/dns {expected} via - allowed"], Declared(yaml));
    }

    [Theory]
    [InlineData("1", "TCP/1")]
    [InlineData("65535", "TCP/65535")]
    [InlineData("0", "TCP/80")] // the API server defaults targetPort 0 to the port (SetDefaults_Service)
    [InlineData("65536", null)]
    public void Only_a_target_port_from_1_to_65535_is_a_connection(string targetPort, string? expected)
    {
        var yaml = Deployment("shop", "web", "app: web") +
                   Service("shop", "web", $"selector: {{app: web}}\nports: [{{port: 80, targetPort: {targetPort}}}]") +
                   Caller("shop", "client", "{name: WEB_URL, value: \"http://web:80/\"}");
        Assert.Equal(expected is null ? [] : [$"shop/Deployment/client -> shop/Deployment/web {expected} via 80 allowed"], Declared(yaml));
    }
}
