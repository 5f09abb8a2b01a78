using System.Buffers;
using System.Globalization;
using System.Text;

namespace KubeNetLint.Core.Loading;

/// <summary>
/// A fast parser for the YAML that manifests are written in: block mappings and sequences, one-line plain
/// and quoted scalars, one-line flow collections and comments. It builds the same nodes, with the same
/// positions, as the YamlDotNet path of <see cref="YamlDocumentParser"/>, and allocates little besides
/// them (YamlDotNet's tokens and events cost many times the tree they describe).
/// Whatever it is not certain of (anchors, aliases, tags, block scalars, multi-line scalars or flow
/// collections, explicit keys, merge keys, tabs, CR, unusual characters, anything invalid) makes it give up
/// on the document, which then goes through YamlDotNet. So it never decides a case where the two could
/// differ; the differential tests hold it to YamlDotNet's trees on the corpus and on mutated documents.
/// </summary>
internal sealed class FastYamlParser
{
    /// <summary>Deeper documents go to the full parser, which enforces the real limit.</summary>
    private const int MaxDepth = 64;
    /// <summary>YAML's limit for an implicit key.</summary>
    private const int MaxKeyLength = 1024;

    private static readonly SearchValues<char> Unsupported = SearchValues.Create(UnsupportedCharacters());

    private readonly SourceFile _file;
    private readonly string _text;
    private readonly int _end;
    private readonly int _lineOffset;
    private readonly StringPool _strings;
    private readonly Stack<List<KeyValuePair<ScalarNode, Node>>> _freeEntryLists;
    private readonly Stack<List<Node>> _freeItemLists;
    /// <summary>Where parsing stands: an index into the text, and the line (1-based within the chunk)
    /// and the index at which that line starts.</summary>
    private int _pos, _line, _lineStart;
    private int _depth;
    private ScalarNode? _template;

    private FastYamlParser(SourceFile file, int start, int end, int lineOffset, ParseScratch scratch)
    {
        _strings = scratch.Strings;
        _freeEntryLists = scratch.FreeEntryLists;
        _freeItemLists = scratch.FreeItemLists;
        _file = file;
        _text = file.Text;
        _end = end;
        _lineOffset = lineOffset;
        _pos = _lineStart = start;
        _line = 1;
    }

    /// <summary>Parses the document text[start..end), whose first line is line lineOffset + 1 of the file.
    /// False: this document needs the full parser. True with a null document: it holds no node.</summary>
    public static bool TryParse(SourceFile file, int start, int end, int lineOffset, ParseScratch scratch,
        out (Node Root, SourceSpan Span, ScalarNode? Template)? document)
    {
        document = null;
        var chunk = file.Text.AsSpan(start, end - start);
        if (chunk.IndexOfAny(Unsupported) >= 0) return false;
        // A document end marker ('...' at column 1) or a line that merely looks like one.
        if (chunk.StartsWith("...") || chunk.Contains("\n...", StringComparison.Ordinal)) return false;
        return new FastYamlParser(file, start, end, lineOffset, scratch).ParseDocument(out document);
    }

    private bool ParseDocument(out (Node Root, SourceSpan Span, ScalarNode? Template)? document)
    {
        document = null;
        // The document start marker can only stand on the chunk's first line (see SplitDocuments).
        int markerLine = 0;
        if (_end - _pos >= 3 && _text[_pos] == '-' && _text[_pos + 1] == '-' && _text[_pos + 2] == '-' &&
            (_end - _pos == 3 || _text[_pos + 3] is ' ' or '\n'))
        {
            markerLine = _line;
            _pos += 3;
            if (!FinishLine()) return false;
        }
        if (!SkipToContent()) return true;

        int startLine = markerLine != 0 ? markerLine : _line;
        int startColumn = markerLine != 0 ? 1 : Column;
        var root = ParseBlockNode(ownerIndent: 0);
        // Anything after the root node is an error for YamlDotNet to describe; a document that is one
        // scalar is rare enough to leave to it too.
        if (root is null or ScalarNode || _pos < _end) return false;
        document = (root, new SourceSpan(startLine + _lineOffset, startColumn, root.Span.EndLine, root.Span.EndColumn), _template);
        return true;
    }

