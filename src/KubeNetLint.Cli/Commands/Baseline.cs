using System.Text.Json;
using KubeNetLint.Core.Reporting;

namespace KubeNetLint.Cli.Commands;

/// <summary>`check --baseline REPORT`: the fingerprints of a previous `check` report (JSON, SARIF or
/// GitLab Code Quality). Findings whose fingerprint is in it are baselined: not reported, not counted.</summary>
public sealed class Baseline
{
    private readonly HashSet<string> _fingerprints;
    private Baseline(HashSet<string> fingerprints) => _fingerprints = fingerprints;

    public int Count => _fingerprints.Count;
    public bool Contains(string fingerprint) => _fingerprints.Contains(fingerprint);

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
                            prints.Add(fp.GetString()!);
                        else problem = $"a SARIF result without partialFingerprints.{Fingerprints.SarifKey}";
                    }
                }
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("findings", out var findings) && findings.ValueKind == JsonValueKind.Array)
            {
                foreach (var finding in findings.EnumerateArray())
                {
                    if (finding.ValueKind == JsonValueKind.Object && finding.TryGetProperty("fingerprint", out var fp) && fp.ValueKind == JsonValueKind.String)
                        prints.Add(fp.GetString()!);
                    else problem = "a finding without a fingerprint (written by an older kubenetlint?)";
                }
            }
            else if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var issue in root.EnumerateArray())
                {
                    if (issue.ValueKind == JsonValueKind.Object && issue.TryGetProperty("fingerprint", out var fp) && fp.ValueKind == JsonValueKind.String)
                        prints.Add(fp.GetString()!);
                    else problem = "an issue without a fingerprint";
                }
            }
            else
            {
                problem = "neither a kubenetlint JSON report (findings), a SARIF log (runs) nor a GitLab Code Quality report";
            }
            if (problem is not null)
                throw new UsageException($"--baseline {path}: {problem}; write the baseline with 'kubenetlint check --format json' (or sarif)");
            return new Baseline(prints);
        }
    }
}
