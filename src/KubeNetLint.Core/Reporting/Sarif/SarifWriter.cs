using System.Text.Json;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Core.Reporting.Sarif;

/// <summary>SARIF 2.1.0 for GitHub code scanning: the whole rule catalogue, results with repo-relative
/// locations under %SRCROOT%, related locations, in-source suppressions and stable fingerprints.</summary>
public sealed class SarifReportWriter : IReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string InformationUri = "https://github.com/kubenetlint/kubenetlint";

    public void Write(ReportContext context, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(Build(context), SarifJsonContext.Default.SarifLog));

    public static SarifLog Build(ReportContext context)
    {
        var rules = context.Rules.ToList();
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var descriptors = rules.Select(Descriptor).ToList();

        var fingerprints = Fingerprints.For(context);
        var results = new List<SarifResult>();
        // With a baseline, the reported findings are new and the baselined ones unchanged: code scanning
        // keeps its alerts for those rather than closing them as fixed.
        var all = context.Findings.Select(f => (Finding: f, State: context.Baselined is null ? null : "new"))
            .Concat((context.Baselined ?? []).Select(f => (Finding: f, State: (string?)"unchanged")));
        foreach (var (f, state) in all)
        {
            var related = f.Related.Count == 0 ? null : f.Related.Select((r, i) => new SarifLocation(
                Physical(context, r.Location), i + 1, new SarifMessage(r.Message))).ToList();
            results.Add(new SarifResult(
                f.RuleId,
                index.TryGetValue(f.RuleId, out var ri) ? ri : -1,
                f.Level.ToName(),
                new SarifMessage(f.Message),
                [new SarifLocation(Physical(context, f.Location))],
                new Dictionary<string, string> { [Fingerprints.SarifKey] = fingerprints[f] },
                related,
                f.Suppressed ? [new SarifSuppression("inSource", f.Justification ?? $"kubenetlint.io/ignore annotation on {f.Subject?.Id}")] : null,
                state));
        }

        // Findings of the baseline that are gone (SARIF 2.1.0 §3.27.24): listed as the baseline had them.
        foreach (var a in context.Absent ?? [])
        {
            int startLine = Math.Max(1, a.StartLine), startColumn = Math.Max(1, a.StartColumn);
            int endLine = Math.Max(startLine, a.EndLine);
            int endColumn = endLine > startLine ? Math.Max(1, a.EndColumn) : Math.Max(startColumn + 1, a.EndColumn);
            results.Add(new SarifResult(
                a.RuleId,
                index.TryGetValue(a.RuleId, out var ri) ? ri : -1,
                a.Level is "error" or "warning" or "note" ? a.Level : "warning",
                new SarifMessage(a.Message),
                a.Uri is null ? [] : [new SarifLocation(new SarifPhysicalLocation(new SarifArtifactLocation(a.Uri, a.UriBaseId),
                    new SarifRegion(startLine, startColumn, endLine, endColumn)))],
                new Dictionary<string, string> { [Fingerprints.SarifKey] = a.Fingerprint },
                BaselineState: "absent"));
        }

        var root = context.SourceRoot.Replace('\\', '/').TrimEnd('/') + "/";
        var run = new SarifRun(
            new SarifTool(new SarifToolComponent("kubenetlint", context.ToolVersion, context.ToolVersion, InformationUri, descriptors)),
            results,
            new Dictionary<string, SarifArtifactLocation> { ["%SRCROOT%"] = new(new Uri(root.StartsWith('/') ? root : "/" + root).AbsoluteUri) },
            context.Category is { Length: > 0 } c ? new SarifAutomationDetails(c.EndsWith('/') ? c : c + "/") : null,
            context.Graphs is { Count: > 0 } g ? g : null);
        return new SarifLog(SchemaUri, "2.1.0", [run]);
    }

    private static SarifReportingDescriptor Descriptor(RuleInfo rule)
    {
        var doc = RuleDocs.For(rule.Id);
        var full = doc?.WhatItFinds ?? rule.Summary;
        return new SarifReportingDescriptor(
            rule.Id,
            rule.Name,
            new SarifMessageString(Rule.EndSentence(rule.Summary)),
            new SarifMessageString(Rule.EndSentence(full)),
            new SarifMessageString(doc?.PlainText ?? rule.Summary, doc?.Markdown),
            rule.HelpUri,
            new SarifReportingConfiguration(rule.DefaultLevel.ToName(), rule.EnabledByDefault),
            new SarifRuleProperties(["kubernetes", "networking", rule.Area ?? Area(rule.Id)], "high",
                rule.DefaultLevel switch { Level.Error => "error", Level.Warning => "warning", _ => "recommendation" }));
    }

    private static string Area(string id) => id.Length >= 4 ? id[3] switch
    {
        '0' => "input",
        '1' => "service",
        '2' => "ingress",
        '3' => "networkpolicy",
        '4' => "workload",
        '5' => "gateway",
        _ => "other",
    } : "other";

    internal static SarifPhysicalLocation Physical(ReportContext context, Loading.SourceLocation location)
    {
        var (rel, s) = context.RepositoryLocation(location);
        var segments = rel.Split('/').Select(Uri.EscapeDataString).ToArray();
        // A name that is not valid UTF-8 is shown escaped; its URI carries its real bytes, percent-encoded.
        bool rawName = location.File.RawFileName is not null && rel == context.RelativePath(location.File);
        if (rawName) segments[^1] = Loading.RawFileNames.PercentEncode(location.File.RawFileName);
        var uri = string.Join('/', segments);
        var span = new Loading.SourceSpan(s.StartLine, s.StartColumn, Math.Max(s.EndLine, s.StartLine),
            s.EndLine > s.StartLine ? Math.Max(1, s.EndColumn) : Math.Max(s.EndColumn, s.StartColumn + 1));
        // A span in the text we read is cut to it; a chart template's (Helm source map) is not in memory.
        // Without an origin, rel is always the file's own path, so this one comparison covers that case too.
        if (rel == context.RelativePath(location.File)) span = location.File.Clamp(span);
        var region = new SarifRegion(span.StartLine, span.StartColumn, span.EndLine, span.EndColumn);
        return rel.StartsWith('/')
            ? new SarifPhysicalLocation(new SarifArtifactLocation(rawName ? "file://" + uri : new Uri(location.File.FullPath!).AbsoluteUri), region)
            : new SarifPhysicalLocation(new SarifArtifactLocation(uri, "%SRCROOT%"), region);
    }
}