    private int Column => _pos - _lineStart + 1;

    private char Peek(int ahead) => _pos + ahead < _end ? _text[_pos + ahead] : '\n';

    private static bool IsBlank(char c) => c is ' ' or '\n';

    /// <summary>After a token: only spaces, then a comment (after at least one space) or the line's end.</summary>
    private bool FinishLine()
    {
        int p = _pos;
        while (p < _end && _text[p] == ' ') p++;
        if (p < _end && _text[p] != '\n' && !(_text[p] == '#' && p > _pos)) return false;
        _pos = p;
        return true;
    }

    /// <summary>Skips spaces, comments and line breaks. False at the end of the document.</summary>
    private bool SkipToContent()
    {
        while (_pos < _end)
        {
            char c = _text[_pos];
            if (c == ' ') _pos++;
            else if (c == '\n') { _pos++; _line++; _lineStart = _pos; }
            else if (c == '#')
            {
                int eol = _text.AsSpan(_pos, _end - _pos).IndexOf('\n');
                // Stryker disable once Equality : eol is never 0, the text at _pos being '#'
                _pos = eol < 0 ? _end : _pos + eol;
            }
            else return true;
        }
        return false;
    }

    /// <summary>Where a block collection that runs to the end of the document ends, as YamlDotNet has it:
    /// at the end of the text it first closes the collections indented deeper than the last line is long
    /// (a last line without a line break: a comment, spaces), there; the rest at the start of the line
    /// after the last one. indentColumn: the collection's (1-based) column.</summary>
    private (int Line, int Column) EndOfStream(int indentColumn)
    {
        int lastLineLength = _end - _lineStart;
        if (lastLineLength == 0) return (_line, 1);
        return indentColumn - 1 > lastLineLength ? (_line, lastLineLength + 1) : (_line + 1, 1);
    }

    /// <summary>The position where a block collection at indentColumn ends: the next token, or the end.</summary>
    private (int Line, int Column) NextTokenPosition(int indentColumn) => _pos < _end ? (_line, Column) : EndOfStream(indentColumn);

    private SourceSpan Span(int line, int column, int endLine, int endColumn) =>
        new(line + _lineOffset, column, endLine + _lineOffset, endColumn);

    // ---- block structure ------------------------------------------------------------------------

    /// <summary>A node at the current position (a content character). ownerIndent: the column of the key
    /// or '-' that owns it (0 for the root). collections: false for a value on its key's own line, where
    /// "key: - x" and "key: a: b" are errors (the full parser reports them).</summary>
    private Node? ParseBlockNode(int ownerIndent, bool collections = true)
    {
        char c = _text[_pos];
        if (c == '-' && IsBlank(Peek(1))) return collections ? ParseBlockSequence(Column, indentless: false) : null;
        if (c is '[' or '{') return EndOfValue(ParseFlow(), ownerIndent);
        int line = _line, column = Column;
        var scalar = ParseScalar(out bool isKey);
        if (scalar is null) return null;
        if (isKey) return collections ? ParseBlockMapping(scalar, line, column) : null;
        return EndOfValue(scalar, ownerIndent);
    }

    /// <summary>A one-line value (scalar or flow collection) must end its line, and nothing more indented
    /// than its owner may follow (that would be a multi-line value). Leaves the position at the next token.</summary>
    private Node? EndOfValue(Node? value, int ownerIndent)
    {
        if (value is null || !FinishLine()) return null;
        if (SkipToContent() && Column > ownerIndent) return null;
        return value;
    }

    /// <summary>A block mapping whose first key has been read; the current position is at its ':'.</summary>
    private MappingNode? ParseBlockMapping(ScalarNode firstKey, int startLine, int startColumn)
    {
        if (++_depth > MaxDepth) return null;
        int indent = startColumn;
        var entries = RentEntries();
        var key = firstKey;
        while (true)
        {
            if (key.Value == "<<" && key.Style == ScalarStyle.Plain) return null; // merge keys: full parser
            // At the ':' indicator.
            int colonLine = _line, afterColon = Column + 1;
            _pos++;
            var value = ParseValue(indent, colonLine, afterColon, sequenceItem: false);
            if (value is null) return null;
            entries.Add(new(key, value));
            if (_pos >= _end) break;
            int column = Column;
            if (column < indent) break;
            if (column > indent) return null;
            if (_text[_pos] == '-' && IsBlank(Peek(1))) return null; // a list entry where a key belongs
            key = ParseScalar(out bool isKey)!;
            if (key is null || !isKey) return null;
        }
        var (endLine, endColumn) = NextTokenPosition(indent);
        var node = new MappingNode(entries) { File = _file, Span = Span(startLine, startColumn, endLine, endColumn) };
        ReturnEntries(entries);
        _depth--;
        return node;
    }

