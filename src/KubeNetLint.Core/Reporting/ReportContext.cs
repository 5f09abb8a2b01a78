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

    public IEnumerable<Finding> Visible => Findings.Where(f => !f.Suppressed);

    /// <summary>A repository-relative path with forward slashes, or the path as given when it lies
    /// outside the root or is standard input.</summary>
    public string RelativePath(SourceFile file)
    {
        if (file.FullPath is null) return file.Path;
        var rel = Path.GetRelativePath(SourceRoot, file.FullPath).Replace('\\', '/');
        return rel.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(rel) ? file.FullPath.Replace('\\', '/') : rel;
    }

    /// <summary>The git work tree containing the directory, else the directory itself.</summary>
    public static string FindSourceRoot(string directory)
    {
        for (var d = new DirectoryInfo(directory); d is not null; d = d.Parent)
            if (Directory.Exists(Path.Combine(d.FullName, ".git")) || File.Exists(Path.Combine(d.FullName, ".git")))
                return d.FullName;
        return Path.GetFullPath(directory);
    }
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
        return text + $" in {Plural(context.FileCount, "file")}, {Plural(context.ObjectCount, "object")}.";
    }

    public static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
