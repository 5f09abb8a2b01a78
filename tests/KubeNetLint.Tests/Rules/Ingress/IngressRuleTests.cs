using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules.Ingresses;

/// <summary>Edge cases of the Ingress rules that the fixtures do not spell out.</summary>
public sealed class IngressRuleTests
{
    private const string Web = IngressYaml.WebService;

    private static string TlsIngress(string annotations) =>
        IngressYaml.DefaultBackendIngress("shop", "tls:\n  - secretName: shop-tls", annotations) + "\n---\n" + Web;

    private static List<string> Ids(Core.Rules.LintResult r) => r.Reported.Select(f => f.RuleId).ToList();

    [Theory]
    [InlineData("kubernetes.io/tls-acme: \"true\"", false)]
    [InlineData("kubernetes.io/tls-acme: \"false\"", true)]
    [InlineData("cert-manager.io/issuer: ca", false)]
    [InlineData("cert-manager.io/cluster-issuer: letsencrypt", false)]
    [InlineData("cert-manager.io/cluster-issuer: \"\"", true)]
    [InlineData("", true)]
    public void Cert_manager_annotations_mean_the_secret_is_issued(string annotations, bool reported) =>
        Assert.Equal(reported ? ["KNL205"] : [], Ids(Lint.Text(TlsIngress(annotations))));

    [Fact]
    public void A_certificate_counts_only_in_the_ingress_namespace()
    {
        string Certificate(string ns) => $"""

            ---
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: shop
              namespace: {ns}
            spec:
              secretName: shop-tls
            """;
        Assert.Empty(Ids(Lint.Text(TlsIngress("") + Certificate("default"))));
        Assert.Equal(["KNL205"], Ids(Lint.Text(TlsIngress("") + Certificate("other"))));
    }

    [Fact]
    public void The_message_says_how_to_declare_an_external_secret()
    {
        var f = Lint.Text(TlsIngress("")).Reported.Single();
        Assert.Contains("externalSecrets: [default/shop-tls]", f.Message, StringComparison.Ordinal);
        Assert.Equal(8, f.Line);
        Assert.Empty(Ids(Lint.Text(TlsIngress(""), config: Lint.Config("externalSecrets: [default/shop-tls]"))));
    }

    [Fact]
    public void Workloads_of_another_namespace_do_not_count_as_endpoints()
    {
        var yaml = IngressYaml.DefaultBackendIngress("shop") + "\n" + """
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              annotations: {kubenetlint.io/ignore: KNL101}
            spec:
              selector: {app: web}
              ports:
                - port: 80
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: other
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: nginx
            """;
        Assert.Equal(["KNL203@9:13"], Lint.Text(yaml).Brief());
        Assert.Empty(Lint.Text(yaml.Replace("  namespace: other\n", "", StringComparison.Ordinal)).Brief());
    }

    [Fact]
    public void A_legacy_path_without_path_type_conflicts_with_an_implementation_specific_one()
    {
        var yaml = $$"""
            apiVersion: networking.k8s.io/v1beta1
            kind: Ingress
            metadata:
              name: old
            spec:
              rules:
                - host: shop.example.com
                  http:
                    paths:
                      - path: /api
                        backend: {serviceName: web, servicePort: 80}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: new
            spec:
              rules:
                - host: shop.example.com
                  http:
                    paths:
                      - path: /api
                        pathType: ImplementationSpecific
                        backend: {service: {name: api, port: {number: 80} } }
            ---
            {{Web}}
            ---
            {{Web.Replace("web", "api", StringComparison.Ordinal)}}
            """;
        Assert.Equal(["KNL213@1:13", "KNL209@22:19"], Lint.Text(yaml).Brief());
    }

    [Fact]
    public void The_same_ingress_twice_is_a_duplicate_not_a_conflict()
    {
        var ingress = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: shop
            spec:
              rules:
                - http:
                    paths:
                      - path: /
                        pathType: Prefix
                        backend: {service: {name: web, port: {number: 80}}}
            """;
        Assert.Equal(["KNL004"], Ids(Lint.Text($"{ingress}\n---\n{ingress.Replace("web", "api", StringComparison.Ordinal)}\n---\n{Web}\n---\n{Web.Replace("web", "api", StringComparison.Ordinal)}")));
    }

    [Fact]
    public void Several_default_classes_are_an_error_even_though_the_rule_warns()
    {
        static string DefaultClass(string name) => $$"""
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              name: {{name}}
              annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
            """;
        var yaml = DefaultClass("a") + "\n---\n" + DefaultClass("b");
        var f = Lint.Text(yaml).Reported.Single();
        Assert.Equal(("KNL204", Core.Level.Error, 11), (f.RuleId, f.Level, f.Line));
        Assert.Single(f.Related);
    }
}
