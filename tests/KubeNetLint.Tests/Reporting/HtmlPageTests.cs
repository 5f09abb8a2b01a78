using System.Text.Json;
using System.Text.RegularExpressions;
using KubeNetLint.Bench;
using KubeNetLint.Tests.Infrastructure;
using KubeNetLint.Tests.Integration;

namespace KubeNetLint.Tests.Reporting;

/// <summary>`check --format html` and `matrix --format html`: self-contained pages whose data matches the
/// other outputs, that escape everything from the manifests, and that draw in headless Chromium (the
/// [ChromiumFact] tests, skipped where Chromium is not installed).</summary>
public sealed partial class HtmlPageTests : IDisposable
{
    private readonly TempDir _tmp = new();
    public void Dispose() => _tmp.Dispose();

    private const string Hostile = """
        apiVersion: v1
        kind: Service
        metadata:
          name: "<script>alert(1)</script>"
          namespace: "evil</script><script>alert(5)</script>"
          annotations:
            note: "</script><script>alert(2)</script><img src=x onerror=alert(3)>"
        spec:
          selector:
            app: "<b>nothing</b>"
          ports:
            - port: 80
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: "<script>alert(4)</script>"
          namespace: evil
        spec:
          selector:
            matchLabels: {app: x}
          template:
            metadata:
              labels: {app: x}
            spec:
              containers:
                - name: c
                  image: nginx
                  ports: [{containerPort: 80}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: evil
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: c
                  image: nginx
        """;

