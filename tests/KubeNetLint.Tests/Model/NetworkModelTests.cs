using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;
using static KubeNetLint.Tests.Model.ModelKit;

namespace KubeNetLint.Tests.Model;

/// <summary>NetworkPolicies, admin policies, Services and Ingresses as the model reads them, with the
/// API server's defaults.</summary>
public sealed class NetworkModelTests
{
    private static NetworkPolicy Policy(string spec) => Build($"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {"{name: np}"}
        spec:
        {spec}
        """).NetworkPolicies.Single();

    [Fact]
    public void An_empty_policyTypes_is_defaulted_like_an_absent_one()
    {
        // pkg/apis/networking/v1/defaults.go: len(PolicyTypes) == 0 → [Ingress] (+ Egress when len(egress) != 0).
        var p = Policy("""
              policyTypes: []
              egress: [{}]
            """);
        Assert.False(p.PolicyTypesWritten);
        Assert.True(p.AffectsIngress);
        Assert.True(p.AffectsEgress);
    }

    [Fact]
    public void An_empty_egress_list_does_not_make_the_policy_an_egress_policy()
    {
        var p = Policy("""
              egress: []
            """);
        Assert.True(p.AffectsIngress);
        Assert.False(p.AffectsEgress);
    }

    [Fact]
    public void Written_policyTypes_decide_and_non_strings_in_them_are_type_errors()
    {
        var model = Build("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np}
            spec:
              policyTypes: [Egress, true, 7, ~]
            """);
        var p = model.NetworkPolicies[0];
        Assert.True(p.PolicyTypesWritten);
        Assert.False(p.AffectsIngress);
        Assert.True(p.AffectsEgress);
        Assert.Equal(["5:25 spec.policyTypes[] a string", "5:31 spec.policyTypes[] a string"], Errors(model));
    }

    [Fact]
    public void Empty_from_and_ports_lists_mean_every_peer_and_port()
    {
        var p = Policy("""
              ingress:
                - from: []
                  ports: []
                - from: [{podSelector: {}}]
                  ports: [{port: 80}, {protocol: UDP, port: dns, endPort: 60}]
            """);
        Assert.Null(p.IngressRules[0].Peers);
        Assert.Null(p.IngressRules[0].Ports);
        Assert.NotNull(p.IngressRules[0].PeersNode);
        Assert.Single(p.IngressRules[1].Peers!);
        Assert.Equal(["TCP 80 ", "UDP dns 60"], p.IngressRules[1].Ports!.Select(x => $"{x.Protocol} {x.Port} {x.EndPort}"));
    }

    [Theory]
    [InlineData("podSelector: ~", "5:16")]
    [InlineData("podSelector: [a]", "5:16")]
    [InlineData("podSelector: {matchLabels: {app: web}}", "5:16")]
    public void The_pod_selector_node_is_the_value_as_written(string line, string at)
    {
        var p = Policy("  " + line);
        Assert.NotNull(p.PodSelectorNode);
        Assert.Equal(at, At(p.PodSelectorNode!));
    }

    [Fact]
    public void Without_podSelector_there_is_no_node()
    {
        var p = Policy("  ingress: []");
        Assert.Null(p.PodSelectorNode);
        Assert.True(p.PodSelector.IsEmpty);
    }

    [Fact]
    public void Admin_policy_ports_keep_their_protocol_and_default_to_TCP()
    {
        var model = Build("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: anp}
            spec:
              priority: 10
              subject: {namespaces: {}}
              ingress:
                - action: Allow
                  from: [{namespaces: {}}]
                  ports:
                    - portNumber: {protocol: UDP, port: 53}
                    - portNumber: {port: 80}
                    - portRange: {protocol: SCTP, start: 1000, end: 2000}
                    - portRange: {start: 3000, end: 3001}
            """);
        var ports = model.AdminPolicies[0].IngressRules[0].Ports!;
        Assert.Equal(["UDP 53-53", "TCP 80-80", "SCTP 1000-2000", "TCP 3000-3001"], ports.Select(p => $"{p.Protocol} {p.Low}-{p.High}"));
    }

    [Fact]
    public void A_targetPort_of_0_or_empty_reads_as_the_port_but_points_at_the_targetPort()
    {
        var model = Build("""
            apiVersion: v1
            kind: Service
            metadata: {name: s}
            spec:
              ports:
                - {port: 80, targetPort: 0}
                - {port: 81}
                - {port: 82, targetPort: http}
                - {port: 83, targetPort: ""}
            """);
        var ports = model.Services[0].Ports;
        Assert.Equal((80, "6:30"), (ports[0].EffectiveTarget!.Number!.Value, At(ports[0].EffectiveTarget!.Node)));
        Assert.Equal((81, "7:14"), (ports[1].EffectiveTarget!.Number!.Value, At(ports[1].EffectiveTarget!.Node)));
        Assert.Equal("http", ports[2].EffectiveTarget!.Name);
        // SetDefaults_Service: a targetPort of 0 or "" becomes the port.
        Assert.Equal((83, null, "9:30"), (ports[3].EffectiveTarget!.Number, ports[3].EffectiveTarget!.Name, At(ports[3].EffectiveTarget!.Node)));
    }

    [Theory]
    [InlineData("80", "")]
    [InlineData("8080", "KNL103@20:30")]
    public void An_empty_targetPort_sends_traffic_to_the_port(string containerPort, string finding)
    {
        // Before the model defaulted "" like the API server does, KNL203 said the Ingress backend had no endpoints.
        var model = Build($"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {"{name: web}"}
            spec:
              selector: {"{matchLabels: {app: web}}"}
              template:
                metadata: {"{labels: {app: web}}"}
                spec:
                  containers:
                    - name: app
                      image: nginx:1.27
                      ports: [{"{"}containerPort: {containerPort}{"}"}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {"{name: web}"}
            spec:
              selector: {"{app: web}"}
              ports:
                - {"{port: 80, targetPort: \"\"}"}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {"{name: web}"}
            spec:
              ingressClassName: nginx
              rules:
                - http:
                    paths:
                      - {"{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}"}
            """);
        var findings = Core.Rules.LintEngine.Run(model, Core.Config.LintConfig.Empty).Findings;
        Assert.Equal(finding, string.Join(" ", findings.Select(f => $"{f.RuleId}@{f.Location.Line}:{f.Location.Span.StartColumn}")));
    }

    [Theory]
    [InlineData("2147483647", 2147483647, null)]
    [InlineData("-2147483648", -2147483648, null)]
    [InlineData("2147483648", null, "a 32-bit integer")]
    [InlineData("-2147483649", null, "a 32-bit integer")]
    [InlineData("1.5", null, "an integer")]
    public void Integers_are_32_bit(string text, int? value, string? expected)
    {
        var model = Build($"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {"{name: d}"}
            spec:
              replicas: {text}
            """);
        Assert.Equal(value, model.Workloads[0].Replicas);
        Assert.Equal(expected is null ? [] : [$"5:13 spec.replicas {expected}"], Errors(model));
    }

    [Theory]
    [InlineData("2147483647", 2147483647, null)]
    [InlineData("-2147483648", -2147483648, null)]
    [InlineData("2147483648", null, "a 32-bit integer or a string")]
    [InlineData("-2147483649", null, "a 32-bit integer or a string")]
    [InlineData("true", null, "an integer or a string")]
    public void Int_or_string_numbers_are_32_bit(string text, int? value, string? expected)
    {
        var model = Build($"""
            apiVersion: v1
            kind: Service
            metadata: {"{name: s}"}
            spec:
              ports:
                - port: 80
                  targetPort: {text}
            """);
        Assert.Equal(value, model.Services[0].Ports[0].TargetPort?.Number);
        Assert.Equal(expected is null ? [] : [$"7:19 spec.ports[].targetPort {expected}"], Errors(model));
    }

    [Fact]
    public void An_ingress_backend_port_is_a_number_or_a_name_string()
    {
        var model = Build("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: i}
            spec:
              defaultBackend: {service: {name: a}}
              rules:
                - http:
                    paths:
                      - {path: /a, backend: {service: {name: a, port: {number: 80}}}}
                      - {path: /b, backend: {service: {name: b, port: {name: http}}}}
                      - {path: /c, backend: {service: {name: c, port: {name: 80}}}}
            """);
        var ingress = model.Ingresses[0];
        var backends = ingress.Backends.ToList();
        Assert.Equal(["a -", "a 80", "b http", "c -"], backends.Select(b => $"{b.ServiceName} {b.ServicePort?.ToString() ?? "-"}"));
        Assert.Equal(["11:66 spec.rules[].http.paths[].backend.service.port.name a string"], Errors(model));
        // The port's node when there is one, else the backend's.
        Assert.Equal("5:19", At(backends[0].PortNodeOrBackend));
        Assert.Equal("9:68", At(backends[1].PortNodeOrBackend));
    }
}
