using KubeNetLint.Core;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules.Ingresses;

/// <summary>KNL206/KNL207 with certificates made in the test, against the tests' clock (2026-01-01).</summary>
public sealed class TlsRuleTests
{
    private static readonly DateTimeOffset Y2025 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Data(TestCertificate t, string? key = null) =>
        $"data:\n  tls.crt: {TestCertificate.Base64(t.CertificatePem)}\n  tls.key: {TestCertificate.Base64(key ?? t.Pkcs8KeyPem)}";

    private static List<string> Tls(Core.Rules.LintResult result) =>
        result.Reported.Where(f => f.RuleId is "KNL205" or "KNL206" or "KNL207" or "KNL208")
            .Select(f => $"{f.RuleId}:{f.Level.ToName()}@{f.Line}").ToList();

    [Fact]
    public void A_good_secret_is_silent()
    {
        var t = TestCertificate.Create(sans: ["shop.example.com"]);
        Assert.Empty(Lint.Text(TestCertificate.Manifests(Data(t))).Brief());
    }

    [Fact]
    public void Expiry_warning_window_comes_from_the_config()
    {
        // Expires 45 days after the clock: silent with the default 30 days, a warning with 60.
        var t = TestCertificate.Create(sans: ["shop.example.com"], notBefore: Y2025, notAfter: Repo.Now.AddDays(45));
        var yaml = TestCertificate.Manifests(Data(t));
        Assert.Empty(Lint.Text(yaml).Brief());
        var found = Lint.Text(yaml, config: Lint.Config("certificateExpiryWarningDays: 60"));
        Assert.Equal(["KNL207:warning@40"], Tls(found));
        Assert.Contains("in 45 days", found.Reported.Single().Message, StringComparison.Ordinal);
        Assert.Empty(Lint.Text(yaml, config: Lint.Config("certificateExpiryWarningDays: 0")).Brief());
    }

    [Fact]
    public void Expired_and_not_yet_valid_are_errors()
    {
        var expired = TestCertificate.Create(sans: ["shop.example.com"], notBefore: Y2025, notAfter: Repo.Now.AddSeconds(-1));
        var future = TestCertificate.Create(sans: ["shop.example.com"], notBefore: Repo.Now.AddDays(1), notAfter: Repo.Now.AddDays(400));
        Assert.Equal(["KNL207:error@40"], Tls(Lint.Text(TestCertificate.Manifests(Data(expired)))));
        Assert.Equal(["KNL207:error@40"], Tls(Lint.Text(TestCertificate.Manifests(Data(future)))));
    }

