using System.Text.Json;
using KubeNetLint.Core.Reporting;

namespace KubeNetLint.Cli.Commands;

/// <summary>`check --baseline REPORT`: the fingerprints of a previous `check` report (JSON, SARIF or
/// GitLab Code Quality). Findings whose fingerprint is in it are baselined: not reported, not counted.</summary>
public sealed class Baseline
{
    private readonly HashSet<string> _fingerprints;
    private Baseline(HashSet<string> fingerprints, List<BaselineResult> results) => (_fingerprints, Results) = (fingerprints, results);

    public int Count => _fingerprints.Count;
    public bool Contains(string fingerprint) => _fingerprints.Contains(fingerprint);
    /// <summary>The report's findings (suppressed ones and SARIF results already absent left out).</summary>
    public IReadOnlyList<BaselineResult> Results { get; }

    /// <summary>The baseline's findings whose fingerprint is not among this run's.</summary>
    public IReadOnlyList<BaselineResult> AbsentFrom(IEnumerable<string> current)
    {
        var now = current.ToHashSet(StringComparer.Ordinal);
        return Results.Where(r => !now.Contains(r.Fingerprint)).DistinctBy(r => r.Fingerprint).ToList();
    }

    private static string Text(JsonElement e, string name, string fallback = "") =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : fallback;
    private static int Int(JsonElement e, string name, int fallback = 0) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : fallback;
    private static JsonElement Child(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    /// <summary>A path from a JSON or GitLab report as a URI reference: relative paths percent-encoded per segment.</summary>
    private static (string? Uri, string? BaseId) PathUri(string path)
    {
        if (path.Length == 0) return (null, null);
        if (path.StartsWith('<')) return (Uri.EscapeDataString(path), "%SRCROOT%");
        if (Path.IsPathRooted(path)) return (new Uri(path).AbsoluteUri, null);
        return (string.Join('/', path.Split('/').Select(Uri.EscapeDataString)), "%SRCROOT%");
    }

    /// <summary>Reads the report; anything that is not one of ours is a <see cref="UsageException"/>.</summary>
    public static Baseline Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--baseline {path}: cannot read it: {e.Message}");
        }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e)
        {
            throw new UsageException($"--baseline {path}: not JSON ({e.Message}); give a report written by 'kubenetlint check --format json' or '--format sarif'");
        }
        using (doc)
        {
            var root = doc.RootElement;
            var prints = new HashSet<string>(StringComparer.Ordinal);
            var entries = new List<BaselineResult>();
            string? problem = null;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("runs", out var runs) && runs.ValueKind == JsonValueKind.Array)
            {
                foreach (var run in runs.EnumerateArray())
                {
                    if (!run.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array) continue;
                    foreach (var result in results.EnumerateArray())
                    {
                        if (result.TryGetProperty("partialFingerprints", out var pf) && pf.ValueKind == JsonValueKind.Object &&
                            pf.TryGetProperty(Fingerprints.SarifKey, out var fp) && fp.ValueKind == JsonValueKind.String)
                        {
                            prints.Add(fp.GetString()!);
                            // Suppressed or already absent results are no findings to miss.
                            if (Text(result, "baselineState") == "absent" || Child(result, "suppressions").ValueKind == JsonValueKind.Array) continue;
                            var physical = Child(Child(result, "locations").ValueKind == JsonValueKind.Array && result.GetProperty("locations").GetArrayLength() > 0
                                ? result.GetProperty("locations")[0] : default, "physicalLocation");
                            var artifact = Child(physical, "artifactLocation");
                            var region = Child(physical, "region");
                            var uri = Text(artifact, "uri");
                            int line = Int(region, "startLine", 1), column = Int(region, "startColumn", 1);
                            entries.Add(new BaselineResult(fp.GetString()!, Text(result, "ruleId"), Text(result, "level", "warning"),
                                Text(Child(result, "message"), "text"), uri.Length == 0 ? null : uri, Text(artifact, "uriBaseId") is { Length: > 0 } b ? b : null,
                                line, column, Int(region, "endLine", line), Int(region, "endColumn", column + 1)));
                        }
                        else problem = $"a SARIF result without partialFingerprints.{Fingerprints.SarifKey}";
                    }
                }
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("findings", out var findings) && findings.ValueKind == JsonValueKind.Array)
            {
                foreach (var finding in findings.EnumerateArray())
                {
                    if (finding.ValueKind == JsonValueKind.Object && finding.TryGetProperty("fingerprint", out var fp) && fp.ValueKind == JsonValueKind.String)
                    {
                        prints.Add(fp.GetString()!);
                        if (Child(finding, "suppressed").ValueKind == JsonValueKind.True) continue;
                        var (uri, baseId) = PathUri(Text(finding, "file"));
                        int line = Int(finding, "line", 1), column = Int(finding, "column", 1);
                        entries.Add(new BaselineResult(fp.GetString()!, Text(finding, "ruleId"), Text(finding, "level", "warning"), Text(finding, "message"),
                            uri, baseId, line, column, Int(finding, "endLine", line), Int(finding, "endColumn", column + 1)));
                    }
                    else problem = "a finding without a fingerprint (written by an older kubenetlint?)";
                }
            }
            else if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var issue in root.EnumerateArray())
                {
                    if (issue.ValueKind == JsonValueKind.Object && issue.TryGetProperty("fingerprint", out var fp) && fp.ValueKind == JsonValueKind.String)
                    {
                        prints.Add(fp.GetString()!);
                        var location = Child(issue, "location");
                        var (uri, baseId) = PathUri(Text(location, "path"));
                        int line = Int(Child(location, "lines"), "begin", 1);
                        var level = Text(issue, "severity") switch { "info" => "note", "critical" or "blocker" => "error", _ => "warning" };
                        entries.Add(new BaselineResult(fp.GetString()!, Text(issue, "check_name"), level, Text(issue, "description"), uri, baseId, line, 1, line, 2));
                    }
                    else problem = "an issue without a fingerprint";
                }
            }
            else
            {
                problem = "neither a kubenetlint JSON report (findings), a SARIF log (runs) nor a GitLab Code Quality report";
            }
            if (problem is not null)
                throw new UsageException($"--baseline {path}: {problem}; write the baseline with 'kubenetlint check --format json' (or sarif)");
            return new Baseline(prints, entries);
        }
    }
}
