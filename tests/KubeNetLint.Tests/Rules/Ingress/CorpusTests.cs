using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules.Ingresses;

/// <summary>The Ingress rules over ../shared/corpus, per scenario as its source uses it; the verdict of
/// each finding is in ../shared/corpus/FINDINGS.md (missing Services of doc snippets and out-of-band TLS
/// Secrets are true findings; resource backends and a TLS entry without hosts must stay silent).</summary>
public sealed class CorpusTests
{
    private static string Corpus => Path.Combine(Repo.Shared, "corpus");

    public static TheoryData<string, string[]> Scenarios() => new()
    {
        // kubernetes/website: each doc snippet on its own; every Service backend is missing (13 in all).
        { "kubernetes-website/service/networking/example-ingress.yaml", ["KNL201 example-ingress.yaml:15"] },
        { "kubernetes-website/service/networking/minimal-ingress.yaml", ["KNL201 minimal-ingress.yaml:14"] },
        { "kubernetes-website/service/networking/test-ingress.yaml", ["KNL201 test-ingress.yaml:11"] },
        { "kubernetes-website/service/networking/ingress-wildcard-host.yaml", ["KNL201 ingress-wildcard-host.yaml:17", "KNL201 ingress-wildcard-host.yaml:33"] },
        { "kubernetes-website/service/networking/name-virtual-host-ingress.yaml", ["KNL201 name-virtual-host-ingress.yaml:17", "KNL201 name-virtual-host-ingress.yaml:33"] },
        { "kubernetes-website/service/networking/name-virtual-host-ingress-no-third-host.yaml",
            ["KNL201 name-virtual-host-ingress-no-third-host.yaml:17", "KNL201 name-virtual-host-ingress-no-third-host.yaml:33", "KNL201 name-virtual-host-ingress-no-third-host.yaml:48"] },
        { "kubernetes-website/service/networking/simple-fanout-example.yaml", ["KNL201 simple-fanout-example.yaml:17", "KNL201 simple-fanout-example.yaml:28"] },
        { "kubernetes-website/service/networking/tls-example-ingress.yaml", ["KNL201 tls-example-ingress.yaml:23", "KNL205 tls-example-ingress.yaml:13"] },
        { "kubernetes-website/service/networking/ingress-resource-backend.yaml", [] },
        { "kubernetes-website/service/networking/default-ingressclass.yaml", [] },
        // kubernetes/ingress-nginx: each example with http-svc.yaml; TLS Secrets are made by hand (PREREQUISITES.md).
        { "ingress-nginx/docs/examples/affinity/cookie|ingress-nginx/docs/examples/http-svc.yaml", [] },
        { "ingress-nginx/docs/examples/auth/client-certs|ingress-nginx/docs/examples/http-svc.yaml", ["KNL205 ingress.yaml:33"] },
        { "ingress-nginx/docs/examples/tls-termination|ingress-nginx/docs/examples/http-svc.yaml", ["KNL205 ingress.yaml:12"] },
        // static-ip: a TLS entry without hosts is valid; only the out-of-band Secret is reported.
        { "ingress-nginx/docs/examples/static-ip|ingress-nginx/docs/examples/http-svc.yaml", ["KNL205 nginx-ingress.yaml:9"] },
        { "ingress-nginx/docs/examples/multi-tls", ["KNL205 multi-tls.yaml:108", "KNL205 multi-tls.yaml:114"] },
        { "ingress-nginx/docs/examples/chashsubset", [] },
        { "ingress-nginx/docs/examples/customization", [] },
        // docker-registry: `registry.<your domain>` is a placeholder the API server rejects; registry-tls is
        // issued through kubernetes.io/tls-acme.
        { "ingress-nginx/docs/examples/docker-registry/deployment.yaml|ingress-nginx/docs/examples/docker-registry/ingress-with-tls.yaml",
            ["KNL211 ingress-with-tls.yaml:15", "KNL211 ingress-with-tls.yaml:18"] },
        { "ingress-nginx/docs/examples/docker-registry/deployment.yaml|ingress-nginx/docs/examples/docker-registry/ingress-without-tls.yaml",
            ["KNL211 ingress-without-tls.yaml:13"] },
        { "ingress-nginx/deploy", [] },
        // kind: the Ingress has no class and the IngressClass nginx is not default: not a finding.
        { "kind/site/static/examples/ingress", [] },
        { "istio-bookinfo/bookinfo.yaml|istio-bookinfo/bookinfo-ingress.yaml|istio-bookinfo/bookinfo-versions.yaml", [] },
        // A regex path under pathType Prefix (genuine, FINDINGS §4).
        { "kubernetes-examples/AI/model-serving-tensorflow", ["KNL210 ingress.yaml:11"] },
        // No Ingress at all: nothing for these rules.
        { "argo-cd", [] },
        { "kube-prometheus", [] },
        { "microservices-demo", [] },
    };

    [SharedTheory]
    [MemberData(nameof(Scenarios))]
    public void Ingress_rule_findings_are_the_known_ones(string scenario, string[] expected)
    {
        var paths = scenario.Split('|').Select(p => Path.Combine(Corpus, p)).ToList();
        var result = Lint.Paths(paths);
        var actual = result.Reported.Where(f => f.RuleId.StartsWith("KNL2", StringComparison.Ordinal))
            .Select(f => $"{f.RuleId} {Path.GetFileName(f.Path)}:{f.Line}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToList(), actual);
    }

    [SharedFact]
    public void The_whole_website_folder_reports_all_thirteen_missing_services()
    {
        var result = Lint.Paths([Path.Combine(Corpus, "kubernetes-website")]);
        Assert.Equal(13, result.Reported.Count(f => f.RuleId == "KNL201"));
        Assert.DoesNotContain(result.Reported, f => f.Path.EndsWith("ingress-resource-backend.yaml", StringComparison.Ordinal));
    }
}