    /// <summary>A block sequence at the current position, a '-' at column indent. Indentless: the entries
    /// of a mapping value that stand at the key's own column.</summary>
    private SequenceNode? ParseBlockSequence(int indent, bool indentless)
    {
        if (++_depth > MaxDepth) return null;
        int startLine = _line, startColumn = Column;
        var items = RentItems();
        while (true)
        {
            int dashLine = _line, afterDash = Column + 1;
            _pos++;
            var item = ParseValue(indent, dashLine, afterDash, sequenceItem: true);
            if (item is null) return null;
            items.Add(item);
            if (_pos >= _end) break;
            int column = Column;
            if (column < indent) break;
            if (column > indent) return null;
            if (!(_text[_pos] == '-' && IsBlank(Peek(1))))
            {
                if (indentless) break; // the next key of the mapping that holds this list
                return null;
            }
        }
        var (endLine, endColumn) = NextTokenPosition(indent);
        var node = new SequenceNode { File = _file, Span = Span(startLine, startColumn, endLine, endColumn), Items = items.ToArray() };
        ReturnItems(items);
        _depth--;
        return node;
    }

    /// <summary>The value after a mapping's ':' or a list's '-' (the current position is just after it).
    /// Leaves the position at the next token.</summary>
    private Node? ParseValue(int ownerIndent, int indicatorLine, int afterIndicator, bool sequenceItem)
    {
        // The callers only get here after a blank (or the end): "key:value" is no key, and "-x" no entry.
        while (_pos < _end && _text[_pos] == ' ') _pos++;
        if (_pos < _end && _text[_pos] != '\n' && _text[_pos] != '#')
        {
            // Something on the same line. After a dash that may be a collection too: "- key: value" (a
            // mapping whose keys line up after the dash) or "- - x".
            return ParseBlockNode(ownerIndent, collections: sequenceItem);
        }
        // Nothing more on this line: the value is on the lines below, or it is empty.
        if (SkipToContent())
        {
            int column = Column;
            if (column > ownerIndent) return ParseBlockNode(ownerIndent);
            if (column == ownerIndent && !sequenceItem && _text[_pos] == '-' && IsBlank(Peek(1)))
                return ParseBlockSequence(column, indentless: true);
        }
        return EmptyScalar(indicatorLine, afterIndicator);
    }

    private ScalarNode EmptyScalar(int line, int column) =>
        new() { File = _file, Span = Span(line, column, line, column), Value = "", Style = ScalarStyle.Plain };

    // ---- scalars ------------------------------------------------------------------------------------

    /// <summary>A one-line plain or quoted scalar in block context. isKey: it is followed by the ':'
    /// indicator (the position is then at the ':').</summary>
    private ScalarNode? ParseScalar(out bool isKey)
    {
        isKey = false;
        int line = _line, column = Column;
        char c = _text[_pos];
        if (c is '"' or '\'')
        {
            var quoted = ParseQuoted(c);
            if (quoted is null) return null;
            int p = _pos;
            while (p < _end && _text[p] == ' ') p++;
            if (p < _end && _text[p] == ':' && (p + 1 == _end || IsBlank(_text[p + 1])))
            {
                if (_pos - (_lineStart + column - 1) > MaxKeyLength) return null;
                isKey = true;
                _pos = p;
            }
            return quoted;
        }
        if (!CanStartPlain(c, Peek(1))) return null;
        int start = _pos, last = _pos, i = _pos;
        while (i < _end)
        {
            char ch = _text[i];
            if (ch == '\n') break;
            if (ch == ':' && (i + 1 == _end || IsBlank(_text[i + 1]))) { isKey = true; break; }
            if (ch == '#' && _text[i - 1] == ' ') break;
            // YamlDotNet reads "a *b: c" as one scalar (the ' *' looks like an alias to it): left to it.
            if (ch == '*' && _text[i - 1] == ' ') return null;
            if (ch != ' ') last = i + 1;
            i++;
        }
        if (isKey && last - start > MaxKeyLength) return null;
        _pos = isKey ? i : last;
        return PlainScalar(line, column, start, last);
    }

