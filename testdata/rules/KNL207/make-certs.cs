#:property PublishAot=false
// Makes the test certificates of the KNL206/KNL207 fixtures (run once; the output was pasted into the
// fixture Secrets). Usage, from this folder: dotnet run make-certs.cs
// Every certificate is self-signed with fixed dates around the tests' clock (2026-01-01T00:00:00Z).
// Keys are fresh on every run, so running it again gives different (equally valid) fixtures.
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

var certs = new (string Name, string Cn, string[] Sans, DateTimeOffset From, DateTimeOffset To, bool Rsa)[]
{
    ("valid", "shop.example.com", ["shop.example.com", "www.example.com", "*.apps.example.com"], D(2025, 1, 1), D(2035, 1, 1), false),
    ("expired", "shop.example.com", ["shop.example.com"], D(2024, 1, 1), D(2025, 6, 1), false),
    ("future", "shop.example.com", ["shop.example.com"], D(2026, 6, 1), D(2036, 6, 1), false),
    ("expiring", "shop.example.com", ["shop.example.com"], D(2025, 1, 20), D(2026, 1, 20), false),
    ("cn-only", "legacy.example.com", [], D(2025, 1, 1), D(2035, 1, 1), true),
};

foreach (var c in certs)
{
    using AsymmetricAlgorithm key = c.Rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
    var subject = new X500DistinguishedName("CN=" + c.Cn);
    var request = key is RSA rsa
        ? new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
        : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
    if (c.Sans.Length > 0)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in c.Sans) san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
    }
    using var cert = request.CreateSelfSigned(c.From, c.To);
    // RSA keys as PKCS#1 ("RSA PRIVATE KEY"), EC keys as PKCS#8 ("PRIVATE KEY"): both forms are in use.
    var keyPem = key is RSA r ? r.ExportRSAPrivateKeyPem() : key.ExportPkcs8PrivateKeyPem();
    Print(c.Name + ".crt", cert.ExportCertificatePem() + "\n");
    Print(c.Name + ".key", keyPem + "\n");
}

// A key that belongs to no certificate above (for the "key does not match" case).
using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256)) Print("other.key", other.ExportPkcs8PrivateKeyPem() + "\n");

static DateTimeOffset D(int y, int m, int d) => new(y, m, d, 0, 0, 0, TimeSpan.Zero);

static void Print(string name, string pem)
{
    Console.WriteLine($"{name}: {Convert.ToBase64String(Encoding.ASCII.GetBytes(pem))}");
    Console.WriteLine($"{name} (PEM):\n{pem}");
}
