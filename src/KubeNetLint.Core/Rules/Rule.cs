using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules;

/// <summary>What the catalogue says about a rule. The longer text (what it finds, why it matters,
/// example, how to fix) is the rule's doc in `rules/ID.md`. <see cref="Area"/> (SARIF's area tag:
/// input, service, ingress, networkpolicy, workload) follows the id's range unless a rule outgrew it.</summary>
public sealed record RuleInfo(string Id, string Name, Level DefaultLevel, string Summary, bool EnabledByDefault = true, string? Area = null)
{
    public string HelpUri => $"{RuleDocs.HelpBaseUri}{Id}.md";
}

/// <summary>One rule: an id, a name, a default level and a check. A rule reads the model and graph and
/// yields findings; it never parses YAML or touches files.</summary>
public abstract class Rule
{
    public abstract RuleInfo Info { get; }

    public abstract IEnumerable<Finding> Check(AnalysisContext context);

    /// <summary>A finding at a node, at the rule's default level (the engine applies config overrides).</summary>
    protected Finding At(Node node, string message, Resource? subject, params RelatedLocation[] related) =>
        At(node.Location, message, subject, related);

    protected Finding At(SourceLocation location, string message, Resource? subject, params RelatedLocation[] related) => new()
    {
        RuleId = Info.Id,
        RuleName = Info.Name,
        Level = Info.DefaultLevel,
        Message = EndSentence(message),
        Location = location,
        Subject = subject,
        Related = related,
    };

    /// <summary>A field as written, from its key to the end of its value: where a finding about a field
    /// whose value is a mapping or list (`selector`, `spec`, `ports`) points, so it lands on the key's line.</summary>
    protected static SourceLocation Field(MappingNode? parent, string key, Node fallback)
    {
        var keyNode = parent?.KeyNode(key);
        if (keyNode is null) return fallback.Location;
        var value = parent![key]!; // a key always has a value node (a null scalar for `key:`)
        var span = new SourceSpan(keyNode.Span.StartLine, keyNode.Span.StartColumn,
            Math.Max(value.Span.EndLine, keyNode.Span.EndLine), value.Span.EndLine >= keyNode.Span.EndLine ? value.Span.EndColumn : keyNode.Span.EndColumn);
        return new SourceLocation(keyNode.File, span);
    }

    protected static RelatedLocation Related(Node node, string message) => new(node.Location, EndSentence(message));
    protected static RelatedLocation Related(SourceLocation location, string message) => new(location, EndSentence(message));

    /// <summary>Messages are sentences: a capital first letter (unless they start with an identifier)
    /// and a final period.</summary>
    internal static string EndSentence(string message)
    {
        message = ValueText.ShortenMessage(message).Trim();
        int space = message.IndexOf(' ');
        // Stryker disable once Equality : after Trim the text never starts with a space, so space is never 0.
        var firstWord = space < 0 ? message : message[..space];
        // "the document…" becomes "The document…"; identifiers such as targetPort or spec.ports stay as written.
        if (firstWord.Length > 0 && firstWord.All(char.IsLower)) message = $"{char.ToUpperInvariant(message[0])}{message[1..]}";
        return message.Length == 0 || message[^1] == '.' || message[^1] == '!' || message[^1] == '?' ? message : $"{message}.";
    }

}
