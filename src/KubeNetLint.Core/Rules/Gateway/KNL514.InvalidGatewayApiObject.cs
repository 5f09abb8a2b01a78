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
        "A Gateway, ListenerSet, route or BackendTLSPolicy breaks a validation of its CRD (hostname syntax, path and header syntax, listener TLS and hostname rules, filter combinations, limits), so the API server rejects it.");

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
        foreach (var g in context.Model.Gateways)
        {
            foreach (var f in Required(g.Resource, "gatewayClassName", "listeners")) yield return f;
            foreach (var f in Listeners(g.Resource, g.Listeners, 64)) yield return f;
        }
        foreach (var s in context.Model.ListenerSets)
        {
            foreach (var f in Required(s.Resource, null, "listeners")) yield return f;
            foreach (var f in Listeners(s.Resource, s.Listeners, 64)) yield return f;
        }
        foreach (var route in context.Model.Routes)
            foreach (var f in Route(route)) yield return f;
        foreach (var policy in context.Model.BackendTlsPolicies)
            foreach (var f in BackendTls(policy)) yield return f;
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsName();

    [GeneratedRegex(@"^(System|([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]))$")]
    private static partial Regex WellKnownCa();

    [GeneratedRegex(@"^(([^:/?#]+):)(//([^/?#]*))([^?#]*)(\?([^#]*))?(#(.*))?")]
    private static partial Regex SanUri();

    /// <summary>The v1 BackendTLSPolicy schema: required fields, limits, the hostname pattern (no wildcard),
    /// the CEL rules on targetRefs (sectionName with repeated targets), on validation (exactly one of
    /// caCertificateRefs and wellKnownCACertificates) and on subjectAltNames.</summary>
    private IEnumerable<Finding> BackendTls(BackendTlsPolicy p)
    {
        var r = p.Resource;
        var spec = r.Spec;
        if (spec is null) yield break;
        var at = (Node?)r.NameNode ?? r.Root;
        if (Node.IsAbsent(spec["targetRefs"])) yield return Invalid(at, r, "spec.targetRefs is required");
        else if (spec["targetRefs"] is SequenceNode { Items.Count: 0 }) yield return Invalid(spec["targetRefs"]!, r, "spec.targetRefs must have at least 1 item");
        if (p.TargetRefs.Count > 16) yield return Invalid(spec["targetRefs"]!, r, $"{p.TargetRefs.Count} targetRefs, more than the 16 allowed");
        for (int i = 0; i < p.TargetRefs.Count; i++)
        {
            var t = p.TargetRefs[i];
            // group ("" for a Service), kind and name are required; kind and name are not empty.
            if (Node.IsAbsent(t.Node["group"])) yield return Invalid(t.Node, r, "targetRefs[].group is required (\"\" for a Service)");
            foreach (var f in RequiredString(t.Node, "kind", 63, t.Node.Location, r, "targetRefs[].kind")) yield return f;
            foreach (var f in RequiredString(t.Node, "name", 253, t.Node.Location, r, "targetRefs[].name")) yield return f;
            var snNode = t.SectionNameNode;
            var sn = StringValue(snNode);
            if (sn is not null && (sn.Length > 253 || !DnsName().IsMatch(sn)))
                yield return Invalid(snNode!, r, $"sectionName '{sn}' is not a valid name (1 to 253 characters, lowercase RFC 1123 labels)");
        }
        foreach (var (where, problem) in RepeatedSections(p.TargetRefs, t => (t.Group, t.Kind, t.Name), t => t.SectionName,
                     t => (Node?)t.SectionNameNode ?? (Node?)t.NameNode ?? t.Node, "targetRefs", "target"))
            yield return Invalid(where, r, problem);
        var v = p.Validation;
        if (v is null)
        {
            if (Node.IsAbsent(spec["validation"])) yield return Invalid(at, r, "spec.validation is required");
            yield break;
        }
        if (Node.IsAbsent(v["hostname"])) yield return Invalid(Field(spec, "validation", v), r, "spec.validation.hostname is required");
        else if (p.Hostname is not null && p.HostnameNode is not null)
        {
            var h = p.Hostname;
            var hn = p.HostnameNode;
            if (h.Length == 0 || h.Length > 253) yield return Invalid(hn, r, $"validation hostname '{h}' must be 1 to 253 characters");
            else if (!DnsName().IsMatch(h))
                yield return Invalid(hn, r, $"validation hostname '{h}' is not a valid DNS name (lowercase RFC 1123 labels, no wildcard: it is the SNI and the name the backend's certificate must match)");
        }
        if (p.CaCertificateRefs.Count > 8) yield return Invalid(v["caCertificateRefs"]!, r, $"{p.CaCertificateRefs.Count} caCertificateRefs, more than the 8 allowed");
        if (p.CaCertificateRefs.Count > 0 && p.WellKnownCaCertificates is not null)
            yield return Invalid(v.KeyNode("wellKnownCACertificates")!, r, "must not contain both CACertificateRefs and WellKnownCACertificates");
        else if (p.CaCertificateRefs.Count == 0 && p.WellKnownCaCertificates is null)
            yield return Invalid(Field(spec, "validation", v), r, "must specify either CACertificateRefs or WellKnownCACertificates");
        var wkNode = v["wellKnownCACertificates"] as ScalarNode;
        var wk = StringValue(wkNode);
        if (wk is not null && (wk.Length > 253 || !WellKnownCa().IsMatch(wk)))
            yield return Invalid(wkNode!, r, $"wellKnownCACertificates '{wk}' is neither System nor a domain-prefixed name (example.com/name)");
        var sans = v["subjectAltNames"] as SequenceNode;
        if (sans is null) yield break;
        if (sans.Items.Count > 5) yield return Invalid(sans, r, $"{sans.Items.Count} subjectAltNames, more than the 5 allowed");
        foreach (var san in sans.Items.OfType<MappingNode>())
        {
            var type = (san["type"] as ScalarNode)?.Value;
            var hostname = NonEmpty(san["hostname"]);
            var uri = NonEmpty(san["uri"]);
            var typeAt = (Node?)san["type"] ?? san;
            if (type is null) { yield return Invalid(san, r, "subjectAltNames[].type is required (Hostname or URI)"); continue; }
            if (type is not ("Hostname" or "URI")) { yield return Invalid(typeAt, r, $"subjectAltName type '{type}' is not one of Hostname, URI"); continue; }
            if (type == "Hostname" && hostname is null) yield return Invalid(typeAt, r, "SubjectAltName element must contain Hostname, if Type is set to Hostname");
            if (type != "Hostname" && hostname is not null) yield return Invalid(san.KeyNode("hostname")!, r, "SubjectAltName element must not contain Hostname, if Type is not set to Hostname");
            if (type == "URI" && uri is null) yield return Invalid(typeAt, r, "SubjectAltName element must contain URI, if Type is set to URI");
            if (type != "URI" && uri is not null) yield return Invalid(san.KeyNode("uri")!, r, "SubjectAltName element must not contain URI, if Type is not set to URI");
            var why = type == "Hostname" && hostname is not null ? BadHostname(hostname.Value) : null;
            if (hostname is not null && why is not null) yield return Invalid(hostname, r, $"subjectAltName hostname '{hostname.Value}' {why}");
            if (type == "URI" && uri is not null && (uri.Value.Length > 253 || !SanUri().IsMatch(uri.Value)))
                yield return Invalid(uri, r, $"subjectAltName uri '{uri.Value}' is not a URI with a scheme and an authority (e.g. spiffe://cluster.local/ns/app/sa/web)");
        }
    }

    private Finding Invalid(Node at, Resource subject, string what) => Invalid(at.Location, subject, what);

    /// <summary>The required fields of a Gateway's or ListenerSet's spec: a class name of 1 to 253 characters
    /// (Gateway), and at least one listener. A field written as null is missing: the API server drops it.</summary>
    private IEnumerable<Finding> Required(Resource owner, string? classField, string listField)
    {
        var spec = owner.Spec;
        if (spec is null) yield break;
        var at = (Node?)owner.NameNode ?? owner.Root;
        if (classField is not null)
            foreach (var f in RequiredString(spec, classField, 253, Field(spec, classField, at), owner, classField, "spec.")) yield return f;
        var list = spec[listField];
        if (Node.IsAbsent(list)) yield return Invalid(Field(spec, listField, at), owner, $"spec.{listField} is required");
        else if (list is SequenceNode { Items.Count: 0 }) yield return Invalid(list, owner, $"spec.{listField} must have at least 1 item");
    }

    /// <summary>A required string field of 1 to <paramref name="max"/> characters: missing (or null, reported at
    /// <paramref name="missingAt"/>), or written empty or too long (at the value). Other types are KNL005's.</summary>
    private IEnumerable<Finding> RequiredString(MappingNode parent, string key, int max, SourceLocation missingAt, Resource r, string what, string requiredPrefix = "")
    {
        var node = parent[key];
        var text = StringValue(node as ScalarNode);
        if (Node.IsAbsent(node)) yield return Invalid(missingAt, r, $"{requiredPrefix}{what} is required");
        else if (text is not null && (text.Length == 0 || text.Length > max))
            yield return Invalid(node!, r, $"{what} must be 1 to {max} characters");
    }

    /// <summary>The text of a scalar written as a string (empty included), or null: absent, null, or of
    /// another JSON type (a type error KNL005 reports).</summary>
    private static string? StringValue(ScalarNode? node) =>
        node is { IsNull: false } && node.Resolved.Kind == JsonScalarKind.String ? node.Value : null;

    /// <summary>The node as a non-null, non-empty scalar, or null.</summary>
    private static ScalarNode? NonEmpty(Node? node)
    {
        var s = node as ScalarNode;
        return s is { IsNull: false } && s.Value.Length != 0 ? s : null;
    }

    private static bool OutsidePortRange(int? port) => port < 1 || port > 65535;

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private Finding Invalid(SourceLocation at, Resource subject, string what) =>
        At(at, $"{subject.Kind} '{subject.Name}': {what}; the API server rejects the object", subject);

    private IEnumerable<Finding> Listeners(Resource owner, IReadOnlyList<Listener> listeners, int max)
    {
        var ls = owner.Spec?["listeners"];
        if (listeners.Count > max && ls is not null) yield return Invalid(ls, owner, $"{listeners.Count} listeners, more than the {max} allowed");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var combos = new HashSet<(int?, string, string?)>();
        foreach (var l in listeners)
        {
            var at = (Node?)l.NameNode ?? l.Node;
            if (!names.Add(l.Name)) yield return Invalid(at, owner, $"listener name '{l.Name}' is used twice (\"Listener name must be unique\")");
            else if (!combos.Add((l.Port, l.Protocol, l.Hostname)))
                yield return Invalid(at, owner, $"listener '{l.Name}' repeats the port {l.Port}, protocol {l.Protocol} and hostname {l.Hostname ?? "(none)"} of another listener (\"Combination of port, protocol and hostname must be unique for each listener\")");
            var port = l.Node["port"];
            if (OutsidePortRange(l.Port) && port is not null) yield return Invalid(port, owner, $"listener port {l.Port} is outside 1-65535");
            var h = l.Hostname;
            var hn = l.HostnameNode;
            // minLength 1: an empty hostname is rejected too (the TCP/UDP CEL rule's `hostname == ''` never passes the schema).
            var written = StringValue(hn);
            var why = written is null ? null : BadHostname(written);
            if (hn is not null && why is not null) yield return Invalid(hn, owner, $"listener hostname '{written}' {why}");
            if ((l.Protocol == "TCP" || l.Protocol == "UDP") && h is not null && hn is not null)
                yield return Invalid(hn, owner, $"hostname must not be specified for protocols ['TCP', 'UDP'] (listener '{l.Name}')");
            if ((l.Protocol == "HTTP" || l.Protocol == "TCP" || l.Protocol == "UDP") && l.TlsNode is not null)
                yield return Invalid(Field(l.Node, "tls", l.Node), owner, $"tls must not be specified for protocols ['HTTP', 'TCP', 'UDP'] (listener '{l.Name}')");
            // tls.mode is an enum defaulted to Terminate: the CEL rules see the defaulted value, so a `tls`
            // without `mode` is Terminate, and an empty mode fails the enum before any CEL rule.
            var mode = l.TlsNode?["mode"];
            if (l.TlsMode is not (null or "Terminate" or "Passthrough") && mode is not null)
                yield return Invalid(mode, owner, $"tls mode '{l.TlsMode}' is not one of Terminate, Passthrough (listener '{l.Name}')");
            else if (l.Protocol == "HTTPS" && l.TlsMode == "Passthrough" && mode is not null)
                yield return Invalid(mode, owner, $"tls mode must be Terminate for protocol HTTPS (listener '{l.Name}')");
            if (l.Protocol == "TLS" && l.TlsNode is null)
                yield return Invalid((Node?)l.Node["protocol"] ?? l.Node, owner, $"tls mode must be set for protocol TLS (listener '{l.Name}': Terminate or Passthrough)");
        }
    }

    /// <summary>The CEL rules on a list of references that name one object more than once (a route's parentRefs,
    /// a policy's targetRefs): either all of those references or none carry a sectionName, and no two carry the
    /// same one (an empty sectionName counts as none). Each later reference that breaks them is named.</summary>
    private static IEnumerable<(Node Where, string Problem)> RepeatedSections<T>(IReadOnlyList<T> refs, Func<T, object> same,
        Func<T, string?> section, Func<T, Node> where, string list, string what)
    {
        for (int i = 1; i < refs.Count; i++)
        {
            var key = same(refs[i]);
            var mine = NullIfEmpty(section(refs[i]));
            bool mixed = false, repeated = false;
            for (int j = 0; j < i; j++)
            {
                if (!same(refs[j]).Equals(key)) continue;
                var theirs = NullIfEmpty(section(refs[j]));
                mixed |= (theirs is null) != (mine is null);
                repeated |= theirs == mine;
            }
            if (mixed) yield return (where(refs[i]), $"sectionName must be specified when {list} includes 2 or more references to the same {what}");
            else if (repeated) yield return (where(refs[i]), $"sectionName must be unique when {list} includes 2 or more references to the same {what}");
        }
    }

    private IEnumerable<Finding> Route(Route route)
    {
        var r = route.Resource;
        var spec = r.Spec;
        if (route.Hostnames.Count > 16) yield return Invalid(spec!["hostnames"]!, r, $"{route.Hostnames.Count} hostnames, more than the 16 allowed");
        foreach (var (h, node) in route.Hostnames)
        {
            var why = BadHostname(h);
            if (why is not null) yield return Invalid(node, r, $"hostname '{h}' {why}");
        }
        if (route.ParentRefs.Count > 32) yield return Invalid(spec!["parentRefs"]!, r, $"{route.ParentRefs.Count} parentRefs, more than the 32 allowed");
        // TCPRoute, TLSRoute and UDPRoute v1 (their only served version) allow one rule; HTTPRoute and GRPCRoute 16.
        bool httpLike = route.Kind == "HTTPRoute" || route.Kind == "GRPCRoute";
        int maxRules = httpLike ? 16 : 1;
        if (route.Rules.Count > maxRules) yield return Invalid(spec!["rules"]!, r, $"{route.Rules.Count} rules, more than the {maxRules} allowed");
        var totalMatches = route.Rules.Sum(x => x.Matches.Count);
        if (httpLike && totalMatches > 128)
            yield return Invalid(spec!["rules"]!, r, $"{totalMatches} matches across all rules, more than the 128 allowed");
        foreach (var p in route.ParentRefs)
            if (OutsidePortRange(p.Port) && p.PortNode is not null) yield return Invalid(p.PortNode, r, $"parentRef port {p.Port} is outside 1-65535");
        // The CEL compares namespace as written: absent and "" are one parent, an explicit namespace another.
        foreach (var (where, problem) in RepeatedSections(route.ParentRefs,
                     p => (p.Ref.Group, p.Ref.Kind, p.Ref.Name, (p.Ref.NamespaceNode as ScalarNode)?.Value ?? ""), p => p.SectionName,
                     p => (Node?)p.SectionNameNode ?? (Node?)p.Ref.NameNode ?? p.Ref.Node, "parentRefs", "parent"))
            yield return Invalid(where, r, problem);
        foreach (var rule in route.Rules)
        {
            if (rule.Matches.Count > 64) yield return Invalid(rule.Node["matches"]!, r, $"{rule.Matches.Count} matches in one rule, more than the 64 allowed");
            if (rule.Backends.Count > 16) yield return Invalid(rule.Node["backendRefs"]!, r, $"{rule.Backends.Count} backendRefs in one rule, more than the 16 allowed");
            foreach (var b in rule.Backends)
                if (OutsidePortRange(b.Port) && b.PortNode is not null) yield return Invalid(b.PortNode, r, $"backendRef port {b.Port} is outside 1-65535");
            if (httpLike)
                foreach (var f in Filters(route, rule)) yield return f;
            if (route.Kind == "HTTPRoute")
                foreach (var f in Timeouts(rule, r)) yield return f;
            if (route.Kind == "GRPCRoute")
            {
                foreach (var m in rule.Matches)
                {
                    foreach (var f in Headers(m, r)) yield return f;
                    var method = m["method"] as MappingNode;
                    if (method is null) continue;
                    var type = (method["type"] as ScalarNode)?.Value ?? "Exact";
                    var service = method["service"] as ScalarNode;
                    var name = method["method"] as ScalarNode;
                    if (type is not ("Exact" or "RegularExpression"))
                        yield return Invalid((Node?)method["type"] ?? method, r, $"method match type '{type}' is not one of Exact, RegularExpression");
                    else if (service is null && name is null)
                        yield return Invalid(Field(m, "method", method), r, "One or both of 'service' or 'method' must be specified");
                    else if (type == "Exact")
                    {
                        if (service is not null && !service.IsNull && !GrpcService().IsMatch(service.Value))
                            yield return Invalid(service, r, $"gRPC service '{service.Value}' must only contain valid characters (a dotted name of letters, digits and '_')");
                        if (name is not null && !name.IsNull && !GrpcMethod().IsMatch(name.Value))
                            yield return Invalid(name, r, $"gRPC method '{name.Value}' must only contain valid characters (letters, digits and '_', not starting with a digit)");
                    }
                }
                continue;
            }
            if (route.Kind != "HTTPRoute") continue;
            foreach (var m in rule.Matches)
            {
                var path = m["path"] as MappingNode;
                if (path is not null)
                {
                    var type = (path["type"] as ScalarNode)?.Value ?? "PathPrefix";
                    var value = (path["value"] as ScalarNode)?.Value ?? "/";
                    var at = (Node?)path["value"] ?? path;
                    if (type is not ("Exact" or "PathPrefix" or "RegularExpression"))
                        yield return Invalid((Node?)path["type"] ?? path, r, $"path type '{type}' is not one of Exact, PathPrefix, RegularExpression");
                    else if (type != "RegularExpression" && PathProblem(value) is not null)
                        yield return Invalid(at, r, $"path '{value}' {PathProblem(value)} (type {type})");
                }
                foreach (var f in Headers(m, r)) yield return f;
            }
        }
    }

    /// <summary>The filter types of each route kind (the `filters[].type` enum), and the field each one needs.</summary>
    private static readonly (string Type, string Field)[] HttpFilters =
    [
        ("RequestHeaderModifier", "requestHeaderModifier"), ("ResponseHeaderModifier", "responseHeaderModifier"), ("RequestMirror", "requestMirror"),
        ("RequestRedirect", "requestRedirect"), ("URLRewrite", "urlRewrite"), ("ExtensionRef", "extensionRef"), ("CORS", "cors"),
    ];

    private static readonly (string Type, string Field)[] GrpcFilters =
        [("ResponseHeaderModifier", "responseHeaderModifier"), ("RequestHeaderModifier", "requestHeaderModifier"), ("RequestMirror", "requestMirror"), ("ExtensionRef", "extensionRef")];

    /// <summary>Filter types that "cannot be repeated" in one `filters` list (the lists' CEL rules).</summary>
    private static readonly string[] HttpOnce = ["CORS", "RequestHeaderModifier", "ResponseHeaderModifier", "RequestRedirect", "URLRewrite"];
    private static readonly string[] GrpcOnce = ["RequestHeaderModifier", "ResponseHeaderModifier"];

    /// <summary>The CEL rules and limits of `rules[].filters` and `rules[].backendRefs[].filters` (HTTPRoute,
    /// GRPCRoute), and the HTTPRoute rule's rules that tie filters to backendRefs and matches.</summary>
    /// <summary>A Gateway API Duration (GEP-2257), as the CRD's pattern has it: 1 to 4 groups of up to 5 digits
    /// and a unit h, m, s or ms.</summary>
    [GeneratedRegex(@"^([0-9]{1,5}(h|m|s|ms)){1,4}$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"([0-9]{1,5})(ms|h|m|s)")]
    private static partial Regex DurationGroup();

    private static long Milliseconds(string duration)
    {
        long total = 0;
        foreach (Match g in DurationGroup().Matches(duration))
        {
            long n = long.Parse(g.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            total += g.Groups[2].Value switch { "h" => n * 3_600_000, "m" => n * 60_000, "s" => n * 1000, _ => n };
        }
        return total;
    }

    /// <summary>HTTPRoute `timeouts`: each a Duration of the CRD's pattern, and (its CEL rule) a backendRequest
    /// timeout no longer than a non-zero request timeout.</summary>
    private IEnumerable<Finding> Timeouts(RouteRule rule, Resource r)
    {
        var timeouts = rule.Node["timeouts"] as MappingNode;
        if (timeouts is null) yield break;
        var request = timeouts["request"] as ScalarNode;
        var backend = timeouts["backendRequest"] as ScalarNode;
        bool valid = true;
        foreach (var (name, node) in new[] { ("request", request), ("backendRequest", backend) })
        {
            if (node is null || DurationPattern().IsMatch(node.Value)) continue;
            valid = false;
            yield return Invalid(node, r, $"timeouts.{name} '{node.Value}' is not a Gateway API duration (1 to 4 groups of digits and h, m, s or ms, like 10s or 1m30s)");
        }
        if (!valid || request is null || backend is null) yield break;
        long requestMs = Milliseconds(request.Value), backendMs = Milliseconds(backend.Value);
        if (requestMs != 0 && backendMs > requestMs)
            yield return Invalid(backend, r, $"backendRequest timeout {backend.Value} is longer than the request timeout {request.Value}");
    }

    private IEnumerable<Finding> Filters(Route route, RouteRule rule)
    {
        var r = route.Resource;
        bool http = route.Kind == "HTTPRoute";
        var known = http ? HttpFilters : GrpcFilters;
        var lists = new List<(IReadOnlyList<RouteFilter> Filters, MappingNode Owner)> { (rule.Filters, rule.Node) };
        lists.AddRange(rule.Backends.Select(b => (b.Filters, b.Ref.Node)));
        foreach (var (filters, owner) in lists)
        {
            if (filters.Count == 0) continue;
            if (filters.Count > 16) yield return Invalid(owner["filters"]!, r, $"{filters.Count} filters, more than the 16 allowed");
            foreach (var f in filters)
            {
                var at = (Node?)f.TypeNode ?? f.Node;
                if (f.Type is null)
                {
                    if (Node.IsAbsent(f.TypeNode)) yield return Invalid(f.Node, r, "a filter without 'type' (the field is required)");
                    continue;
                }
                if (!known.Any(k => k.Type == f.Type))
                {
                    yield return Invalid(at, r, $"filter type '{f.Type}' is not one of {string.Join(", ", known.Select(k => k.Type))}");
                    continue;
                }
                foreach (var (type, field) in known)
                {
                    var present = !Node.IsAbsent(f.Node[field]);
                    if (present && type != f.Type)
                        yield return Invalid(f.Node.KeyNode(field)!, r, $"filter.{field} must be nil if the filter.type is not {type} (this filter's type is {f.Type})");
                    else if (!present && type == f.Type)
                        yield return Invalid(at, r, $"filter.{field} must be specified for {type} filter.type");
                }
                foreach (var field in new[] { "requestRedirect", "urlRewrite" })
                {
                    var path = (f.Node[field] as MappingNode)?["path"] as MappingNode;
                    if (http && path is not null)
                        foreach (var finding in PathModifier(path, r)) yield return finding;
                }
                var cors = http ? f.Node["cors"] as MappingNode : null;
                if (cors is not null)
                    foreach (var finding in Cors(cors, r)) yield return finding;
                var mirror = f.Node["requestMirror"] as MappingNode;
                if (mirror is not null)
                {
                    if (!Node.IsAbsent(mirror["percent"]) && !Node.IsAbsent(mirror["fraction"]))
                        yield return Invalid(mirror.KeyNode("fraction")!, r, "Only one of percent or fraction may be specified in HTTPRequestMirrorFilter");
                    var fraction = mirror["fraction"] as MappingNode;
                    var num = fraction?["numerator"] as ScalarNode;
                    long n = 0;
                    if (num is not null && num.TryGetInteger(out n))
                    {
                        var den = fraction!["denominator"] as ScalarNode;
                        long dv = 0;
                        long d = den is not null && den.TryGetInteger(out dv) ? dv : 100;
                        if (n > d) yield return Invalid(num, r, $"requestMirror fraction {n}/{d}: numerator must be less than or equal to denominator");
                    }
                }
            }
            foreach (var type in http ? HttpOnce : GrpcOnce)
            {
                var again = filters.Where(f => f.Type == type).Skip(1).FirstOrDefault();
                if (again is not null)
                    yield return Invalid((Node?)again.TypeNode ?? again.Node, r, $"{type} filter cannot be repeated");
            }
            var redirect = http ? filters.FirstOrDefault(f => f.Type == "RequestRedirect") : null;
            var rewrite = redirect is null ? null : filters.FirstOrDefault(f => f.Type == "URLRewrite");
            if (redirect is not null && rewrite is not null)
            {
                var later = new[] { redirect, rewrite }.MaxBy(f => (f.Node.Span.StartLine, f.Node.Span.StartColumn))!;
                yield return Invalid((Node?)later.TypeNode ?? later.Node, r,
                    "a RequestRedirect and a URLRewrite filter in one list (\"May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both\")");
            }
        }
        if (!http) yield break;
        // A rule that redirects answers the request itself: the CRD forbids backendRefs beside it.
        var redirecting = rule.Backends.Count > 0 ? rule.Filters.FirstOrDefault(f => f.Node["requestRedirect"] is MappingNode) : null;
        if (redirecting is not null)
            yield return Invalid((Node?)redirecting.TypeNode ?? redirecting.Node, r,
                "RequestRedirect filter must not be used together with backendRefs (this rule also has backendRefs)");
        // ReplacePrefixMatch replaces the matched prefix, so the rule must have exactly one PathPrefix match
        // (after defaulting: no `matches` is one `PathPrefix /` match, a match without `path` is `PathPrefix /`).
        var matchCount = rule.Node["matches"] is null ? 1 : rule.Matches.Count;
        var firstType = rule.Node["matches"] is null ? "PathPrefix"
            : rule.Matches.Count == 0 ? null
            : ((rule.Matches[0]["path"] as MappingNode)?["type"] as ScalarNode)?.Value ?? "PathPrefix";
        bool prefixOk = matchCount == 1 && firstType == "PathPrefix";
        foreach (var (field, name) in new[] { ("requestRedirect", "RequestRedirect"), ("urlRewrite", "URLRewrite") })
        {
            if (prefixOk) break;
            var ruleLevel = rule.Filters.Where(f => ReplacesPrefix(f, field) is not null).ToList();
            if (ruleLevel.Count == 1)
                yield return Invalid(ReplacesPrefix(ruleLevel[0], field)!, r,
                    $"When using {name} filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified (the rule has {Describe(matchCount, firstType)})");
            var inBackends = rule.Backends.Where(b => b.Filters.Count(f => ReplacesPrefix(f, field) is not null) == 1).ToList();
            if (inBackends.Count == 1)
                yield return Invalid(ReplacesPrefix(inBackends[0].Filters.First(f => ReplacesPrefix(f, field) is not null), field)!, r,
                    $"Within backendRefs, when using {name} filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified (the rule has {Describe(matchCount, firstType)})");
        }
    }

    /// <summary>The CEL rules of an HTTPRoute CORS filter (`cors`), with the CRD's messages as written: on
    /// allowOrigins, allowMethods and allowHeaders, `!('*' in self &amp;&amp; self.size() > 1)`. (The allowHeaders
    /// message says "methods" in the CRD too.) exposeHeaders has no such rule, and the descriptions' rules on
    /// `*` with allowCredentials bind the gateway's responses, not the object.</summary>
    private static readonly (string Field, string Message)[] CorsWildcardRules =
    [
        ("allowOrigins", "AllowOrigins cannot contain '*' alongside other origins"),
        ("allowMethods", "AllowMethods cannot contain '*' alongside other methods"),
        ("allowHeaders", "AllowHeaders cannot contain '*' alongside other methods"),
    ];

    /// <summary>The `allowOrigins` items' pattern (CORSOrigin): `*`, or http(s):// and a host (optionally a
    /// leading `*.` label, or `*` alone) and an optional port of 1 to 5 digits.</summary>
    [GeneratedRegex(@"(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9\-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)")]
    private static partial Regex CorsOrigin();

    private static readonly string[] CorsMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "*"];

    private IEnumerable<Finding> Cors(MappingNode cors, Resource r)
    {
        foreach (var (field, message) in CorsWildcardRules)
        {
            var list = cors[field] as SequenceNode;
            if (list is null) continue;
            var star = list.Items.FirstOrDefault(i => i is ScalarNode { IsNull: false, Value: "*" });
            if (star is not null && list.Items.Count > 1)
                yield return Invalid(star, r, $"{message} ({field} has {list.Items.Count} items)");
        }
        // The items' schema: sets (no duplicates), their limits, patterns and enum.
        foreach (var (field, max) in new[] { ("allowOrigins", 64), ("allowMethods", 9), ("allowHeaders", 64), ("exposeHeaders", 64) })
        {
            var list = cors[field] as SequenceNode;
            if (list is null) continue;
            if (list.Items.Count > max) yield return Invalid(list, r, $"cors.{field} has {list.Items.Count} items, more than the {max} allowed");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in list.Items.OfType<ScalarNode>())
            {
                if (item.IsNull) continue;
                var v = item.Value;
                if (!seen.Add(v)) { yield return Invalid(item, r, $"cors.{field} lists '{v}' twice (the list is a set: duplicate values are rejected)"); continue; }
                var why = field switch
                {
                    "allowOrigins" => v.Length > 253 ? "is longer than 253 characters"
                        : !CorsOrigin().IsMatch(v) ? "is not '*' nor an origin http(s)://host[:port] (a host may start with '*.'; no path, no trailing '/')" : null,
                    "allowMethods" => CorsMethods.Contains(v, StringComparer.Ordinal) ? null : $"is not one of {string.Join(", ", CorsMethods)} (method names are case-sensitive)",
                    _ => v.Length == 0 || v.Length > 256 ? "must be 1 to 256 characters" : !HeaderName().IsMatch(v) ? "is not a valid HTTP header name" : null,
                };
                if (why is not null) yield return Invalid(item, r, $"cors.{field} item '{v}' {why}");
            }
        }
        var maxAge = cors["maxAge"] as ScalarNode;
        long seconds = 1;
        if (maxAge is not null && !maxAge.IsNull && maxAge.TryGetInteger(out seconds) && seconds < 1)
            yield return Invalid(maxAge, r, $"cors.maxAge {seconds} is less than the minimum of 1 (seconds)");
    }

    private static string Describe(int matches, string? firstType) =>
        matches != 1 ? $"{matches} matches" : $"one match of path type {firstType}";

    /// <summary>The `replacePrefixMatch` node of a filter's `requestRedirect.path` or `urlRewrite.path` of type
    /// ReplacePrefixMatch, as the CEL rule tests it (`has(path.replacePrefixMatch)`); null otherwise.</summary>
    private static Node? ReplacesPrefix(RouteFilter f, string field)
    {
        var path = (f.Node[field] as MappingNode)?["path"] as MappingNode;
        if (path is null || (path["type"] as ScalarNode)?.Value != "ReplacePrefixMatch") return null;
        var value = path["replacePrefixMatch"];
        return Node.IsAbsent(value) ? null : value;
    }

    /// <summary>`requestRedirect.path` / `urlRewrite.path`: the type and the replacement field must agree.</summary>
    private IEnumerable<Finding> PathModifier(MappingNode path, Resource r)
    {
        var type = (path["type"] as ScalarNode)?.Value;
        var at = (Node?)path["type"] ?? path;
        foreach (var (kind, field) in new[] { ("ReplaceFullPath", "replaceFullPath"), ("ReplacePrefixMatch", "replacePrefixMatch") })
        {
            bool has = !Node.IsAbsent(path[field]);
            if (type == kind && !has) yield return Invalid(at, r, $"{field} must be specified when type is set to '{kind}'");
            else if (has && type != kind) yield return Invalid(path.KeyNode(field)!, r, $"type must be '{kind}' when {field} is set");
        }
    }

    private IEnumerable<Finding> Headers(MappingNode match, Resource r)
    {
        var headers = match["headers"] as SequenceNode;
        if (headers is null) yield break;
        foreach (var h in headers.Items.OfType<MappingNode>())
        {
            foreach (var field in new[] { "name", "value" })
                if (Node.IsAbsent(h[field])) yield return Invalid(h, r, $"headers[].{field} is required");
            var name = h["name"] as ScalarNode;
            if (name is not null && !name.IsNull && !HeaderName().IsMatch(name.Value))
                yield return Invalid(name, r, $"header name '{name.Value}' is not a valid HTTP header name");
        }
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
