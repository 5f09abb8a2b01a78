using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Core.Reporting;

/// <summary>Everything a writer needs. Writers only format: every decision (levels, suppression,
/// order) was made before this.</summary>
public sealed record ReportContext
{
    public required IReadOnlyList<Finding> Findings { get; init; }
    public required IReadOnlyList<RuleInfo> Rules { get; init; }
    public required string ToolVersion { get; init; }
    /// <summary>Absolute directory that paths are made relative to (the git root, else the current directory).</summary>
    public required string SourceRoot { get; init; }
    public int FileCount { get; init; }
    public int ObjectCount { get; init; }
    /// <summary>SARIF runAutomationDetails.id, when the user gave a category.</summary>
    public string? Category { get; init; }
    /// <summary>Extra SARIF graphs (the reachability matrix), when asked for.</summary>
    public IReadOnlyList<Sarif.SarifGraph>? Graphs { get; init; }

    /// <summary>Findings that a `--baseline` report already had: not reported (SARIF lists them with
    /// baselineState "unchanged"), not counted for the exit code. Null without a baseline.</summary>
    public IReadOnlyList<Finding>? Baselined { get; init; }
    /// <summary>Findings of the `--baseline` report that this run no longer has (SARIF lists them with
    /// baselineState "absent"). Null without a baseline.</summary>
    public IReadOnlyList<BaselineResult>? Absent { get; init; }
    /// <summary>Fingerprints computed over every finding of the run (reported and baselined), by
    /// reference; null to compute them from <see cref="Findings"/>.</summary>
    public IReadOnlyDictionary<Finding, string>? KnownFingerprints { get; init; }

    public IEnumerable<Finding> Visible => Findings.Where(f => !f.Suppressed);

    /// <summary>A repository-relative path with forward slashes, or the path as given when it lies
    /// outside the root or is standard input.</summary>
    public string RelativePath(SourceFile file) => file.FullPath is null ? file.Path : RelativePath(file.FullPath);

    private string RelativePath(string fullPath)
    {
        // '\\' separates directories only on Windows; elsewhere it is part of a name.
        static string Slashes(string p) => Path.DirectorySeparatorChar == '\\' ? p.Replace('\\', '/') : p;
        var rel = Slashes(Path.GetRelativePath(SourceRoot, fullPath));
        return rel.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(rel) ? Slashes(fullPath) : rel;
    }

    /// <summary>The repository-relative path of a rendered template's source, or null when it was not
    /// found inside the root.</summary>
    public string? RelativePath(SourceOrigin origin)
    {
        if (origin.FullPath is null) return null;
        var rel = RelativePath(origin.FullPath);
        return rel == origin.FullPath.Replace('\\', '/') ? null : rel;
    }

    /// <summary>Where a finding points in the repository: the chart template it was rendered from when
    /// that file is in the repository, else the input itself (`&lt;stdin&gt;` for standard input).</summary>
    public (string Path, SourceSpan Span) RepositoryLocation(SourceLocation location)
    {
        var origin = location.Origin;
        var rel = origin is null ? null : RelativePath(origin);
        return origin is not null && rel is not null ? (rel, origin.Span) : (RelativePath(location.File), location.Span);
    }

    /// <summary>The git work tree containing the directory, else the directory itself.</summary>
    public static string FindSourceRoot(string directory) => WorkTree.RootOf(directory);
}

public interface IReportWriter
{
    void Write(ReportContext context, TextWriter output);
}

public static class Summary
{
    public static string Of(ReportContext context)
    {
        var visible = context.Visible.ToList();
        int errors = visible.Count(f => f.Level == Level.Error), warnings = visible.Count(f => f.Level == Level.Warning),
            notes = visible.Count(f => f.Level == Level.Note), suppressed = context.Findings.Count - visible.Count;
        var text = $"{Plural(visible.Count, "finding")} ({Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(notes, "note")})";
        if (suppressed > 0) text += $", {suppressed} suppressed";
        if (context.Baselined is { Count: > 0 } baselined) text += $", {baselined.Count} baselined";
        return text + $" in {Plural(context.FileCount, "file")}, {Plural(context.ObjectCount, "object")}.";
    }

    public static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
