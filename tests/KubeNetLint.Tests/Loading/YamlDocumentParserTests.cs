using KubeNetLint.Core.Loading;

namespace KubeNetLint.Tests.Loading;

/// <summary>YamlDocumentParser's own work around YamlDotNet: where documents split (markers, directives),
/// where problems are reported (directives, templates, syntax errors shifted to the document's lines,
/// tabs), keys that are collections, merge keys, and the depth and alias-expansion limits.</summary>
public sealed class YamlDocumentParserTests
{
    private static SourceFile File(string text) => FastParserDifferentialTests.File(text);

    private static List<(int Start, int End, int LineOffset)> Split(string text) => YamlDocumentParser.SplitDocuments(text).ToList();

    /// <summary>The problems of a text, one per line: kind, span, message.</summary>
    private static string Problems(string text) =>
        string.Join("\n", YamlDocumentParser.Parse(File(text)).Problems.Select(p => $"{p.Kind} {p.Location.Span} {p.Message}"));

    [Fact]
    public void Documents_split_at_markers_at_column_1_followed_by_a_blank_or_the_end()
    {
        Assert.Equal([], Split(""));
        Assert.Equal([(0, 9, 0)], Split("---\na: 1\n"));
        Assert.Equal([(0, 5, 0), (5, 14, 1)], Split("a: 1\n---\nb: 2\n"));
        Assert.Equal([(0, 1, 0), (1, 10, 1)], Split("\n---\na: 1\n"));
        // A marker that ends the text, without a line break.
        Assert.Equal([(0, 5, 0), (5, 8, 1)], Split("a: 1\n---"));
        foreach (var marker in new[] { "--- x", "---\t", "--- ", "---\r" })
            Assert.Equal([(0, 5, 0), (5, 5 + marker.Length + 6, 1)], Split($"a: 1\n{marker}\nb: 2\n"));
        // Not markers: too short, or followed by something else.
        foreach (var text in new[] { "a: 1\n--", "a: 1\n-", "a: 1\n---x\n", "a: 1\n ---\n", "a: 1\n--x\n" })
            Assert.Equal([(0, text.Length, 0)], Split(text));
        // After '...' the next document needs no marker, but it is still the same range.
        Assert.Equal([(0, 14, 0)], Split("a: 1\n...\nb: 2\n"));
        Assert.Equal([(0, 7, 0), (7, 16, 1)], Split("a: 50%\n---\nb: 1\n"));
    }

    [Fact]
    public void Directives_belong_to_the_document_after_them()
    {
        Assert.Equal([(0, 19, 0)], Split("%YAML 1.1\n---\na: 1\n"));
        Assert.Equal([(0, 39, 0)], Split("%YAML 1.1\n\n%TAG ! tag:x,2000:\n---\na: 1\n"));
        // Blank and comment lines before the first directive are not part of the document.
        Assert.Equal([(1, 20, 1)], Split("\n%YAML 1.1\n---\na: 1\n"));
        Assert.Equal([(4, 23, 1)], Split("# c\n%YAML 1.1\n---\na: 1\n"));
        // A head after '---': the directives start the next document.
        Assert.Equal([(4, 23, 1)], Split("---\n%YAML 1.1\n---\na: 1\n"));
        // A '%' in a comment is no directive; a '%' line after content is no head.
        Assert.Equal([(0, 7, 0), (7, 16, 1)], Split("# 100%\n---\na: 1\n"));
        Assert.Equal([(0, 15, 0), (15, 24, 2)], Split("a: 1\n%YAML 1.1\n---\nb: 2\n"));
        // After '...' a directive starts the next document's head, comments in between or not.
        Assert.Equal([(0, 9, 0), (9, 28, 2)], Split("a: 1\n...\n%YAML 1.1\n---\nb: 2\n"));
        Assert.Equal([(0, 13, 0), (13, 32, 3)], Split("a: 1\n...\n# c\n%YAML 1.1\n---\nb: 2\n"));
        // A lone '%' at the end is its own range.
        Assert.Equal([(0, 9, 0), (9, 10, 2)], Split("a: 1\n...\n%"));
    }

