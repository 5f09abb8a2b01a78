using KubeNetLint.Core.Loading;

namespace KubeNetLint.Tests.Loading;

/// <summary>The fast parser on its own (FastYamlParser.TryParse), at the edges of what it takes: the end of
/// its range (with and without text after it, which it must never read), limits (key length, depth), and
/// each character or shape it leaves to YamlDotNet. What it takes must be exactly what YamlDotNet builds.</summary>
public sealed class FastYamlParserTests
{
    private static SourceFile File(string text) => FastParserDifferentialTests.File(text);

    /// <summary>The fast parser on the range holding chunk inside before + chunk + after, rendered like
    /// Parse's result; null when it gives up.</summary>
    private static string? Fast(string chunk, string before = "", string after = "", ParseScratch? scratch = null)
    {
        var file = File(before + chunk + after);
        int lineOffset = before.Count(c => c == '\n');
        if (!FastYamlParser.TryParse(file, before.Length, before.Length + chunk.Length, lineOffset, scratch ?? new ParseScratch(), out var parsed))
            return null;
        var documents = new List<ParsedDocument>();
        if (parsed is { } d) documents.Add(new ParsedDocument(d.Root, 0, d.Span, d.Template));
        return FastParserDifferentialTests.Describe((documents, []));
    }

    private static string Slow(string text) =>
        FastParserDifferentialTests.Describe(YamlDocumentParser.Parse(File(text), new ParseScratch(), fastPath: false));

    /// <summary>Text the range may be followed by: nothing (the end of the file), a next document, or
    /// characters that would change the result if the parser read past its range.</summary>
    private static readonly string[] After = ["", "\n", "---\n", "%", " ", "x", ":", ": x", "'", "\"", "-", "]", "}", ",", "#", "0"];
    private static readonly string[] Before = ["", "#\n", "# a\n\n"];

    private static void AssertTaken(string chunk)
    {
        foreach (var before in Before)
        {
            // The slow path of the same range: the text before it is a comment or a document of its own.
            var expected = Slow(before + chunk);
            foreach (var after in After)
            {
                var fast = Fast(chunk, before, after);
                if (fast is null) Assert.Fail($"the fast parser gave up on [{chunk}] (before [{before}], after [{after}])");
                Assert.True(expected == fast, $"[{chunk}] (before [{before}], after [{after}])\n--- YamlDotNet\n{expected}--- fast\n{fast}");
            }
        }
    }

    private static void AssertLeft(string chunk)
    {
        foreach (var before in Before)
            foreach (var after in After)
                Assert.True(Fast(chunk, before, after) is null, $"the fast parser should have left [{chunk}] to YamlDotNet (before [{before}], after [{after}])");
        // And YamlDotNet makes something of it without throwing.
        Slow(chunk);
    }

    [Fact]
    public void Documents_that_end_at_the_range_end_are_read_without_looking_past_it()
    {
        foreach (var chunk in new[]
        {
            "---", "---\n", "--- # c\n", "# only a comment", "a:", "a: ", "a:  # c", "'a':", "\"a\" :", "a: 'x'", "a: \"x\"", "a: 'it''s'",
            "a: ''", "a: \"x\\\\\"", "a: \"\\x41\\u00e9\"", "a: [x]", "a: [x ]", "a: [\"x\", 'y']", "a: {b: c}", "a: {\"b\": 'c'}",
            "-", "- x\n- y", "- x\n-", "a:\n- x\n-", "a:\n  b: 1", "a: 1\n  # c",
        })
            AssertTaken(chunk);
    }

    [Fact]
    public void Unfinished_documents_at_the_range_end_go_to_YamlDotNet()
    {
        foreach (var chunk in new[]
        {
            "--", "a: 'x", "a: \"x", "a: \"x\\", "a: \"\\x4", "a: \"\\u00e", "a: [x,", "a: [x", "a: [x ", "a: [", "a: [\"x\"",
            "a: [b:", "a: {b", "a: {b:", "a: {b: ", "a: {b: c", "a: {\"b\"", "{x", "[x",
        })
            AssertLeft(chunk);
    }

    [Fact]
    public void Plain_scalars_stop_at_a_comment_only_after_a_space()
    {
        foreach (var chunk in new[] { "k: v #c\n", "k: a# b\n", "k: a#b #c\n", "k: v   #c\n", "- v #c\n", "a: 1\nb c: 2\n", "a:\n- x\nb c: 2\n", "a b: 1\nc: 2\n" })
            AssertTaken(chunk);
    }

    [Fact]
    public void What_follows_a_value_on_its_line_must_be_a_comment_after_a_space()
    {
        foreach (var chunk in new[] { "--- a: 1\n", "a: 'x'#c\n", "a: \"x\"#c\n", "a: [x]#c\n", "a: {b: c}#c\n", "a: 'x' y\n", "a: \"x\"\"y\"\n" })
            AssertLeft(chunk);
        foreach (var chunk in new[] { "a: 'x' #c\n", "a: \"x\" #c\n", "a: [x] #c\n", "--- #c\na: 1\n", "---a: 1\n" })
            AssertTaken(chunk);
    }

    [Fact]
    public void Structures_the_fast_parser_does_not_build_go_to_YamlDotNet()
    {
        foreach (var chunk in new[]
        {
            // Document end markers, and lines that merely look like one.
            "...x: 1\n", "a: 1\n...x: 2\n", "...\n",
            // A root indented deeper than what follows it; keys and entries out of place.
            "  a: 1\nb: 2\n", "a: 1\nb\n", "a: 1\nb c\n", "a: 1\n- b\n", "- - x\n - y\n", "- x\nb c\n", "- x\n  - y\n",
            // Merge keys, in block and flow mappings.
            "<<: {b: 1}\n", "a: {<<: {b: 1}}\n",
        })
            AssertLeft(chunk);
        // A quoted "<<" is an ordinary key.
        AssertTaken("a: {\"<<\": 1}\n");
        AssertTaken("a: {'<<': 1, b: 2}\n");
        AssertTaken("'<<': 1\n");
    }