    [Fact]
    public void Validity_bounds_are_inclusive_like_go_x509()
    {
        // crypto/x509 rejects a certificate only when now is before NotBefore or after NotAfter: both
        // instants themselves are valid.
        var startsNow = TestCertificate.Create(sans: ["shop.example.com"], notBefore: Repo.Now, notAfter: Repo.Now.AddDays(400));
        var endsNow = TestCertificate.Create(sans: ["shop.example.com"], notBefore: Y2025, notAfter: Repo.Now);
        Assert.Empty(Tls(Lint.Text(TestCertificate.Manifests(Data(startsNow)))));
        // Valid, and inside any warning window: a warning that it expires today, not an expiry error.
        var last = Lint.Text(TestCertificate.Manifests(Data(endsNow)));
        Assert.Equal(["KNL207:warning@40"], Tls(last));
        Assert.Contains("(in 0 days)", last.Reported.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_warning_window_is_open_at_its_far_end()
    {
        // Exactly 30 days left with the default window of 30 days: not yet a warning; a second less is one.
        var exactly = TestCertificate.Create(sans: ["shop.example.com"], notBefore: Y2025, notAfter: Repo.Now.AddDays(30));
        var inside = TestCertificate.Create(sans: ["shop.example.com"], notBefore: Y2025, notAfter: Repo.Now.AddDays(30).AddSeconds(-1));
        Assert.Empty(Tls(Lint.Text(TestCertificate.Manifests(Data(exactly)))));
        var found = Lint.Text(TestCertificate.Manifests(Data(inside)));
        Assert.Equal(["KNL207:warning@40"], Tls(found));
        Assert.Contains("(in 29 days)", found.Reported.Single().Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public void An_uncovered_host_message_lists_at_most_ten_names(int count, bool elided)
    {
        var sans = Enumerable.Range(1, count).Select(i => $"n{i}.example.org").ToArray();
        var t = TestCertificate.Create(sans: sans);
        var message = Lint.Text(TestCertificate.Manifests(Data(t))).Reported.Single(f => f.RuleId == "KNL207").Message;
        Assert.Contains("it is valid for n1.example.org, ", message, StringComparison.Ordinal);
        Assert.Contains("n10.example.org", message, StringComparison.Ordinal);
        Assert.DoesNotContain("n11.example.org", message, StringComparison.Ordinal);
        Assert.Equal(elided, message.Contains("n10.example.org, …)", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_uncovered_host_is_reported_at_the_host()
    {
        var t = TestCertificate.Create(sans: ["shop.example.com", "*.example.com"]);
        var result = Lint.Text(TestCertificate.Manifests(Data(t), hosts: "[shop.example.com, a.example.com, a.b.example.com, example.com]"));
        // KNL208: a.example.com and the others are served by no rule of the Ingress.
        Assert.Equal(["KNL207:error@7", "KNL207:error@7", "KNL208:warning@7", "KNL208:warning@7", "KNL208:warning@7"],
            Tls(result).Order(StringComparer.Ordinal).ToList());
        Assert.Equal("    - hosts: [shop.example.com, a.example.com, ".Length + 1,
            result.Reported.First(f => f.RuleId == "KNL207" && f.Message.Contains("'a.b.example.com'", StringComparison.Ordinal)).Column);
    }

    [Fact]
    public void Key_mismatch_points_at_the_secret()
    {
        var t = TestCertificate.Create(sans: ["shop.example.com"]);
        var other = TestCertificate.Create(sans: ["shop.example.com"], rsa: true);
        var result = Lint.Text(TestCertificate.Manifests(Data(t, other.TraditionalKeyPem)));
        Assert.Equal(["KNL207:error@40"], Tls(result));
        // Related: the tls.key field, then the Ingress that uses the Secret.
        Assert.Equal([44, 8], result.Reported.Single().Related.Select(r => r.Location.Line));
    }

    [Fact]
    public void A_key_that_cannot_be_read_is_reported_once_and_not_compared()
    {
        // The certificate is fine; tls.key is PEM but no valid key: KNL206 says so, KNL207 has nothing to compare.
        var t = TestCertificate.Create(sans: ["shop.example.com"]);
        var result = Lint.Text(TestCertificate.Manifests(Data(t, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")));
        Assert.Equal(["KNL206:error@44"], Tls(result));
        Assert.Contains("tls.key of Secret 'shop-tls' has a PRIVATE KEY block that is not a valid key", result.Reported.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void String_data_wins_over_data()
    {
        var good = TestCertificate.Create(sans: ["shop.example.com"]);
        var indented = string.Join("\n", good.CertificatePem.Trim().Split('\n').Select(l => "    " + l));
        var yaml = TestCertificate.Manifests($"data:\n  tls.crt: bm90IGEgY2VydAo=\n  tls.key: {TestCertificate.Base64(good.Pkcs8KeyPem)}\nstringData:\n  tls.crt: |\n{indented}");
        Assert.Empty(Lint.Text(yaml).Brief());
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("github")]
    [InlineData("sarif")]
    public void Secret_material_never_appears_in_any_output(string format)
    {
        // An expired certificate with a key of another certificate: findings point into the Secret.
        var cert = TestCertificate.Create(sans: ["shop.example.com"], notBefore: Y2025, notAfter: Y2025.AddDays(30));
        var key = TestCertificate.Create().Pkcs8KeyPem;
        var yaml = TestCertificate.Manifests(Data(cert, key)) + "\n---\n" +
            IngressYaml.DefaultBackendIngress("broken", "tls:\n  - secretName: broken-tls") + "\n" + """
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: broken-tls
            type: kubernetes.io/tls
            stringData:
              tls.crt: "-----BEGIN CERTIFICATE-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n-----END CERTIFICATE-----\n"
              tls.key: "c2VjcmV0LWtleS1tYXRlcmlhbA=="
            """;
        var result = CliRunner.RunWithStdin(yaml, "check", "-", "--format", format);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("KNL207", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("KNL206", result.Stdout, StringComparison.Ordinal);
        var secrets = new[]
        {
            TestCertificate.Base64(cert.CertificatePem), TestCertificate.Base64(key), "QUJDREVGR0hJSktMTU5PUFFS", "c2VjcmV0LWtleS1tYXRlcmlhbA",
        };
        var pemLines = (cert.CertificatePem + key).Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----", StringComparison.Ordinal));
        foreach (var s in secrets.Select(s => s[..Math.Min(24, s.Length)]).Concat(pemLines.Select(l => l[..20])))
        {
            Assert.DoesNotContain(s, result.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(s, result.Stderr, StringComparison.Ordinal);
        }
    }
}
