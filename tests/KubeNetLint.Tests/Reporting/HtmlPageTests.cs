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

        var (expanded, elapsed) = Chromium.DumpDom(path, "#rows=all");
        Assert.Equal(endpoints, Attribute(expanded, "data-endpoint-rows"));
        Assert.Equal(endpoints, Regex.Matches(expanded, "<tr class=\"eprow\">").Count);
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"the page took {elapsed.TotalSeconds:F1} s (collapsed: {first.TotalSeconds:F1} s)");
    }
}
