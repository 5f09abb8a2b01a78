using System.Security.Cryptography;
using System.Text;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Core.Reporting;

/// <summary>One fingerprint per finding, stable across unrelated edits: the rule, the file, the object,
/// the text of the line at fault (not its number, nor the message) and the occurrence count of that
/// quadruple. SARIF's partialFingerprints, GitLab's fingerprint and `--baseline` all use it.</summary>
public static class Fingerprints
{
    public const string SarifKey = "kubenetlint/v1";

    /// <summary>The fingerprint of each finding the context reports (and of each baselined one).</summary>
    public static IReadOnlyDictionary<Finding, string> For(ReportContext context)
    {
        if (context.KnownFingerprints is { } known) return known;
        return ByFinding(context.Findings, context);
    }

    /// <summary>By reference, for <see cref="ReportContext.KnownFingerprints"/>.</summary>
    public static IReadOnlyDictionary<Finding, string> ByFinding(IReadOnlyList<Finding> findings, ReportContext context)
    {
        var prints = Of(findings, context);
        var result = new Dictionary<Finding, string>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < findings.Count; i++) result[findings[i]] = prints[i];
        return result;
    }

    /// <summary>Fingerprints in the order of <paramref name="findings"/> (the engine's order, so the
    /// occurrence counts are the same on every run).</summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<Finding> findings, ReportContext context)
    {
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new string[findings.Count];
        for (int i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            var line = f.Location.File.LineText(f.Location.Line).Trim();
            var key = $"{f.RuleId}|{context.RelativePath(f.Location.File)}|{f.Subject?.Identity}|{line}";
            int n = occurrences[key] = occurrences.GetValueOrDefault(key) + 1;
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{key}|{n}"));
            result[i] = Convert.ToHexStringLower(hash)[..32];
        }
        return result;
    }
}
