using System.Text;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Ingresses;

using KubeNetLint.Core.Model;

/// <summary>An Ingress `tls[]` entry that names a Secret.</summary>
public sealed record TlsReference(Ingress Ingress, IngressTls Tls, string SecretName, ScalarNode SecretNameNode);

/// <summary>A problem with a Secret's TLS content (KNL206), at the Secret field at fault.</summary>
public sealed record SecretProblem(Node Node, string Message);

/// <summary>What one TLS Secret holds, checked once and shared by KNL206 and KNL207. Values are decoded
/// only to parse them; nothing here keeps or prints them.</summary>
public sealed class TlsSecretContent
{
    public const string TlsType = "kubernetes.io/tls";
    public const string CertKey = "tls.crt";
    public const string PrivateKeyKey = "tls.key";

    public required Secret Secret { get; init; }
    /// <summary>The Ingress `tls[]` entries that use this Secret, in input order.</summary>
    public required IReadOnlyList<TlsReference> UsedBy { get; init; }
    /// <summary>The Gateway API listeners (of Gateways and ListenerSets) whose certificateRefs name this
    /// Secret and may use it (same namespace, or allowed by a ReferenceGrant).</summary>
    public IReadOnlyList<Listener> Listeners { get; init; } = [];
    public List<SecretProblem> Problems { get; } = [];
    public CertificateInfo? Certificate { get; private set; }
    /// <summary>The `tls.crt` key node: where certificate problems point, and the related location of host findings.</summary>
    public ScalarNode? CertificateNode { get; private set; }
    public PublicKeyOf? Key { get; private set; }
    public ScalarNode? KeyNode { get; private set; }

    /// <summary>Every Secret used by an Ingress TLS entry in its own namespace, inspected once per run.</summary>
    public static IReadOnlyList<TlsSecretContent> All(AnalysisContext context) =>
        context.Shared("ingress.tls-secrets", () => Inspect(context));

    /// <summary>Every Secret a TLS-terminating Gateway API listener names and may use (kind Secret of the
    /// core group, in its own namespace or allowed by a ReferenceGrant), when it is in the input.</summary>
    public static IEnumerable<(Listener Listener, ObjectRef Ref, Secret Secret)> ListenerCertificates(AnalysisContext context)
    {
        var routes = context.Graph.Routes;
        foreach (var l in context.Model.Gateways.SelectMany(g => g.Listeners).Concat(context.Model.ListenerSets.SelectMany(s => s.Listeners)))
        {
            if (!l.TerminatesTls) continue;
            var ns = l.Owner.Namespace ?? "default";
            foreach (var c in l.CertificateRefs)
            {
                if (c.Group != "" || c.Kind != "Secret") continue;
                var target = c.Namespace ?? ns;
                if (!routes.Permitted(GatewayApi.Group, l.Owner.Kind, ns, "", "Secret", target, c.Name)) continue;
                var secret = context.Graph.FindSecret(target, c.Name);
                if (secret is not null) yield return (l, c, secret);
            }
        }
    }

    public static IEnumerable<TlsReference> References(ResourceModel model) =>
        from ing in model.Ingresses
        from tls in ing.Tls
        where !string.IsNullOrEmpty(tls.SecretName) && tls.SecretNameNode is not null
        select new TlsReference(ing, tls, tls.SecretName!, tls.SecretNameNode!);

    private static List<TlsSecretContent> Inspect(AnalysisContext context)
    {
        var bySecret = new Dictionary<Secret, List<TlsReference>>(ReferenceEqualityComparer.Instance);
        var order = new List<Secret>();
        foreach (var r in References(context.Model))
        {
            var secret = context.Graph.FindSecret(r.Ingress.Namespace, r.SecretName);
            if (secret is null) continue;
            var refs = bySecret.GetValueOrDefault(secret);
            if (refs is null) { bySecret[secret] = refs = []; order.Add(secret); }
            refs.Add(r);
        }
        var listeners = new Dictionary<Secret, List<Listener>>(ReferenceEqualityComparer.Instance);
        foreach (var (listener, cert, secret) in ListenerCertificates(context))
        {
            if (!bySecret.ContainsKey(secret)) { bySecret[secret] = []; order.Add(secret); }
            var list = listeners.GetValueOrDefault(secret);
            if (list is null) listeners[secret] = list = [];
            list.Add(listener);
        }
        var result = new List<TlsSecretContent>();
        foreach (var secret in order)
        {
            var content = new TlsSecretContent { Secret = secret, UsedBy = bySecret[secret], Listeners = listeners.GetValueOrDefault(secret) ?? [] };
            content.Read();
            result.Add(content);
        }
        return result;
    }

