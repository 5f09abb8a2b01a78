namespace KubeNetLint.Core.Graph;

/// <summary>Gateway API hostname matching (HTTPRoute/GRPCRoute/TLSRoute `spec.hostnames`, listener
/// `hostname`): a `*.` prefix is a suffix match on one or more labels, so `*.example.com` matches
/// `a.example.com` and `a.b.example.com` but not `example.com`. Hostnames are case-insensitive (DNS).</summary>
public static class GatewayHostnames
{
    public static bool IsWildcard(string host) => host.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>True when some request host matches both: equal names, or a wildcard whose suffix the other
    /// (with its own wildcard label removed) lies under.</summary>
    public static bool Intersect(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase)) return true;
        return Covers(a, b) || Covers(b, a);
    }

    /// <summary>`*.x` covers `y.x`, `z.y.x` and `*.y.x` (a wildcard does not cover its bare suffix).</summary>
    private static bool Covers(string wildcard, string other)
    {
        if (!IsWildcard(wildcard)) return false;
        var suffix = wildcard[1..]; // ".example.com"
        var rest = IsWildcard(other) ? other[1..] : "." + other;
        return rest.Length > suffix.Length && rest.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The hostnames a route serves on a listener: with both written, the route's hostnames that
    /// intersect the listener's (the others "MUST be ignored"); one side absent, the other; both absent, "*".</summary>
    public static IReadOnlyList<string> Effective(string? listenerHost, IReadOnlyList<string> routeHosts)
    {
        if (routeHosts.Count == 0) return [listenerHost ?? "*"];
        if (listenerHost is null) return routeHosts;
        return routeHosts.Where(h => Intersect(h, listenerHost)).ToList();
    }
}
