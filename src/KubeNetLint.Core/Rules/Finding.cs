using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules;

/// <summary>Another place that explains a finding (the other Service of a conflict, the workload
/// lacking a port, …). SARIF writes these as relatedLocations.</summary>
public sealed record RelatedLocation(SourceLocation Location, string Message);

/// <summary>One thing a rule says about the input, at one exact place.</summary>
public sealed record Finding
{
    public required string RuleId { get; init; }
    public required string RuleName { get; init; }
    public required Level Level { get; init; }
    /// <summary>One or more sentences; the last ends with a period.</summary>
    public required string Message { get; init; }
    public required SourceLocation Location { get; init; }
    /// <summary>The object the finding is about (suppression and fingerprints use it); null for input problems.</summary>
    public Resource? Subject { get; init; }
    public IReadOnlyList<RelatedLocation> Related { get; init; } = [];
    /// <summary>Set when the subject's kubenetlint.io/ignore annotation or a `# kubenetlint:ignore`
    /// comment names the rule.</summary>
    public bool Suppressed { get; init; }
    /// <summary>Why it is suppressed: the reason written after ` -- `, else where the suppression is.</summary>
    public string? Justification { get; init; }

    public string Path => Location.File.Path;
    public int Line => Location.Span.StartLine;
    public int Column => Location.Span.StartColumn;
}
