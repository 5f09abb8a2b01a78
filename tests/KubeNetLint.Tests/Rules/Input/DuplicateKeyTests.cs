using KubeNetLint.Core.Loading;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules.Input;

/// <summary>KNL008, and the loading behaviour it relies on: both parser paths keep every entry of a
/// mapping in source order, and lookups (the typed model) see the last value, as kubectl does.</summary>
public sealed class DuplicateKeyTests
{
    private static List<Core.Rules.Finding> Of(Core.Rules.LintResult result) => [.. result.Reported.Where(f => f.RuleId == "KNL008")];

    [Fact]
    public void Points_at_the_earlier_key_with_the_later_one_as_related_location()
    {
        var result = Lint.Text("""
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              labels:
                app: web
                tier: frontend
                app: website
            spec:
              ports: [{port: 80}]
            """);
        var f = Assert.Single(Of(result));
        Assert.Equal((6, 5), (f.Line, f.Column));
        Assert.Equal("Duplicate key 'metadata.labels.app': this value is ignored, because the key is given again at line 8 " +
                     "and kubectl keeps the last value.", f.Message);
        Assert.Equal(Core.Level.Warning, f.Level);
        var related = Assert.Single(f.Related);
        Assert.Equal((8, 5), (related.Location.Line, related.Location.Column));
        Assert.Equal("The later 'app', whose value is used.", related.Message);
        // The typed model has the value kubectl sends.
        Assert.Equal("website", result.Model.Resources[0].Labels["app"]);
    }

    [Fact]
    public void Every_earlier_occurrence_is_reported_against_the_last()
    {
        var result = Lint.Text("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
            data:
              a: "1"
              a: "2"
              b: "x"
              a: "3"
            """);
        Assert.Equal(["6:3 -> 9", "7:3 -> 9"], Of(result).Select(f => $"{f.Line}:{f.Column} -> {f.Related[0].Location.Line}"));
        Assert.Equal("3", ((ScalarNode)((MappingNode)result.Model.Resources[0].Root["data"]!)["a"]!).Value);
    }

    [Fact]
    public void Large_mappings_are_checked_too()
    {
        var keys = Enumerable.Range(0, 40).Select(i => $"  k{i}: v{i}").ToList();
        keys.Insert(30, "  k3: again");
        var result = Lint.Text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n" + string.Join('\n', keys) + "\n");
        var f = Assert.Single(Of(result));
        Assert.Equal((9, 3), (f.Line, f.Column));
        Assert.Equal(36, f.Related[0].Location.Line);
    }

    [Fact]
    public void Documents_that_are_not_kubernetes_objects_and_list_wrappers_are_checked()
    {
        var result = Lint.Text("""
            replicaCount: 1
            image: {repository: nginx}
            image: {tag: "1.27"}
            ---
            apiVersion: v1
            kind: List
            kind: List
            items: []
            """);
        Assert.Equal(["2:1", "6:1"], Of(result).Select(f => $"{f.Line}:{f.Column}"));
        Assert.All(Of(result), f => Assert.Null(f.Subject));
    }

    [Fact]
    public void Json_duplicates_are_found_on_both_parser_paths()
    {
        const string json = """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a": "1", "a": "2"}}""";
        var f = Assert.Single(Of(Lint.Text(json, "c.json")));
        Assert.Equal((1, json.IndexOf("\"a\"", StringComparison.Ordinal) + 1), (f.Line, f.Column));
        Assert.Equal(json.LastIndexOf("\"a\"", StringComparison.Ordinal) + 1, f.Related[0].Location.Column);

        var multiLine = Lint.Text("""
            {
              "apiVersion": "v1",
              "kind": "ConfigMap",
              "metadata": {"name": "c"},
              "data": {
                "a": "1",
                "a": "2"
              }
            }
            """, "c.json");
        f = Assert.Single(Of(multiLine));
        Assert.Equal((6, 5), (f.Line, f.Column));
        Assert.Equal((7, 5), (f.Related[0].Location.Line, f.Related[0].Location.Column));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Both_parsers_keep_duplicate_entries_in_source_order(bool fastPath)
    {
        var file = new SourceFile { Path = "d.yaml", FullPath = "/d.yaml", Text = "a: 1\nb: 2\na: 3\nc: {x: 1, x: 2}\n" };
        var (docs, problems) = YamlDocumentParser.Parse(file, new ParseScratch(), fastPath);
        Assert.Empty(problems);
        var root = (MappingNode)Assert.Single(docs).Root;
        Assert.Equal(["a", "b", "a", "c"], root.Entries.Select(e => e.Key.Value));
        Assert.Equal("3", ((ScalarNode)root["a"]!).Value);
        Assert.Equal(3, root.KeyNode("a")!.Span.StartLine);
        var c = (MappingNode)root["c"]!;
        Assert.Equal(2, c.Count);
        Assert.Equal("2", ((ScalarNode)c["x"]!).Value);
    }

    [Fact]
    public void The_full_parser_keeps_duplicates_in_documents_the_fast_parser_leaves_to_it()
    {
        // A block scalar sends the document through YamlDotNet.
        var file = new SourceFile { Path = "d.yaml", FullPath = "/d.yaml", Text = "a: |\n  text\nb: 2\na: 3\n" };
        var (docs, problems) = YamlDocumentParser.Parse(file);
        Assert.Empty(problems);
        var root = (MappingNode)Assert.Single(docs).Root;
        Assert.Equal(["a", "b", "a"], root.Entries.Select(e => e.Key.Value));
        Assert.Equal("3", ((ScalarNode)root["a"]!).Value);
    }

    [Fact]
    public void A_mapping_reached_through_many_aliases_is_walked_and_reported_once()
    {
        // 9^5 references to one mapping: within the loader's expansion budget, walked once.
        var text = new System.Text.StringBuilder("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  a0: &a0 {x: 1, x: 2}\n");
        for (int i = 1; i <= 5; i++)
            text.Append($"  a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        var result = Lint.Text(text.ToString());
        Assert.Equal(["KNL008@5:12"], result.Brief());
        Assert.True(result.Model.Documents[0].HasAliases);
    }

    [Fact]
    public void A_key_overriding_a_merged_key_is_not_a_duplicate()
    {
        var result = Lint.Text("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              labels: &base {app: c, tier: backend}
              annotations:
                <<: *base
                tier: frontend
                tier: edge
            """);
        // The merged 'tier' is overridden (not reported); the two written ones are a duplicate.
        var f = Assert.Single(Of(result));
        Assert.Equal((8, 5), (f.Line, f.Column));
        Assert.Equal("edge", result.Model.Resources[0].Annotations["tier"]);
        Assert.Equal("c", result.Model.Resources[0].Annotations["app"]);
    }

    [Fact]
    public void An_invalid_last_value_is_what_the_model_sees()
    {
        var result = Lint.Text("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              labels:
                app: web
                app: true
            """);
        Assert.Equal(["KNL008@6:5", "KNL005@7:10"], result.Brief().OrderBy(b => b, StringComparer.Ordinal).Reverse());
        Assert.False(result.Model.Resources[0].Labels.ContainsKey("app"));
    }
}