    private string Write(string name, string text)
    {
        var path = _tmp.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private string Page(string name, params string[] args)
    {
        var output = _tmp.File(name);
        var result = CliRunner.Run([.. args, "--output", output]);
        Assert.True(result.ExitCode is 0 or 1, result.Stderr);
        return output;
    }

    /// <summary>The page's data element, parsed.</summary>
    private static JsonDocument Data(string html)
    {
        var m = DataElement().Match(html);
        Assert.True(m.Success, "no data element");
        return JsonDocument.Parse(m.Groups[1].Value);
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"knl-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataElement();

    private static int Attribute(string dom, string name)
    {
        var m = Regex.Match(dom, $"<body[^>]* {name}=\"(\\d+)\"");
        Assert.True(m.Success, $"body has no {name}");
        return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Report_page_is_self_contained_and_holds_every_finding_with_its_source()
    {
        var html = File.ReadAllText(Page("report.html", "check", "testdata/golden", "--format", "html", "--fail-on", "none"));
        var json = JsonDocument.Parse(CliRunner.Run("check", "testdata/golden", "--format", "json", "--fail-on", "none").Stdout);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);   // nothing loaded from the network
        Assert.Contains("default-src 'none'", html);
        using var data = Data(html);
        var findings = data.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var expected = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(expected.Count, findings.Count);
        for (int i = 0; i < findings.Count; i++)
        {
            Assert.Equal(expected[i].GetProperty("ruleId").GetString(), findings[i].GetProperty("rule").GetString());
            Assert.Equal(expected[i].GetProperty("file").GetString(), findings[i].GetProperty("file").GetString());
            Assert.Equal(expected[i].GetProperty("line").GetInt32(), findings[i].GetProperty("line").GetInt32());
            Assert.Equal(expected[i].GetProperty("message").GetString(), findings[i].GetProperty("message").GetString());
            // The source excerpt holds the line at fault, as it is in the file.
            var source = findings[i].GetProperty("source");
            int line = findings[i].GetProperty("line").GetInt32(), first = source.GetProperty("first").GetInt32();
            var fileLines = File.ReadAllLines(findings[i].GetProperty("file").GetString()!);
            Assert.Equal(fileLines[line - 1], source.GetProperty("lines")[line - first].GetString());
        }
        var rules = data.RootElement.GetProperty("rules");
        foreach (var f in findings)
            Assert.Equal($"https://github.com/kubenetlint/kubenetlint/blob/main/rules/{f.GetProperty("rule").GetString()}.md",
                rules.GetProperty(f.GetProperty("rule").GetString()!).GetProperty("uri").GetString());
        var summary = json.RootElement.GetProperty("summary");
        var counts = data.RootElement.GetProperty("counts");
        foreach (var level in new[] { "error", "warning", "note" })
            Assert.Equal(summary.GetProperty(level + "s").GetInt32(), counts.GetProperty(level).GetInt32());
    }

    [Fact]
    public void Manifest_text_cannot_inject_markup_into_either_page()
    {
        var input = Write("hostile/evil.yaml", Hostile);
        foreach (var (name, args, marker) in new[]
                 {
                     ("report.html", new[] { "check", input, "--format", "html", "--fail-on", "none" }, "<script>alert(1)</script>"),
                     ("matrix.html", new[] { "matrix", input, "--format", "html" }, "<script>alert(4)</script>"),
                 })
        {
            var html = File.ReadAllText(Page(name, args));
            // Only the page's own two script elements (data and code); the names are in it, escaped.
            Assert.Equal(2, Regex.Matches(html, "<script", RegexOptions.IgnoreCase).Count);
            Assert.Equal(2, Regex.Matches(html, "</script", RegexOptions.IgnoreCase).Count);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>", html, StringComparison.OrdinalIgnoreCase);
            using var data = Data(html);
            Assert.Contains(marker, data.RootElement.GetRawText().Replace("\\u003C", "<").Replace("\\u003E", ">"));
        }
    }

    /// <summary>The page's run-length encoded rows decode to exactly the connections of `matrix --format csv`.</summary>
    [Fact]
    public void Matrix_page_data_decodes_to_the_matrix()
    {
        var generated = _tmp.File("cluster");
        new ClusterGenerator(workloads: 150, services: 150, policies: 80, namespaces: 6, seed: 7).Write(generated);
        foreach (var input in new[] { "testdata/examples", "testdata/connectivity/recipes", generated })
        {
            var html = File.ReadAllText(Page("m.html", "matrix", input, "--format", "html"));
            using var data = Data(html);
            var ids = data.RootElement.GetProperty("endpoints").EnumerateArray().Select(e => e[0].GetString()!).ToList();
            var sets = data.RootElement.GetProperty("sets").EnumerateArray().Select(s => s.GetString()!).ToList();
            var rows = data.RootElement.GetProperty("rows").EnumerateArray().ToList();
            Assert.Equal(ids.Count, rows.Count);
            var decoded = new List<string>();
            for (int from = 0; from < rows.Count; from++)
            {
                var runs = rows[from].EnumerateArray().Select(x => x.GetInt32()).ToList();
                for (int k = 0; k < runs.Count; k += 3)
                    for (int to = runs[k]; to < runs[k] + runs[k + 1]; to++) decoded.Add($"{ids[from]}|{ids[to]}|{sets[runs[k + 2]]}");
            }
            var csv = CliRunner.Run("matrix", input, "--format", "csv").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(l => CsvFields().Matches(l).Select(m => m.Groups[1].Success ? m.Groups[1].Value.Replace("\"\"", "\"") : m.Groups[2].Value).ToList())
                .Select(f => $"{f[0]}|{f[1]}|{f[2]}").ToList();
            Assert.NotEmpty(csv);
            Assert.Equal(csv, decoded);
        }
    }

    [GeneratedRegex("(?:^|,)(?:\"((?:[^\"]|\"\")*)\"|([^,]*))")]
    private static partial Regex CsvFields();

    [ChromiumFact]
    public void Report_page_draws_the_findings_grouped_by_file_and_by_rule()
    {
        var path = Page("report.html", "check", "testdata/rules/KNL101", "testdata/rules/KNL005", "--format", "html", "--fail-on", "none");
        var json = JsonDocument.Parse(CliRunner.Run("check", "testdata/rules/KNL101", "testdata/rules/KNL005", "--format", "json", "--fail-on", "none").Stdout);
        var visible = json.RootElement.GetProperty("findings").EnumerateArray().Where(f => !f.GetProperty("suppressed").GetBoolean()).ToList();
        Assert.True(visible.Count > 3);

        var (dom, _) = Chromium.DumpDom(path);
        Assert.Equal(1, Attribute(dom, "data-ready"));
        Assert.Equal(visible.Count, Attribute(dom, "data-shown"));
        Assert.Equal(visible.Count, Regex.Matches(dom, "<article class=\"finding ").Count);
        Assert.Equal(visible.Select(f => f.GetProperty("file").GetString()).Distinct().Count(), Attribute(dom, "data-groups"));
        Assert.Equal(visible.Select(f => f.GetProperty("file").GetString()).Distinct().Count(), Regex.Matches(dom, "<section class=\"group\"").Count);
        var errors = visible.Count(f => f.GetProperty("level").GetString() == "error");
        Assert.Matches($"<div class=\"count error\" data-kind=\"error\" data-count=\"{errors}\">", dom);
        Assert.Contains("href=\"https://github.com/kubenetlint/kubenetlint/blob/main/rules/KNL101.md\"", dom);
        Assert.Contains("<pre class=\"source\">", dom);

        var (byRule, _) = Chromium.DumpDom(path, "#by=rule");
        Assert.Equal(visible.Select(f => f.GetProperty("ruleId").GetString()).Distinct().Count(), Attribute(byRule, "data-groups"));
        Assert.Equal(visible.Count, Regex.Matches(byRule, "<article class=\"finding ").Count);
    }

    [ChromiumFact]
    public void Hostile_names_stay_text_in_the_browser()
    {
        var input = Write("hostile/evil.yaml", Hostile);
        foreach (var (path, marker) in new[]
                 {
                     (Page("report.html", "check", input, "--format", "html", "--fail-on", "none"), "&lt;img src=x onerror=alert(3)&gt;"),
                     (Page("matrix.html", "matrix", input, "--format", "html"), "&lt;script&gt;alert(4)&lt;/script&gt;"),
                 })
        {
            var (dom, _) = Chromium.DumpDom(path);
            Assert.Equal(1, Attribute(dom, "data-ready"));
            Assert.Equal(2, Regex.Matches(dom, "<script", RegexOptions.IgnoreCase).Count);
            Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(marker, dom);
        }
    }

    [ChromiumFact]
    public void Matrix_page_draws_the_grid_of_the_example()
    {
        var path = Page("matrix.html", "matrix", "testdata/examples", "--format", "html");
        var json = JsonDocument.Parse(CliRunner.Run("matrix", "testdata/examples", "--format", "json").Stdout);
        int endpoints = json.RootElement.GetProperty("endpoints").GetArrayLength();
        int connections = json.RootElement.GetProperty("connections").GetArrayLength();
        var (dom, _) = Chromium.DumpDom(path, "#graph=shop/Deployment/api&explain=1,0");
        Assert.Equal(endpoints, Attribute(dom, "data-endpoints"));
        Assert.Equal(connections, Attribute(dom, "data-connections"));
        // A small matrix opens every namespace: one row per endpoint.
        Assert.Equal(endpoints, Attribute(dom, "data-endpoint-rows"));
        Assert.Equal(endpoints, Regex.Matches(dom, "<tr class=\"eprow\">").Count);
        Assert.Equal(connections, Regex.Matches(dom, "<td class=\"(all|some)\"").Count);
        Assert.Contains("title=\"shop/Deployment/frontend → shop/Deployment/api: TCP 9090\"", dom);
        // The explanation of frontend -> api, and the graph of api's neighbours (frontend in, db out).
        Assert.Contains("shop/Deployment/frontend -&gt; shop/Deployment/api: ALLOWED (TCP 9090)", dom);
        Assert.Contains("kubenetlint explain --from shop/Deployment/frontend --to shop/Deployment/api testdata/examples", dom);
        Assert.Matches("testdata/examples/shop/network-policies.yaml:\\d+: NetworkPolicy shop/", dom);
        Assert.Contains("<svg", dom);
        Assert.Equal(2, Regex.Matches(dom, "<g class=\"node (in|out)\"").Count);
    }

    /// <summary>Two workloads no policy can tell apart, an admin rule with a nodes peer (undecidable), a Pass
    /// that makes a later rule of its tier skipped, a Baseline tier Pass, and named ports in admin and NetworkPolicy rules.</summary>
    private const string Twins = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web-a, namespace: app}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 8080}]}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web-b, namespace: app}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 8080}]}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: client, namespace: other}
        spec:
          selector: {matchLabels: {app: client}}
          template:
            metadata: {labels: {app: client}}
            spec:
              containers: [{name: c, image: curl}]
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: edges}
        spec:
          priority: 5
          subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: other}}}
          egress:
            - name: to-nodes
              action: Deny
              to: [{nodes: {matchLabels: {role: infra}}}]
            - name: pass-web
              action: Pass
              to: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}]
              ports: [{portNumber: {protocol: TCP, port: 8080}}]
            - name: allow-web
              action: Allow
              to: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: app}}}]
              ports: [{namedPort: http}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web-in, namespace: app}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Ingress]
          ingress:
            - from: [{namespaceSelector: {}}]
              ports: [{port: http}, {port: 9000, endPort: 9010}]
        ---
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata: {name: base}
        spec:
          tier: Baseline
          priority: 10
          subject: {pods: {podSelector: {matchLabels: {app: client}}}}
          ingress:
            - action: Pass
              from: [{namespaces: {}}]
              protocols:
                - tcp: {destinationPort: {number: 7000}}
            - action: Deny
              from: [{namespaces: {}}]
        """;

    /// <summary>The text of one element of a dumped DOM, as the page put it there (textContent).</summary>
    private static string ElementText(string dom, string id)
    {
        var m = Regex.Match(dom, $"<pre id=\"{id}\"[^>]*>(.*?)</pre>", RegexOptions.Singleline);
        Assert.True(m.Success, $"no <pre id=\"{id}\">");
        return System.Net.WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    /// <summary>What `kubenetlint explain` prints for the pair, without the final newline.</summary>
    private static string ExplainOutput(string input, string from, string to)
    {
        var result = CliRunner.Run("explain", input, "--from", from, "--to", to);
        Assert.Equal(0, result.ExitCode);
        return result.Stdout.TrimEnd('\n');
    }

    /// <summary>Clicking a cell (here through #explain=FROM,TO, which runs the same code) shows exactly the text
    /// `kubenetlint explain --from FROM --to TO` prints: allowed, denied by isolation, allowed on some ports
    /// only, decided by admin tiers (Admin allow, Baseline deny, Pass, equal priorities), an unresolved named port.</summary>
    [ChromiumFact]
    public void Matrix_page_cell_shows_the_explain_text_of_the_pair()
    {
        foreach (var (input, from, to, verdict) in new[]
                 {
                     ("testdata/examples", "shop/Deployment/frontend", "shop/Deployment/api", "ALLOWED (TCP 9090)"),
                     ("testdata/examples", "shop/StatefulSet/db", "shop/Deployment/api", "DENIED (none)"),
                     ("testdata/examples", "ingress-nginx/IngressController/ingress-controller", "shop/Deployment/frontend", "ALLOWED (TCP 8080)"),
                     ("testdata/admin-tier/example", "monitoring/Deployment/prometheus", "shop/Deployment/web", "ALLOWED (TCP 8080,9100)"),
                     ("testdata/admin-tier/example", "partner/Deployment/client", "shop/Deployment/db", "DENIED (none)"),
                     ("testdata/rules/KNL322", null, null, ""),
                     ("testdata/rules/KNL303", null, null, ""),
                 })
        {
            var page = Page("m.html", "matrix", input, "--format", "html");
            using var data = Data(File.ReadAllText(page));
            var ids = data.RootElement.GetProperty("endpoints").EnumerateArray().Select(e => e[0].GetString()!).ToList();
            // Without a named pair: the first two workloads, both ways.
            var pairs = from is not null ? [(from, to!)] : new[] { (ids[0], ids[1]), (ids[1], ids[0]) };
            foreach (var (a, b) in pairs)
            {
                var (dom, _) = Chromium.DumpDom(page, $"#explain={Uri.EscapeDataString(a)},{Uri.EscapeDataString(b)}");
                var expected = ExplainOutput(input, a, b);
                Assert.Contains(verdict, expected.Split('\n')[0]);
                Assert.Equal(expected, ElementText(dom, "explain"));
                Assert.Contains($"kubenetlint explain --from {a} --to {b} {input}", ElementText(dom, "explain-more"));
            }
        }
    }

    /// <summary>Every ordered pair (self pairs too) of fixtures that between them hold every kind of endpoint
    /// and explanation: NetworkPolicies that allow, deny, allow some ports, name ports that do not resolve,
    /// are rejected by the API server (KNL304); admin tiers with allow, deny, pass, shadowed and skipped rules
    /// and equal priorities; host-network pods; pod IPs inside ipBlocks; the ingress controller and Gateway
    /// stand-ins; external ranges. The page's script is run for each pair (a test copy of the page that
    /// writes them all out) and must print what `explain` prints, character for character.</summary>
    [ChromiumFact]
    public void Matrix_page_explains_every_pair_as_explain_does()
    {
        const string Ready = "body.setAttribute(\"data-ready\", \"1\");";
        var seen = new System.Text.StringBuilder();
        const string DumpAll = "var all = []; for (var a = 0; a < N; a++) for (var b = 0; b < N; b++) all.push(explainText(a, b)); " +
                               "body.appendChild(el(\"pre\", { id: \"all-explained\", text: JSON.stringify(all) })); ";
        foreach (var input in new[]
                 {
                     "testdata/examples", "testdata/admin-tier/example", "testdata/paths/shop", "testdata/dumps/pod-ips-in-ipblock.yaml",
                     "testdata/rules/KNL303", "testdata/rules/KNL304", "testdata/rules/KNL311", "testdata/rules/KNL321",
                     "testdata/rules/KNL322", "testdata/rules/KNL323", "testdata/rules/KNL324", "testdata/rules/KNL307",
                     Write("twins/twins.yaml", Twins),
                 })
        {
            var html = File.ReadAllText(Page("m.html", "matrix", input, "--format", "html"));
            Assert.Contains(Ready, html);
            var patched = Write("all.html", html.Replace(Ready, DumpAll + Ready));
            using var data = Data(html);
            var ids = data.RootElement.GetProperty("endpoints").EnumerateArray().Select(e => e[0].GetString()!).ToList();
            var (dom, _) = Chromium.DumpDom(patched);
            var texts = JsonSerializer.Deserialize<List<string>>(ElementText(dom, "all-explained"))!;
            Assert.Equal(ids.Count * ids.Count, texts.Count);
            for (int a = 0; a < ids.Count; a++)
                for (int b = 0; b < ids.Count; b++)
                {
                    Assert.Equal(ExplainOutput(input, ids[a], ids[b]), texts[a * ids.Count + b]);
                    seen.Append(texts[a * ids.Count + b]).Append('\n');
                }
        }
        // The fixtures did reach every path of the explanation.
        foreach (var phrase in new[]
                 {
                     "declares no container port named", "not applied: the API server rejects this policy", "allows nothing by itself",
                     "[allow]", "[deny]", "[pass]", "[shadowed]", "[skipped]", "  warning: ", "both have priority", "caveat: pod IP", "uses hostNetwork",
                     "stands in for the Gateway's data-plane pods", "the Gateway opens connections to", "the ingress controller opens connections to",
                     "the ingress controller only opens", "connections to the ingress controller stand-in are not analysed",
                     "traffic between external addresses", "to itself", "have the same namespace, labels and ports", "every source", "is not isolated for",
                     "external addresses have no NetworkPolicies", "not reached: the Admin tier decided every port", "passes to the default",
                     "[undecidable]", "has nodes peers",
                 })
            Assert.Contains(phrase, seen.ToString());
    }

    /// <summary>`matrix --declared --format html` holds the declared ports of allowed connections and the declared
    /// dependencies the policies deny, exactly as `matrix --declared --format csv` lists them.</summary>
    [Fact]
    public void Matrix_page_data_holds_the_declared_connections()
    {
        const string Input = "testdata/rules/KNL122/blocked.yaml";
        using var data = Data(File.ReadAllText(Page("m.html", "matrix", Input, "--declared", "--format", "html")));
        var ids = data.RootElement.GetProperty("endpoints").EnumerateArray().Select(e => e[0].GetString()!).ToList();
        var sets = data.RootElement.GetProperty("sets").EnumerateArray().Select(s => s.GetString()!).ToList();
        var flat = data.RootElement.GetProperty("declared").EnumerateArray().Select(x => x.GetInt32()).ToList();
        var declared = Enumerable.Range(0, flat.Count / 3).Select(k => $"{ids[flat[3 * k]]}|{ids[flat[3 * k + 1]]}|{sets[flat[3 * k + 2]]}").ToList();
        var denied = data.RootElement.GetProperty("deniedDeclared").EnumerateArray()
            .Select(d => $"{ids[d[0].GetInt32()]}|{ids[d[1].GetInt32()]}|{d[2].GetString()}").ToList();
        var rows = CliRunner.Run("matrix", Input, "--declared", "--format", "csv").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => CsvFields().Matches(l).Select(m => m.Groups[1].Success ? m.Groups[1].Value.Replace("\"\"", "\"") : m.Groups[2].Value).ToList()).ToList();
        Assert.Equal(rows.Where(r => r[2].Length > 0 && r[3].Length > 0).Select(r => $"{r[0]}|{r[1]}|{r[3]}"), declared);
        Assert.Single(declared);
        var text = CliRunner.Run("matrix", Input, "--declared").Stdout;
        Assert.Equal(4, denied.Count);
        foreach (var d in denied)
        {
            var parts = d.Split('|');
            Assert.StartsWith($"{parts[0]} -> {parts[1]} ", parts[2]);
            Assert.Contains("  " + parts[2] + "\n", text);
        }
        // Without --declared the page has no declared data.
        using var plain = Data(File.ReadAllText(Page("p.html", "matrix", Input, "--format", "html")));
        Assert.False(plain.RootElement.TryGetProperty("declared", out _));
    }

    /// <summary>The grid marks declared connections (allowed: a blue ring; denied: a red ring, also on the namespace
    /// cell that holds them), the legend says what the rings mean, and a cell's panel names the declared ports or
    /// the denied dependencies with file:line:col.</summary>
    [ChromiumFact]
    public void Matrix_page_marks_declared_connections()
    {
        const string Input = "testdata/rules/KNL122/blocked.yaml";
        var page = Page("m.html", "matrix", Input, "--declared", "--format", "html");
        var (dom, _) = Chromium.DumpDom(page, "#explain=shop/Deployment/api,shop/StatefulSet/db");
        Assert.Equal(1, Attribute(dom, "data-ready"));
        Assert.Contains("id=\"legend-declared\"", dom);
        Assert.Contains("id=\"legend-declared-denied\"", dom);
        Assert.Single(Regex.Matches(dom, "<td class=\"(all|some) decl\""));
        Assert.Contains("<td class=\"some decl\" title=\"shop/Deployment/api → shop/Deployment/web: TCP 8080; declared: TCP 8080\"", dom);
        // Two pairs with declared dependencies that no policy allows: api -> db (two addresses) and worker -> web.
        Assert.Equal(2, Regex.Matches(dom, "<td class=\"none decl-denied\"").Count);
        Assert.Contains("title=\"shop/Deployment/api → shop/StatefulSet/db: nothing; declared but denied: shop/Deployment/api -&gt; shop/StatefulSet/db TCP 5432: " +
                        "'postgres://db:5432/app' at testdata/rules/KNL122/blocked.yaml:67:22; ", dom);
        Assert.Matches("<td class=\"agg a\\d decl-denied\"[^>]*title=\"namespace shop → namespace shop: \\d+ of \\d+ endpoint pairs connect; 2 declared but denied\"", dom);
        var more = ElementText(dom, "explain-more");
        Assert.Contains("declared but denied: shop/Deployment/api -> shop/StatefulSet/db TCP 5432: 'postgres://db:5432/app' at testdata/rules/KNL122/blocked.yaml:67:22", more);
        Assert.Contains("declared but denied: shop/Deployment/api -> shop/StatefulSet/db TCP 5432: 'db-0.db.shop.svc.cluster.local:5432' at testdata/rules/KNL122/blocked.yaml:88:22", more);
        Assert.Equal(ExplainOutput(Input, "shop/Deployment/api", "shop/StatefulSet/db"), ElementText(dom, "explain"));

        var (allowed, _) = Chromium.DumpDom(page, "#explain=shop/Deployment/api,shop/Deployment/web");
        Assert.Contains("declared: TCP 8080", ElementText(allowed, "explain-more"));

        // The neighbour graph of api: its declared, allowed edge to web is marked, and db, which no policy lets
        // it reach, is a neighbour through a dashed denied edge.
        var (graph, _) = Chromium.DumpDom(page, "#graph=shop/Deployment/api");
        Assert.Matches("<line [^>]*class=\"edge some decl\"[^>]*><title>shop/Deployment/api → shop/Deployment/web: TCP 8080; declared: TCP 8080</title>", graph);
        Assert.Matches("<line [^>]*class=\"edge none decl-denied\"[^>]*><title>shop/Deployment/api → shop/StatefulSet/db: none; declared but denied: ", graph);
        Assert.Single(Regex.Matches(graph, "class=\"edge [^\"]*decl-denied\""));

        // Without --declared: no marks, no legend entries.
        var (plain, _) = Chromium.DumpDom(Page("p.html", "matrix", Input, "--format", "html"));
        Assert.DoesNotMatch("<td class=\"[^\"]*decl", plain);
        var (plainGraph, _) = Chromium.DumpDom(Page("p.html", "matrix", Input, "--format", "html"), "#graph=shop/Deployment/api");
        Assert.Contains("class=\"edge some\"", plainGraph);
        Assert.DoesNotMatch("class=\"edge [^\"]*decl", plainGraph);
        Assert.DoesNotContain("id=\"legend-declared", plain);
    }

    /// <summary>2,000 workloads in 40 namespaces: the page draws, with every row expanded, in under 30 s.</summary>
    [ChromiumFact]
    public void Matrix_page_of_2000_workloads_renders_in_under_30_seconds()
    {
        var generated = _tmp.File("cluster");
        new ClusterGenerator(workloads: 2000, services: 2000, policies: 1000, namespaces: 40, seed: 1).Write(generated);
        var path = Page("matrix.html", "matrix", generated, "--format", "html");
        var csvLines = CliRunner.Run("matrix", generated, "--format", "csv").Stdout.Count(c => c == '\n') - 1;

        var (collapsed, first) = Chromium.DumpDom(path);
        int endpoints = Attribute(collapsed, "data-endpoints");
        Assert.True(endpoints >= 2000, $"{endpoints} endpoints");
        Assert.Equal(csvLines, Attribute(collapsed, "data-connections"));
        // Collapsed: one row per namespace (40 generated, kube-system, monitoring, external).
        Assert.Equal(0, Attribute(collapsed, "data-endpoint-rows"));
        Assert.Equal(Attribute(collapsed, "data-namespaces"), Attribute(collapsed, "data-namespace-rows"));
        Assert.True(Attribute(collapsed, "data-namespaces") >= 40);

        // A cell's explanation at this size is the `explain` text too, worked out in the page in milliseconds.
        const string From = "ns-005/Deployment/web-01", To = "ns-005/Deployment/api-01";
        var (explained, _) = Chromium.DumpDom(path, $"#explain={From},{To}");
        Assert.Equal(ExplainOutput(generated, From, To), ElementText(explained, "explain"));
        Assert.True(Attribute(explained, "data-explain-ms") < 2000);
        Assert.True(new FileInfo(path).Length < 5_000_000, $"{new FileInfo(path).Length} bytes");

        var (expanded, elapsed) = Chromium.DumpDom(path, "#rows=all");
        Assert.Equal(endpoints, Attribute(expanded, "data-endpoint-rows"));
        Assert.Equal(endpoints, Regex.Matches(expanded, "<tr class=\"eprow\">").Count);
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"the page took {elapsed.TotalSeconds:F1} s (collapsed: {first.TotalSeconds:F1} s)");
    }
}
