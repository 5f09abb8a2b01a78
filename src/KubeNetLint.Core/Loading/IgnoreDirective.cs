namespace KubeNetLint.Core.Loading;

/// <summary>What a suppression says: the rules it names (ids, names or "all") and, after ` -- `, why.
/// The same text is read from the `kubenetlint.io/ignore` annotation and from a
/// `# kubenetlint:ignore KNL101 -- served by the mesh` comment.</summary>
public sealed record IgnoreDirective(IReadOnlySet<string> Rules, string? Reason)
{
    public const string CommentMarker = "kubenetlint:ignore";

    public bool Covers(string ruleId, string ruleName) =>
        Rules.Contains("all") || Rules.Contains(ruleId) || Rules.Contains(ruleName);

    /// <summary>"KNL101,KNL203 -- reason": rules separated by commas or spaces, then an optional reason.</summary>
    public static IgnoreDirective Parse(string text)
    {
        string? reason = null;
        int dashes = text.IndexOf("--", StringComparison.Ordinal);
        if (dashes >= 0)
        {
            reason = text[(dashes + 2)..].Trim();
            if (reason.Length == 0) reason = null;
            text = text[..dashes];
        }
        var rules = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            rules.Add(part);
        return new IgnoreDirective(rules, reason);
    }

    /// <summary>The directive in a YAML comment on this line (`# kubenetlint:ignore …`), or null. The
    /// marker must open the comment, so a value that merely contains the words is not one.</summary>
    public static IgnoreDirective? InComment(string line)
    {
        int hash = -1;
        while ((hash = line.IndexOf('#', hash + 1)) >= 0)
        {
            // A comment starts a line or follows whitespace; `#` inside a word is part of a value.
            if (hash > 0 && !char.IsWhiteSpace(line[hash - 1])) continue;
            var comment = line[(hash + 1)..].TrimStart();
            if (!comment.StartsWith(CommentMarker, StringComparison.Ordinal)) continue;
            var rest = comment[CommentMarker.Length..];
            if (rest.Length > 0 && !char.IsWhiteSpace(rest[0])) continue;
            var directive = Parse(rest);
            return directive.Rules.Count == 0 ? null : directive;
        }
        return null;
    }
}
