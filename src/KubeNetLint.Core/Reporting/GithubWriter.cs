namespace KubeNetLint.Core.Reporting;

/// <summary>GitHub Actions workflow commands: one `::error file=…,line=…::message` annotation per finding.</summary>
public sealed class GithubReportWriter : IReportWriter
{
    public void Write(ReportContext context, TextWriter output)
    {
        foreach (var f in context.Visible)
        {
            var command = f.Level switch { Level.Error => "error", Level.Warning => "warning", _ => "notice" };
            var (path, s) = context.RepositoryLocation(f.Location);
            var props = $"file={Property(path)},line={s.StartLine},col={s.StartColumn}";
            if (s.EndLine == s.StartLine) props += $",endColumn={s.EndColumn}";
            else props += $",endLine={s.EndLine}";
            props += $",title={Property($"{f.RuleId} {f.RuleName}")}";
            output.WriteLine($"::{command} {props}::{Data(f.Message)}");
        }
        output.WriteLine(Summary.Of(context));
    }

    // Escaping as the runner's toolkit does it: data escapes %, CR, LF; properties also ':' and ','.
    private static string Data(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
    private static string Property(string s) => Data(s).Replace(":", "%3A").Replace(",", "%2C");
}
