using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YdnScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace KubeNetLint.Core.Loading;

/// <summary>One YAML document of a file: its root node and where it starts.</summary>
/// <param name="TemplateScalar">The first plain scalar holding Helm templating, noticed while parsing.</param>
public sealed record ParsedDocument(Node Root, int Index, SourceSpan Span, ScalarNode? TemplateScalar = null)
{
    /// <summary>The document uses YAML aliases, so a node may appear in its tree more than once.</summary>
    public bool HasAliases { get; init; }
}

/// <summary>Turns text into positioned <see cref="Node"/> trees. Each document first goes to
/// <see cref="FastYamlParser"/>; whatever it leaves goes through YamlDotNet's event parser, here.
/// The tree is built iteratively (no recursion), so deep nesting cannot overflow the stack; a depth
/// limit and an alias-expansion budget stop pathological input early. Each document is parsed on its
/// own, so one broken document does not hide the others in the same file.</summary>
public static partial class YamlDocumentParser
{
    public const int MaxDepth = 256;
    public const long MaxExpandedNodes = 1_000_000;

    public static (List<ParsedDocument> Documents, List<LoadProblem> Problems) Parse(SourceFile file) => Parse(file, new ParseScratch());

    /// <summary>fastPath false: every document through YamlDotNet (the differential tests compare the two).</summary>
    internal static (List<ParsedDocument> Documents, List<LoadProblem> Problems) Parse(SourceFile file, ParseScratch scratch, bool fastPath = true)
    {
        var documents = new List<ParsedDocument>();
        var problems = new List<LoadProblem>();
        var strings = scratch.Strings;
        int index = 0;
        foreach (var (start, end, lineOffset) in SplitDocuments(file.Text))
        {
            foreach (var (line, length) in Directives(file.Text, start, end))
                problems.Add(new LoadProblem(LoadProblemKind.Directive,
                    new SourceLocation(file, new SourceSpan(lineOffset + line, 1, lineOffset + line, length + 1)),
                    "YAML directive"));
            if (fastPath)
            {
                if (FastYamlParser.TryParse(file, start, end, lineOffset, scratch, out var parsed))
                {
                    if (parsed is not null) documents.Add(new ParsedDocument(parsed.Value.Root, index++, parsed.Value.Span, parsed.Value.Template));
                    continue;
                }
            }
            var chunk = file.Text[start..end];
            try
            {
                foreach (var (root, span, template, hasAliases) in ParseChunk(file, chunk, lineOffset, strings))
                    documents.Add(new ParsedDocument(root, index++, span, template) { HasAliases = hasAliases });
            }
            catch (YamlStructureException e) when (!e.MayBeTemplate || FindTemplateLine(chunk) is null)
            {
                problems.Add(new LoadProblem(LoadProblemKind.Syntax, new SourceLocation(file, e.Span), e.Message));
            }
            catch (Exception e) when (e is YamlException or YamlStructureException)
            {
                var template = FindTemplateLine(chunk);
                if (template is not null)
                {
                    var t = template.Value;
                    problems.Add(new LoadProblem(LoadProblemKind.Template,
                        new SourceLocation(file, new SourceSpan(t.Line + lineOffset, t.Column, t.Line + lineOffset, t.Column + 2)),
                        "this file contains Helm/Go template syntax ('{{ … }}') and is not valid YAML"));
                }
                else
                {
                    var ye = (YamlException)e;
                    var span = new SourceSpan((int)ye.Start.Line, (int)ye.Start.Column, (int)ye.End.Line, (int)Math.Max(ye.End.Column, ye.Start.Column + 1))
                        .Shift(lineOffset);
                    if (span.StartLine < 1 + lineOffset) span = SourceSpan.At(1 + lineOffset, 1);
                    // An error found at the end of the document (an unclosed bracket) belongs to its last line.
                    var (lastLine, lastColumn) = LastContent(chunk);
                    if (span.StartLine > lastLine + lineOffset) span = SourceSpan.At(lastLine + lineOffset, lastColumn);
                    // YamlDotNet marks the enclosing mapping for tab errors; point at the tab itself.
                    var tab = ye.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? FindIndentationTab(chunk) : null;
                    if (tab is not null) span = SourceSpan.At(tab.Value.Line + lineOffset, tab.Value.Column);
                    problems.Add(new LoadProblem(LoadProblemKind.Syntax, new SourceLocation(file, span), CleanMessage(ye.Message)));
                }
            }
        }
        return (documents, problems);
    }

