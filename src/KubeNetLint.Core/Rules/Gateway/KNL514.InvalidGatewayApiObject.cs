using System.Text.RegularExpressions;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Gateways;

/// <summary>The CRD validations of the v1.6 standard channel that the API server applies to Gateways,
/// ListenerSets and routes (OpenAPI patterns, enums, limits and CEL rules), so a manifest kubectl would
/// have rejected is reported before it reaches a cluster.</summary>
public sealed partial class InvalidGatewayApiObject : Rule
{
    public override RuleInfo Info { get; } = new("KNL514", "invalid-gateway-api-object", Level.Error,
        "A Gateway, ListenerSet or route breaks a validation of its CRD (hostname syntax, path and header syntax, listener TLS and hostname rules, limits), so the API server rejects it.");

    [GeneratedRegex(@"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Hostname();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$")]
    private static partial Regex HeaderName();

    [GeneratedRegex(@"^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$", RegexOptions.IgnoreCase)]
    private static partial Regex GrpcService();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z_0-9]*$")]
    private static partial Regex GrpcMethod();

    [GeneratedRegex(@"^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$")]
    private static partial Regex PathChars();

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var f in context.Model.Gateways.SelectMany(g => Listeners(g.Resource, g.Listeners, 64))) yield return f;
        foreach (var f in context.Model.ListenerSets.SelectMany(s => Listeners(s.Resource, s.Listeners, 64))) yield return f;
        foreach (var route in context.Model.Routes)
            foreach (var f in Route(route)) yield return f;
    }

    private Finding Invalid(Node at, Resource subject, string what) => Invalid(at.Location, subject, what);

    private Finding Invalid(SourceLocation at, Resource subject, string what) =>
        At(at, $"{subject.Kind} '{subject.Name}': {what}; the API server rejects the object", subject);

    private IEnumerable<Finding> Listeners(Resource owner, IReadOnlyList<Listener> listeners, int max)
    {
        if (listeners.Count > max && owner.Spec?["listeners"] is { } ls) yield return Invalid(ls, owner, $"{listeners.Count} listeners, more than the {max} allowed");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var combos = new HashSet<(int?, string, string?)>();
        foreach (var l in listeners)
        {
            var at = (Node?)l.NameNode ?? l.Node;
            if (!names.Add(l.Name)) yield return Invalid(at, owner, $"listener name '{l.Name}' is used twice (\"Listener name must be unique\")");
            else if (!combos.Add((l.Port, l.Protocol, l.Hostname)))
                yield return Invalid(at, owner, $"listener '{l.Name}' repeats the port {l.Port}, protocol {l.Protocol} and hostname {l.Hostname ?? "(none)"} of another listener (\"Combination of port, protocol and hostname must be unique for each listener\")");
            if (l.Port is < 1 or > 65535 && l.Node["port"] is { } port) yield return Invalid(port, owner, $"listener port {l.Port} is outside 1-65535");
            if (l.Hostname is { } h && l.HostnameNode is { } hn && BadHostname(h) is { } why) yield return Invalid(hn, owner, $"listener hostname '{h}' {why}");
            if (l.Protocol is "TCP" or "UDP" && l.Hostname is not null && l.HostnameNode is { } hn2)
                yield return Invalid(hn2, owner, $"hostname must not be specified for protocols ['TCP', 'UDP'] (listener '{l.Name}')");
            if (l.Protocol is "HTTP" or "TCP" or "UDP" && l.TlsNode is not null)
                yield return Invalid(Field(l.Node, "tls", l.Node), owner, $"tls must not be specified for protocols ['HTTP', 'TCP', 'UDP'] (listener '{l.Name}')");
            if (l.Protocol == "HTTPS" && l.TlsMode is not (null or "" or "Terminate") && l.TlsNode?["mode"] is { } mode)
                yield return Invalid(mode, owner, $"tls mode must be Terminate for protocol HTTPS (listener '{l.Name}')");
            if (l.Protocol == "TLS" && (l.TlsNode?["mode"] is not ScalarNode { IsNull: false, Value.Length: > 0 }))
                yield return Invalid((Node?)l.Node["protocol"] ?? l.Node, owner, $"tls mode must be set for protocol TLS (listener '{l.Name}': Terminate or Passthrough)");
        }
    }

    private IEnumerable<Finding> Route(Route route)
    {
        var r = route.Resource;
        var spec = r.Spec;
        if (route.Hostnames.Count > 16) yield return Invalid(spec!["hostnames"]!, r, $"{route.Hostnames.Count} hostnames, more than the 16 allowed");
        foreach (var (h, node) in route.Hostnames)
            if (BadHostname(h) is { } why) yield return Invalid(node, r, $"hostname '{h}' {why}");
        if (route.ParentRefs.Count > 32) yield return Invalid(spec!["parentRefs"]!, r, $"{route.ParentRefs.Count} parentRefs, more than the 32 allowed");
        if (route.Rules.Count > 16) yield return Invalid(spec!["rules"]!, r, $"{route.Rules.Count} rules, more than the 16 allowed");
        var totalMatches = route.Rules.Sum(x => x.Matches.Count);
        if (route.Kind is "HTTPRoute" or "GRPCRoute" && totalMatches > 128)
            yield return Invalid(spec!["rules"]!, r, $"{totalMatches} matches across all rules, more than the 128 allowed");
        foreach (var p in route.ParentRefs)
            if (p.Port is < 1 or > 65535 && p.PortNode is { } pn) yield return Invalid(pn, r, $"parentRef port {p.Port} is outside 1-65535");
        foreach (var rule in route.Rules)
        {
            if (rule.Matches.Count > 64) yield return Invalid(rule.Node["matches"]!, r, $"{rule.Matches.Count} matches in one rule, more than the 64 allowed");
            if (rule.Backends.Count > 16) yield return Invalid(rule.Node["backendRefs"]!, r, $"{rule.Backends.Count} backendRefs in one rule, more than the 16 allowed");
            foreach (var b in rule.Backends)
                if (b.Port is < 1 or > 65535 && b.PortNode is { } bp) yield return Invalid(bp, r, $"backendRef port {b.Port} is outside 1-65535");
            if (route.Kind == "GRPCRoute")
            {
                foreach (var m in rule.Matches)
                {
                    foreach (var f in Headers(m, r)) yield return f;
                    if (m["method"] is not MappingNode method) continue;
                    var type = (method["type"] as ScalarNode)?.Value ?? "Exact";
                    var service = method["service"] as ScalarNode;
                    var name = method["method"] as ScalarNode;
                    if (type is not ("Exact" or "RegularExpression"))
                        yield return Invalid((Node?)method["type"] ?? method, r, $"method match type '{type}' is not one of Exact, RegularExpression");
                    else if (service is null && name is null)
                        yield return Invalid(Field(m, "method", method), r, "One or both of 'service' or 'method' must be specified");
                    else if (type == "Exact")
                    {
                        if (service is { IsNull: false } sv && !GrpcService().IsMatch(sv.Value))
                            yield return Invalid(sv, r, $"gRPC service '{sv.Value}' must only contain valid characters (a dotted name of letters, digits and '_')");
                        if (name is { IsNull: false } mv && !GrpcMethod().IsMatch(mv.Value))
                            yield return Invalid(mv, r, $"gRPC method '{mv.Value}' must only contain valid characters (letters, digits and '_', not starting with a digit)");
                    }
                }
                continue;
            }
            if (route.Kind != "HTTPRoute") continue;
            foreach (var m in rule.Matches)
            {
                if (m["path"] is MappingNode path)
                {
                    var type = (path["type"] as ScalarNode)?.Value ?? "PathPrefix";
                    var value = (path["value"] as ScalarNode)?.Value ?? "/";
                    var at = (Node?)path["value"] ?? path;
                    if (type is not ("Exact" or "PathPrefix" or "RegularExpression"))
                        yield return Invalid((Node?)path["type"] ?? path, r, $"path type '{type}' is not one of Exact, PathPrefix, RegularExpression");
                    else if (type != "RegularExpression" && PathProblem(value) is { } why)
                        yield return Invalid(at, r, $"path '{value}' {why} (type {type})");
                }
                foreach (var f in Headers(m, r)) yield return f;
            }
        }
    }

    private IEnumerable<Finding> Headers(MappingNode match, Resource r)
    {
        if (match["headers"] is not SequenceNode headers) yield break;
        foreach (var h in headers.Items.OfType<MappingNode>())
            if (h["name"] is ScalarNode { IsNull: false } name && !HeaderName().IsMatch(name.Value))
                yield return Invalid(name, r, $"header name '{name.Value}' is not a valid HTTP header name");
    }

    private static string? BadHostname(string h) =>
        h.Length > 253 ? "is longer than 253 characters"
        : !Hostname().IsMatch(h) ? "is not a valid hostname (lowercase RFC 1123 labels, optionally prefixed by a single '*.' label)"
        : null;

    /// <summary>The CEL rules of `matches[].path` for Exact and PathPrefix.</summary>
    private static string? PathProblem(string v) =>
        !v.StartsWith('/') ? "must be an absolute path and start with '/'"
        : v.Contains("//", StringComparison.Ordinal) ? "must not contain '//'"
        : v.Contains("/./", StringComparison.Ordinal) ? "must not contain '/./'"
        : v.Contains("/../", StringComparison.Ordinal) ? "must not contain '/../'"
        : v.Contains("%2f", StringComparison.OrdinalIgnoreCase) ? "must not contain '%2f' or '%2F'"
        : v.Contains('#') ? "must not contain '#'"
        : v.EndsWith("/..", StringComparison.Ordinal) ? "must not end with '/..'"
        : v.EndsWith("/.", StringComparison.Ordinal) ? "must not end with '/.'"
        : !PathChars().IsMatch(v) ? "contains characters a path may not hold unescaped"
        : null;
}
