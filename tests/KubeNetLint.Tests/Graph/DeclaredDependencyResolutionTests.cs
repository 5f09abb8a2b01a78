using KubeNetLint.Core.Graph;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Graph;

/// <summary>How DeclaredDependencies classifies and resolves the hosts AddressScanner finds (docs/semantics.md §10):
/// DNS-1035 limits, cluster built-ins, pod names under Services, unqualified names in free text, and values
/// read from ConfigMaps that are not strings.</summary>
public sealed class DeclaredDependencyResolutionTests
{
    private static readonly string Manifest = Path.Combine(Repo.TestData, "graph", "dependencies.yaml");

    private static ResourceGraph Build()
    {
        return Lint.Graph([Manifest]);
    }

    private static string Describe(DeclaredDependency d) =>
        $"{d.Caller.Name} {d.Source} {d.Variable ?? "-"} {d.Address} svc={d.ServiceName} ns={d.Namespace} pod={d.PodName ?? "-"} qualified={d.Qualified} {d.Status} {d.PortStatus}";

    [Fact]
    public void Every_address_of_the_api_resolves_once()
    {
        // Left out: the ConfigMap without data; the mapping, null and number values of the other; a pod name
        // under a Service that is not headless (web-0.web: not in DNS); an unqualified `web:9999` among the
        // args that names none of web's ports (as likely an image tag). Kept: the same with a namespace
        // (web.shop:9999), and `web:80`, which names web's port. The input's own `kubernetes` Service is an
        // ordinary Service; kube-dns, not in the input, is a cluster built-in.
        Assert.Equal(
            [
                "api ConfigMap WEB_URL http://web.shop:80 svc=web ns=shop pod=- qualified=True Service Exposed",
                "api Env K8S_URL https://kubernetes.default.svc:443 svc=kubernetes ns=default pod=- qualified=True Service Exposed",
                "api Env DNS_HOST kube-dns.kube-system.svc svc=kube-dns ns=kube-system pod=- qualified=True ClusterBuiltIn Unspecified",
                "api Env REPLICA_URL postgres://db-0.db.shop.svc:5432/app svc=db ns=shop pod=db-0 qualified=True Service NotApplicable",
                "api Args - web:80 svc=web ns=shop pod=- qualified=False Service Exposed",
                "api Args - web.shop:9999 svc=web ns=shop pod=- qualified=True Service NotExposed",
            ], Build().Dependencies.All.Select(Describe));
    }

    [Theory]
    [InlineData("web", "web - -")]
    [InlineData("web.shop", "web shop -")]
    [InlineData("web.other.svc", "web other -")]
    [InlineData("web-0.web.shop.svc.cluster.local", "web shop web-0")]
    [InlineData("1web", null)]
    [InlineData("localhost", null)]
    [InlineData("web.unknown", null)]
    [InlineData("web..svc", null)]
    public void Classify(string host, string? expected)
    {
        var c = Build().Dependencies.Classify(host);
        Assert.Equal(expected, c is null ? null : $"{c.Value.Service} {c.Value.Namespace ?? "-"} {c.Value.Pod ?? "-"}");
    }

    [Fact]
    public void Service_and_namespace_names_have_at_most_63_characters()
    {
        var deps = Build().Dependencies;
        string name63 = "s" + new string('x', 62), name64 = name63 + "x";
        Assert.Equal(name63, deps.Classify(name63)?.Service);
        Assert.Null(deps.Classify(name64));
        Assert.Equal(name63, deps.Classify($"web.{name63}.svc")?.Namespace);
        Assert.Null(deps.Classify($"web.{name64}.svc"));
    }
}
