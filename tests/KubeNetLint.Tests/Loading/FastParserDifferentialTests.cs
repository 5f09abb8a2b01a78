using System.Text;
using KubeNetLint.Core.Loading;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Loading;

/// <summary>The fast parser must build exactly what the YamlDotNet path builds (values, styles, tags and
/// every position), and give up on anything else. Each test parses the same text both ways and compares
/// the whole result, problems included.</summary>
public sealed class FastParserDifferentialTests
{
    /// <summary>A file of this text at a path relative to the working directory (t.yaml by default).</summary>
    internal static SourceFile File(string text, string path = "t.yaml") =>
        new() { Path = path, FullPath = Path.GetFullPath(path), Text = text };

    /// <summary>Everything Parse returns, as text: documents with their trees, then the problems.</summary>
    internal static string Describe((List<ParsedDocument> Documents, List<LoadProblem> Problems) result)
    {
        var sb = new StringBuilder();
        foreach (var d in result.Documents)
        {
            sb.Append($"doc {d.Index} {d.Span}");
            if (d.TemplateScalar is { } t) sb.Append($" template at {t.Span}");
            sb.Append('\n');
            Describe(d.Root, sb, 1);
        }
        foreach (var p in result.Problems) sb.Append($"problem {p.Kind} {p.Location.Span} {p.Message}\n");
        return sb.ToString();
    }

    private static void Describe(Node node, StringBuilder sb, int depth)
    {
        sb.Append(' ', depth * 2);
        switch (node)
        {
            case ScalarNode s:
                // The typed value and key text kubectl would send are compared too.
                sb.Append($"scalar {s.Span} {s.Style} {s.Tag ?? "-"} [{s.Value.Replace("\n", "\\n")}] {s.Resolved} key={s.JsonKey}\n");
                break;
            case MappingNode m:
                sb.Append($"mapping {m.Span}\n");
                foreach (var (k, v) in m.Entries)
                {
                    Describe(k, sb, depth + 1);
                    Describe(v, sb, depth + 2);
                }
                break;
            case SequenceNode q:
                sb.Append($"sequence {q.Span}\n");
                foreach (var i in q.Items) Describe(i, sb, depth + 1);
                break;
        }
    }

    /// <summary>Both parsers on one text; returns how many documents the fast parser took.</summary>
    private static int AssertSame(SourceFile file)
    {
        var slow = Describe(YamlDocumentParser.Parse(file, new ParseScratch(), fastPath: false));
        var fast = Describe(YamlDocumentParser.Parse(file, new ParseScratch(), fastPath: true));
        if (slow != fast)
            Assert.Fail($"{file.Path}: the fast parser differs from YamlDotNet\n--- text\n{file.Text}\n--- YamlDotNet\n{slow}--- fast\n{fast}");
        return FastDocuments(file);
    }

    private static int FastDocuments(SourceFile file) =>
        YamlDocumentParser.SplitDocuments(file.Text).Count(c =>
            FastYamlParser.TryParse(file, c.Start, c.End, c.LineOffset, new ParseScratch(), out var d) && d is not null);

    private static bool Fast(string text)
    {
        var file = File(text);
        return YamlDocumentParser.SplitDocuments(text).All(c => FastYamlParser.TryParse(file, c.Start, c.End, c.LineOffset, new ParseScratch(), out _));
    }

