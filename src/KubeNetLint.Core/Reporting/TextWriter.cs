namespace KubeNetLint.Core.Reporting;

/// <summary>`path:line:col: level KNL101 name: message` per finding, then a summary line. Colour only
/// when asked (the CLI asks on a terminal without NO_COLOR).</summary>
public sealed class TextReportWriter(bool color = false) : IReportWriter
{
    public void Write(ReportContext context, TextWriter output)
    {
        foreach (var f in context.Visible)
        {
            var level = f.Level.ToName();
            if (color)
            {
                var code = f.Level switch { Level.Error => "31", Level.Warning => "33", _ => "36" };
                level = $"\u001b[1;{code}m{level}\u001b[0m";
            }
            output.WriteLine($"{f.Path}:{f.Line}:{f.Column}: {level} {f.RuleId} {f.RuleName}: {f.Message}{From(context, f.Location)}");
            foreach (var r in f.Related)
                output.WriteLine($"    {r.Location.Path}:{r.Location.Line}:{r.Location.Column}: {r.Message}{From(context, r.Location)}");
        }
        output.WriteLine(Summary.Of(context));
    }

    /// <summary>" (from chart/templates/svc.yaml:5)" for rendered Helm output, else "".</summary>
    internal static string From(ReportContext context, Loading.SourceLocation location) =>
        location.Origin is { } o ? $" (from {context.RelativePath(o) ?? o.Path}:{o.Line})" : "";
}