    /// <summary>Splits at document markers ('---' at column 1) into ranges [Start, End) of the text. YAML
    /// ends any block scalar at such a line, so splitting there never cuts through a value. Directives
    /// (`%YAML 1.2`, `%TAG …`) belong to the document after them: a range holding only directives (and
    /// comments) is joined to the next one, from its first directive on.</summary>
    public static IEnumerable<(int Start, int End, int LineOffset)> SplitDocuments(string text)
    {
        (int Start, int End, int LineOffset)? pending = null;
        foreach (var chunk in SplitAtMarkers(text))
        {
            if (pending is not null)
            {
                yield return (pending.Value.Start, chunk.End, pending.Value.LineOffset);
                pending = null;
                continue;
            }
            var directives = DirectivesOnly(text, chunk);
            if (directives is not null) { pending = directives; continue; }
            yield return chunk;
        }
        if (pending is not null) yield return pending.Value;
    }

    /// <summary>For a range of only blank lines, comments, directives and at most a leading '---' line,
    /// with at least one directive: the range from its first directive on; null otherwise.</summary>
    private static (int Start, int End, int LineOffset)? DirectivesOnly(string text, (int Start, int End, int LineOffset) chunk)
    {
        if (text.IndexOf('%', chunk.Start, chunk.End - chunk.Start) < 0) return null;
        int pos = chunk.Start, line = chunk.LineOffset;
        (int, int)? first = null;
        while (pos < chunk.End)
        {
            int eol = text.IndexOf('\n', pos, chunk.End - pos);
            int next = eol < 0 ? chunk.End : eol + 1;
            var l = text.AsSpan(pos, next - pos).TrimEnd();
            if (l.Length > 0 && l[0] == '%') first ??= (pos, line);
            else if (l.Length == 0 || l.TrimStart()[0] == '#') { }
            else if (pos == chunk.Start && l.SequenceEqual("---")) { }
            else return null;
            pos = next;
            line++;
        }
        return first is not null ? (first.Value.Item1, chunk.End, first.Value.Item2) : null;
    }

    /// <summary>The directive lines at the head of a range (never empty, see SplitAtMarkers): 1-based
    /// line within it and length.</summary>
    private static List<(int Line, int Length)> Directives(string text, int start, int end)
    {
        var found = new List<(int, int)>();
        if (text[start] is not ('%' or '#' or ' ' or '\n' or '\r')) return found;
        int pos = start, line = 1;
        while (pos < end)
        {
            int eol = text.IndexOf('\n', pos, end - pos);
            int next = eol < 0 ? end : eol + 1;
            var l = text.AsSpan(pos, next - pos).TrimEnd();
            if (l.Length > 0 && l[0] == '%') found.Add((line, l.Length));
            else if (l.Length != 0 && l.TrimStart()[0] != '#') break;
            pos = next;
            line++;
        }
        return found;
    }

    private static IEnumerable<(int Start, int End, int LineOffset)> SplitAtMarkers(string text)
    {
        int chunkStart = 0, chunkLine = 0, line = 0, pos = 0;
        bool afterDocumentEnd = false;   // the last line with content was '...'
        while (pos < text.Length)
        {
            int eol = text.IndexOf('\n', pos);
            int next = eol < 0 ? text.Length : eol + 1;
            // A directive after '...' starts the next document's head.
            if (pos > chunkStart && (IsDocumentStart(text, pos, next) || (afterDocumentEnd && text[pos] == '%')))
            {
                yield return (chunkStart, pos, chunkLine);
                chunkStart = pos;
                chunkLine = line;
            }
            var content = text.AsSpan(pos, next - pos).TrimEnd();
            if (content.Length > 0 && content[0] != '#') afterDocumentEnd = content.SequenceEqual("...");
            pos = next;
            line++;
        }
        // Every range holds at least one character: an empty text has none.
        if (chunkStart < text.Length)
            yield return (chunkStart, text.Length, chunkLine);
    }

    private static bool IsDocumentStart(string text, int pos, int next) =>
        next - pos >= 3 && text[pos] == '-' && text[pos + 1] == '-' && text[pos + 2] == '-' &&
        (pos + 3 == next || text[pos + 3] is ' ' or '\t' or '\r' or '\n');

    private static (int Line, int Column) LastContent(string chunk)
    {
        var lines = chunk.Split('\n');
        for (int i = lines.Length - 1; i >= 0; i--)
        {
            var trimmed = lines[i].TrimEnd();
            if (trimmed.Length > 0) return (i + 1, trimmed.Length);
        }
        return (1, 1);
    }