    [Fact]
    public void Scalars_starting_with_an_indicator_go_to_YamlDotNet()
    {
        foreach (var c in "?:,]}&*!|>%@`")
        {
            AssertLeft($"a: {c}x\n");
            AssertLeft($"{c}x: 1\n");
        }
        // In a flow collection: a lone '-', an indicator first, or '#', '?', '*' inside a plain scalar.
        foreach (var chunk in new[] { "a: [-]\n", "a: [-, x]\n", "a: {x: -}\n", "a: [&x]\n", "a: [!x]\n", "a: [|]\n", "a: [x#y]\n", "a: [x?y]\n", "a: [x*y]\n", "a: {x#: y}\n", "a: [b: c]\n", "a: [\"b\": c]\n", "a: {b: c: d}\n", "a: {b: \"c\": d}\n" })
            AssertLeft(chunk);
        foreach (var chunk in new[] { "a: [-x, x-, -1]\n", "a: {x: -y}\n", "a: [x y, z]\n", "- -x\n" })
            AssertTaken(chunk);
    }

    [Fact]
    public void Escapes_that_make_surrogates_or_are_unknown_go_to_YamlDotNet()
    {
        foreach (var chunk in new[] { "a: \"\\uD800\"\n", "a: \"\\uDBFF\"\n", "a: \"\\uDC00\"\n", "a: \"\\uDFFF\"\n", "a: \"\\q\"\n", "a: \"\\xG1\"\n", "a: \"\\U0001F600\"\n" })
            AssertLeft(chunk);
        foreach (var chunk in new[] { "a: \"\\uD7FF\"\n", "a: \"\\uE000\"\n", "a: \"\\x7F\\x00\\t\\\"\\/\\ \\N\\_\\L\\P\\e\\a\\b\\v\\f\\r\\0\"\n" })
            AssertTaken(chunk);
    }

    [Fact]
    public void Control_characters_BOM_line_separators_and_surrogates_go_to_YamlDotNet()
    {
        foreach (var c in new[] { '\u0001', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f', '\uFEFF', '\u2028', '\u2029', '\uD800', '\uDBFF', '\uDC00', '\uDFFF' })
            AssertLeft($"a: x{c}y\n");
        foreach (var c in new[] { '~', '\u00a0', '\u00ff', '\uD7FF', '\uE000', '\uFFFD' })
            AssertTaken($"a: x{c}y\n");
    }

    [Fact]
    public void Keys_of_up_to_1024_characters_are_taken_longer_ones_left_to_YamlDotNet()
    {
        foreach (var indent in new[] { "", "    " })
        {
            string Doc(string key) => indent.Length == 0 ? $"{key}: v\n" : $"a:\n{indent}{key}: v\n";
            AssertTaken(Doc(new string('k', 1024)));
            AssertLeft(Doc(new string('k', 1025)));
            // Quoted keys count their quotes.
            AssertTaken(Doc("'" + new string('k', 1022) + "'"));
            AssertLeft(Doc("'" + new string('k', 1023) + "'"));
            AssertTaken(Doc("\"" + new string('k', 1022) + "\""));
            AssertLeft(Doc("\"" + new string('k', 1023) + "\""));
        }
    }

    [Fact]
    public void Nesting_up_to_64_levels_is_taken_deeper_is_left_to_YamlDotNet()
    {
        static string Mappings(int n) => string.Concat(Enumerable.Range(0, n).Select(i => new string(' ', i) + (i == n - 1 ? "k: v\n" : "k:\n")));
        static string Sequences(int n) => string.Concat(Enumerable.Repeat("- ", n)) + "x\n";
        static string Flows(int n) => new string('[', n) + new string(']', n) + "\n";
        static string FlowMappings(int n) => string.Concat(Enumerable.Repeat("{a: ", n - 1)) + "{}" + new string('}', n - 1) + "\n";
        foreach (var make in new Func<int, string>[] { Mappings, Sequences, Flows, FlowMappings })
        {
            AssertTaken(make(64));
            AssertLeft(make(65));
        }
        // The depth is the nesting, not the number of collections: siblings do not add up.
        AssertTaken(Mappings(40) + "b:\n" + string.Concat(Enumerable.Range(1, 40).Select(i => new string(' ', i) + (i == 40 ? "k: v\n" : "k:\n"))));
        AssertTaken("a: " + Flows(63) + "b: " + Flows(63));
    }

    [Fact]
    public void Lists_go_back_to_the_scratch_empty_and_are_reused()
    {
        var scratch = new ParseScratch();
        const string text = "a: [x, {b: c}]\nd:\n- e: f\n- [g]\n";
        var first = Fast(text, scratch: scratch);
        Assert.Equal(Slow(text), first);
        Assert.True(scratch.FreeEntryLists.Count >= 1, "no mapping entry list was returned");
        Assert.True(scratch.FreeItemLists.Count >= 1, "no item list was returned");
        Assert.All(scratch.FreeEntryLists, l => Assert.Empty(l));
        Assert.All(scratch.FreeItemLists, l => Assert.Empty(l));
        int entries = scratch.FreeEntryLists.Count, items = scratch.FreeItemLists.Count;
        // A second document with the same scratch reuses them and builds the same tree.
        Assert.Equal(first, Fast(text, scratch: scratch));
        Assert.Equal(entries, scratch.FreeEntryLists.Count);
        Assert.Equal(items, scratch.FreeItemLists.Count);
    }
}