    /// <summary>The plain scalar text[start..end) on one line; notes the first one holding Helm templating.</summary>
    private ScalarNode PlainScalar(int line, int column, int start, int end)
    {
        var node = new ScalarNode
        {
            File = _file,
            Span = Span(line, column, line, column + (end - start)),
            Value = _strings.GetOrAdd(_text.AsSpan(start, end - start)),
            Style = ScalarStyle.Plain,
        };
        if (_template is null && TemplateDetector.IsTemplateScalar(node)) _template = node;
        return node;
    }

    /// <summary>Characters a plain scalar may start with (conservatively: '?' and ':' starts are left
    /// to the full parser).</summary>
    private static bool CanStartPlain(char c, char next) => c switch
    {
        '-' => !IsBlank(next),
        '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' => false,
        _ => true,
    };

    /// <summary>A quoted scalar that ends on its own line; the position moves past the closing quote.</summary>
    private ScalarNode? ParseQuoted(char quote)
    {
        int line = _line, column = Column;
        int p = _pos + 1, segment = p;
        StringBuilder? built = null;
        while (true)
        {
            if (p >= _end || _text[p] == '\n') return null; // multi-line or unterminated
            char ch = _text[p];
            if (ch == quote)
            {
                if (quote == '\'' && p + 1 < _end && _text[p + 1] == '\'')
                {
                    (built ??= new()).Append(_text, segment, p + 1 - segment);
                    p += 2;
                    segment = p;
                    continue;
                }
                break;
            }
            if (ch == '\\' && quote == '"')
            {
                (built ??= new()).Append(_text, segment, p - segment);
                int used = Unescape(p, built);
                if (used == 0) return null;
                p += used;
                segment = p;
                continue;
            }
            p++;
        }
        string value = built is null
            ? _strings.GetOrAdd(_text.AsSpan(segment, p - segment))
            : built.Append(_text, segment, p - segment).ToString();
        _pos = p + 1;
        return new ScalarNode
        {
            File = _file,
            Span = Span(line, column, line, Column),
            Value = value,
            Style = quote == '"' ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted,
        };
    }

