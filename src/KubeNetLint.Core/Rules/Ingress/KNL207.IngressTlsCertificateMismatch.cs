using System.Globalization;

namespace KubeNetLint.Core.Rules.Ingresses;

public sealed class IngressTlsCertificateMismatch : Rule
{
    public override RuleInfo Info { get; } = new("KNL207", "ingress-tls-certificate-mismatch", Level.Error,
        "An Ingress TLS certificate is expired or not yet valid, does not cover a TLS host, or does not match its private key; it warns when it expires soon.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var now = context.Now;
        int warnDays = context.Config.CertificateExpiryWarningDays;
        foreach (var content in TlsSecretContent.All(context))
        {
            var cert = content.Certificate;
            var certNode = content.CertificateNode;
            if (cert is null || certNode is null) continue;
            var secret = content.Secret;
            // Validity and key findings point at the Secret, with its field and its users as related locations.
            var at = secret.Resource.Location;
            var what = $"the certificate in {TlsSecretContent.CertKey} of Secret '{secret.Name}'";
            RelatedLocation[] FieldAndUsers(Loading.Node field, string name) =>
                [Related(field, $"{name} of Secret '{secret.Name}'"), .. IngressTlsSecretInvalid.UsedBy(content)];

            var left = cert.NotAfter.Subtract(now);
            if (now < cert.NotBefore)
                yield return At(at, $"{what} is not valid before {Date(cert.NotBefore)}; clients reject it until then", secret.Resource, FieldAndUsers(certNode, TlsSecretContent.CertKey));
            else if (now > cert.NotAfter)
                yield return At(at, $"{what} expired on {Date(cert.NotAfter)}; clients reject it", secret.Resource, FieldAndUsers(certNode, TlsSecretContent.CertKey));
            // Here 0 <= left, so a window of 0 days (the setting's "off") never warns.
            else if (left < TimeSpan.FromDays(warnDays))
            {
                int days = (int)Math.Floor(left.TotalDays);
                yield return At(at, $"{what} expires on {Date(cert.NotAfter)} (in {Days(days)}); renew it (warning threshold: {Days(warnDays)}, setting certificateExpiryWarningDays)",
                    secret.Resource, FieldAndUsers(certNode, TlsSecretContent.CertKey)) with { Level = Level.Warning };
            }

            var key = content.Key;
            var keyNode = content.KeyNode;
            if (key is not null && keyNode is not null && PemMaterial.KeyMatches(cert, key) == false)
                yield return At(at, $"{TlsSecretContent.PrivateKeyKey} of Secret '{secret.Name}' does not belong to the certificate in {TlsSecretContent.CertKey} (their public keys differ); the controller cannot use the pair",
                    secret.Resource, FieldAndUsers(keyNode, TlsSecretContent.PrivateKeyKey));

            var names = cert.Names.Count == 0 ? "it has no DNS names" : $"it is valid for {string.Join(", ", cert.Names.Take(10))}{(cert.Names.Count > 10 ? ", …" : "")}";
            foreach (var r in content.UsedBy)
                foreach (var (host, node) in r.Tls.Hosts)
                    if (!cert.CoversHost(host))
                        yield return At(node, $"TLS host '{host}' of Ingress '{r.Ingress.Name}' is not covered by {what} ({names}); clients reject the connection for this host",
                            r.Ingress.Resource, Related(certNode, $"certificate of Secret '{secret.Name}'"));
            // Gateway API listeners: the listener hostname must be covered too (a wildcard listener by a wildcard name).
            foreach (var l in content.Listeners)
            {
                var host = l.Hostname;
                var hostNode = l.HostnameNode;
                if (host is not null && hostNode is not null && !cert.CoversHost(host))
                    yield return At(hostNode, $"hostname '{host}' of listener '{l.Name}' of {l.Owner.Kind} '{l.Owner.Name}' is not covered by {what} ({names}); clients reject the connection for this host",
                        l.Owner, Related(certNode, $"certificate of Secret '{secret.Name}'"));
            }
        }
    }

    internal static string Date(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
    private static string Days(int n) => n == 1 ? "1 day" : $"{n.ToString(CultureInfo.InvariantCulture)} days";
}
