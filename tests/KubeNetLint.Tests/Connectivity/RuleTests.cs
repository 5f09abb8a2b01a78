using KubeNetLint.Tests.Infrastructure;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>KNL3xx behaviour the fixtures cannot show: findings inside the config file, rules sharing one
/// analysis, and rules staying quiet on the corpus traps.</summary>
public sealed class RuleTests
{
    private static readonly string App = Deployment("shop", "api", "app: api", "9090") + Deployment("shop", "web", "app: web");

    [Fact]
    public void An_expectation_naming_an_unknown_endpoint_is_reported_at_the_config_entry()
    {
        var config = Lint.Config("""
            connectivity:
              expect:
                - {from: shop/Deployment/wbe, to: shop/Deployment/api, allowed: true}
                - {from: shop/Deployment/web, to: shop/Deployment/api, port: http, allowed: true}
                - {from: shop/Deployment/web, to: shop/Deployment/api, port: 9090/TCP, allowed: true}
            """);
        var findings = Lint.Text(App, config: config).Reported.Where(f => f.RuleId == "KNL310").ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal(".kubenetlint.yaml", findings[0].Path);
        Assert.Equal(3, findings[0].Line);
        Assert.Contains("'shop/Deployment/wbe' is not an endpoint of the input", findings[0].Message);
        Assert.Contains("did you mean shop/Deployment/web", findings[0].Message);
        Assert.Equal(4, findings[1].Line);
        Assert.Contains("port 'http' is not a port", findings[1].Message);
    }

    [Fact]
    public void A_cidr_expectation_covers_every_external_range_it_overlaps()
    {
        var policy = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}}
              ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}}]}]
            """;
        var config = Lint.Config("connectivity:\n  expect:\n    - {from: 0.0.0.0/0, to: shop/Deployment/api, allowed: false}\n");
        var findings = Lint.Text(App + policy, config: config).Reported.Where(f => f.RuleId == "KNL310").ToList();
        var finding = Assert.Single(findings);
        Assert.Contains("external/10.0.0.0-10.255.255.255 -> shop/Deployment/api to be denied, but it is allowed", finding.Message);
    }

    [Fact]
    public void The_connectivity_rules_are_quiet_on_microservices_demo_and_argo_cd()
    {
        if (!Repo.HasShared) return;
        var corpus = Path.Combine(Repo.Shared, "corpus");
        foreach (var paths in new[]
                 {
                     new[] { Path.Combine(corpus, "microservices-demo", "kubernetes-manifests"), Path.Combine(corpus, "microservices-demo", "network-policies") },
                     [Path.Combine(corpus, "argo-cd", "install.yaml")],
                     [Path.Combine(corpus, "argo-cd", "ha", "install.yaml")],
                 })
        {
            var findings = Lint.Paths(paths).Reported.Where(f => f.RuleId.StartsWith("KNL3", StringComparison.Ordinal)).ToList();
            Assert.True(findings.Count == 0, string.Join("\n", findings.Select(f => $"{f.Path}:{f.Line}: {f.RuleId} {f.Message}")));
        }
    }
}
