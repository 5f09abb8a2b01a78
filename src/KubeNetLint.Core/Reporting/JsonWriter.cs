using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeNetLint.Core.Reporting;

public sealed record JsonReport(JsonTool Tool, IReadOnlyList<JsonFinding> Findings, JsonSummary Summary);
public sealed record JsonTool(string Name, string Version);
public sealed record JsonObjectRef(string Kind, string? Namespace, string Name);
public sealed record JsonRelated(string File, int Line, int Column, string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonOrigin? Origin = null);
public sealed record JsonFinding(
    string RuleId, string Rule, string Level, string Message, string File, int Line, int Column, int EndLine, int EndColumn,
    JsonObjectRef? Object, IReadOnlyList<JsonRelated> Related, bool Suppressed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonOrigin? Origin = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Justification = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Fingerprint = null);
/// <summary>For rendered Helm input: the template as Helm names it, the file in the repository when it
/// was found there, and the line and column within the rendered document.</summary>
public sealed record JsonOrigin(string Source, string? File, int Line, int Column);
public sealed record JsonSummary(int Errors, int Warnings, int Notes, int Suppressed, int Files, int Objects,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Baselined = null);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JsonReport))]
internal sealed partial class JsonReportContext : JsonSerializerContext;

/// <summary>One JSON object: tool, findings (suppressed ones included and marked), summary.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    public void Write(ReportContext context, TextWriter output)
    {
        var fingerprints = Fingerprints.For(context);
        var findings = context.Findings.Select(f => new JsonFinding(
            f.RuleId, f.RuleName, f.Level.ToName(), f.Message, context.RelativePath(f.Location.File),
            f.Location.Span.StartLine, f.Location.Span.StartColumn, f.Location.Span.EndLine, f.Location.Span.EndColumn,
            f.Subject is null ? null : new JsonObjectRef(Model.ValueText.Value(f.Subject.Kind), f.Subject.Namespace is { } ns ? Model.ValueText.Value(ns) : null, Model.ValueText.Value(f.Subject.Name)),
            [.. f.Related.Select(r => new JsonRelated(context.RelativePath(r.Location.File), r.Location.Line, r.Location.Column, r.Message,
                Origin(context, r.Location)))],
            f.Suppressed, Origin(context, f.Location), f.Suppressed ? f.Justification : null, fingerprints[f])).ToList();
        var visible = context.Visible.ToList();
        var report = new JsonReport(
            new JsonTool("kubenetlint", context.ToolVersion),
            findings,
            new JsonSummary(
                visible.Count(f => f.Level == Level.Error), visible.Count(f => f.Level == Level.Warning),
                visible.Count(f => f.Level == Level.Note), context.Findings.Count - visible.Count,
                context.FileCount, context.ObjectCount, context.Baselined?.Count));
        output.WriteLine(JsonSerializer.Serialize(report, JsonReportContext.Default.JsonReport));
    }

    private static JsonOrigin? Origin(ReportContext context, Loading.SourceLocation location) =>
        location.Origin is { } o ? new JsonOrigin(o.Path, context.RelativePath(o), o.Line, o.Column) : null;
}
