namespace KubeNetLint.Core.Reporting;

/// <summary>One finding of a `--baseline` report, as that report gave it: its fingerprint and enough to
/// list it again as a SARIF result with baselineState "absent" when this run no longer has it.
/// <see cref="Uri"/> is a URI reference (relative to <see cref="UriBaseId"/> when that is set).</summary>
public sealed record BaselineResult(string Fingerprint, string RuleId, string Level, string Message, string? Uri, string? UriBaseId,
    int StartLine, int StartColumn, int EndLine, int EndColumn);
