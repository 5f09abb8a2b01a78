using KubeNetLint.Tests.Infrastructure;
using KubeNetLint.Tests.Rules.Ingresses;

namespace KubeNetLint.Tests.Rules.Gateway;

/// <summary>KNL516 with CA certificates made in the test, against the tests' clock (2026-01-01): the
/// validity bounds, the numbering of broken blocks, and the list of policies in the message.</summary>
public sealed class BackendTlsCaTests
{
    private static readonly DateTimeOffset Y2025 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Policy(string name) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: BackendTLSPolicy
        metadata:
          name: {{name}}
        spec:
          targetRefs:
            - group: ""
              kind: Service
              name: web
          validation:
            caCertificateRefs:
              - group: ""
                kind: ConfigMap
                name: ca
            hostname: web.example.com
        """;

    private static string World(string caPem, params string[] policies)
    {
        var indented = string.Join("\n", caPem.Trim().Split('\n').Select(l => "    " + l));
        var parts = policies.Select(Policy).Append(IngressYaml.WebService).Append($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ca\ndata:\n  ca.crt: |\n{indented}\n");
        return string.Join("\n---\n", parts);
    }

    private static List<Core.Rules.Finding> Knl516(string yaml) => Lint.Text(yaml).Reported.Where(f => f.RuleId == "KNL516").ToList();

    [Fact]
    public void A_ca_is_valid_from_its_not_before_to_its_not_after_inclusive()
    {
        var startsNow = TestCertificate.Create("ca", notBefore: Repo.Now, notAfter: Repo.Now.AddDays(400)).CertificatePem;
        var endsNow = TestCertificate.Create("ca", notBefore: Y2025, notAfter: Repo.Now).CertificatePem;
        Assert.Empty(Knl516(World(startsNow, "p")));
        Assert.Empty(Knl516(World(endsNow, "p")));
        var ended = TestCertificate.Create("ca", notBefore: Y2025, notAfter: Repo.Now.AddSeconds(-1)).CertificatePem;
        var notYet = TestCertificate.Create("ca", notBefore: Repo.Now.AddSeconds(1), notAfter: Repo.Now.AddDays(400)).CertificatePem;
        Assert.Contains("The CA certificate in ca.crt (data) of ConfigMap 'ca'", Assert.Single(Knl516(World(ended, "p"))).Message, StringComparison.Ordinal);
        Assert.Contains(" expired on 2025-12-31 23:59 UTC", Assert.Single(Knl516(World(ended, "p"))).Message, StringComparison.Ordinal);
        Assert.Contains(" is not valid before 2026-01-01 00:00 UTC", Assert.Single(Knl516(World(notYet, "p"))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, "BackendTLSPolicy 'p1' and BackendTLSPolicy 'p2' and BackendTLSPolicy 'p3',")]
    [InlineData(4, "BackendTLSPolicy 'p1' and BackendTLSPolicy 'p2' and BackendTLSPolicy 'p3' and 1 more,")]
    [InlineData(6, "BackendTLSPolicy 'p1' and BackendTLSPolicy 'p2' and BackendTLSPolicy 'p3' and 3 more,")]
    public void The_message_names_three_policies_and_counts_the_others(int count, string expected)
    {
        var expired = TestCertificate.Create("ca", notBefore: Y2025, notAfter: Y2025.AddDays(30)).CertificatePem;
        var finding = Assert.Single(Knl516(World(expired, Enumerable.Range(1, count).Select(i => $"p{i}").ToArray())));
        Assert.Contains("the CA certificate of " + expected, finding.Message, StringComparison.Ordinal);
        Assert.Equal(count, finding.Related.Count);
    }

    [Fact]
    public void A_broken_block_among_valid_ones_is_numbered_from_one()
    {
        var valid = TestCertificate.Create("ca").CertificatePem.Trim();
        var broken = "-----BEGIN CERTIFICATE-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n-----END CERTIFICATE-----";
        var finding = Assert.Single(Knl516(World(valid + "\n" + broken, "p")));
        Assert.Contains("(block 2 of 2)", finding.Message, StringComparison.Ordinal);
        Assert.Equal(Core.Level.Warning, finding.Level);
    }

    [Fact]
    public void Broken_blocks_without_a_valid_one_are_errors_numbered_from_one()
    {
        var broken = "-----BEGIN CERTIFICATE-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n-----END CERTIFICATE-----";
        var findings = Knl516(World(broken + "\n" + broken, "p"));
        Assert.Equal(["(block 1 of 2)", "(block 2 of 2)"], findings.Select(f => f.Message[f.Message.IndexOf("(block", StringComparison.Ordinal)..(f.Message.IndexOf(" of 2)", StringComparison.Ordinal) + 6)]));
        Assert.All(findings, f => Assert.Equal(Core.Level.Error, f.Level));
        Assert.DoesNotContain("(block", Assert.Single(Knl516(World(broken, "p"))).Message, StringComparison.Ordinal);
    }
}
