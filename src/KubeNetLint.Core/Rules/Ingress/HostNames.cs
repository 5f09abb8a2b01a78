namespace KubeNetLint.Core.Rules.Ingresses;

/// <summary>Ingress host names: the API server's validation (DNS-1123 subdomain, wildcard only as a whole
/// first label, no IP address) and the matching rules a TLS client applies to certificate names.</summary>
public static class HostNames
{
    private const int MaxLength = 253;
    private const int MaxLabel = 63;

    /// <summary>Why a host is not acceptable as an Ingress host, or null when it is.</summary>
    public static string? Problem(string host)
    {
        if (host.Length == 0) return "is empty";
        if (IsIpAddress(host)) return "is an IP address; Ingress hosts must be DNS names (leave `host` out to match requests to any address)";
        if (host.Length > MaxLength) return $"is longer than {MaxLength} characters";
        var labels = host.Split('.');
        for (int i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (label.Contains('*'))
            {
                if (label != "*" || i != 0) return "has a wildcard that is not the whole first label (only `*.example.com` is allowed)";
                if (labels.Length == 1) return "is a bare `*`; a wildcard host needs a domain after it (`*.example.com`), or leave `host` out to match every host";
                continue;
            }
            if (label.Length == 0)
                return host.EndsWith('.') && i == labels.Length - 1 ? "ends with a dot; write the name without the trailing dot" : "has an empty label (two dots in a row or a leading dot)";
            if (label.Length > MaxLabel) return $"has a label longer than {MaxLabel} characters ('{label[..20]}…')";
            foreach (var c in label)
            {
                if (char.IsAsciiLetterUpper(c)) return "has upper-case letters; host names must be lower case";
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                    return $"contains '{c}', which is not allowed in a DNS name (lower-case letters, digits, '-' and '.')";
            }
            if (label[0] == '-' || label[^1] == '-') return $"has a label ('{label}') that starts or ends with '-'";
        }
        return null;
    }

    /// <summary>An IP address as the API server's Ingress validation reads a host: netutils.ParseIPSloppy, Go's
    /// net.ParseIP after dropping leading zeros of IPv4 parts, so "0010.0.0.1" is one and "1" or "1.2" is not.</summary>
    public static bool IsIpAddress(string host) => KubernetesNames.IsLegacyIpAddress(host);

    public static bool IsWildcard(string host) => host.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>Does a certificate name (or a TLS/rule host) cover a host? Exact names match case-insensitively;
    /// a wildcard `*.example.com` covers exactly one more label (`a.example.com`, not `example.com` nor
    /// `a.b.example.com`). A wildcard host is covered only by the same wildcard.</summary>
    public static bool Covers(string name, string host)
    {
        name = Normalize(name);
        host = Normalize(host);
        if (string.Equals(name, host, StringComparison.OrdinalIgnoreCase)) return true;
        if (!IsWildcard(name) || IsWildcard(host)) return false;
        int dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(host[(dot + 1)..], name[2..], StringComparison.OrdinalIgnoreCase);
    }

    private static string Normalize(string name) => name.EndsWith('.') ? name[..^1] : name;
}