    /// <summary>Appends the character an escape at p stands for; returns its length, or 0 when the escape
    /// is one the full parser should judge.</summary>
    private int Unescape(int p, StringBuilder into)
    {
        if (p + 1 >= _end) return 0;
        char e = _text[p + 1];
        char? simple = e switch
        {
            '"' => '"', '\\' => '\\', '/' => '/', ' ' => ' ', '0' => '\0', 'a' => '\a', 'b' => '\b',
            't' => '\t', 'n' => '\n', 'v' => '\v', 'f' => '\f', 'r' => '\r', 'e' => '\x1b',
            'N' => '\u0085', '_' => '\u00a0', 'L' => '\u2028', 'P' => '\u2029',
            _ => null,
        };
        if (simple is { } s) { into.Append(s); return 2; }
        int digits = e switch { 'x' => 2, 'u' => 4, _ => 0 };
        if (digits == 0) return 0;
        // Stryker disable once Equality : an escape ending right at the end leaves the string unterminated: null either way
        if (p + 2 + digits > _end) return 0;
        if (!int.TryParse(_text.AsSpan(p + 2, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code)) return 0;
        if (code is >= 0xD800 and <= 0xDFFF) return 0;
        into.Append((char)code);
        return 2 + digits;
    }

    // ---- flow collections (one line) ----------------------------------------------------------------

    /// <summary>A flow sequence or mapping that closes on its own line. YamlDotNet ends such a node at
    /// its closing bracket (the bracket itself is not inside the span).</summary>
    private Node? ParseFlow()
    {
        if (++_depth > MaxDepth) return null;
        int line = _line, column = Column;
        bool mapping = _text[_pos] == '{';
        char close = mapping ? '}' : ']';
        _pos++;
        var items = mapping ? null : RentItems();
        var entries = mapping ? RentEntries() : null;
        while (true)
        {
            SkipSpaces();
            if (_pos >= _end || _text[_pos] == '\n') return null;
            if (_text[_pos] == close) break;
            if (mapping)
            {
                var key = ParseFlowScalar();
                if (key is null || _pos >= _end || _text[_pos] != ':') return null;
                if (key.Value == "<<" && key.Style == ScalarStyle.Plain) return null;
                _pos++;
                if (!IsBlank(Peek(0))) return null;
                SkipSpaces();
                var value = ParseFlowItem();
                if (value is null) return null;
                entries!.Add(new(key, value));
            }
            else
            {
                var item = ParseFlowItem();
                if (item is null) return null;
                items!.Add(item);
            }
            SkipSpaces();
            if (_pos >= _end) return null;
            if (_text[_pos] == ',') { _pos++; continue; }
            if (_text[_pos] != close) return null;
            break;
        }
        var span = Span(line, column, _line, Column);
        _pos++;
        Node node = mapping
            ? new MappingNode(entries!) { File = _file, Span = span }
            : new SequenceNode { File = _file, Span = span, Items = items!.ToArray() };
        if (mapping) ReturnEntries(entries!);
        else ReturnItems(items!);
        _depth--;
        return node;
    }

    private void SkipSpaces()
    {
        while (_pos < _end && _text[_pos] == ' ') _pos++;
    }

    private Node? ParseFlowItem()
    {
        if (_pos >= _end) return null;
        char c = _text[_pos];
        if (c is '[' or '{') return ParseFlow();
        // An item followed by ':' ("[a: b]", a one-entry mapping inside a list) is left to the full
        // parser by ParseFlow, which takes only ',' or the closing bracket after an item.
        return ParseFlowScalar();
    }

    /// <summary>A quoted scalar, or a plain one without '#', '?' or '*' that stops at ':'; only a flow
    /// mapping's key may be followed by ':', and only with a blank after it (ParseFlow checks both).</summary>
    private ScalarNode? ParseFlowScalar()
    {
        char c = _text[_pos];
        if (c is '"' or '\'')
        {
            var quoted = ParseQuoted(c);
            if (quoted is null) return null;
            SkipSpaces();
            return quoted;
        }
        if (!CanStartPlain(c, Peek(1)) || c == '-' && Peek(1) is ',' or ']' or '}') return null;
        int line = _line, column = Column;
        int start = _pos, last = _pos, i = _pos;
        while (i < _end)
        {
            char ch = _text[i];
            if (ch is '\n' or ',' or '[' or ']' or '{' or '}' or ':') break;
            if (ch is '#' or '?' or '*') return null;
            if (ch != ' ') last = i + 1;
            i++;
        }
        if (last == start) return null;
        _pos = i;
        return PlainScalar(line, column, start, last);
    }

    // ---- pooled lists -------------------------------------------------------------------------------

    private List<KeyValuePair<ScalarNode, Node>> RentEntries() => _freeEntryLists.TryPop(out var l) ? l : new(8);

    private void ReturnEntries(List<KeyValuePair<ScalarNode, Node>> list)
    {
        list.Clear();
        _freeEntryLists.Push(list);
    }

    private List<Node> RentItems() => _freeItemLists.TryPop(out var l) ? l : new(8);

    private void ReturnItems(List<Node> list)
    {
        list.Clear();
        _freeItemLists.Push(list);
    }

    /// <summary>Characters left to the full parser wherever they appear: tabs and CR (indentation and
    /// line-break rules), C0/C1 controls, the BOM, YAML 1.1's extra line breaks, and surrogates (columns).</summary>
    private static string UnsupportedCharacters()
    {
        var s = new StringBuilder();
        for (char c = '\0'; c < ' '; c++) if (c != '\n') s.Append(c);
        for (char c = '\x7f'; c <= '\x9f'; c++) s.Append(c);
        s.Append('\uFEFF').Append('\u2028').Append('\u2029');
        for (char c = '\uD800'; c <= '\uDFFF'; c++) s.Append(c);
        return s.ToString();
    }
}