    [Fact]
    public void Directives_are_reported_on_their_own_line_of_the_file()
    {
        Assert.Equal("Directive 3:1-3:10 YAML directive", Problems("a: 1\n...\n%YAML 1.1\n---\nb: 2\n"));
        Assert.Equal("Directive 2:1-2:10 YAML directive", Problems("\n%YAML 1.1\n---\na: 1\n"));
        Assert.Equal("Directive 1:1-1:10 YAML directive\nDirective 3:1-3:19 YAML directive",
            Problems("%YAML 1.1\n\n%TAG ! tag:x,2000:\n---\na: 1\n"));
        // Ranges that start with a comment, a blank, an empty line or CR LF before their directive.
        foreach (var (head, newline) in new[] { ("#c\n", "\n"), (" \n", "\n"), ("\n", "\n"), ("\r\n", "\r\n") })
            Assert.Equal("Directive 2:1-2:10 YAML directive\nSyntax 3:2-3:3 did not find expected <document start>",
                Problems(head + "%YAML 1.1" + newline + "a: 1" + newline));
        Assert.Equal("Directive 1:1-1:10 YAML directive\nSyntax 1:9-1:10 did not find expected <document start>", Problems("%YAML 1.1\n"));
        Assert.Equal("Directive 1:1-1:2 YAML directive\nSyntax 1:1-1:2 while scanning a directive, could not find expected directive name", Problems("%"));
        // Content first: no directive head.
        Assert.Equal("", Problems("a: 1\n"));
        Assert.Equal("", Problems(""));
    }

    [Fact]
    public void Syntax_errors_point_at_the_files_lines_and_the_last_content()
    {
        Assert.Equal("Syntax 1:5-1:6 while scanning a plain scalar value, found invalid mapping", Problems("x: y: z\n"));
        Assert.Equal("Syntax 3:5-3:6 while scanning a plain scalar value, found invalid mapping", Problems("a: 1\n---\nx: y: z\n"));
        // An unclosed bracket is found at the end: reported at the end of the last line with content.
        Assert.Equal("Syntax 1:8-1:9 while parsing a flow sequence, did not find expected ',' or ']'", Problems("a: [1, 2\n"));
        Assert.Equal("Syntax 3:8-3:9 while parsing a flow sequence, did not find expected ',' or ']'", Problems("a: 1\n---\nb: [1, 2\n\n"));
        Assert.Equal("Syntax 4:2-4:3 while parsing a flow mapping, did not find expected ',' or '}'", Problems("a: 1\n---\n{a: 1\nb: 2"));
        // What YamlDotNet's scanner throws other than a YamlException: where parsing stopped.
        Assert.Equal("Syntax 1:4-1:5 malformed YAML after this point (unclosed bracket or quote?)", Problems("a: {b\nc: d}"));
        Assert.Equal("Syntax 3:4-3:5 malformed YAML after this point (unclosed bracket or quote?)", Problems("a: 1\n---\na: {b\nc: d}"));
    }

    [Fact]
    public void Tab_errors_point_at_the_first_tab_that_indents_a_line_with_content()
    {
        Assert.Equal("Syntax 2:1-2:2 while scanning a mapping, found invalid tab as indentation", Problems("a:\n\tb: 1\n"));
        Assert.Equal("Syntax 4:1-4:2 while scanning a mapping, found invalid tab as indentation", Problems("a: 1\n---\nb:\n\tc: 1\n"));
        Assert.Equal("Syntax 3:1-3:2 while scanning a plain scalar, found a tab character that violate indentation", Problems("a:\n  b: 1\n\tc: 1\n"));
        // Lines of only blanks, with or without a tab, are skipped.
        Assert.Equal("Syntax 3:1-3:2 while scanning a mapping, found invalid tab as indentation", Problems("a:\n  \n\tb: 1\n"));
        Assert.Equal("Syntax 3:1-3:2 while scanning a mapping, found invalid tab as indentation", Problems("a:\n \t \n\tb: 1\n"));
        Assert.Equal("Syntax 3:3-3:4 while scanning a mapping, found invalid tab as indentation", Problems("a:\n  b:\n  \t  c: 1\n"));
    }

    [Fact]
    public void Helm_templates_are_reported_at_their_braces()
    {
        Assert.Equal("Template 3:4-3:6 this file contains Helm/Go template syntax ('{{ … }}') and is not valid YAML", Problems("a: 1\n---\nb: {{ .Values.x }}\n"));
    }