    private static (int Line, int Column)? FindIndentationTab(string chunk)
    {
        var lines = chunk.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            int j = 0;
            while (j < line.Length && line[j] is ' ' or '\t')
            {
                // A tab in the leading blanks of a line with content (never its last character then).
                if (line[j] == '\t' && line.Trim().Length > 0) return (i + 1, j + 1);
                j++;
            }
        }
        return null;
    }

    private static (int Line, int Column)? FindTemplateLine(string chunk) => TemplateDetector.FindTemplateLine(chunk);

    private static string CleanMessage(string message)
    {
        var m = MarkPrefix().Replace(message, "").Trim();
        // Stryker disable once Equality : YamlDotNet's messages are never empty after the position prefix
        if (m.Length > 0) m = char.ToLowerInvariant(m[0]) + m[1..];
        return m.TrimEnd('.');
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();

    private sealed class YamlStructureException(SourceSpan span, string message, bool mayBeTemplate = false) : Exception(message)
    {
        public SourceSpan Span { get; } = span;
        /// <summary>A structure that unrendered templates produce (a mapping as a key).</summary>
        public bool MayBeTemplate { get; } = mayBeTemplate;
    }

    private sealed class Frame(bool isMapping, ParsingEvent startEvent, string? anchor)
    {
        public readonly bool IsMapping = isMapping;
        public readonly ParsingEvent StartEvent = startEvent;
        public readonly string? Anchor = anchor;
        public readonly List<Node> Items = [];
        public readonly List<KeyValuePair<ScalarNode, Node>> Entries = [];
        public ScalarNode? PendingKey;
        public bool PendingKeyIsMerge;
        /// <summary>Entries that came from merge keys ('<<'); null when there are none.</summary>
        public HashSet<ScalarNode>? MergedKeys;

        /// <summary>The entries, without merged ones that a key written in the mapping itself overrides (a
        /// later explicit key is an override, not a duplicate). Explicit keys keep every occurrence.</summary>
        public List<KeyValuePair<ScalarNode, Node>> FinalEntries()
        {
            if (MergedKeys is null) return Entries;
            var explicitKeys = new HashSet<string>(Entries.Where(e => !MergedKeys.Contains(e.Key)).Select(e => e.Key.Value), StringComparer.Ordinal);
            return Entries.Where(e => !MergedKeys.Contains(e.Key) || !explicitKeys.Contains(e.Key.Value)).ToList();
        }
    }

    private static IEnumerable<(Node Root, SourceSpan Span, ScalarNode? Template, bool HasAliases)> ParseChunk(SourceFile file, string chunk, int lineOffset, StringPool strings)
    {
        var results = new List<(Node, SourceSpan, ScalarNode?, bool)>();
        var parser = new Parser(new Scanner(new StringReader(chunk), skipComments: true));
        var anchors = new Dictionary<string, Node>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        Node? root = null;
        SourceSpan docStart = default;
        bool sawAlias = false;
        ScalarNode? template = null;

        SourceSpan SpanOf(ParsingEvent start, ParsingEvent end) =>
            new SourceSpan((int)start.Start.Line, (int)start.Start.Column, (int)end.End.Line, (int)end.End.Column).Shift(lineOffset);

        void Add(Node node)
        {
            if (stack.Count == 0) { root = node; return; }
            var top = stack.Peek();
            if (!top.IsMapping) { top.Items.Add(node); return; }
            if (top.PendingKey is null)
            {
                var key = node as ScalarNode;
                if (key is not null)
                {
                    top.PendingKey = key;
                    top.PendingKeyIsMerge = key.Value == "<<" && key.Style == ScalarStyle.Plain;
                }
                else
                {
                    // A mapping or list used as a key: Kubernetes (JSON) cannot represent it. This is
                    // what unrendered '{{ … }}' templates usually parse into.
                    throw new YamlStructureException(node.Span, node is MappingNode
                        ? "a mapping is used as a key; this is usually an unrendered '{{ … }}' template"
                        : "a list is used as a key, which Kubernetes cannot read", mayBeTemplate: true);
                }
                return;
            }
            if (top.PendingKeyIsMerge) Merge(top, node);
            else top.Entries.Add(new(top.PendingKey, node));
            top.PendingKey = null;
            top.PendingKeyIsMerge = false;
        }

        static void Merge(Frame frame, Node value)
        {
            IEnumerable<Node> sources = (value as SequenceNode)?.Items ?? [value];
            foreach (var source in sources)
            {
                var m = source as MappingNode;
                if (m is null)
                    throw new YamlStructureException(source.Span, "a merge key ('<<') needs a mapping or a list of mappings");
                foreach (var e in m.Entries)
                    if (!frame.Entries.Exists(x => x.Key.Value == e.Key.Value))
                    {
                        frame.Entries.Add(e);
                        (frame.MergedKeys ??= new(ReferenceEqualityComparer.Instance)).Add(e.Key);
                    }
            }
        }

        ParsingEvent? last = null;
        while (true)
        {
            try
            {
                if (!parser.MoveNext()) break;
            }
            catch (Exception e) when (e is not YamlException and not OutOfMemoryException)
            {
                // YamlDotNet's scanner throws other exceptions on some malformed input (e.g. an
                // unclosed flow mapping running into block content). Report it where parsing stopped.
                var at = last is null ? SourceSpan.At(1 + lineOffset, 1) : SourceSpan.At((int)last.End.Line + lineOffset, (int)last.End.Column);
                throw new YamlStructureException(at, "malformed YAML after this point (unclosed bracket or quote?)", mayBeTemplate: true);
            }
            var ev = parser.Current!;
            last = ev;
            switch (ev)
            {
                case DocumentStart ds:
                    root = null; anchors.Clear(); sawAlias = false; template = null;
                    docStart = SpanOf(ds, ds);
                    break;
                case DocumentEnd:
                    if (root is not null)
                    {
                        if (sawAlias) CheckExpansion(root);
                        if (!(root is ScalarNode { IsNull: true }))
                            results.Add((root, new SourceSpan(docStart.StartLine, docStart.StartColumn, root.Span.EndLine, root.Span.EndColumn), template, sawAlias));
                    }
                    root = null;
                    break;
                case Scalar sc:
                {
                    var node = new ScalarNode
                    {
                        File = file,
                        Span = SpanOf(sc, sc),
                        Value = strings.GetOrAdd(sc.Value),
                        Style = MapStyle(sc.Style),
                        Tag = sc.Tag.IsEmpty || sc.Tag.IsNonSpecific ? null : ExpandTag(sc.Tag.Value),
                    };
                    if (template is null && TemplateDetector.IsTemplateScalar(node)) template = node;
                    if (!sc.Anchor.IsEmpty) anchors[sc.Anchor.Value] = node;
                    Add(node);
                    break;
                }
                case AnchorAlias alias:
                {
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        throw new YamlStructureException(SpanOf(alias, alias), $"alias '*{alias.Value.Value}' refers to no anchor");
                    sawAlias = true;
                    if (stack.Peek() is { IsMapping: true, PendingKey: null } && target is not ScalarNode)
                        throw new YamlStructureException(SpanOf(alias, alias), "an alias of a mapping or list is used as a key");
                    Add(target);
                    break;
                }
                case MappingStart ms:
                    if (stack.Count >= MaxDepth)
                        throw new YamlStructureException(SpanOf(ms, ms), $"nesting is deeper than {MaxDepth} levels");
                    stack.Push(new Frame(true, ms, ms.Anchor.IsEmpty ? null : ms.Anchor.Value));
                    break;
                case SequenceStart ss:
                    if (stack.Count >= MaxDepth)
                        throw new YamlStructureException(SpanOf(ss, ss), $"nesting is deeper than {MaxDepth} levels");
                    stack.Push(new Frame(false, ss, ss.Anchor.IsEmpty ? null : ss.Anchor.Value));
                    break;
                case MappingEnd or SequenceEnd:
                {
                    var f = stack.Pop();
                    Node node = f.IsMapping
                        ? new MappingNode(f.FinalEntries()) { File = file, Span = SpanOf(f.StartEvent, ev) }
                        : new SequenceNode { File = file, Span = SpanOf(f.StartEvent, ev), Items = [.. f.Items] };
                    if (f.Anchor is not null) anchors[f.Anchor] = node;
                    Add(node);
                    break;
                }
            }
        }
        return results;
    }

    private static string ExpandTag(string tag) => tag.StartsWith("!!", StringComparison.Ordinal) ? "tag:yaml.org,2002:" + tag[2..] : tag;

    private static ScalarStyle MapStyle(YdnScalarStyle s) => s switch
    {
        YdnScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
        YdnScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
        YdnScalarStyle.Literal => ScalarStyle.Literal,
        YdnScalarStyle.Folded => ScalarStyle.Folded,
        _ => ScalarStyle.Plain,
    };

    /// <summary>Counts the nodes the document would have if every alias were copied out. Shared nodes are
    /// counted once per reference with memoisation, so this is linear in the real tree.</summary>
    private static void CheckExpansion(Node root)
    {
        var memo = new Dictionary<Node, long>(ReferenceEqualityComparer.Instance);
        // Post-order without recursion.
        var work = new Stack<(Node Node, bool Expanded)>();
        work.Push((root, false));
        while (work.Count > 0)
        {
            var (n, expanded) = work.Pop();
            if (memo.ContainsKey(n)) continue;
            IEnumerable<Node> children = n switch
            {
                MappingNode m => m.Entries.Select(e => e.Value),
                SequenceNode s => s.Items,
                _ => [],
            };
            if (!expanded)
            {
                work.Push((n, true));
                foreach (var c in children) if (!memo.ContainsKey(c)) work.Push((c, false));
                continue;
            }
            long total = 1;
            foreach (var c in children)
            {
                total += memo.TryGetValue(c, out var v) ? v : 1;
                if (total > MaxExpandedNodes)
                    throw new YamlStructureException(root.Span,
                        $"aliases expand this document to more than {MaxExpandedNodes:N0} nodes (an alias bomb?)");
            }
            memo[n] = total;
        }
    }
}