    public static TheoryData<string> Handled() =>
    [
        "a: 1",
        "a: 1\n",
        "a: 1\n   ",
        "a: 1\n\n# tail\n\n",
        "---\na: 1\n",
        "--- # first\na: 1\n---\nb: 2\n",
        "# lead\n\n  a: 1\n  b: x y   # c\n",
        "a:\n  b:\n    c: d\n  e: f\ng: h\n",
        "a:\n- x\n-\n- y: 1\n  z: \"q\\\"w\"\nb: {}\nc: []\nd: [ ]\ne: 'it''s'\nf:   # c\n\n# tail\n",
        "- a\n- - b\n  - c\n-   d: 1\n    e: 2\n",
        "a:\n  - name: x\n    ports:\n    - containerPort: 80\n      name: http\n  - name: y\nb: 1\n",
        "policyTypes: [Ingress, Egress]\nports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]\n",
        "sel: {matchExpressions: [{key: tier, operator: In, values: [web, api]}]}\n",
        "a: [a, b,]\nb: {x: 1,}\nc: [[1, 2], {y: [z]}]\n",
        "url: http://example.com:8080/x?y=z#frag\nimage: repo/x:1.2.3\nk: a:b\nhash: a#b\n",
        "\"quoted key\": v\n'single': \"a\\tb\\n\\u00e9\\x41\\\\\"\n",
        "empty:\nnull: ~\nt: true\nn: -1\nf: 1.5e3\nh: 0x1F\n",
        "args: [\"--port=80\", '--x', -v]\ncommand:\n- -c\n- --y\n",
        "k: v # comment\nl: 'v' # comment\nm: [a] # comment\n",
        "a:\n  # comment inside\n  b: 1\n# comment at column 1\n  c: 2\n",
        "a:\n  b:\n  - 1\n  - 2\n  c: 3\n",
        "- [a, b]\n- {c: d}\n",
        "[a, b]\n",
        "{a: b}\n# done\n",
        "labels:\n  app.kubernetes.io/name: x\n  helm.sh/chart: y-1.0\n",
        "image: x:{{ .Values.tag }}\n",
        "msg: '{{ $labels.pod }} is down'\n",
        "long key with spaces: value with spaces\n",
        "a: ünïcödé — ok\n",
        "a: \"x\"\n",
        "a:\n\n\n  b: 1\n",
        // The end of a text without a final line break closes deeper collections where the last line ends.
        "a:\n  b: 1\n#",
        "a:\n  b: 1\n ",
        "a:\n    b: 1\n  # c",
        "a:\n- b:\n    c: 1\n #",
        "a:\n  - x\n #",
        "- a:\n    - 1\n  ",
        "a:\n  b: 1",
        "a   : 1\n\"b\"  : 2\n",
        "a: [a b, \"c,d\", e ]\n",
        "a: b\u00a0c\u3000d\n",
        "- \"k\": v\n  l: w\n",
        "- - - a\n    - b\n  - c\n",
        "a:\n  [1, 2]\n",
        "80: x\n'443': y\n",
        // kubectl's typing (go-yaml v2): YAML 1.1 booleans, octal, underscores, floats, keys resolved.
        "a: yes\nb: 010\nc: 1_000\nd: 1e3\ne: .5\nf: 0b101\ng: ~\nh: 08\ni: yEs\nj: Off\nk: 0x1F\nl: -.inf\n",
        "yes: 1\non: 2\n010: 3\n1.0: 4\n'y': 5\n\"n\": 6\n",
        "- y\n- N\n- 0o7\n- 2001-12-14\n- 12:30\n- +.5\n- 1.\n",
    ];

    [Theory]
    [MemberData(nameof(Handled))]
    public void Common_yaml_takes_the_fast_path_and_matches_YamlDotNet(string text)
    {
        Assert.True(Fast(text), "the fast parser gave up on:\n" + text);
        AssertSame(File(text));
    }

    public static TheoryData<string> LeftToYamlDotNet() =>
    [
        "a: &x 1\nb: *x\n",
        "v: {{ .Values.x }}\n",
        "a: !!str 1\n",
        "a: |\n  text\n",
        "a: >-\n  folded\n",
        "a: multi\n  line\n",
        "a: 'multi\n  line'\n",
        "a: [1,\n  2]\n",
        "a:\tb\n",
        "a: 1\r\nb: 2\r\n",
        "? complex\n: key\n",
        "<<: {a: 1}\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n...\n",
        "a: b: c\n",
        "a: - b\n",
        "- a\nb: c\n",
        "a:\n  b: 1\n   c: 2\n",
        "a: 1\n b: 2\n",
        "key:value\n",
        "{\"a\":1}\n",
        "[a: b]\n",
        "{a, b}\n",
        "a: @x\n",
        "a: \"unterminated\n",
        "a: \"\\q\"\n",
        "just a scalar\n",
        "a: \"x\"y\n",
        "\uFEFFa: 1\n",
        "a: 😀\n",
        "- get *x:\n- y\n",
        "a *b: 1\n",
    ];

