using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules.Gateway;

/// <summary>KNL514 at the edges of the Gateway API v1.6 CRDs (gateway-api crds-standard): every list limit,
/// length and range checked at the limit (silent) and just past it (reported at the right line), and the
/// fields a guard reads when they are present but null, empty or of another type. Each case is YAML built
/// here; a `#!` at the end of a line stands for one expected KNL514 finding on it (write it twice for two),
/// and the fragments, in line then column order, must appear in those findings' messages.</summary>
public sealed class GatewayLimitsTests
{
    private const string Mark = " #!";

    private static string Obj(string kind, string spec, bool markName = false) =>
        $"apiVersion: gateway.networking.k8s.io/v1\nkind: {kind}\nmetadata:\n  name: x{(markName ? Mark : "")}\nspec:\n{spec}";

    private static string Flow(int n, Func<int, string> item) => "[" + string.Join(", ", Enumerable.Range(1, n).Select(item)) + "]";

    private static string M(bool mark) => mark ? Mark : "";

    // BackendTLSPolicy

    private const string OneTarget = "  targetRefs: [{group: \"\", kind: Service, name: web}]\n";

    private static string Validation(params string[] lines) => "  validation:\n" + string.Concat(lines.Select(l => "    " + l + "\n"));

    private static readonly string OkValidation = Validation("hostname: web.example.com", "wellKnownCACertificates: System");

    private static string Btls(string spec, bool markName = false) => Obj("BackendTLSPolicy", spec, markName);

    private static string Targets(int n, bool mark) =>
        $"  targetRefs: {Flow(n, i => $"{{group: \"\", kind: Service, name: web{i}}}")}{M(mark)}\n";

    private static string SectionName(string value, bool mark) =>
        $"  targetRefs: [{{group: \"\", kind: Service, name: web, sectionName: {value}}}]{M(mark)}\n" + OkValidation;

    private static string Sans(string items, bool mark) =>
        OneTarget + Validation("hostname: web.example.com", "wellKnownCACertificates: System", $"subjectAltNames: {items}{M(mark)}");

    // Gateway listeners

    private static string Gw(string listeners) => Obj("Gateway", $"  gatewayClassName: example\n  listeners:\n{listeners}");

    private static string Listener(string fields, bool mark = false) => $"    - {{{fields}}}{M(mark)}\n";

    // Routes

    private static string Route(string kind, string body, string parents = "[{name: gw}]") =>
        Obj(kind, $"  parentRefs: {parents}\n{body}");

    private static string Rules(string rules, bool mark) => $"  rules: {rules}{M(mark)}\n";

    private static string OneRule(string rule, bool mark) => Rules($"[{{{rule}}}]", mark);

    private static string Filters(string filters, bool mark) => Route("HTTPRoute", OneRule($"filters: {filters}", mark));

    private static string Cors(string cors, bool mark) => Filters($"[{{type: CORS, cors: {{{cors}}}}}]", mark);

    private static string Mirror(string fraction, bool mark) =>
        Filters($"[{{type: RequestMirror, requestMirror: {{backendRef: {{name: mirror, port: 80}}, fraction: {{{fraction}}}}}}}]", mark);

