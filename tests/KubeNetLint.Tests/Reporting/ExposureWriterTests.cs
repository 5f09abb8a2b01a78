using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Reporting.Connectivity;
using KubeNetLint.Tests.Connectivity;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Reporting;

/// <summary>`matrix --exposure` writers: exact text, Markdown and JSON for isolated, open and named-port sides.</summary>
public sealed class ExposureWriterTests
{
    private const string Yaml = """
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
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: shut, namespace: shop}
        spec:
          selector: {matchLabels: {app: shut}}
          template:
            metadata: {labels: {app: shut}}
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
            ports: [{port: http}]
          - from: [{ipBlock: {cidr: 192.168.0.0/16, except: []}}]
            ports: [{port: 443}]
          egress:
          - to: [{podSelector: {}}]
            ports: [{port: grpc}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: shut, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: shut}}
          policyTypes: [Ingress]
        """;

    private static IReadOnlyList<WorkloadExposure> All() => Exposure.Compute(Net.Analyze(Yaml));
    private static IReadOnlyList<WorkloadExposure> One(string id) => [All().Single(e => e.Endpoint.Id == id)];

    private static string Run(Action<IReadOnlyList<WorkloadExposure>, TextWriter> writer, IReadOnlyList<WorkloadExposure> x)
    {
        var sw = new StringWriter();
        writer(x, sw);
        return sw.ToString();
    }

    [Fact]
    public void Text_lists_open_closed_and_named_port_sides_and_counts_the_workloads()
    {
        Golden.Assert("exposure/exposure.txt", Run(ExposureWriters.Text, All()));
        // One workload is "workload", not "workloads".
        Assert.Equal(
            "shop/Deployment/open\n" +
            "  ingress: not isolated: from anyone, all ports (internet: all)\n" +
            "  egress: not isolated: to anyone, all ports (internet: all)\n" +
            "1 workload; 1 reachable from the internet, 1 not isolated for ingress, 1 not isolated for egress.\n",
            Run(ExposureWriters.Text, One("shop/Deployment/open")));
    }

    [Fact]
    public void Text_of_no_workloads_is_only_the_count()
    {
        Assert.Equal("0 workloads; 0 reachable from the internet, 0 not isolated for ingress, 0 not isolated for egress.\n",
            Run(ExposureWriters.Text, []));
    }

    [Fact]
    public void Markdown_has_a_row_per_side()
    {
        Golden.Assert("exposure/exposure.md", Run(ExposureWriters.Markdown, All()));
    }

    [Fact]
    public void Json_writes_except_and_named_ports_only_when_there_are_some()
    {
        var json = Run(ExposureWriters.Json, All());
        Golden.Assert("exposure/exposure.json", json);
        // `except: []` is written as no except at all.
        Assert.Equal(1, json.Split("\"except\"").Length - 1);
        Assert.Equal(1, json.Split("\"namedPorts\"").Length - 1);
        Assert.Equal("{\n  \"exposure\": []\n}\n", Run(ExposureWriters.Json, []));
    }
}
