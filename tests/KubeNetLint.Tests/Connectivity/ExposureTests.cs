using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Reporting.Connectivity;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>`matrix --exposure`: who may reach a workload, in the terms its policies use.</summary>
public sealed class ExposureTests
{
    private const string Web = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: open, namespace: shop}
        spec:
          selector: {matchLabels: {app: open}}
          template:
            metadata: {labels: {app: open}}
            spec: {containers: [{name: c, image: nginx}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Ingress, Egress]
          ingress:
          - from:
            - ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}
            - namespaceSelector: {matchLabels: {team: platform}}
              podSelector: {matchLabels: {app: prom}}
            ports: [{port: http}, {port: missing}]
          - from: [{namespaceSelector: {}}]
            ports: [{port: 9000, endPort: 9010}]
          - from: [{namespaceSelector: {}}]
            ports: [{port: 9005, protocol: UDP}]
          egress:
          - to: [{podSelector: {}}]
            ports: [{port: grpc}]
        """;

    private static WorkloadExposure Of(string id) => Exposure.Compute(Net.Analyze(Web)).Single(e => e.Endpoint.Id == id);

    [Fact]
    public void Ingress_peers_are_described_as_written_with_named_ports_resolved_on_the_workload()
    {
        var web = Of("shop/Deployment/web");
        Assert.True(web.Ingress.Isolated);
        Assert.Equal(["shop/NetworkPolicy/web"], web.Ingress.Policies);
        Assert.Equal(
            [
                "addresses in 0.0.0.0/0 except 10.0.0.0/8: TCP 8080",
                "pods with app=prom in namespaces with team=platform: TCP 8080",
                // Two rules for the same peer are one entry with the ports united.
                "every pod in every namespace: TCP 9000-9010; UDP 9005",
            ],
            web.Ingress.Entries.Select(e => $"{e.Peer.Describe()}: {e.Ports}"));
        // The internet part is computed, not read: 0.0.0.0/0 minus 10/8 on the declared named port.
        Assert.Equal("TCP 8080", web.Ingress.Internet.ToString());
    }

    [Fact]
    public void Egress_named_ports_stay_names_because_the_destination_resolves_them()
    {
        var entry = Assert.Single(Of("shop/Deployment/web").Egress.Entries);
        Assert.Equal("every pod in namespace shop", entry.Peer.Describe());
        Assert.True(entry.Ports.IsEmpty);
        Assert.Equal(["TCP 'grpc'"], entry.NamedPorts);
        Assert.True(Of("shop/Deployment/web").Egress.Internet.IsEmpty);
    }

    [Fact]
    public void A_side_no_policy_isolates_admits_anyone()
    {
        var open = Of("shop/Deployment/open");
        Assert.False(open.Ingress.Isolated);
        Assert.Equal(ExposurePeerKind.Anyone, Assert.Single(open.Ingress.Entries).Peer.Kind);
        Assert.True(open.Ingress.Internet.IsAll);
    }

    [Fact]
    public void The_command_writes_text_md_and_json_and_refuses_other_formats()
    {
        var dir = Directory.CreateTempSubdirectory("knl-exposure").FullName;
        var file = Path.Combine(dir, "web.yaml");
        File.WriteAllText(file, Web);
        var text = CliRunner.Run("matrix", "--exposure", file);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("  ingress: isolated by shop/NetworkPolicy/web (internet: TCP 8080)\n    from addresses in 0.0.0.0/0 except 10.0.0.0/8: TCP 8080\n", text.Stdout);
        Assert.Contains("2 workloads; 2 reachable from the internet", text.Stdout);
        var json = CliRunner.Run("matrix", "--exposure", "-f", "json", "--focus", "shop/web[Deployment]", file);
        Assert.Equal(0, json.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Stdout);
        var only = Assert.Single(doc.RootElement.GetProperty("exposure").EnumerateArray());
        Assert.Equal("shop/Deployment/web", only.GetProperty("id").GetString());
        Assert.Equal("podsInNamespaces", only.GetProperty("ingress").GetProperty("peers")[1].GetProperty("kind").GetString());
        Assert.Contains("| `shop/Deployment/web` | egress |", CliRunner.Run("matrix", "--exposure", "-f", "md", file).Stdout);
        Assert.Equal(2, CliRunner.Run("matrix", "--exposure", "-f", "csv", file).ExitCode);
    }
}