    private static string Headers(string kind, string headers, bool mark) =>
        Route(kind, OneRule($"matches: [{{headers: {headers}}}]", mark));

    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];

    private static string A(int n) => new('a', n);

    private static readonly Dictionary<string, (string Yaml, string[] Fragments)> All = new()
    {
        // BackendTLSPolicy: required fields (null is pruned, so it counts as absent), limits and lengths.
        ["btls-valid"] = (Btls(OneTarget + OkValidation), []),
        ["btls-targetRefs-absent"] = (Btls(OkValidation, markName: true), ["spec.targetRefs is required"]),
        ["btls-targetRefs-null"] = (Btls("  targetRefs: null\n" + OkValidation, markName: true), ["spec.targetRefs is required"]),
        ["btls-targetRefs-empty"] = (Btls("  targetRefs: []" + Mark + "\n" + OkValidation), ["spec.targetRefs must have at least 1 item"]),
        ["btls-targetRefs-16"] = (Btls(Targets(16, false) + OkValidation), []),
        ["btls-targetRefs-17"] = (Btls(Targets(17, true) + OkValidation), ["17 targetRefs, more than the 16 allowed"]),
        ["btls-sectionName-valid"] = (Btls(SectionName("https", false)), []),
        ["btls-sectionName-invalid"] = (Btls(SectionName("Bad_Port", true)), ["sectionName 'Bad_Port' is not a valid name"]),
        ["btls-sectionName-empty"] = (Btls(SectionName("\"\"", true)), ["sectionName '' is not a valid name"]),
        ["btls-sectionName-null"] = (Btls(SectionName("null", false)), []),
        ["btls-sectionName-number"] = (Btls(SectionName("80", false)), []),
        ["btls-sectionName-253"] = (Btls(SectionName(A(253), false)), []),
        ["btls-sectionName-254"] = (Btls(SectionName(A(254), true)), ["is not a valid name (1 to 253 characters"]),
        ["btls-validation-absent"] = (Btls(OneTarget, markName: true), ["spec.validation is required"]),
        ["btls-validation-null"] = (Btls(OneTarget + "  validation: null\n", markName: true), ["spec.validation is required"]),
        ["btls-hostname-null"] = (Btls(OneTarget + "  validation:" + Mark + "\n    hostname: null\n    wellKnownCACertificates: System\n"),
            ["spec.validation.hostname is required"]),
        ["btls-hostname-empty"] = (Btls(OneTarget + Validation("hostname: \"\"" + Mark, "wellKnownCACertificates: System")),
            ["validation hostname '' must be 1 to 253 characters"]),
        ["btls-hostname-number"] = (Btls(OneTarget + Validation("hostname: 5", "wellKnownCACertificates: System")), []),
        ["btls-hostname-253"] = (Btls(OneTarget + Validation($"hostname: {A(253)}", "wellKnownCACertificates: System")), []),
        ["btls-hostname-254"] = (Btls(OneTarget + Validation($"hostname: {A(254)}" + Mark, "wellKnownCACertificates: System")),
            ["must be 1 to 253 characters"]),
        ["btls-caCertificateRefs-8"] = (Btls(OneTarget + Validation("hostname: web.example.com",
            $"caCertificateRefs: {Flow(8, i => $"{{group: \"\", kind: ConfigMap, name: ca{i}}}")}")), []),
        ["btls-caCertificateRefs-9"] = (Btls(OneTarget + Validation("hostname: web.example.com",
            $"caCertificateRefs: {Flow(9, i => $"{{group: \"\", kind: ConfigMap, name: ca{i}}}")}" + Mark)), ["9 caCertificateRefs, more than the 8 allowed"]),
        ["btls-wellKnown-empty"] = (Btls(OneTarget + "  validation:" + Mark + "\n    hostname: web.example.com\n    wellKnownCACertificates: \"\"" + Mark + "\n"),
            ["must specify either CACertificateRefs or WellKnownCACertificates", "wellKnownCACertificates '' is neither System"]),
        ["btls-wellKnown-253"] = (Btls(OneTarget + Validation("hostname: web.example.com", $"wellKnownCACertificates: {A(251)}/x")), []),
        ["btls-wellKnown-254"] = (Btls(OneTarget + Validation("hostname: web.example.com", $"wellKnownCACertificates: {A(252)}/x" + Mark)),
            ["is neither System nor a domain-prefixed name"]),
        ["btls-sans-5"] = (Btls(Sans(Flow(5, i => $"{{type: Hostname, hostname: h{i}.example.com}}"), false)), []),
        ["btls-sans-6"] = (Btls(Sans(Flow(6, i => $"{{type: Hostname, hostname: h{i}.example.com}}"), true)), ["6 subjectAltNames, more than the 5 allowed"]),
        ["btls-san-no-type"] = (Btls(Sans("[{hostname: h.example.com}]", true)), ["subjectAltNames[].type is required"]),
        ["btls-san-bad-hostname"] = (Btls(Sans("[{type: Hostname, hostname: Bad_Host}]", true)), ["subjectAltName hostname 'Bad_Host' is not a valid hostname"]),
        ["btls-san-empty-hostname"] = (Btls(Sans("[{type: Hostname, hostname: \"\"}]", true)), ["SubjectAltName element must contain Hostname"]),
        ["btls-san-uri-missing"] = (Btls(Sans("[{type: URI}]", true)), ["SubjectAltName element must contain URI"]),
        ["btls-san-uri-253"] = (Btls(Sans($"[{{type: URI, uri: \"spiffe://{A(244)}\"}}]", false)), []),
        ["btls-san-uri-254"] = (Btls(Sans($"[{{type: URI, uri: \"spiffe://{A(245)}\"}}]", true)), ["is not a URI with a scheme and an authority"]),

        // Gateway listeners.
        ["listeners-64"] = (Obj("Gateway", $"  gatewayClassName: example\n  listeners: {Flow(64, i => $"{{name: l{i}, protocol: HTTP, port: {i}}}")}\n"), []),
        ["listeners-65"] = (Obj("Gateway", $"  gatewayClassName: example\n  listeners: {Flow(65, i => $"{{name: l{i}, protocol: HTTP, port: {i}}}")}{Mark}\n"),
            ["65 listeners, more than the 64 allowed"]),
        ["listener-same-combination"] = (Gw(Listener("name: a, protocol: HTTP, port: 80") + Listener("name: b, protocol: HTTP, port: 80", true)),
            ["repeats the port 80, protocol HTTP and hostname (none) of another listener"]),
        ["listener-same-combination-hostname"] = (Gw(Listener("name: a, protocol: HTTP, port: 80, hostname: a.example.com")
            + Listener("name: b, protocol: HTTP, port: 80, hostname: a.example.com", true)),
            ["repeats the port 80, protocol HTTP and hostname a.example.com of another listener"]),
        ["listener-other-hostname"] = (Gw(Listener("name: a, protocol: HTTP, port: 80, hostname: a.example.com")
            + Listener("name: b, protocol: HTTP, port: 80, hostname: b.example.com") + Listener("name: c, protocol: HTTP, port: 80")), []),
        ["listener-port-1"] = (Gw(Listener("name: a, protocol: HTTP, port: 1")), []),
        ["listener-port-65535"] = (Gw(Listener("name: a, protocol: HTTP, port: 65535")), []),
        ["listener-port-0"] = (Gw(Listener("name: a, protocol: HTTP, port: 0", true)), ["listener port 0 is outside 1-65535"]),
        ["listener-port-65536"] = (Gw(Listener("name: a, protocol: HTTP, port: 65536", true)), ["listener port 65536 is outside 1-65535"]),
        ["listener-hostname-253"] = (Gw(Listener($"name: a, protocol: HTTP, port: 80, hostname: {A(253)}")), []),
        ["listener-hostname-254"] = (Gw(Listener($"name: a, protocol: HTTP, port: 80, hostname: {A(254)}", true)), ["is longer than 253 characters"]),
        ["listener-hostname-empty"] = (Gw(Listener("name: a, protocol: TCP, port: 80, hostname: \"\"", true)), ["listener hostname '' is not a valid hostname"]),
        ["https-terminate"] = (Gw(Listener("name: a, protocol: HTTPS, port: 443, tls: {mode: Terminate}")), []),
        ["https-default-mode"] = (Gw(Listener("name: a, protocol: HTTPS, port: 443, tls: {certificateRefs: [{name: cert}]}")), []),
        ["https-passthrough"] = (Gw(Listener("name: a, protocol: HTTPS, port: 443, tls: {mode: Passthrough}", true)), ["tls mode must be Terminate for protocol HTTPS"]),
        ["https-empty-mode"] = (Gw(Listener("name: a, protocol: HTTPS, port: 443, tls: {mode: \"\"}", true)), ["tls mode '' is not one of Terminate, Passthrough"]),
        ["tls-passthrough"] = (Gw(Listener("name: a, protocol: TLS, port: 443, tls: {mode: Passthrough}")), []),
        ["tls-default-mode"] = (Gw(Listener("name: a, protocol: TLS, port: 443, tls: {certificateRefs: [{name: cert}]}")), []),
        ["tls-null-mode"] = (Gw(Listener("name: a, protocol: TLS, port: 443, tls: {mode: null, certificateRefs: [{name: cert}]}")), []),
        ["tls-empty-mode"] = (Gw(Listener("name: a, protocol: TLS, port: 443, tls: {mode: \"\"}", true)), ["tls mode '' is not one of Terminate, Passthrough"]),
        ["tls-lowercase-mode"] = (Gw(Listener("name: a, protocol: TLS, port: 443, tls: {mode: passthrough}", true)), ["tls mode 'passthrough' is not one of"]),
        ["tls-without-tls"] = (Gw(Listener("name: a, protocol: TLS, port: 443", true)), ["tls mode must be set for protocol TLS"]),
        ["tls-null-tls"] = (Gw(Listener("name: a, protocol: TLS, port: 443, tls: null", true)), ["tls mode must be set for protocol TLS"]),

        // Route lists and ports.
        ["hostnames-16"] = (Route("HTTPRoute", $"  hostnames: {Flow(16, i => $"h{i}.example.com")}\n"), []),
        ["hostnames-17"] = (Route("HTTPRoute", $"  hostnames: {Flow(17, i => $"h{i}.example.com")}{Mark}\n"), ["17 hostnames, more than the 16 allowed"]),
        ["route-hostname-253"] = (Route("GRPCRoute", $"  hostnames: [{A(253)}]\n"), []),
        ["route-hostname-254"] = (Route("GRPCRoute", $"  hostnames: [{A(254)}]{Mark}\n"), ["is longer than 253 characters"]),
        ["parentRefs-32"] = (Route("HTTPRoute", "", Flow(32, i => $"{{name: gw{i}}}")), []),
        ["parentRefs-33"] = (Route("HTTPRoute", "", Flow(33, i => $"{{name: gw{i}}}") + Mark), ["33 parentRefs, more than the 32 allowed"]),
        ["parentRef-port-1"] = (Route("HTTPRoute", "", "[{name: gw, port: 1}]"), []),
        ["parentRef-port-65535"] = (Route("HTTPRoute", "", "[{name: gw, port: 65535}]"), []),
        ["parentRef-port-0"] = (Route("HTTPRoute", "", "[{name: gw, port: 0}]" + Mark), ["parentRef port 0 is outside 1-65535"]),
        ["parentRef-port-65536"] = (Route("HTTPRoute", "", "[{name: gw, port: 65536}]" + Mark), ["parentRef port 65536 is outside 1-65535"]),
        ["rules-16"] = (Route("HTTPRoute", Rules(Flow(16, _ => "{}"), false)), []),
        ["rules-17"] = (Route("HTTPRoute", Rules(Flow(17, _ => "{}"), true)), ["17 rules, more than the 16 allowed"]),
        ["tcproute-rules-1"] = (Route("TCPRoute", Rules(Flow(1, i => $"{{backendRefs: [{{name: db{i}, port: 5432}}]}}"), false)), []),
        ["tcproute-rules-2"] = (Route("TCPRoute", Rules(Flow(2, i => $"{{backendRefs: [{{name: db{i}, port: 5432}}]}}"), true)), ["2 rules, more than the 1 allowed"]),
        ["tlsroute-rules-2"] = (Route("TLSRoute", Rules(Flow(2, i => $"{{backendRefs: [{{name: db{i}, port: 443}}]}}"), true)), ["2 rules, more than the 1 allowed"]),
        ["udproute-rules-2"] = (Route("UDPRoute", Rules(Flow(2, i => $"{{backendRefs: [{{name: dns{i}, port: 53}}]}}"), true)), ["2 rules, more than the 1 allowed"]),
        ["grpcroute-rules-16"] = (Route("GRPCRoute", Rules(Flow(16, _ => "{}"), false)), []),
        ["matches-64"] = (Route("HTTPRoute", OneRule($"matches: {Flow(64, _ => "{}")}", false)), []),
        ["matches-65"] = (Route("HTTPRoute", OneRule($"matches: {Flow(65, _ => "{}")}", true)), ["65 matches in one rule, more than the 64 allowed"]),
        ["http-total-matches-128"] = (Route("HTTPRoute", Rules(Flow(2, _ => $"{{matches: {Flow(64, _ => "{}")}}}"), false)), []),
        ["http-total-matches-129"] = (Route("HTTPRoute", Rules($"[{{matches: {Flow(64, _ => "{}")}}}, {{matches: {Flow(64, _ => "{}")}}}, {{matches: [{{}}]}}]", true)),
            ["129 matches across all rules, more than the 128 allowed"]),
        ["grpc-total-matches-128"] = (Route("GRPCRoute", Rules(Flow(2, _ => $"{{matches: {Flow(64, _ => "{}")}}}"), false)), []),
        ["grpc-total-matches-129"] = (Route("GRPCRoute", Rules($"[{{matches: {Flow(64, _ => "{}")}}}, {{matches: {Flow(64, _ => "{}")}}}, {{matches: [{{}}]}}]", true)),
            ["129 matches across all rules, more than the 128 allowed"]),
        ["backendRefs-16"] = (Route("HTTPRoute", OneRule($"backendRefs: {Flow(16, i => $"{{name: b{i}, port: 80}}")}", false)), []),
        ["backendRefs-17"] = (Route("HTTPRoute", OneRule($"backendRefs: {Flow(17, i => $"{{name: b{i}, port: 80}}")}", true)), ["17 backendRefs in one rule, more than the 16 allowed"]),
        ["backendRef-port-1"] = (Route("HTTPRoute", OneRule("backendRefs: [{name: b, port: 1}]", false)), []),
        ["backendRef-port-65535"] = (Route("HTTPRoute", OneRule("backendRefs: [{name: b, port: 65535}]", false)), []),
        ["backendRef-port-0"] = (Route("HTTPRoute", OneRule("backendRefs: [{name: b, port: 0}]", true)), ["backendRef port 0 is outside 1-65535"]),
        ["backendRef-port-65536"] = (Route("TCPRoute", OneRule("backendRefs: [{name: b, port: 65536}]", true)), ["backendRef port 65536 is outside 1-65535"]),

        // HTTPRoute timeouts: hours are 3,600,000 ms.
        ["timeouts-hour-longer"] = (Route("HTTPRoute", OneRule("timeouts: {request: 59m, backendRequest: 1h}", true)),
            ["backendRequest timeout 1h is longer than the request timeout 59m"]),
        ["timeouts-hour-equal"] = (Route("HTTPRoute", OneRule("timeouts: {request: 1h1m, backendRequest: 61m}", false)), []),
        ["timeouts-hour-shorter"] = (Route("HTTPRoute", OneRule("timeouts: {request: 2h, backendRequest: 1h59m59s999ms}", false)), []),

        // Filters.
        ["filters-16"] = (Filters(Flow(16, i => $"{{type: ExtensionRef, extensionRef: {{group: example.com, kind: Thing, name: t{i}}}}}"), false), []),
        ["filters-17"] = (Filters(Flow(17, i => $"{{type: ExtensionRef, extensionRef: {{group: example.com, kind: Thing, name: t{i}}}}}"), true),
            ["17 filters, more than the 16 allowed"]),
        ["backend-filters-17"] = (Route("HTTPRoute", OneRule($"backendRefs: [{{name: b, port: 80, filters: {Flow(17, i => $"{{type: ExtensionRef, extensionRef: {{group: example.com, kind: Thing, name: t{i}}}}}")}}}]", true)),
            ["17 filters, more than the 16 allowed"]),
        ["filter-without-type"] = (Filters("[{extensionRef: {group: example.com, kind: Thing, name: t}}]", true), ["a filter without 'type'"]),
        ["filter-null-type"] = (Filters("[{type: null, extensionRef: {group: example.com, kind: Thing, name: t}}]", true), ["a filter without 'type'"]),
        ["mirror-fraction-equal"] = (Mirror("numerator: 100, denominator: 100", false), []),
        ["mirror-fraction-above"] = (Mirror("numerator: 101, denominator: 100", true), ["requestMirror fraction 101/100: numerator must be less than or equal to denominator"]),
        ["mirror-fraction-default-100"] = (Mirror("numerator: 100", false), []),
        ["mirror-fraction-default-101"] = (Mirror("numerator: 101", true), ["requestMirror fraction 101/100"]),
        ["mirror-fraction-small-denominator"] = (Mirror("numerator: 2, denominator: 1", true), ["requestMirror fraction 2/1"]),

        // CORS lists (sets) and items.
        ["cors-allowOrigins-64"] = (Cors($"allowOrigins: {Flow(64, i => $"\"https://o{i}.example.com\"")}", false), []),
        ["cors-allowOrigins-65"] = (Cors($"allowOrigins: {Flow(65, i => $"\"https://o{i}.example.com\"")}", true), ["cors.allowOrigins has 65 items, more than the 64 allowed"]),
        ["cors-allowMethods-9"] = (Cors($"allowMethods: [{string.Join(", ", Methods)}]", false), []),
        ["cors-allowMethods-10"] = (Cors($"allowMethods: [{string.Join(", ", Methods)}, \"*\"]", true).Replace(Mark, Mark + Mark),
            ["cors.allowMethods has 10 items, more than the 9 allowed", "AllowMethods cannot contain '*' alongside other methods"]),
        ["cors-allowHeaders-64"] = (Cors($"allowHeaders: {Flow(64, i => $"X-H{i}")}", false), []),
        ["cors-allowHeaders-65"] = (Cors($"allowHeaders: {Flow(65, i => $"X-H{i}")}", true), ["cors.allowHeaders has 65 items, more than the 64 allowed"]),
        ["cors-exposeHeaders-64"] = (Cors($"exposeHeaders: {Flow(64, i => $"X-H{i}")}", false), []),
        ["cors-exposeHeaders-65"] = (Cors($"exposeHeaders: {Flow(65, i => $"X-H{i}")}", true), ["cors.exposeHeaders has 65 items, more than the 64 allowed"]),
        ["cors-origin-253"] = (Cors($"allowOrigins: [\"https://{A(245)}\"]", false), []),
        ["cors-origin-254"] = (Cors($"allowOrigins: [\"https://{A(246)}\"]", true), ["is longer than 253 characters"]),
        ["cors-header-256"] = (Cors($"allowHeaders: [{A(256)}]", false), []),
        ["cors-header-257"] = (Cors($"exposeHeaders: [{A(257)}]", true), ["must be 1 to 256 characters"]),
        ["cors-header-empty"] = (Cors("allowHeaders: [\"\"]", true), ["cors.allowHeaders item '' must be 1 to 256 characters"]),
        ["cors-maxAge-1"] = (Cors("maxAge: 1", false), []),
        ["cors-maxAge-0"] = (Cors("maxAge: 0", true), ["cors.maxAge 0 is less than the minimum of 1"]),
        ["cors-maxAge-null"] = (Cors("maxAge: null", false), []),

        // Header matches: name and value are required, and null is pruned.
        ["header-match-valid"] = (Headers("HTTPRoute", "[{name: X-A, value: v}]", false), []),
        ["header-match-no-name"] = (Headers("HTTPRoute", "[{value: v}]", true), ["headers[].name is required"]),
        ["header-match-null-name"] = (Headers("HTTPRoute", "[{name: null, value: v}]", true), ["headers[].name is required"]),
        ["header-match-blank-name"] = (Headers("GRPCRoute", "[{name: , value: v}]", true), ["headers[].name is required"]),
        ["header-match-empty-name"] = (Headers("HTTPRoute", "[{name: \"\", value: v}]", true), ["header name '' is not a valid HTTP header name"]),
        ["header-match-no-value"] = (Headers("GRPCRoute", "[{name: X-A}]", true), ["headers[].value is required"]),
    };

    public static TheoryData<string> Cases => new(All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_exactly_the_expected_findings(string name)
    {
        var (yaml, fragments) = All[name];
        var expectedLines = yaml.Split('\n')
            .SelectMany((line, i) => Enumerable.Repeat(i + 1, CountMarks(line)))
            .ToList();
        Assert.Equal(fragments.Length, expectedLines.Count); // the case itself is consistent
        var found = Lint.Text(yaml).Reported.Where(f => f.RuleId == "KNL514").OrderBy(f => f.Line).ThenBy(f => f.Column).ToList();
        Assert.True(found.Count == fragments.Length,
            $"expected {fragments.Length} KNL514 finding(s), got:\n{string.Join("\n", found.Select(f => $"{f.Line}:{f.Column} {f.Message}"))}");
        for (int i = 0; i < found.Count; i++)
        {
            Assert.Equal(expectedLines[i], found[i].Line);
            Assert.Contains(fragments[i], found[i].Message);
        }
    }

    private static int CountMarks(string line)
    {
        int n = 0;
        for (int at = line.IndexOf("#!", StringComparison.Ordinal); at >= 0; at = line.IndexOf("#!", at + 2, StringComparison.Ordinal)) n++;
        return n;
    }

    [Fact]
    public void A_policy_without_targetRefs_is_reported_at_its_name()
    {
        var finding = Assert.Single(Lint.Text(Btls(OkValidation)).Reported, f => f.RuleId == "KNL514");
        Assert.Equal((4, 9), (finding.Line, finding.Column));
    }

    /// <summary>RequestRedirect with URLRewrite in one list is reported at the later of the two, also when
    /// both are written on one line.</summary>
    [Theory]
    [InlineData("[{type: RequestRedirect, requestRedirect: {scheme: https}}, {type: URLRewrite, urlRewrite: {hostname: b.example.com}}]", "URLRewrite")]
    [InlineData("[{type: URLRewrite, urlRewrite: {hostname: b.example.com}}, {type: RequestRedirect, requestRedirect: {scheme: https}}]", "RequestRedirect")]
    public void Redirect_with_rewrite_is_reported_at_the_later_filter(string filters, string later)
    {
        var yaml = Filters(filters, false);
        var line = yaml.Split('\n').Select((l, i) => (l, i + 1)).Single(x => x.l.Contains("filters:")).Item2;
        var text = yaml.Split('\n')[line - 1];
        var finding = Assert.Single(Lint.Text(yaml).Reported, f => f.RuleId == "KNL514");
        Assert.Contains("a RequestRedirect and a URLRewrite filter in one list", finding.Message);
        Assert.Equal((line, text.IndexOf("type: " + later, StringComparison.Ordinal) + 1 + "type: ".Length), (finding.Line, finding.Column));
    }
}
