using System.Net;
using System.Text.RegularExpressions;

namespace KubeNetLint.Core.Rules;

/// <summary>The name formats the API server validates (k8s.io/apimachinery/pkg/util/validation). Each
/// check returns null for a valid name, else why it is not, phrased to follow "'x' is not valid: ".</summary>
public static partial class KubernetesNames
{
    /// <summary>RFC 1123 label: Service port names, namespace names.</summary>
    public static string? Dns1123LabelProblem(string value) =>
        value.Length > 63 ? $"it is {value.Length} characters long, at most 63 are allowed"
        : Dns1123Label().IsMatch(value) ? null
        : "it must consist of lowercase letters, digits and '-', and start and end with a letter or digit";

    /// <summary>RFC 1035 label: Service names (they become DNS labels and environment variable names).</summary>
    public static string? Dns1035LabelProblem(string value) =>
        value.Length > 63 ? $"it is {value.Length} characters long, at most 63 are allowed"
        : Dns1035Label().IsMatch(value) ? null
        : "it must consist of lowercase letters, digits and '-', start with a letter and end with a letter or digit";

    /// <summary>RFC 1123 subdomain: DNS names such as an ExternalName.</summary>
    public static string? Dns1123SubdomainProblem(string value) =>
        value.Length > 253 ? $"it is {value.Length} characters long, at most 253 are allowed"
        : Dns1123Subdomain().IsMatch(value) ? null
        : "it must be lowercase labels of letters, digits and '-' separated by dots, each starting and ending with a letter or digit";

    /// <summary>IANA_SVC_NAME (RFC 6335): container port names and named targetPorts.</summary>
    public static string? IanaServiceNameProblem(string value)
    {
        if (value.Length > 15) return $"it is {value.Length} characters long, at most 15 are allowed";
        if (!IanaChars().IsMatch(value)) return "it must consist of lowercase letters, digits and '-'";
        if (value.StartsWith('-') || value.EndsWith('-')) return "it must not start or end with '-'";
        if (value.Contains("--", StringComparison.Ordinal)) return "it must not contain '--'";
        if (!value.Any(char.IsAsciiLetterLower)) return "it must contain at least one letter";
        return null;
    }

    public static bool IsIpAddress(string value) =>
        value.Contains(':', StringComparison.Ordinal) ? IPAddress.TryParse(value, out _) : Ipv4().IsMatch(value);

    /// <summary>An IP address as the API server accepts it in legacy fields such as hostAliases ip
    /// (IsValidIPForLegacyField without strict validation, which is off by default): dotted IPv4 whose parts
    /// may carry leading zeros, or IPv6 (IPv4-mapped forms included), with no zone and no brackets.</summary>
    public static bool IsLegacyIpAddress(string value)
    {
        if (value.Contains(':', StringComparison.Ordinal))
        {
            if (value.IndexOfAny(['[', ']', '%', '/']) >= 0) return false;
            var v6 = IPAddress.TryParse(value, out var parsed) ? parsed : null;
            return v6 is not null && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }
        var parts = value.Split('.');
        if (parts.Length != 4) return false;
        foreach (var part in parts)
        {
            if (part.Length == 0 || !part.All(char.IsAsciiDigit)) return false;
            var digits = part.TrimStart('0');
            if (digits.Length > 3 || (digits.Length > 0 && int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) > 255)) return false;
        }
        return true;
    }

    public static bool IsValidPortNumber(long n) => n is >= 1 and <= 65535;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[-a-z0-9]+$")]
    private static partial Regex IanaChars();

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$")]
    private static partial Regex Ipv4();
}
