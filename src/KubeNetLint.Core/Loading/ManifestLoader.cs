namespace KubeNetLint.Core.Loading;

/// <summary>Everything read from the input: files, documents and the problems met on the way.</summary>
public sealed record LoadResult(IReadOnlyList<SourceFile> Files, IReadOnlyList<ParsedDocument> Documents, IReadOnlyList<LoadProblem> Problems);

/// <summary>Reads and parses every input in parallel; results keep the deterministic input order.</summary>
public static class ManifestLoader
{
    public static LoadResult Load(IReadOnlyList<string> paths, Func<string, bool>? ignored = null, Func<Stream>? stdin = null) =>
        Load(paths, ignored, stdin, StandardInput.IsClosed);

    /// <param name="stdinClosed">Asked only when '-' is read from the process's own standard input.</param>
    internal static LoadResult Load(IReadOnlyList<string> paths, Func<string, bool>? ignored, Func<Stream>? stdin, Func<bool> stdinClosed)
    {
        var problems = new List<LoadProblem>();
        var candidates = InputCollector.Expand(paths, problems, ignored);
        if (stdin is null && candidates.Any(c => c.FullPath is null) && stdinClosed())
            throw new InputException("'-' names standard input, but standard input is closed");
        return LoadCandidates(candidates, problems, stdin);
    }

    /// <summary>Parses text that is already in memory (tests, stdin splitting, benchmarks).</summary>
    public static LoadResult LoadFiles(IReadOnlyList<SourceFile> files)
    {
        using var scratch = new ThreadLocal<ParseScratch>(() => new ParseScratch());
        files = [.. files.Select(f => f.WithLineBreaksNormalized())];
        var perFile = files.AsParallel().AsOrdered().Select(f => ParseOne(f, scratch.Value!)).ToList();
        return Combine(files, perFile, []);
    }

    private static LoadResult LoadCandidates(List<InputCollector.Candidate> candidates, List<LoadProblem> problems, Func<Stream>? stdin)
    {
        // Each thread reuses its string pool and lists from file to file.
        using var scratch = new ThreadLocal<ParseScratch>(() => new ParseScratch());
        List<(SourceFile? File, List<ParsedDocument> Docs, List<LoadProblem> Problems)> read = [];
        try { read = ReadAll(candidates, stdin, scratch); }
        catch (AggregateException e) when (e.InnerExceptions.OfType<InputException>().Any())
        {
            throw e.InnerExceptions.OfType<InputException>().First();
        }
        var files = read.Where(r => r.File is not null).Select(r => r.File!).ToList();
        return Combine(files, read.Select(r => (r.Docs, r.Problems)).ToList(), problems);
    }

    private static List<(SourceFile? File, List<ParsedDocument> Docs, List<LoadProblem> Problems)> ReadAll(
        List<InputCollector.Candidate> candidates, Func<Stream>? stdin, ThreadLocal<ParseScratch> scratch)
    {
        return candidates.AsParallel().AsOrdered().Select(c =>
        {
            var local = new List<LoadProblem>();
            var file = InputCollector.Read(c, stdin, local);
            var parsed = file is null ? (Docs: new List<ParsedDocument>(), Problems: local) : ParseOne(file, scratch.Value!);
            if (file is not null) parsed.Problems.InsertRange(0, local);
            return (File: file, parsed.Docs, parsed.Problems);
        }).ToList();
    }

    private static LoadResult Combine(IReadOnlyList<SourceFile> files, List<(List<ParsedDocument> Docs, List<LoadProblem> Problems)> perFile, List<LoadProblem> problems)
    {
        var documents = new List<ParsedDocument>();
        foreach (var (docs, probs) in perFile)
        {
            documents.AddRange(docs);
            problems.AddRange(probs);
        }
        return new LoadResult(files, documents, problems);
    }

    private static (List<ParsedDocument> Docs, List<LoadProblem> Problems) ParseOne(SourceFile file, ParseScratch scratch)
    {
        var (docs, problems) = YamlDocumentParser.Parse(file, scratch);
        // kubectl reads lines up to LF only: to it, a file whose breaks are lone CRs is one line, one
        // document, and it applies just the first of the documents we see.
        var crLine = file.FirstLoneCrLine;
        if (crLine is not null && docs.Count > 1)
            problems.Add(new LoadProblem(LoadProblemKind.CrLineBreaks,
                new SourceLocation(file, SourceSpan.At(docs[1].Span.StartLine, 1)),
                $"line breaks are lone CRs (from line {crLine})"));
        // A document with template syntax in a plain value parsed by luck ('image: x:{{ .Values.tag }}');
        // its values are not what will be applied, so it is reported and left out.
        var kept = new List<ParsedDocument>(docs.Count);
        foreach (var d in docs)
        {
            var s = d.TemplateScalar;
            if (s is not null)
                problems.Add(new LoadProblem(LoadProblemKind.Template, s.Location,
                    "this document contains unrendered Helm/Go template syntax ('{{ … }}')"));
            else kept.Add(d);
        }
        return (kept, problems);
    }
}

/// <summary>Recognises Helm/Go templating. '{{ … }}' alone is not enough: Prometheus and Alertmanager
/// templates ('{{ $labels.pod }}') are legitimate values. Helm's are recognised by their built-in
/// objects and functions, or by standing where YAML structure belongs.</summary>
public static partial class TemplateDetector
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{-?\s*(\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\.Template|\$\.Values|include\s|toYaml|tpl\s|required\s)")]
    private static partial System.Text.RegularExpressions.Regex HelmMarker();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(-\s+)?\{\{|:\s+\{\{")]
    private static partial System.Text.RegularExpressions.Regex StructuralTemplate();

    public static bool IsHelmText(string text) => HelmMarker().IsMatch(text);

    /// <summary>For a file that failed to parse: the first line that looks like Helm templating.</summary>
    public static (int Line, int Column)? FindTemplateLine(string chunk)
    {
        var lines = chunk.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            int at = line.IndexOf("{{", StringComparison.Ordinal);
            if (at < 0) continue;
            if (HelmMarker().IsMatch(line) || StructuralTemplate().IsMatch(line)) return (i + 1, at + 1);
        }
        return null;
    }

    /// <summary>For a document that parsed: is this a plain (unquoted) scalar holding Helm templating?
    /// The parser asks for every scalar as it builds the tree, so no second walk is needed.</summary>
    public static bool IsTemplateScalar(ScalarNode s) =>
        s.Style == ScalarStyle.Plain && s.Value.Contains("{{", StringComparison.Ordinal) && IsHelmText(s.Value);
}
