using KubeNetLint.Core.Rules.Ingresses;

namespace KubeNetLint.Tests.Rules.Ingresses;

public sealed class PemMaterialTests
{
    private static readonly TestCertificate Ec = TestCertificate.Create(sans: ["shop.example.com", "*.apps.example.com"]);
    private static readonly TestCertificate Rsa = TestCertificate.Create(rsa: true, sans: ["shop.example.com"]);

    [Fact]
    public void Reads_dates_and_san_names()
    {
        var cert = PemMaterial.ReadCertificate(Ec.CertificatePem, out var problem);
        Assert.Null(problem);
        Assert.NotNull(cert);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), cert.NotBefore);
        Assert.Equal(new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero), cert.NotAfter);
        Assert.True(cert.NamesFromSan);
        Assert.Equal(["shop.example.com", "*.apps.example.com"], cert.Names);
        Assert.True(cert.CoversHost("x.apps.example.com"));
        Assert.False(cert.CoversHost("apps.example.com"));
    }

    [Fact]
    public void Uses_the_common_name_only_without_a_san_extension()
    {
        var cnOnly = PemMaterial.ReadCertificate(TestCertificate.Create("legacy.example.com").CertificatePem, out _)!;
        Assert.False(cnOnly.NamesFromSan);
        Assert.Equal(["legacy.example.com"], cnOnly.Names);
        // With SANs present, the CN is not a name (clients ignore it).
        var withSan = PemMaterial.ReadCertificate(TestCertificate.Create("cn.example.com", ["san.example.com"]).CertificatePem, out _)!;
        Assert.False(withSan.CoversHost("cn.example.com"));
        Assert.Empty(PemMaterial.ReadCertificate(TestCertificate.Create(commonName: null).CertificatePem, out _)!.Names);
    }

    [Fact]
    public void The_leaf_is_the_first_certificate_of_a_chain()
    {
        var chain = Ec.CertificatePem + "\n" + Rsa.CertificatePem;
        var cert = PemMaterial.ReadCertificate(chain, out _)!;
        Assert.Contains("*.apps.example.com", cert.Names);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Keys_in_every_form_match_their_certificate(bool rsa)
    {
        var t = rsa ? Rsa : Ec;
        var cert = PemMaterial.ReadCertificate(t.CertificatePem, out _)!;
        foreach (var pem in new[] { t.Pkcs8KeyPem, t.TraditionalKeyPem })
        {
            var key = PemMaterial.ReadPrivateKey(pem, out var problem);
            Assert.Null(problem);
            Assert.True(PemMaterial.KeyMatches(cert, key!));
        }
    }

    [Fact]
    public void A_key_of_another_certificate_does_not_match()
    {
        var cert = PemMaterial.ReadCertificate(Ec.CertificatePem, out _)!;
        var otherEc = PemMaterial.ReadPrivateKey(TestCertificate.Create().Pkcs8KeyPem, out _)!;
        var rsaKey = PemMaterial.ReadPrivateKey(Rsa.TraditionalKeyPem, out _)!;
        Assert.False(PemMaterial.KeyMatches(cert, otherEc));
        Assert.False(PemMaterial.KeyMatches(cert, rsaKey));
    }

    [Fact]
    public void An_unknown_key_algorithm_is_not_called_a_mismatch()
    {
        var cert = PemMaterial.ReadCertificate(Ec.CertificatePem, out _)!;
        Assert.Null(PemMaterial.KeyMatches(cert with { PublicKey = null, KeyAlgorithm = "1.3.101.112" }, new PublicKeyOf("1.3.101.112", null)));
        // An Ed25519 PKCS#8 key (RFC 8410 test vector) is well-formed; .NET cannot derive its public key.
        const string ed25519 = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
        var key = PemMaterial.ReadPrivateKey(ed25519, out var problem);
        Assert.Null(problem);
        Assert.Equal(new PublicKeyOf("1.3.101.112", null), key);
        Assert.False(PemMaterial.KeyMatches(cert, key!));   // EC certificate, Ed25519 key: different algorithms
    }

    /// <summary>The PEM with its P-256 curve OID (1.2.840.10045.3.1.7) turned into 1.3.6.72.10045.3.1.7, a
    /// curve no crypto library knows.</summary>
    private static string OnUnknownCurve(string pem)
    {
        var fields = System.Security.Cryptography.PemEncoding.Find(pem);
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        byte[] p256 = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];
        int at = der.AsSpan().IndexOf(p256);
        Assert.True(at >= 0);
        der[at + 2] = 0x2B;
        der[at + 3] = 0x06;
        return new string(System.Security.Cryptography.PemEncoding.Write(pem[fields.Label], der));
    }

    [Fact]
    public void A_curve_the_platform_does_not_know_is_not_a_crash_nor_a_mismatch()
    {
        // Seen by the pipeline fuzzer: the import threw PlatformNotSupportedException, which nothing caught.
        var cert = PemMaterial.ReadCertificate(Ec.CertificatePem, out _)!;
        foreach (var pem in new[] { OnUnknownCurve(Ec.TraditionalKeyPem), OnUnknownCurve(Ec.Pkcs8KeyPem) })
        {
            var key = PemMaterial.ReadPrivateKey(pem, out var problem);
            Assert.Null(problem);
            Assert.Equal(new PublicKeyOf(PemMaterial.EcOid, null), key);
            Assert.Null(PemMaterial.KeyMatches(cert, key!));
        }
        // A certificate on such a curve is unusable (Go's x509 parser rejects it too): said, not thrown.
        Assert.Null(PemMaterial.ReadCertificate(OnUnknownCurve(Ec.CertificatePem), out var certProblem));
        Assert.Contains("not a valid X.509 certificate", certProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_both_public_keys_the_algorithms_decide()
    {
        const string ed25519 = "1.3.101.112", rsaPss = "1.2.840.113549.1.1.10";
        var ec = PemMaterial.ReadCertificate(Ec.CertificatePem, out _)!;
        var rsaCert = PemMaterial.ReadCertificate(Rsa.CertificatePem, out _)!;
        var rsaKey = PemMaterial.ReadPrivateKey(Rsa.Pkcs8KeyPem, out _)!;
        // An RSASSA-PSS certificate may carry a plain RSA key, and the reverse: not a mismatch, whichever side
        // has no public key .NET can read.
        Assert.Null(PemMaterial.KeyMatches(ec with { PublicKey = null, KeyAlgorithm = rsaPss }, rsaKey));
        Assert.Null(PemMaterial.KeyMatches(rsaCert, new PublicKeyOf(rsaPss, null)));
        // The RSA family on one side only is a mismatch, in both directions.
        Assert.False(PemMaterial.KeyMatches(ec with { PublicKey = null, KeyAlgorithm = rsaPss }, new PublicKeyOf(ed25519, null)));
        Assert.False(PemMaterial.KeyMatches(ec with { PublicKey = null, KeyAlgorithm = ed25519 }, new PublicKeyOf(rsaPss, null)));
        // An algorithm that is not known on either side cannot be compared.
        Assert.Null(PemMaterial.KeyMatches(ec with { PublicKey = null, KeyAlgorithm = "" }, new PublicKeyOf(ed25519, null)));
        Assert.Null(PemMaterial.KeyMatches(ec with { PublicKey = null, KeyAlgorithm = ed25519 }, new PublicKeyOf("", null)));
    }

    [Theory]
    [InlineData("hello world", "is not PEM")]
    [InlineData("", "is not PEM")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIB\n", "malformed PEM")]
    [InlineData("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n", "malformed PEM")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "not a valid X.509")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "no CERTIFICATE block (found PUBLIC KEY)")]
    public void Certificate_problems(string text, string expected)
    {
        Assert.Null(PemMaterial.ReadCertificate(text, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Swapped_certificate_and_key_are_named()
    {
        Assert.Null(PemMaterial.ReadCertificate(Ec.Pkcs8KeyPem, out var certProblem));
        Assert.Contains("swapped", certProblem, StringComparison.Ordinal);
        Assert.Null(PemMaterial.ReadPrivateKey(Ec.CertificatePem, out var keyProblem));
        Assert.Contains("swapped", keyProblem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a key", "is not PEM")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIIB\n", "malformed PEM")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "not a valid key")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n", "not a valid key")]
    [InlineData("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n", "not a valid key")]
    [InlineData("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n", "encrypted")]
    public void Key_problems(string text, string expected)
    {
        Assert.Null(PemMaterial.ReadPrivateKey(text, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Base64_keeps_plus_and_slash()
    {
        Assert.Equal([0xFB, 0xFF, 0xBF], TlsSecretContent.DecodeBase64("+/+/"));
        Assert.Equal([0xFF, 0xFF], TlsSecretContent.DecodeBase64("//8="));
        Assert.Null(TlsSecretContent.DecodeBase64("+/+_"));
        Assert.Null(TlsSecretContent.DecodeBase64("aG=s"));
    }

    [Theory]
    [InlineData("aGVsbG8=", "hello")]
    [InlineData("aGVs\nbG8=", "hello")]
    [InlineData("aGVs\r\nbG8=\n", "hello")]
    [InlineData("", "")]
    [InlineData("aGVs bG8=", null)]
    [InlineData("aGVsbG8", null)]
    [InlineData("aGVsbG8=!", null)]
    [InlineData("-----BEGIN CERTIFICATE-----", null)]
    public void Base64_is_decoded_like_the_api_server(string value, string? expected)
    {
        var bytes = TlsSecretContent.DecodeBase64(value);
        Assert.Equal(expected, bytes is null ? null : System.Text.Encoding.ASCII.GetString(bytes));
    }
}