    [Fact]
    public void Collections_as_keys_are_errors_at_the_key()
    {
        Assert.Equal("Syntax 1:3-1:5 a list is used as a key, which Kubernetes cannot read", Problems("? [a]\n: b\n"));
        Assert.Equal("Syntax 1:3-1:8 a mapping is used as a key; this is usually an unrendered '{{ … }}' template", Problems("? {a: 1}\n: b\n"));
        Assert.Equal("Syntax 2:3-2:5 an alias of a mapping or list is used as a key", Problems("a: &x {b: 1}\n? *x\n: c\n"));
        Assert.Equal("Syntax 2:1-2:3 an alias of a mapping or list is used as a key", Problems("a: &x [1]\n*x : c\n"));
        // An alias of a scalar is an ordinary key.
        var (documents, problems) = YamlDocumentParser.Parse(File("a: &k key\n*k : v\n"));
        Assert.Empty(problems);
        var root = Assert.IsType<MappingNode>(Assert.Single(documents).Root);
        Assert.Equal(["a", "key"], root.Entries.Select(e => e.Key.Value));
        Assert.Equal("v", ((ScalarNode)root["key"]!).Value);
    }

    [Fact]
    public void A_merge_key_takes_a_mapping_or_a_list_of_mappings()
    {
        var (documents, problems) = YamlDocumentParser.Parse(File("a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: [*a, *b]\n  z: 3\nd:\n  <<: *a\n  x: 4\n"));
        Assert.Empty(problems);
        var root = (MappingNode)Assert.Single(documents).Root;
        Assert.Equal(["x", "y", "z"], ((MappingNode)root["c"]!).Entries.Select(e => e.Key.Value));
        var d = (MappingNode)root["d"]!;
        Assert.Equal("4", ((ScalarNode)Assert.Single(d.Entries).Value).Value);
        Assert.Equal("Syntax 1:9-1:10 a merge key ('<<') needs a mapping or a list of mappings", Problems("a: {<<: 1}\n"));
    }

    [Fact]
    public void Nesting_of_256_levels_is_read_deeper_is_an_error()
    {
        foreach (var (open, close) in new[] { ("[", "]"), ("{a: ", "}") })
        {
            string Nested(int n) => string.Concat(Enumerable.Repeat(open, n)) + (open == "[" ? "" : "1") + string.Concat(Enumerable.Repeat(close, n)) + "\n";
            var (documents, problems) = YamlDocumentParser.Parse(File(Nested(256)));
            Assert.Empty(problems);
            Assert.Single(documents);
            int column = 256 * open.Length + 1;
            Assert.Equal($"Syntax 1:{column}-1:{column} nesting is deeper than 256 levels", Problems(Nested(257)));
        }
    }

    [Fact]
    public void Aliases_may_expand_to_a_million_nodes_not_more()
    {
        static string Doc(int extra) =>
            "a: &a [" + string.Join(",", Enumerable.Repeat("x", 999)) + "]\n" +
            "b: [" + string.Join(",", Enumerable.Repeat("*a", 998)) + "]\n" +
            "c: [" + string.Join(",", Enumerable.Repeat("x", extra)) + "]\n";
        // 1 (root) + 1,000 (a) + 1 + 998,000 (b) + 1 + extra (c) = 999,003 + extra.
        var (documents, problems) = YamlDocumentParser.Parse(File(Doc(997)));
        Assert.Empty(problems);
        Assert.True(Assert.Single(documents).HasAliases);
        Assert.Equal("Syntax 1:1-4:1 aliases expand this document to more than 1,000,000 nodes (an alias bomb?)", Problems(Doc(998)));
    }

    [Fact]
    public void Documents_that_are_null_or_hold_only_markers_and_comments_are_skipped()
    {
        foreach (var text in new[] { "~\n", "---\n~\n", "---\nnull\n", "---\n", "...\n", "---\n...\n---\n# c\n...\n", "\n\n", "# c\n" })
        {
            var (documents, problems) = YamlDocumentParser.Parse(File(text));
            Assert.Empty(documents);
            Assert.Empty(problems);
        }
        var parsed = YamlDocumentParser.Parse(File("a\n---\n...\n---\n# c\n...\n---\n'~'\n"));
        Assert.Empty(parsed.Problems);
        Assert.Equal(["a", "~"], parsed.Documents.Select(d => ((ScalarNode)d.Root).Value));
        Assert.Equal([0, 1], parsed.Documents.Select(d => d.Index));
    }
}
