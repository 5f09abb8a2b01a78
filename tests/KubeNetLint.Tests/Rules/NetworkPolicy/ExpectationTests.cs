using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;
using static KubeNetLint.Tests.Connectivity.Net;

namespace KubeNetLint.Tests.Rules.NetworkPolicy;

/// <summary>KNL310: which problem of a wrong `connectivity.expect` entry is named, suggestions, and where
/// a failed expectation points (the rule that allows it, the open side, the last hop of a path).</summary>
public sealed class ExpectationTests
{
    private static readonly string App =
        Namespace("shop") + Namespace("other") +
        Deployment("shop", "web", "app: web") + Deployment("shop", "api", "app: api", "9090") +
        Deployment("shop", "db", "app: db", "5432", "8080") + Deployment("other", "client", "app: client");

    private static string Namespace(string name) => $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n  labels: {{team: {name}}}\n---\n";

    private static List<Finding> Knl310(string yaml, string config) =>
        [.. Lint.Text(yaml, config: Lint.Config(config)).Reported.Where(f => f.RuleId == "KNL310")];

    private static int LineOf(string text, string fragment) =>
        text[..text.IndexOf(fragment, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Theory]
    [InlineData("")]
    [InlineData(", transitive: true")]
    public void Of_several_wrong_parts_the_first_is_named_from_then_to_then_port(string transitive)
    {
        var findings = Knl310(App, $$"""
            connectivity:
              expect:
                - {from: shop/Deployment/wbe, to: shop/Deployment/apj, port: http{{transitive}}, allowed: true}
                - {from: shop/Deployment/web, to: shop/Deployment/apj, port: http{{transitive}}, allowed: true}
                - {from: shop/Deployment/web, to: shop/Deployment/api, port: http{{transitive}}, allowed: true}
                - {from: qqqqqqqqqqqqqqqqqqqqqqqq, to: shop/Deployment/api{{transitive}}, allowed: true}
            """);
        Assert.Equal([3, 4, 5, 6], findings.Select(f => f.Line));
        Assert.All(findings, f => Assert.Equal(".kubenetlint.yaml", f.Path));
        Assert.StartsWith("connectivity.expect at .kubenetlint.yaml:3: 'shop/Deployment/wbe' is not an endpoint of the input", findings[0].Message);
        Assert.Matches("; did you mean [^?]*shop/Deployment/web[^?]*\\?$", findings[0].Message);
        Assert.DoesNotContain("apj", findings[0].Message);
        Assert.StartsWith("connectivity.expect at .kubenetlint.yaml:4: 'shop/Deployment/apj' is not an endpoint of the input", findings[1].Message);
        Assert.Matches("; did you mean [^?]*shop/Deployment/api[^?]*\\?$", findings[1].Message);
        Assert.DoesNotContain("port", findings[1].Message.Replace("Deployment", ""));
        Assert.StartsWith("connectivity.expect at .kubenetlint.yaml:5: port 'http' is not a port", findings[2].Message);
        // Nothing close: no suggestion at all.
        Assert.StartsWith("connectivity.expect at .kubenetlint.yaml:6: 'qqqqqqqqqqqqqqqqqqqqqqqq' is not an endpoint of the input (", findings[3].Message);
        Assert.DoesNotContain("did you mean", findings[3].Message);
        Assert.EndsWith(").", findings[3].Message);
    }

    /// <summary>db lets web in on 8080 (ingress rule 1) and on 5432 (rule 2).</summary>
    private const string DbFromWebOn8080Then5432 = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress:
            - from: [{podSelector: {matchLabels: {app: web}}}]
              ports: [{port: 8080}]
            - from: [{podSelector: {matchLabels: {app: web}}}]
              ports: [{port: 5432}]
        """;

    [Fact]
    public void A_connection_that_should_be_denied_points_at_the_rule_allowing_its_port()
    {
        var yaml = App + DbFromWebOn8080Then5432;
        var f = Assert.Single(Knl310(yaml, "connectivity:\n  expect:\n    - {from: shop/Deployment/web, to: shop/Deployment/db, port: 5432, allowed: false}\n"));
        Assert.Equal(("test.yaml", LineOf(yaml, "    - from: [{podSelector: {matchLabels: {app: web}}}]\n      ports: [{port: 5432}]")),
            (f.Path, f.Line));
        Assert.Contains("but it is allowed: ingress rule 2 of NetworkPolicy 'db' allows TCP 5432", f.Message);
    }

    [Fact]
    public void A_connection_an_admin_allow_lets_through_an_isolated_destination_points_at_the_open_source()
    {
        // The db is isolated for ingress and its policy allows nothing from web, but an Admin tier Allow
        // decides first; web's egress is not isolated: that open side is named, at web.
        const string policies = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              policyTypes: [Ingress]
            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: allow-shop}
            spec:
              priority: 10
              subject: {pods: {namespaceSelector: {matchLabels: {team: shop}}, podSelector: {matchLabels: {app: db}}}}
              ingress: [{action: Allow, from: [{namespaces: {matchLabels: {team: shop}}}]}]
            """;
        var yaml = App + policies;
        var f = Assert.Single(Knl310(yaml, "connectivity:\n  expect:\n    - {from: shop/Deployment/web, to: shop/Deployment/db, port: 5432, allowed: false}\n"));
        Assert.Equal(("test.yaml", LineOf(yaml, "  name: web\n")), (f.Path, f.Line));
        Assert.Contains("but it is allowed: decided tier by tier", f.Message);
        Assert.Equal("shop/Deployment/web", f.Subject!.Id);
    }

    [Fact]
    public void A_path_that_should_not_exist_is_explained_on_the_expected_port_at_its_last_hop()
    {
        var yaml = App + DbFromWebOn8080Then5432;
        var f = Assert.Single(Knl310(yaml,
            "connectivity:\n  expect:\n    - {from: shop/Deployment/web, to: shop/Deployment/db, port: 5432/TCP, transitive: true, allowed: false}\n"));
        // The rule that lets the last hop in on 5432 (not the one for 8080) is blamed.
        Assert.Equal(("test.yaml", LineOf(yaml, "    - from: [{podSelector: {matchLabels: {app: web}}}]\n      ports: [{port: 5432}]")),
            (f.Path, f.Line));
        Assert.Contains("a path of 1 hop leads there: (1) shop/Deployment/web -> shop/Deployment/db on TCP 5432,8080", f.Message);
        Assert.Contains("ingress rule 2 of NetworkPolicy shop/db allows TCP 5432", f.Message);
        Assert.DoesNotContain("ingress rule 1", f.Message);
    }

    [Fact]
    public void A_path_no_rule_opens_points_at_the_first_open_side_of_its_last_hop()
    {
        // No policy at all: no reason names a rule; the first located one is that web's egress is open.
        var f = Assert.Single(Knl310(App,
            "connectivity:\n  expect:\n    - {from: shop/Deployment/web, to: shop/Deployment/db, transitive: true, allowed: false}\n"));
        Assert.Equal(("test.yaml", LineOf(App, "  name: web\n")), (f.Path, f.Line));
        Assert.Contains("(1) shop/Deployment/web -> shop/Deployment/db on all (shop/Deployment/web is not isolated for egress, shop/Deployment/db is not isolated for ingress)", f.Message);
        Assert.Equal((LineOf(App, "  name: db\n"), "shop/Deployment/db is not isolated for ingress."), (f.Related[0].Location.Line, f.Related[0].Message));
        Assert.Equal(".kubenetlint.yaml", f.Related[^1].Location.Path);
    }
}
