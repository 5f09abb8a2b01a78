using KubeNetLint.Core.Config;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules;

/// <summary>A rule that threw: a bug in KubeNetLint, reported without a stack trace.</summary>
public sealed record RuleFailure(string RuleId, string Message);

public sealed record LintResult(
    AnalysisContext Context, IReadOnlyList<Finding> Findings, IReadOnlyList<RuleFailure> Failures)
{
    public ResourceModel Model => Context.Model;
    public ResourceGraph Graph => Context.Graph;
    public LintConfig Config => Context.Config;

    public IEnumerable<Finding> Reported => Findings.Where(f => !f.Suppressed);
}

/// <summary>Load → model → graph → rules. Rules run in parallel; results are sorted so the output is the
/// same on every run.</summary>
public static class LintEngine
{
    public static ResourceModel BuildModel(LoadResult load, LintConfig config, string defaultNamespace = "default") =>
        new ModelBuilder(defaultNamespace, new ObjectKinds(config.WorkloadKinds)).Build(load.Files, load.Documents, load.Problems);

    public static bool IsEnabled(RuleInfo info, LintConfig config) =>
        config.Rules.TryGetValue(info.Id, out var s) ? s.Enabled : info.EnabledByDefault;

    public static LintResult Run(ResourceModel model, LintConfig config, DateTimeOffset? now = null, IEnumerable<Rule>? rules = null)
    {
        var graph = new ResourceGraph(model, config);
        var context = new AnalysisContext { Model = model, Graph = graph, Config = config, Now = now ?? DateTimeOffset.UtcNow };
        var failures = new System.Collections.Concurrent.ConcurrentBag<RuleFailure>();
        var enabled = (rules ?? RuleRegistry.All).Where(r => IsEnabled(r.Info, config)).ToList();

        var findings = enabled.AsParallel().AsOrdered().SelectMany(rule =>
        {
            try { return rule.Check(context).ToList(); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add(new RuleFailure(rule.Info.Id, $"{e.GetType().Name}: {e.Message}"));
                return [];
            }
        }).ToList();

        var result = findings
            .Select(f => Finish(f, config))
            .Distinct()
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Line).ThenBy(f => f.Column)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();
        return new LintResult(context, result, [.. failures.OrderBy(f => f.RuleId, StringComparer.Ordinal)]);
    }

    private static Finding Finish(Finding f, LintConfig config)
    {
        var level = config.Rules.GetValueOrDefault(f.RuleId)?.Level;
        if (level is not null) f = f with { Level = level.Value };
        var subject = f.Subject;
        if (subject is not null && subject.Ignore.Covers(f.RuleId, f.RuleName))
            return f with { Suppressed = true, Justification = subject.Ignore.Reason ?? $"{Resource.IgnoreAnnotation} annotation on {subject.Id}" };
        var comment = CommentSuppression(f);
        if (comment is not null)
            return f with { Suppressed = true, Justification = comment.Value.Directive.Reason ?? $"{IgnoreDirective.CommentMarker} comment at {f.Location.File.Path}:{comment.Value.Line}" };
        return f;
    }

    /// <summary>A `# kubenetlint:ignore RULE -- reason` comment on the finding's line, on the line before
    /// it, or in the comment lines just above the object (or on its first line).</summary>
    private static (IgnoreDirective Directive, int Line)? CommentSuppression(Finding f)
    {
        var file = f.Location.File;
        if (!file.Mentions(IgnoreDirective.CommentMarker)) return null;
        (IgnoreDirective, int)? At(int line)
        {
            var d = IgnoreDirective.InComment(file.LineText(line));
            return d is not null && d.Covers(f.RuleId, f.RuleName) ? (d, line) : null;
        }

        var near = At(f.Line) ?? At(f.Line - 1);
        if (near is not null) return near;
        var subject = f.Subject;
        if (subject is null || subject.File != file) return null;
        int start = subject.Root.Span.StartLine;
        var first = At(start);
        if (first is not null) return first;
        for (int line = start - 1; line >= 1 && file.LineText(line).TrimStart().StartsWith('#'); line--)
        {
            var above = At(line);
            if (above is not null) return above;
        }
        return null;
    }
}
