using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KubeNetLint.Core.Rules.Ingresses;

/// <summary>What KubeNetLint needs to know about a certificate: never the bytes, only the validity window,
/// the names it is valid for and its public key (to compare with the private key).</summary>
public sealed record CertificateInfo(DateTimeOffset NotBefore, DateTimeOffset NotAfter, IReadOnlyList<string> Names, bool NamesFromSan, string KeyAlgorithm, byte[]? PublicKey)
{
    public bool CoversHost(string host) => Names.Any(n => HostNames.Covers(n, host));
}

/// <summary>A private key reduced to its public half: the algorithm OID and, for algorithms .NET reads
/// (RSA, ECDSA), the SubjectPublicKeyInfo. The private key itself is dropped at once.</summary>
public sealed record PublicKeyOf(string Algorithm, byte[]? SubjectPublicKeyInfo);

/// <summary>Parses PEM certificates and private keys with the BCL. Every problem is described without
/// quoting any of the material.</summary>
public static class PemMaterial
{
    public const string RsaOid = "1.2.840.113549.1.1.1";
    public const string EcOid = "1.2.840.10045.2.1";
    private static readonly string[] KeyLabels = new string[] { "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" };

    /// <summary>The PEM blocks of a text, in order, as (label, DER). Null when a block is malformed.</summary>
    public static List<(string Label, byte[] Der)>? Blocks(string text)
    {
        var blocks = new List<(string, byte[])>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            var der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out int written)) return null;
            blocks.Add((label, der[..written]));
            rest = rest[fields.Location.End..];
        }
        // A BEGIN line that TryFind could not pair with its END line is a broken block, not "no PEM".
        return rest.Contains("-----BEGIN ", StringComparison.Ordinal) ? null : blocks;
    }

    /// <summary>Reads the first certificate of tls.crt (the leaf; the rest is the chain).</summary>
    public static CertificateInfo? ReadCertificate(string text, out string? problem)
    {
        var blocks = Blocks(text);
        if (blocks is null) { problem = "has a malformed PEM block (a BEGIN line without its END line, or bad base64 inside)"; return null; }
        var cert = blocks.FirstOrDefault(b => b.Label == "CERTIFICATE");
        if (cert.Der is null)
        {
            problem = blocks.Count == 0
                ? "is not PEM: it has no -----BEGIN CERTIFICATE----- block"
                : blocks.Any(b => KeyLabels.Contains(b.Label))
                    ? "holds a private key, not a certificate (are tls.crt and tls.key swapped?)"
                    : $"has no CERTIFICATE block (found {string.Join(", ", blocks.Select(b => b.Label).Distinct())})";
            return null;
        }
        var info = ParseCertificate(cert.Der);
        problem = info is null ? "has a CERTIFICATE block that is not a valid X.509 certificate" : null;
        return info;
    }

    /// <summary>One DER certificate (a CERTIFICATE block's content); null when it is not valid X.509.</summary>
    public static CertificateInfo? ParseCertificate(byte[] der)
    {
        try
        {
            using var x509 = X509CertificateLoader.LoadCertificate(der);
            var (names, fromSan) = NamesOf(x509);
            return new CertificateInfo(
                new DateTimeOffset(x509.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                new DateTimeOffset(x509.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                names, fromSan, x509.PublicKey.Oid.Value ?? "", PublicKeyInfo(x509));
        }
        // A public key on a curve the crypto library does not know fails here too, as Go's x509 parser
        // rejects it ("unsupported elliptic curve"), so no Go controller can use the certificate either.
        catch (Exception e) when (e is CryptographicException || e is PlatformNotSupportedException)
        // Stryker disable once Block : an emptied catch falls through to the `return default` Stryker appends, which is this null
        {
            return null;
        }
    }

    /// <summary>Reads a CA bundle (a BackendTLSPolicy's `ca.crt`): every CERTIFICATE block, in order, each
    /// parsed or null when it is not valid X.509. Null, with <paramref name="problem"/>, when the text is not
    /// PEM, has a malformed block, or holds no CERTIFICATE block at all.</summary>
    public static IReadOnlyList<CertificateInfo?>? ReadCertificateBundle(string text, out string? problem)
    {
        var blocks = Blocks(text);
        if (blocks is null) { problem = "has a malformed PEM block (a BEGIN line without its END line, or bad base64 inside)"; return null; }
        var certs = blocks.Where(b => b.Label == "CERTIFICATE").ToList();
        if (certs.Count == 0)
        {
            problem = blocks.Count == 0
                ? "is not PEM: it has no -----BEGIN CERTIFICATE----- block"
                : $"has no CERTIFICATE block (found {string.Join(", ", blocks.Select(b => b.Label).Distinct())})";
            return null;
        }
        problem = null;
        return certs.Select(c => ParseCertificate(c.Der)).ToList();
    }

    /// <summary>DNS names of the Subject Alternative Name extension; the subject CN only when there is no SAN
    /// extension at all (clients ignore the CN when SANs are present).</summary>
    private static (IReadOnlyList<string>, bool) NamesOf(X509Certificate2 cert)
    {
        foreach (var ext in cert.Extensions)
        {
            if (ext.Oid?.Value != "2.5.29.17") continue;
            var san = new X509SubjectAlternativeNameExtension(ext.RawData, ext.Critical);
            return (san.EnumerateDnsNames().ToList(), true);
        }
        var cn = new List<string>();
        foreach (var rdn in cert.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.GetSingleElementType().Value != "2.5.4.3") continue;
            var value = rdn.GetSingleElementValue();
            if (!string.IsNullOrEmpty(value)) cn.Add(value);
        }
        return (cn, false);
    }

    private static byte[]? PublicKeyInfo(X509Certificate2 cert)
    {
        switch (cert.PublicKey.Oid.Value)
        {
            case RsaOid:
                using (var rsa = cert.GetRSAPublicKey()) return rsa?.ExportSubjectPublicKeyInfo();
            case EcOid:
                using (var ec = cert.GetECDsaPublicKey()) return ec?.ExportSubjectPublicKeyInfo();
            default:
                return null;
        }
    }

    /// <summary>Reads the first private key of tls.key and keeps only its public half.</summary>
    public static PublicKeyOf? ReadPrivateKey(string text, out string? problem)
    {
        var blocks = Blocks(text);
        if (blocks is null) { problem = "has a malformed PEM block (a BEGIN line without its END line, or bad base64 inside)"; return null; }
        var key = blocks.FirstOrDefault(b => KeyLabels.Contains(b.Label));
        if (key.Der is null)
        {
            problem = blocks.Count == 0
                ? "is not PEM: it has no -----BEGIN PRIVATE KEY----- block"
                : blocks.Any(b => b.Label == "CERTIFICATE")
                    ? "holds a certificate, not a private key (are tls.crt and tls.key swapped?)"
                    : $"has no private key block (found {string.Join(", ", blocks.Select(b => b.Label).Distinct())})";
            return null;
        }
        problem = null;
        try
        {
            switch (key.Label)
            {
                case "ENCRYPTED PRIVATE KEY":
                    problem = "is an encrypted private key; ingress controllers need the key unencrypted";
                    return null;
                case "RSA PRIVATE KEY":
                    using (var rsa = RSA.Create()) { rsa.ImportRSAPrivateKey(key.Der, out _); return new(RsaOid, rsa.ExportSubjectPublicKeyInfo()); }
                case "EC PRIVATE KEY":
                    using (var ec = ECDsa.Create()) { ec.ImportECPrivateKey(key.Der, out _); return new(EcOid, ec.ExportSubjectPublicKeyInfo()); }
                default:
                    var algorithm = Pkcs8Algorithm(key.Der);
                    if (algorithm == RsaOid)
                        using (var rsa = RSA.Create()) { rsa.ImportPkcs8PrivateKey(key.Der, out _); return new(RsaOid, rsa.ExportSubjectPublicKeyInfo()); }
                    if (algorithm == EcOid)
                        using (var ec = ECDsa.Create()) { ec.ImportPkcs8PrivateKey(key.Der, out _); return new(EcOid, ec.ExportSubjectPublicKeyInfo()); }
                    // Ed25519 and others: well-formed, but .NET cannot derive the public key to compare.
                    return new(algorithm, null);
            }
        }
        catch (Exception e) when (e is CryptographicException || e is AsnContentException)
        {
            problem = $"has a {key.Label} block that is not a valid key";
            return null;
        }
        catch (PlatformNotSupportedException)
        {
            // A curve the platform's crypto library does not know: well-formed as far as .NET reads it, but its
            // public key cannot be derived, so it is not compared (like Ed25519 below).
            return new(key.Label switch { "RSA PRIVATE KEY" => RsaOid, "EC PRIVATE KEY" => EcOid, _ => Pkcs8Algorithm(key.Der) }, null);
        }
    }

    /// <summary>The algorithm OID of a PKCS#8 PrivateKeyInfo: SEQUENCE { version, SEQUENCE { OID, … }, OCTET STRING }.</summary>
    private static string Pkcs8Algorithm(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var info = reader.ReadSequence();
        info.ReadInteger();
        var algorithm = info.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        info.ReadOctetString();
        return oid;
    }

    /// <summary>True or false when the key can be compared with the certificate; null when neither .NET nor the
    /// algorithm OIDs can tell (an algorithm .NET does not read, like Ed25519, on both sides).</summary>
    public static bool? KeyMatches(CertificateInfo cert, PublicKeyOf key)
    {
        var certKey = cert.PublicKey;
        var keyInfo = key.SubjectPublicKeyInfo;
        if (certKey is not null && keyInfo is not null) return certKey.AsSpan().SequenceEqual(keyInfo);
        if (cert.KeyAlgorithm.Length > 0 && key.Algorithm.Length > 0 && cert.KeyAlgorithm != key.Algorithm &&
            !IsRsaFamily(cert.KeyAlgorithm, key.Algorithm)) return false;
        return null;
    }

    // RSASSA-PSS certificates (1.2.840.113549.1.1.10) may carry plain RSA keys: do not call those a mismatch.
    private static bool IsRsaFamily(string a, string b) => a.StartsWith("1.2.840.113549.1.1.", StringComparison.Ordinal) && b.StartsWith("1.2.840.113549.1.1.", StringComparison.Ordinal);
}