    [Theory]
    [MemberData(nameof(LeftToYamlDotNet))]
    public void Everything_else_goes_to_YamlDotNet_with_the_same_result(string text)
    {
        Assert.False(Fast(text), "the fast parser should have left this to YamlDotNet:\n" + text);
        AssertSame(File(text));
    }

    private static IEnumerable<string> Manifests(string dir) =>
        Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
            : [];

    [Fact]
    public void Every_testdata_file_parses_the_same_both_ways()
    {
        int files = 0, fast = 0;
        foreach (var path in Manifests(Repo.TestData))
        {
            fast += AssertSame(File(System.IO.File.ReadAllText(path), path));
            files++;
        }
        Assert.True(files > 100, $"only {files} testdata files found");
        Assert.True(fast > files, $"the fast parser took only {fast} documents of {files} files");
    }

    [SharedFact]
    public void Every_corpus_file_parses_the_same_both_ways()
    {
        int documents = 0, fast = 0;
        foreach (var path in Manifests(Path.Combine(Repo.Shared, "corpus")))
        {
            var file = File(System.IO.File.ReadAllText(path), path);
            fast += AssertSame(file);
            documents += YamlDocumentParser.Parse(file, new ParseScratch(), fastPath: false).Documents.Count;
        }
        // Most real manifests are the plain block YAML the fast parser is for.
        Assert.True(fast * 2 > documents, $"the fast parser took {fast} of {documents} corpus documents");
    }

    /// <summary>Mutated documents: a character deleted, inserted or replaced, a line duplicated or
    /// re-indented. Whatever the fast parser accepts must be exactly what YamlDotNet makes of it, and
    /// what it cannot judge (broken YAML included) must reach YamlDotNet.</summary>
    [Fact]
    public void Mutated_documents_parse_the_same_both_ways()
    {
        var bases = Manifests(Path.Combine(Repo.TestData, "examples")).Concat(Manifests(Path.Combine(Repo.TestData, "golden")))
            .Concat(Repo.HasShared ? Manifests(Path.Combine(Repo.Shared, "corpus")) : [])
            .SelectMany(p => YamlDocumentParser.SplitDocuments(System.IO.File.ReadAllText(p)).Select(c => System.IO.File.ReadAllText(p)[c.Start..c.End]))
            .Where(d => d.Length is > 0 and < 20_000)
            .ToList();
        Assert.NotEmpty(bases);
        var random = new Random(20261122);
        const string alphabet = " :-#\"'[]{},\n&*!|>?a0.\\~%@`\u00a0é\t=/_yxe+8";
        int accepted = 0;
        // FAST_PARSER_MUTANTS=200000 for a longer run than CI's; FAST_PARSER_SEED for other mutants.
        int count = int.TryParse(Environment.GetEnvironmentVariable("FAST_PARSER_MUTANTS"), out var c) ? c : 20_000;
        if (int.TryParse(Environment.GetEnvironmentVariable("FAST_PARSER_SEED"), out var seed)) random = new Random(seed);
        for (int n = 0; n < count; n++)
        {
            var text = new StringBuilder(bases[random.Next(bases.Count)]);
            int edits = 1 + random.Next(3);
            for (int e = 0; e < edits && text.Length > 0; e++)
            {
                int at = random.Next(text.Length);
                switch (random.Next(5))
                {
                    case 0: text.Remove(at, 1); break;
                    case 1: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    case 2: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 3:
                    {
                        int start = text.ToString().LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
                        text.Insert(start, random.Next(2) == 0 ? " " : "  ");
                        break;
                    }
                    default:
                    {
                        var s = text.ToString();
                        int start = s.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
                        int end = s.IndexOf('\n', at);
                        end = end < 0 ? s.Length : end + 1;
                        text.Insert(start, s[start..end]);
                        break;
                    }
                }
            }
            var file = File(text.ToString(), $"mutant-{n}.yaml");
            accepted += AssertSame(file);
        }
        Assert.True(accepted > count / 6, $"the fast parser took only {accepted} of {count} mutated documents");
    }
}
