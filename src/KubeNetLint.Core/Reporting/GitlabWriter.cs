using System.Text.Json;
using System.Text.Json.Serialization;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Core.Reporting;

public sealed record GitlabIssue(string Description, string CheckName, string Fingerprint, string Severity, GitlabLocation Location);
public sealed record GitlabLocation(string Path, GitlabLines Lines);
public sealed record GitlabLines(int Begin);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<GitlabIssue>))]
internal sealed partial class GitlabJsonContext : JsonSerializerContext;

/// <summary>GitLab Code Quality (a JSON array of issues, `artifacts: reports: codequality:`). Severity:
/// note → info, warning → major, error → critical. The fingerprint is the one SARIF carries, so an issue
/// keeps its identity across unrelated edits and GitLab can tell new ones from old. Suppressed findings
/// are left out: Code Quality has no way to say "seen and accepted".</summary>
public sealed class GitlabReportWriter : IReportWriter
{
    public void Write(ReportContext context, TextWriter output)
    {
        var fingerprints = Fingerprints.For(context);
        var issues = new List<GitlabIssue>();
        foreach (var f in context.Findings)
        {
            if (f.Suppressed) continue;
            var (path, span) = context.RepositoryLocation(f.Location);
            issues.Add(new GitlabIssue($"{f.RuleId} {f.RuleName}: {f.Message}", f.RuleId, fingerprints[f], Severity(f.Level),
                new GitlabLocation(path, new GitlabLines(span.StartLine))));
        }
        output.WriteLine(JsonSerializer.Serialize(issues, GitlabJsonContext.Default.ListGitlabIssue));
    }

    public static string Severity(Level level) => level switch
    {
        Level.Error => "critical",
        Level.Warning => "major",
        _ => "info",
    };
}
