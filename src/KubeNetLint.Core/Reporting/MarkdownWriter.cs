using System.Text;

namespace KubeNetLint.Core.Reporting;

/// <summary>A Markdown summary for a pull-request comment or a GitHub job summary ($GITHUB_STEP_SUMMARY):
/// a headline with the counts, then a table of findings, most severe first. Long reports are cut at
/// <see cref="MaxRows"/> rows (a job summary holds at most 1 MiB); the full list is in the other formats.</summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    public const int MaxRows = 200;

    public void Write(ReportContext context, TextWriter output)
    {
        var visible = context.Visible.OrderByDescending(f => f.Level).ToList();
        var sb = new StringBuilder();
        sb.Append("### KubeNetLint\n\n");
        sb.Append(visible.Count == 0 ? "✅ " : "").Append(Summary.Of(context)).Append("\n\n");
        if (visible.Count > 0)
        {
            sb.Append("| level | rule | location | message |\n|---|---|---|---|\n");
            foreach (var f in visible.Take(MaxRows))
            {
                var where = $"{context.RelativePath(f.Location.File)}:{f.Line}:{f.Column}";
                var rule = context.Rules.FirstOrDefault(r => r.Id == f.RuleId);
                var id = rule is null ? f.RuleId : $"[{f.RuleId}]({rule.HelpUri})";
                sb.Append($"| {Icon(f.Level)} {f.Level.ToName()} | {id} {Code(f.RuleName)} | {Code(where)}{Cell(TextReportWriter.From(context, f.Location))} | {Cell(f.Message)} |\n");
            }
            if (visible.Count > MaxRows)
                sb.Append($"\n… and {visible.Count - MaxRows} more; see the SARIF or text report for all of them.\n");
        }
        output.Write(sb.ToString());
    }

    private static string Icon(Level level) => level switch { Level.Error => "❌", Level.Warning => "⚠️", _ => "ℹ️" };

    /// <summary>Text safe inside a table cell: one line, no column separators, no HTML, no stray code spans.</summary>
    private static string Cell(string text) => OneLine(text)
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("`", "'");

    /// <summary>A code span in a table cell (entities are not decoded there, so only '|' and '`' need care).</summary>
    private static string Code(string text) => $"`{OneLine(text).Replace("`", "'")}`";

    private static string OneLine(string text) => text.Replace("\r", "").Replace("\n", " ").Replace("|", "\\|");
}
