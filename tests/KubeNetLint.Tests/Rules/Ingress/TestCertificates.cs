using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace KubeNetLint.Tests.Rules.Ingresses;

/// <summary>A self-signed certificate made in the test, with chosen names and dates, and its key in the
/// PEM forms controllers accept.</summary>
public sealed record TestCertificate(string CertificatePem, string Pkcs8KeyPem, string TraditionalKeyPem)
{
    public static TestCertificate Create(string? commonName = "shop.example.com", string[]? sans = null,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool rsa = false)
    {
        using AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedName(commonName is null ? "O=KubeNetLint tests" : "CN=" + commonName);
        var request = key is RSA r
            ? new CertificateRequest(subject, r, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
        if (sans is { Length: > 0 })
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var s in sans) san.AddDnsName(s);
            request.CertificateExtensions.Add(san.Build());
        }
        using var cert = request.CreateSelfSigned(notBefore ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            notAfter ?? new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var traditional = key is RSA rk ? rk.ExportRSAPrivateKeyPem() : ((ECDsa)key).ExportECPrivateKeyPem();
        return new TestCertificate(cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), traditional);
    }

    public static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    /// <summary>An Ingress for shop.example.com with TLS from Secret shop-tls, the Service it routes to, and
    /// the Secret with the given data lines (already indented).</summary>
    public static string Manifests(string secretData, string hosts = "[shop.example.com]") => $$"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          tls:
            - hosts: {{hosts}}
              secretName: shop-tls
          rules:
            - host: shop.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: web
                        port:
                          number: 80
        ---
        {{IngressYaml.WebService}}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: shop-tls
        type: kubernetes.io/tls
        {{secretData}}
        """;
}