    private void Read()
    {
        bool rightType = Secret.Type == TlsType;
        var cert = Entry(CertKey);
        var key = Entry(PrivateKeyKey);
        if (!rightType)
        {
            var missing = cert is null && key is null ? $" and it has neither {CertKey} nor {PrivateKeyKey}" : "";
            Problems.Add(new((Node?)Secret.TypeNode ?? (Node?)Secret.Resource.NameNode ?? Secret.Resource.Root,
                $"Secret '{Secret.Name}' has type {Secret.Type}{(Secret.TypeNode is null ? " (the default)" : "")}{missing}; a Secret used for TLS must have type {TlsType} with {CertKey} and {PrivateKeyKey}"));
        }
        else if (cert is null || key is null)
        {
            var what = cert is null && key is null ? $"neither {CertKey} nor {PrivateKeyKey}" : $"no {(cert is null ? CertKey : PrivateKeyKey)}";
            var root = Secret.Resource.Root;
            Node at = (Node?)root.KeyNode("data") ?? (Node?)root.KeyNode("stringData") ?? (Node?)Secret.TypeNode ?? Secret.Resource.Root;
            Problems.Add(new(at, $"Secret '{Secret.Name}' has {what} in data or stringData; a {TlsType} Secret needs both (the API server rejects it)"));
        }

        var certText = cert is null ? null : Text(cert);
        if (cert is not null && certText is not null)
        {
            CertificateNode = cert.KeyNode;
            Certificate = PemMaterial.ReadCertificate(certText, out var problem);
            if (problem is not null) Problems.Add(new(cert.KeyNode, $"{CertKey} of Secret '{Secret.Name}' {problem}"));
        }
        var keyText = key is null ? null : Text(key);
        if (key is not null && keyText is not null)
        {
            KeyNode = key.KeyNode;
            Key = PemMaterial.ReadPrivateKey(keyText, out var problem);
            if (problem is not null) Problems.Add(new(key.KeyNode, $"{PrivateKeyKey} of Secret '{Secret.Name}' {problem}"));
        }
    }

    private sealed record EntryRef(string Key, ScalarNode KeyNode, Node Value, bool FromStringData);

    /// <summary>The entry for a key; `stringData` wins over `data`, as the API server merges them.</summary>
    private EntryRef? Entry(string key)
    {
        var sk = Secret.StringData?.KeyNode(key);
        if (sk is not null) return new(key, sk, Secret.StringData![key]!, true);
        var dk = Secret.Data?.KeyNode(key);
        if (dk is not null) return new(key, dk, Secret.Data![key]!, false);
        return null;
    }

    /// <summary>The entry's text, or null after recording why it has none.</summary>
    private string? Text(EntryRef e)
    {
        var where = $"{e.Key} of Secret '{Secret.Name}'";
        var scalar = e.Value as ScalarNode;
        if (scalar is null)
        {
            Problems.Add(new(e.KeyNode, $"{where} must be a string, not a {e.Value.KindName}"));
            return null;
        }
        string text = "";
        if (e.FromStringData) text = scalar.IsNull ? "" : scalar.Value;
        else
        {
            var bytes = DecodeBase64(scalar.IsNull ? "" : scalar.Value);
            if (bytes is null)
            {
                Problems.Add(new(e.KeyNode, $"{where} is not valid base64 (values under `data` are base64; put PEM text under `stringData` instead)"));
                return null;
            }
            text = Encoding.UTF8.GetString(bytes);
        }
        if (text.Trim().Length == 0)
        {
            Problems.Add(new(e.KeyNode, $"{where} is empty"));
            return null;
        }
        return text;
    }

    /// <summary>Standard base64 with padding, as Go's encoding/json decodes []byte: line breaks are
    /// ignored, any other whitespace or character is an error.</summary>
    public static byte[]? DecodeBase64(string value)
    {
        var compact = value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        if (compact.Length % 4 != 0) return null;
        foreach (var ch in compact)
            if (!(char.IsAsciiLetterOrDigit(ch) || ch == '+' || ch == '/' || ch == '=')) return null;
        var buffer = new byte[compact.Length];   // room enough: base64 decodes to 3/4 of its length
        return Convert.TryFromBase64String(compact, buffer, out int written) ? buffer[..written] : null;
    }
}
