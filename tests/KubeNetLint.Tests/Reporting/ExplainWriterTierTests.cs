using System.Text.Json;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Reporting;

/// <summary>`explain` with the Admin tier: a port mark only on rules that decide, tier rules in JSON only when there are some.</summary>
public sealed class ExplainWriterTierTests
{
    private const string Cluster = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: client, namespace: partner}
        spec:
          selector: {matchLabels: {app: client}}
          template:
            metadata: {labels: {app: client}}
            spec: {containers: [{name: c, image: nginx}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: guard}
        spec:
          priority: 10
          subject: {namespaces: {}}
          ingress:
          - name: deny-all
            action: Deny
            from: [{namespaces: {}}]
          - name: allow-http
            action: Allow
            from: [{namespaces: {}}]
            ports: [{portNumber: {protocol: TCP, port: 80}}]

        """;

    private static string Run(params string[] args)
    {
        var r = CliRunner.RunWithStdin(Cluster, ["explain", "--from", "partner/Deployment/client", "--to", "shop/Deployment/web", "-", .. args]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return r.Stdout;
    }

    [Fact]
    public void Only_rules_that_decide_get_a_port_mark()
    {
        var lines = Run("--port", "80").Split('\n');
        Assert.Contains("    <stdin>:26: ingress rule 1 [deny] [covers 80/TCP]: AdminNetworkPolicy/guard ('deny-all'): Deny rule matches partner/Deployment/client: denies all", lines);
        Assert.Contains("    <stdin>:29: ingress rule 2 [shadowed]: AdminNetworkPolicy/guard ('allow-http'): matches partner/Deployment/client on TCP 80, but rules above decided those ports already", lines);
    }

    [Fact]
    public void Json_lists_tier_rules_only_for_tiers_that_have_some()
    {
        var ingress = JsonDocument.Parse(Run("--format", "json")).RootElement.GetProperty("ingress").GetProperty("tiers").EnumerateArray().ToList();
        Assert.Equal(["Admin", "NetworkPolicy", "Baseline", "Default"], ingress.Select(t => t.GetProperty("tier").GetString()));
        Assert.Equal(["deny", "shadowed"], ingress[0].GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()));
        Assert.All(ingress.Skip(1), t => Assert.False(t.TryGetProperty("rules", out _)));
    }
}
