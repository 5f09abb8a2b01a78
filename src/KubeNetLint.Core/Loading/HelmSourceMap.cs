using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace KubeNetLint.Core.Loading;

/// <summary>Where a place in rendered output came from: the template Helm named in its `# Source:`
/// comment and the span within the document rendered from it (line 1 is the line after the comment).
/// <see cref="FullPath"/> is the template on disk when it could be found, else null.</summary>
public sealed record SourceOrigin(string Path, string? FullPath, SourceSpan Span)
{
    public int Line => Span.StartLine;
    public int Column => Span.StartColumn;
    public override string ToString() => $"{Path}:{Span.StartLine}";
}

/// <summary>Maps lines of a `helm template` stream back to the chart templates. Helm writes each
/// rendered document as `---`, `# Source: CHART/templates/FILE.yaml`, then the document, so a line
/// belongs to the nearest `# Source:` comment above it in the same document. Only standard input
/// carries a map: a file on disk is already the place to point at.</summary>
public sealed partial class HelmSourceMap
{
    private readonly List<Section> _sections;
    private readonly string _baseDirectory;
    private readonly ConcurrentDictionary<string, string?> _resolved = new(StringComparer.Ordinal);
    private HelmChartIndex? _charts;

    /// <summary>Lines <see cref="CommentLine"/>+1 to <see cref="LastLine"/> were rendered from <see cref="Path"/>.</summary>
    private readonly record struct Section(int CommentLine, int LastLine, string Path);

    private HelmSourceMap(List<Section> sections, string baseDirectory)
    {
        _sections = sections;
        _baseDirectory = baseDirectory;
    }

    [GeneratedRegex(@"^# Source: (\S.*?)\s*$")]
    private static partial Regex SourceComment();

    /// <summary>The map of a stream, or null when it has no `# Source:` comments. Template paths are
    /// looked up relative to <paramref name="baseDirectory"/> and to the charts in its repository.</summary>
    public static HelmSourceMap? Parse(string text, string baseDirectory)
    {
        if (!text.Contains("# Source: ", StringComparison.Ordinal)) return null;
        var sections = new List<Section>();
        (int Line, string Path)? open = null;
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int line = i + 1;
            var content = lines[i].TrimEnd('\r');
            bool documentStart = content == "---" || content.StartsWith("--- ", StringComparison.Ordinal);
            var source = SourceComment().Match(content);
            if ((documentStart || source.Success) && open is not null)
            {
                sections.Add(new Section(open.Value.Line, line - 1, open.Value.Path));
                open = null;
            }
            if (source.Success) open = (line, source.Groups[1].Value);
        }
        if (open is not null) sections.Add(new Section(open.Value.Line, lines.Length, open.Value.Path));
        return sections.Count == 0 ? null : new HelmSourceMap(sections, baseDirectory);
    }

    /// <summary>The origin of a span that starts on a rendered line, or null outside any `# Source:` section.</summary>
    public SourceOrigin? Locate(SourceSpan span)
    {
        int lo = 0, hi = _sections.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            var s = _sections[mid];
            if (span.StartLine <= s.CommentLine) hi = mid - 1;
            else if (span.StartLine > s.LastLine) lo = mid + 1;
            else return new SourceOrigin(s.Path, Resolve(s.Path), span.Shift(-s.CommentLine));
        }
        return null;
    }

    private string? Resolve(string path) => _resolved.GetOrAdd(path, p =>
    {
        var direct = System.IO.Path.GetFullPath(p, _baseDirectory);
        if (File.Exists(direct)) return direct;
        _charts ??= HelmChartIndex.Build(WorkTree.RootOf(_baseDirectory));
        return _charts.Find(p);
    });
}

/// <summary>The charts (directories with a Chart.yaml) in a repository, by chart name. Helm's
/// `# Source:` paths start with the chart's name, not its directory, so `shop/templates/api.yaml`
/// is found in `deploy/charts/shop/templates/api.yaml` through `deploy/charts/shop/Chart.yaml`.</summary>
public sealed partial class HelmChartIndex
{
    private const int MaxDepth = 8;
    private const int MaxDirectories = 20_000;
    private static readonly HashSet<string> Skipped = new HashSet<string>(StringComparer.Ordinal) { "node_modules", "bin", "obj" };

    private readonly Dictionary<string, List<string>> _byName;

    private HelmChartIndex(Dictionary<string, List<string>> byName) => _byName = byName;

    [GeneratedRegex(@"^name:\s*['""]?([^'""\s#]+)", RegexOptions.Multiline)]
    private static partial Regex ChartName();

    /// <summary>A breadth-first walk, bounded in depth and size, that skips hidden and build directories.</summary>
    public static HelmChartIndex Build(string root) => Build(root, MaxDirectories);

    internal static HelmChartIndex Build(string root, int maxDirectories)
    {
        var byName = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var queue = new Queue<(string Dir, int Depth)>();
        queue.Enqueue((root, 0));
        int seen = 0;
        while (queue.Count > 0 && seen++ < maxDirectories)
        {
            var (dir, depth) = queue.Dequeue();
            try
            {
                var chart = Path.Combine(dir, "Chart.yaml");
                var m = File.Exists(chart) ? ChartName().Match(File.ReadAllText(chart)) : null;
                if (m is not null && m.Success)
                {
                    var dirs = byName.GetValueOrDefault(m.Groups[1].Value);
                    if (dirs is null) byName[m.Groups[1].Value] = dirs = [];
                    dirs.Add(dir);
                }
                if (depth == MaxDepth) continue;
                var subdirs = Directory.GetDirectories(dir);
                Array.Sort(subdirs, StringComparer.Ordinal);
                foreach (var sub in subdirs)
                {
                    var name = Path.GetFileName(sub);
                    if (!name.StartsWith('.') && !Skipped.Contains(name)) queue.Enqueue((sub, depth + 1));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // An unreadable directory holds no chart we can point at.
            }
        }
        return new HelmChartIndex(byName);
    }

    /// <summary>The file a `# Source:` path names, or null when no chart of that name has it.</summary>
    public string? Find(string sourcePath)
    {
        // CHART/PATH (a leading '/' gives the empty name, which no chart has).
        var parts = sourcePath.Split('/', 2);
        if (parts.Length == 1) return null;
        if (!_byName.TryGetValue(parts[0], out var dirs)) return null;
        foreach (var dir in dirs)
        {
            var candidate = Path.GetFullPath(parts[1], dir);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

public static class WorkTree
{
    /// <summary>The git work tree containing the directory (a `.git` directory, or a `.git` file in a
    /// linked worktree or submodule), else the directory itself.</summary>
    public static string RootOf(string directory)
    {
        for (var d = new DirectoryInfo(directory); d is not null; d = d.Parent)
            if (Directory.Exists(Path.Combine(d.FullName, ".git")) || File.Exists(Path.Combine(d.FullName, ".git")))
                return d.FullName;
        return Path.GetFullPath(directory);
    }
}
