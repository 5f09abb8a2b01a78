using System.Text.Json.Serialization;

namespace KubeNetLint.Core.Reporting.Sarif;

// The subset of SARIF 2.1.0 that KubeNetLint writes. Property names follow the spec (camelCase via the
// serializer options); nulls are omitted.

public sealed record SarifLog(
    [property: JsonPropertyName("$schema")] string Schema,
    string Version,
    IReadOnlyList<SarifRun> Runs);

public sealed record SarifRun(
    SarifTool Tool,
    IReadOnlyList<SarifResult> Results,
    IReadOnlyDictionary<string, SarifArtifactLocation>? OriginalUriBaseIds = null,
    SarifAutomationDetails? AutomationDetails = null,
    IReadOnlyList<SarifGraph>? Graphs = null,
    string? ColumnKind = "utf16CodeUnits");

public sealed record SarifAutomationDetails(string Id);

public sealed record SarifTool(SarifToolComponent Driver);

public sealed record SarifToolComponent(
    string Name,
    string Version,
    string SemanticVersion,
    string InformationUri,
    IReadOnlyList<SarifReportingDescriptor> Rules);

public sealed record SarifReportingDescriptor(
    string Id,
    string Name,
    SarifMessageString ShortDescription,
    SarifMessageString FullDescription,
    SarifMessageString Help,
    string HelpUri,
    SarifReportingConfiguration DefaultConfiguration,
    SarifRuleProperties Properties);

public sealed record SarifMessageString(string Text, string? Markdown = null);

public sealed record SarifReportingConfiguration(string Level, bool Enabled = true);

public sealed record SarifRuleProperties(
    IReadOnlyList<string> Tags,
    string Precision,
    [property: JsonPropertyName("problem.severity")] string ProblemSeverity);

public sealed record SarifResult(
    string RuleId,
    int RuleIndex,
    string Level,
    SarifMessage Message,
    IReadOnlyList<SarifLocation> Locations,
    IReadOnlyDictionary<string, string> PartialFingerprints,
    IReadOnlyList<SarifLocation>? RelatedLocations = null,
    IReadOnlyList<SarifSuppression>? Suppressions = null,
    string? BaselineState = null);

public sealed record SarifMessage(string Text);

public sealed record SarifLocation(
    SarifPhysicalLocation PhysicalLocation,
    int? Id = null,
    SarifMessage? Message = null);

public sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, SarifRegion Region);

public sealed record SarifArtifactLocation(string Uri, string? UriBaseId = null);

public sealed record SarifRegion(int StartLine, int StartColumn, int EndLine, int EndColumn);

public sealed record SarifSuppression(string Kind, string? Justification = null);

public sealed record SarifGraph(
    SarifMessage Description,
    IReadOnlyList<SarifNode> Nodes,
    IReadOnlyList<SarifEdge> Edges);

public sealed record SarifNode(string Id, SarifMessage Label, SarifLocation? Location = null);

public sealed record SarifEdge(string Id, string SourceNodeId, string TargetNodeId, SarifMessage Label);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SarifLog))]
public sealed partial class SarifJsonContext : JsonSerializerContext;
