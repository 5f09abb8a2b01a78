using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using KubeNetLint.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace KubeNetLint.Tests.Cli;

/// <summary>The published contracts (docs/*.schema.json) hold for what the tool really writes, and the
/// config schema accepts every config in the repository and rejects what the loader rejects.</summary>
public sealed partial class ContractTests
{
    private static readonly Dictionary<string, JsonSchema> Schemas = Directory
        .GetFiles(Path.Combine(Repo.Root, "docs"), "*.schema.json")
        .ToDictionary(f => Path.GetFileName(f)[..^".schema.json".Length], f => JsonSchema.FromText(File.ReadAllText(f)));

    private static void AssertValid(string schema, JsonNode? instance, string what)
    {
        var result = Schemas[schema].Evaluate(Element(instance), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return;
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.Fail($"{what} does not match docs/{schema}.schema.json:\n{string.Join("\n", errors)}");
    }

    private static System.Text.Json.JsonElement Element(JsonNode? node) =>
        System.Text.Json.JsonDocument.Parse(node?.ToJsonString() ?? "null").RootElement;

    private static JsonNode? Run(params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.True(result.ExitCode is 0 or 1, $"kubenetlint {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
        return JsonNode.Parse(result.Stdout);
    }

    [Fact]
    public void Every_schema_declares_its_dialect_and_id()
    {
        Assert.Equal(["check", "config", "diff", "diff-routes", "explain", "exposure", "graph", "matrix", "paths", "routes"], Schemas.Keys.Order(StringComparer.Ordinal));
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "docs"), "*.schema.json"))
        {
            var node = JsonNode.Parse(File.ReadAllText(file))!;
            Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)node["$schema"]);
            Assert.EndsWith("/docs/" + Path.GetFileName(file), (string?)node["$id"], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("testdata/golden")]
    [InlineData("testdata/examples")]
    [InlineData("testdata/examples-diff")]
    public void Check_json_matches_its_schema(string path) =>
        AssertValid("check", Run("check", path, "-f", "json"), $"check {path}");

    [Fact]
    public void The_schemas_reject_a_broken_output()
    {
        var check = Run("check", "testdata/golden", "-f", "json")!;
        check["findings"]![0]!["level"] = "fatal";
        Assert.False(Schemas["check"].Evaluate(Element(check)).IsValid);
        var matrix = Run("matrix", "testdata/examples", "-f", "json")!;
        matrix["connections"]![0]!.AsObject().Remove("all");
        Assert.False(Schemas["matrix"].Evaluate(Element(matrix)).IsValid);
        var diff = Run("diff", "--base", "testdata/examples", "--head", "testdata/examples-diff", "-f", "json")!;
        diff["changes"]![0]!["change"] = "moved";
        Assert.False(Schemas["diff"].Evaluate(Element(diff)).IsValid);
    }

    [Fact]
    public void Check_json_with_a_baseline_matches_its_schema()
    {
        var baseline = Path.Combine(Path.GetTempPath(), $"knl-contract-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(baseline, CliRunner.Run("check", "testdata/golden", "-f", "json").Stdout);
            var report = Run("check", "testdata/golden", "-f", "json", "--baseline", baseline);
            Assert.True((int)report!["summary"]!["baselined"]! > 0);
            AssertValid("check", report, "check --baseline");
        }
        finally { File.Delete(baseline); }
    }

    [Theory]
    [InlineData("testdata/examples")]
    [InlineData("testdata/examples-diff")]
    public void Matrix_and_exposure_json_match_their_schemas(string path)
    {
        AssertValid("matrix", Run("matrix", path, "-f", "json"), $"matrix {path}");
        AssertValid("exposure", Run("matrix", path, "--exposure", "-f", "json"), $"matrix --exposure {path}");
    }

    [Fact]
    public void Matrix_declared_json_matches_its_schema()
    {
        var matrix = Run("matrix", "testdata/rules/KNL122/blocked.yaml", "--declared", "-f", "json")!;
        AssertValid("matrix", matrix, "matrix --declared");
        var declared = matrix["declared"]!.AsArray();
        Assert.Contains(declared, d => (bool)d!["allowed"]! == false && (string)d["address"]! == "postgres://db:5432/app" && (string)d["source"]! == "configmap");
        Assert.Contains(declared, d => (bool)d!["allowed"]! && (string)d["to"]! == "shop/Deployment/web" && (int)d["port"]! == 8080 && (int)d["servicePort"]! == 80);
        Assert.Contains(matrix["connections"]!.AsArray(), c => (string)c!["from"]! == "shop/Deployment/api" && (string)c["to"]! == "shop/Deployment/web" && c["declared"] is not null);
    }

    [Fact]
    public void Diff_json_matches_its_schema()
    {
        AssertValid("diff", Run("diff", "--base", "testdata/examples", "--head", "testdata/examples-diff", "-f", "json"), "diff");
        AssertValid("diff", Run("diff", "--base", "testdata/examples-diff", "--head", "testdata/examples", "-f", "json"), "diff reversed");
    }

    [Fact]
    public void Diff_routes_json_matches_its_schema()
    {
        const string Base = "testdata/rules/KNL505/mixed-ingress-and-httproute.yaml";
        var dir = Directory.CreateTempSubdirectory("knl-contract-routes").FullName;
        try
        {
            var text = File.ReadAllText(Path.Combine(Repo.Root, Base));
            // Every kind of change: a backend moved to another port, a new match, a removed Ingress, a broken hop.
            var head = text.Replace("service: shop.Cart\n      backendRefs:\n        - name: web\n          port: 80", "service: shop.Cart\n      backendRefs:\n        - name: web\n          port: 81")
                .Replace("            value: /cart\n", "            value: /cart\n        - path:\n            type: Exact\n            value: /basket\n");
            head = string.Join("\n---\n", head.Split("\n---\n").Where(d => !d.Contains("kind: Ingress")));
            var broken = text.Replace("      targetPort: http", "      targetPort: nope");
            Assert.NotEqual(text, head);
            Assert.NotEqual(text, broken);
            var headFile = Path.Combine(dir, "head.yaml");
            var brokenFile = Path.Combine(dir, "broken.yaml");
            File.WriteAllText(headFile, head);
            File.WriteAllText(brokenFile, broken);
            var kinds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (from, to) in new[] { (Base, headFile), (headFile, Base), (Base, brokenFile), (brokenFile, Base), (Base, Base) })
            {
                var diff = Run("diff", "--routes", "--base", from, "--head", to, "-f", "json")!;
                AssertValid("diff-routes", diff, $"diff --routes {from} -> {to}");
                foreach (var c in diff["routeChanges"]!.AsArray()) kinds.Add((string)c!["change"]!);
            }
            Assert.Superset(new HashSet<string> { "added", "removed", "backend-added", "backend-removed", "broke", "fixed" }, kinds);

            var wrong = Run("diff", "--routes", "--base", Base, "--head", headFile, "-f", "json")!;
            wrong["routeChanges"]![0]!["before"] = null;
            wrong["routeChanges"]![0]!["after"] = null;
            Assert.False(Schemas["diff-routes"].Evaluate(Element(wrong)).IsValid);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Theory]
    [InlineData("shop/Deployment/frontend", "shop/Deployment/api", null)]
    [InlineData("shop/Deployment/frontend", "shop/Deployment/api", "9090/TCP")]
    [InlineData("external/0.0.0.0-255.255.255.255", "shop/Deployment/frontend", null)]
    [InlineData("ingress-nginx/IngressController/ingress-controller", "shop/Deployment/frontend", null)]
    public void Explain_json_matches_its_schema(string from, string to, string? port)
    {
        string[] args = ["explain", "--from", from, "--to", to, "-f", "json", "testdata/examples"];
        if (port is not null) args = [.. args, "--port", port];
        AssertValid("explain", Run(args), $"explain {from} -> {to}");
    }

    [Theory]
    [InlineData("--from", "external", "--to", "shop/StatefulSet/db")]
    [InlineData("--from", "external", "--to", "shop/StatefulSet/db", "--port", "5432")]
    [InlineData("--from", "shop/Deployment/admin", "--to", "shop/StatefulSet/db")]
    [InlineData("--from", "external", "--transitive")]
    [InlineData("--to", "shop/db", "--transitive", "--port", "5432/TCP")]
    [InlineData("--from", "shop/StatefulSet/db", "--transitive")]
    public void Paths_json_matches_its_schema(params string[] query) =>
        AssertValid("paths", Run(["paths", .. query, "-f", "json", "testdata/paths/shop"]), $"paths {string.Join(' ', query)}");

    [Theory]
    [InlineData("testdata/paths/shop")]
    [InlineData("testdata/examples")]
    public void Graph_json_matches_its_schema(string path)
    {
        AssertValid("graph", Run("graph", path, "-f", "json"), $"graph {path}");
        AssertValid("graph", Run("graph", path, "-f", "json", "--no-connections"), $"graph {path} --no-connections");
    }

    [Theory]
    [InlineData("testdata/examples")]
    [InlineData("testdata/rules/KNL503/namespaces")]
    [InlineData("testdata/rules/KNL505")]
    [InlineData("testdata/rules/KNL506")]
    [InlineData("testdata/rules/KNL511/mirrors")]
    [InlineData("testdata/rules/KNL201")]
    public void Routes_json_matches_its_schema(string path) =>
        AssertValid("routes", Run("routes", path, "-f", "json"), $"routes {path}");

    [Fact]
    public void The_routes_schema_rejects_a_broken_output_and_marks_mirrors()
    {
        var routes = Run("routes", "testdata/rules/KNL511/mirrors", "-f", "json")!;
        var rows = routes["routes"]!.AsArray();
        Assert.Contains(rows, r => r!["backend"] is JsonObject b && (bool)b["mirror"]! && (string)b["name"]! == "recorder");
        Assert.Contains(rows, r => r!["backend"] is JsonObject b && !(bool)b["mirror"]! && (string)b["name"]! == "web");
        rows[0]!["backend"]!.AsObject().Remove("mirror");
        Assert.False(Schemas["routes"].Evaluate(Element(routes)).IsValid);
        var other = Run("routes", "testdata/rules/KNL511/mirrors", "-f", "json")!;
        other["routes"]![0]!["frontend"]!["kind"] = "Service";
        Assert.False(Schemas["routes"].Evaluate(Element(other)).IsValid);
    }

    [Fact]
    public void The_paths_and_graph_schemas_reject_a_broken_output()
    {
        var paths = Run("paths", "--from", "external", "--to", "shop/StatefulSet/db", "-f", "json", "testdata/paths/shop")!;
        paths["paths"]![0]!["steps"]![0]!["kind"] = "teleport";
        Assert.False(Schemas["paths"].Evaluate(Element(paths)).IsValid);
        var transitive = Run("paths", "--from", "external", "--transitive", "-f", "json", "testdata/paths/shop")!;
        transitive.AsObject().Remove("reached");
        Assert.False(Schemas["paths"].Evaluate(Element(transitive)).IsValid);
        var graph = Run("graph", "testdata/paths/shop", "-f", "json")!;
        graph["edges"]![0]!["kind"] = "likes";
        Assert.False(Schemas["graph"].Evaluate(Element(graph)).IsValid);
    }

    public static TheoryData<string> Configs()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Repo.TestData, ".kubenetlint.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Repo.Root, f).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Configs_in_the_repository_match_the_config_schema(string path) =>
        AssertValid("config", Yaml(File.ReadAllText(Path.Combine(Repo.Root, path))), path);

    [Fact]
    public void The_readme_config_example_matches_the_config_schema()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var section = readme[readme.IndexOf("## Configuration", StringComparison.Ordinal)..];
        var block = ConfigBlock().Match(section);
        Assert.True(block.Success, "no ```yaml block in the README's Configuration section");
        AssertValid("config", Yaml(block.Groups[1].Value), "README configuration example");
    }

    [Theory]
    [InlineData("rule: {KNL101: off}\n")]
    [InlineData("rules: {KNL101: loud}\n")]
    [InlineData("certificateExpiryWarningDays: soon\n")]
    [InlineData("connectivity: {expect: [{from: a/Deployment/b, to: c/Deployment/d}]}\n")]
    public void The_config_schema_rejects_what_the_loader_rejects(string yaml)
    {
        Assert.False(Schemas["config"].Evaluate(Element(Yaml(yaml))).IsValid, yaml);
        var dir = Path.Combine(Path.GetTempPath(), $"knl-contract-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, ".kubenetlint.yaml"), yaml);
            Assert.Equal(2, CliRunner.Run("check", dir).ExitCode);
        }
        finally { Directory.Delete(dir, true); }
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ConfigBlock();

    /// <summary>YAML as JSON with the YAML 1.2 core schema's types for plain scalars (the loader's view).</summary>
    private static JsonNode? Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);

        static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
            YamlSequenceNode s => new JsonArray([.. s.Children.Select(Convert)]),
            YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } p => Plain(p.Value ?? ""),
            YamlScalarNode q => JsonValue.Create(q.Value ?? ""),
            _ => null,
        };

        static JsonNode? Plain(string v)
        {
            if (v is "" or "~" or "null" or "Null" or "NULL") return null;
            if (v is "true" or "True" or "TRUE") return JsonValue.Create(true);
            if (v is "false" or "False" or "FALSE") return JsonValue.Create(false);
            if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return JsonValue.Create(i);
            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
            return JsonValue.Create(v);
        }
    }
}
