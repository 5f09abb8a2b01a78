using KubeNetLint.Core.Model;
using static KubeNetLint.Tests.Model.ModelKit;

namespace KubeNetLint.Tests.Model;

/// <summary>prometheus-operator custom resources read as the workloads the operator runs.</summary>
public sealed class OperatorWorkloadTests
{
    private static string Ports(Container c) => string.Join(", ", c.Ports.Select(p => $"{p.Name}:{p.Number}/{p.Protocol}"));

    [Fact]
    public void Written_containers_patch_the_operators_by_name_and_ports_by_number()
    {
        var model = Build("""
            apiVersion: monitoring.coreos.com/v1
            kind: Prometheus
            metadata: {name: k8s, namespace: monitoring}
            spec:
              hostNetwork: true
              containers:
                - name: prometheus
                  ports: [{containerPort: 9090, name: http}, {containerPort: 9999, name: extra}]
                - name: config-reloader
                  ports: [{containerPort: 8080, protocol: UDP}]
                - name: kube-rbac-proxy
                  ports: [{containerPort: 9443, name: https}]
            """);
        var w = Assert.Single(model.Workloads);
        var containers = w.Template.Containers;
        Assert.Equal(["prometheus", "config-reloader", "kube-rbac-proxy"], containers.Select(c => c.Name));
        Assert.Equal("http:9090/TCP, extra:9999/TCP", Ports(containers[0]));
        Assert.Equal("reloader-web:8080/UDP", Ports(containers[1]));
        Assert.Equal("https:9443/TCP", Ports(containers[2]));
        Assert.True(w.Template.HostNetwork);
    }

    [Fact]
    public void A_patch_port_without_name_or_protocol_keeps_the_operators()
    {
        var model = Build("""
            apiVersion: monitoring.coreos.com/v1
            kind: Alertmanager
            metadata: {name: main}
            spec:
              containers:
                - name: alertmanager
                  ports: [{containerPort: 9093}]
            """);
        var w = Assert.Single(model.Workloads);
        Assert.Equal("web:9093/TCP, mesh-tcp:9094/TCP, mesh-udp:9094/UDP", Ports(w.Template.Containers[0]));
        Assert.False(w.Template.HostNetwork);
    }

    [Fact]
    public void The_operators_containers_point_at_the_spec()
    {
        var model = Build("""
            apiVersion: monitoring.coreos.com/v1
            kind: Prometheus
            metadata: {name: k8s}
            spec:
              replicas: 2
            """);
        var w = model.Workloads[0];
        Assert.All(w.Template.Containers, c => Assert.Same(w.Resource.Spec, c.Node));
        Assert.All(w.Template.Ports, p => Assert.Same(w.Resource.Spec, p.Node));
        Assert.Equal(2, w.Replicas);
    }
}
