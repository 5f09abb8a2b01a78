using System.Text;

using KubeNetLint.Core.Connectivity;

namespace KubeNetLint.Core.Reporting.Connectivity;

/// <summary>The picture in the pull-request comment: a Mermaid flowchart of the connections that changed
/// (added green, removed red and dashed, changed orange), at most <see cref="MaxEdges"/> of them so the
/// comment stays readable and within GitHub's rendering limits. External address ranges are labelled
/// with their CIDRs, as people wrote them.</summary>
public static class DiffMermaid
{
    public const int MaxEdges = 50;

    private const string Added = "stroke:#2da44e,stroke-width:2px";
    private const string Removed = "stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5";
    private const string Changed = "stroke:#d4a72c,stroke-width:2px";

    /// <summary>What the Markdown shows for an endpoint: its id, or for an external range its CIDRs.</summary>
    public static Func<string, string> Labels(ReachabilityDiff diff)
    {
        var byId = diff.Endpoints.ToDictionary(e => e.Id, StringComparer.Ordinal);
        return id => byId.TryGetValue(id, out var e) && e.Cell is { } cell ? $"external {string.Join(", ", cell.Cidrs)}" : id;
    }

    public static void Write(ReachabilityDiff diff, StringBuilder sb, int maxEdges = MaxEdges)
    {
        if (diff.Changes.Count == 0) return;
        var byId = diff.Endpoints.ToDictionary(e => e.Id, StringComparer.Ordinal);
        // Long CIDR lists wrap, three to a line.
        string NodeLabel(string id) => byId.TryGetValue(id, out var e) && e.Cell is { } cell
            ? "external<br/>" + string.Join("<br/>", cell.Cidrs.Chunk(3).Select(c => Escape(string.Join(", ", c))))
            : Escape(id);
        var shown = diff.Changes.Take(maxEdges).ToList();
        var nodes = new Dictionary<string, string>(StringComparer.Ordinal);
        string Node(string id)
        {
            if (!nodes.TryGetValue(id, out var n)) nodes[id] = n = $"n{nodes.Count}";
            return n;
        }

        var edges = new StringBuilder();
        var styles = new Dictionary<ChangeKind, List<int>> { [ChangeKind.Added] = [], [ChangeKind.Removed] = [], [ChangeKind.Changed] = [] };
        for (int i = 0; i < shown.Count; i++)
        {
            var c = shown[i];
            var text = c.Kind switch
            {
                ChangeKind.Added => $"+ {c.After}",
                ChangeKind.Removed => $"- {c.Before}",
                _ => $"{c.Before} → {c.After}",
            };
            var arrow = c.Kind == ChangeKind.Removed ? "-.->" : "-->";
            edges.Append($"  {Node(c.From)} {arrow}|\"{Escape(text)}\"| {Node(c.To)}\n");
            styles[c.Kind].Add(i);
        }

        sb.Append("```mermaid\nflowchart LR\n");
        foreach (var (id, n) in nodes) sb.Append($"  {n}[\"{NodeLabel(id)}\"]\n");
        sb.Append(edges);
        foreach (var (kind, style) in new[] { (ChangeKind.Added, Added), (ChangeKind.Removed, Removed), (ChangeKind.Changed, Changed) })
            if (styles[kind].Count > 0) sb.Append($"  linkStyle {string.Join(',', styles[kind])} {style}\n");
        sb.Append("```\n\n");
        sb.Append("Green: added, red (dashed): removed, orange: changed.");
        if (diff.Changes.Count > shown.Count)
            sb.Append($" The graph shows the first {shown.Count} of {diff.Changes.Count} changed connections; the table lists them all.");
        sb.Append("\n\n");
    }

    /// <summary>Text inside a quoted Mermaid label: quotes and markup as entity codes.</summary>
    private static string Escape(string s) => s
        .Replace("#", "#35;", StringComparison.Ordinal)
        .Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "#lt;", StringComparison.Ordinal)
        .Replace(">", "#gt;", StringComparison.Ordinal)
        .Replace("|", "#124;", StringComparison.Ordinal)
        .Replace("`", "#96;", StringComparison.Ordinal);
}
