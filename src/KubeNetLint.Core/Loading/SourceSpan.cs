namespace KubeNetLint.Core.Loading;

/// <summary>A region of a source file. Lines and columns are 1-based; columns count UTF-16 code units.
/// The end is exclusive (the position just after the last character), as in SARIF regions.</summary>
public readonly record struct SourceSpan(int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public static SourceSpan At(int line, int column) => new(line, column, line, column + 1);

    public SourceSpan Shift(int lineOffset) =>
        new(StartLine + lineOffset, StartColumn, EndLine + lineOffset, EndColumn);

    public override string ToString() => $"{StartLine}:{StartColumn}-{EndLine}:{EndColumn}";
}

/// <summary>A source file as the user named it. <see cref="Path"/> is what we print;
/// <see cref="FullPath"/> is null for standard input.</summary>
public sealed class SourceFile
{
    public const string StdinName = "<stdin>";

    public required string Path { get; init; }
    public string? FullPath { get; init; }
    public string Text { get; init; } = "";
    /// <summary>Where the lines of rendered input (`helm template … | kubenetlint check -`) came from; null otherwise.</summary>
    public HelmSourceMap? Origins { get; init; }

    /// <summary>Where the text had its first line break that was a lone CR (now an LF; see
    /// <see cref="WithLineBreaksNormalized"/>); null when it had none.</summary>
    public int? FirstLoneCrLine { get; init; }

    /// <summary>The bytes of the file's name when they are not valid UTF-8 (<see cref="Path"/> then shows
    /// them escaped as \xNN); null otherwise.</summary>
    public byte[]? RawFileName { get; init; }

    public bool IsStdin => FullPath is null;

    /// <summary>CR, LF and CRLF are all line breaks, as in YAML and in editors. Every lone CR becomes an
    /// LF, which keeps every offset, line and column, so the rest of loading deals with LF and CRLF only.</summary>
    public SourceFile WithLineBreaksNormalized()
    {
        int at = FindLoneCr(Text, 0);
        if (at < 0) return this;
        // Before the first lone CR every line break is an LF (alone or after a CR): count the LFs.
        int line = Text.AsSpan(0, at).Count('\n') + 1;
        var chars = Text.ToCharArray();
        for (; at >= 0; at = FindLoneCr(Text, at + 1)) chars[at] = '\n';
        return new SourceFile { Path = Path, FullPath = FullPath, Text = new string(chars), Origins = Origins, FirstLoneCrLine = line, RawFileName = RawFileName };
    }

    private static int FindLoneCr(string text, int from)
    {
        for (int i = text.IndexOf('\r', from); i >= 0; i = text.IndexOf('\r', i + 1))
            if (i + 1 >= text.Length || text[i + 1] != '\n') return i;
        return -1;
    }

    private int[]? _lineStarts;

    /// <summary>The text of a 1-based line without its line break, or "" outside the file.</summary>
    /// <summary>Does the text contain <paramref name="marker"/>? Computed once per marker and file: asked for
    /// every finding, and a file can carry thousands of them.</summary>
    public bool Mentions(string marker)
    {
        if (_mentions is { } known && known.Marker == marker) return known.Found;
        var found = Text.Contains(marker, StringComparison.Ordinal);
        _mentions = new MarkerSearch(marker, found);
        return found;
    }

    // A reference, so threads asking at once never see half of an answer.
    private sealed record MarkerSearch(string Marker, bool Found);
    private MarkerSearch? _mentions;

    public string LineText(int line)
    {
        _lineStarts ??= ComputeLineStarts(Text);
        if (line < 1 || line > _lineStarts.Length) return "";
        int start = _lineStarts[line - 1];
        int end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r')) end--;
        return Text[start..end];
    }

    /// <summary>Number of lines (a final line break starts an empty last line).</summary>
    public int LineCount => (_lineStarts ??= ComputeLineStarts(Text)).Length;

    /// <summary>The span cut to the text: lines within the file, columns within their line (at most one
    /// past its last character), the end not before the start. Positions at the end of a file without a
    /// final line break would otherwise point past the text, which SARIF viewers reject.</summary>
    public SourceSpan Clamp(SourceSpan s)
    {
        int lines = LineCount;
        int startLine = Math.Clamp(s.StartLine, 1, lines);
        int startColumn = Math.Clamp(s.StartColumn, 1, LineText(startLine).Length + 1);
        int endLine = Math.Clamp(s.EndLine, startLine, lines);
        int endColumn = Math.Clamp(s.EndColumn, 1, LineText(endLine).Length + 1);
        if (endLine == startLine) endColumn = Math.Max(endColumn, startColumn);
        return new SourceSpan(startLine, startColumn, endLine, endColumn);
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        return [.. starts];
    }

    public override string ToString() => Path;
}

/// <summary>Where something is: a file and a span in it.</summary>
public sealed record SourceLocation(SourceFile File, SourceSpan Span)
{
    public string Path => File.Path;
    public int Line => Span.StartLine;
    public int Column => Span.StartColumn;
    /// <summary>The chart template this place was rendered from, when the input says so.</summary>
    public SourceOrigin? Origin => File.Origins?.Locate(Span);
    public override string ToString() => $"{File.Path}:{Span.StartLine}:{Span.StartColumn}";
}
