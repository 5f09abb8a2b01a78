using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Core.Reporting.Html;

/// <summary>`check --format html`: one self-contained page with the summary, the findings grouped by file
/// or by rule with the source lines around each, filters by level, rule and namespace, and links to the
/// rule docs. Data is written finding by finding (linear in the findings and their excerpts); the page's
/// script draws it.</summary>
public sealed class HtmlReportWriter : IReportWriter
{
    /// <summary>Lines shown before and after a finding's span; a long span is cut to this many lines.</summary>
    public const int ContextLines = 3;
    public const int MaxSpanLines = 8;

    public void Write(ReportContext context, TextWriter w)
    {
        var visible = context.Visible.ToList();
        HtmlPage.Begin(w, "KubeNetLint report", "report", context.ToolVersion);
        w.Write('{');
        HtmlPage.Key(w, "version"); HtmlPage.Str(w, context.ToolVersion);
        w.Write(','); HtmlPage.Key(w, "docs"); HtmlPage.Str(w, HtmlPage.RuleDocsBase);
        w.Write(','); HtmlPage.Key(w, "summary"); HtmlPage.Str(w, Summary.Of(context));
        w.Write(','); HtmlPage.Key(w, "counts");
        w.Write('{');
        HtmlPage.Key(w, "error"); HtmlPage.Num(w, visible.Count(f => f.Level == Level.Error));
        w.Write(','); HtmlPage.Key(w, "warning"); HtmlPage.Num(w, visible.Count(f => f.Level == Level.Warning));
        w.Write(','); HtmlPage.Key(w, "note"); HtmlPage.Num(w, visible.Count(f => f.Level == Level.Note));
        w.Write(','); HtmlPage.Key(w, "suppressed"); HtmlPage.Num(w, context.Findings.Count - visible.Count);
        w.Write(','); HtmlPage.Key(w, "baselined"); HtmlPage.Num(w, context.Baselined?.Count ?? 0);
        w.Write(','); HtmlPage.Key(w, "files"); HtmlPage.Num(w, context.FileCount);
        w.Write(','); HtmlPage.Key(w, "objects"); HtmlPage.Num(w, context.ObjectCount);
        w.Write('}');

        // Rules that have findings: id → name, level, summary, doc link.
        var used = context.Findings.Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
        w.Write(','); HtmlPage.Key(w, "rules"); w.Write('{');
        bool first = true;
        foreach (var rule in context.Rules.Where(r => used.Contains(r.Id)))
        {
            if (!first) w.Write(',');
            first = false;
            HtmlPage.Key(w, rule.Id);
            w.Write('{');
            HtmlPage.Key(w, "name"); HtmlPage.Str(w, rule.Name);
            w.Write(','); HtmlPage.Key(w, "summary"); HtmlPage.Str(w, rule.Summary);
            w.Write(','); HtmlPage.Key(w, "uri"); HtmlPage.Str(w, rule.HelpUri);
            w.Write('}');
        }
        w.Write('}');

        w.Write(','); HtmlPage.Key(w, "findings"); w.Write("[\n");
        first = true;
        foreach (var f in context.Findings)
        {
            if (!first) w.Write(",\n");
            first = false;
            Finding(context, f, w);
        }
        w.Write("]}");
        HtmlPage.End(w, "report.js");
    }

    private static void Finding(ReportContext context, Finding f, TextWriter w)
    {
        var span = f.Location.File.Clamp(f.Location.Span);
        w.Write('{');
        HtmlPage.Key(w, "rule"); HtmlPage.Str(w, f.RuleId);
        w.Write(','); HtmlPage.Key(w, "name"); HtmlPage.Str(w, f.RuleName);
        w.Write(','); HtmlPage.Key(w, "level"); HtmlPage.Str(w, f.Level.ToName());
        w.Write(','); HtmlPage.Key(w, "message"); HtmlPage.Str(w, f.Message);
        w.Write(','); HtmlPage.Key(w, "file"); HtmlPage.Str(w, context.RelativePath(f.Location.File));
        w.Write(','); HtmlPage.Key(w, "line"); HtmlPage.Num(w, f.Location.Span.StartLine);
        w.Write(','); HtmlPage.Key(w, "column"); HtmlPage.Num(w, f.Location.Span.StartColumn);
        w.Write(','); HtmlPage.Key(w, "endLine"); HtmlPage.Num(w, span.EndLine);
        w.Write(','); HtmlPage.Key(w, "namespace"); HtmlPage.Str(w, f.Subject?.Namespace is { } ns ? Model.ValueText.Value(ns) : null);
        w.Write(','); HtmlPage.Key(w, "object"); HtmlPage.Str(w, f.Subject is { } s ? Model.ValueText.Value(s.Id) : null);
        if (f.Suppressed)
        {
            w.Write(','); HtmlPage.Key(w, "suppressed"); w.Write("true");
            w.Write(','); HtmlPage.Key(w, "justification"); HtmlPage.Str(w, f.Justification);
        }
        if (f.Location.Origin is { } origin)
        {
            w.Write(','); HtmlPage.Key(w, "origin");
            HtmlPage.Str(w, $"{context.RelativePath(origin) ?? origin.Path}:{origin.Line}");
        }
        if (f.Related.Count > 0)
        {
            w.Write(','); HtmlPage.Key(w, "related"); w.Write('[');
            for (int i = 0; i < f.Related.Count; i++)
            {
                var r = f.Related[i];
                if (i > 0) w.Write(',');
                w.Write('{');
                HtmlPage.Key(w, "file"); HtmlPage.Str(w, context.RelativePath(r.Location.File));
                w.Write(','); HtmlPage.Key(w, "line"); HtmlPage.Num(w, r.Location.Line);
                w.Write(','); HtmlPage.Key(w, "message"); HtmlPage.Str(w, r.Message);
                w.Write('}');
            }
            w.Write(']');
        }
        // The source around the finding, from the text that was read.
        // Always there: a text has at least one line, and the clamped span starts on one of them.
        var file = f.Location.File;
        int from = Math.Max(1, span.StartLine - ContextLines);
        int last = Math.Min(Math.Max(span.EndLine, span.StartLine), span.StartLine + MaxSpanLines - 1);
        int to = Math.Min(file.LineCount, last + ContextLines);
        w.Write(','); HtmlPage.Key(w, "source"); w.Write('{');
        HtmlPage.Key(w, "first"); HtmlPage.Num(w, from);
        w.Write(','); HtmlPage.Key(w, "lines"); w.Write('[');
        for (int line = from; line <= to; line++)
        {
            if (line > from) w.Write(',');
            var text = file.LineText(line);
            HtmlPage.Str(w, text.Length > 400 ? text[..400] + "…" : text);
        }
        w.Write("]}");
        w.Write('}');
    }
}
