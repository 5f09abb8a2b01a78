using System.Text;

using KubeNetLint.Core.Connectivity;

namespace KubeNetLint.Core.Reporting.Connectivity;

/// <summary>The connectivity diff as plain text (a terminal) or Markdown (a pull-request comment).</summary>
public static class DiffWriters
{
    public static void Text(ReachabilityDiff diff, TextWriter output)
    {
        if (diff.EndpointsAdded.Count > 0) output.WriteLine($"endpoints added: {string.Join(", ", diff.EndpointsAdded)}");
        if (diff.EndpointsRemoved.Count > 0) output.WriteLine($"endpoints removed: {string.Join(", ", diff.EndpointsRemoved)}");
        foreach (var c in diff.Changes)
        {
            output.WriteLine(c.Kind switch
            {
                ChangeKind.Added => $"+ {c.From} -> {c.To}: {c.After}",
                ChangeKind.Removed => $"- {c.From} -> {c.To}: {c.Before}",
                _ => $"~ {c.From} -> {c.To}: {c.Before} => {c.After}",
            });
        }
        output.WriteLine(Summary(diff));
    }

    public static void Markdown(ReachabilityDiff diff, TextWriter output)
    {
        var sb = new StringBuilder();
        sb.Append("### KubeNetLint: connectivity changes\n\n");
        if (diff.IsEmpty)
        {
            sb.Append("No connectivity changes: every workload can reach exactly what it could before.\n");
            output.Write(sb.ToString());
            return;
        }
        sb.Append(Summary(diff)).Append("\n\n");
        // External ranges print as the CIDRs people wrote, not FIRST-LAST.
        var label = DiffMermaid.Labels(diff);
        if (diff.EndpointsAdded.Count > 0)
            sb.Append("**Endpoints added:** ").Append(string.Join(", ", diff.EndpointsAdded.Select(id => $"`{label(id)}`"))).Append("\n\n");
        if (diff.EndpointsRemoved.Count > 0)
            sb.Append("**Endpoints removed:** ").Append(string.Join(", ", diff.EndpointsRemoved.Select(id => $"`{label(id)}`"))).Append("\n\n");
        DiffMermaid.Write(diff, sb);
        if (diff.Changes.Count > 0)
        {
            // Long tables are folded so the comment stays short; the summary above is always visible.
            bool fold = diff.Changes.Count > 50;
            if (fold) sb.Append("<details><summary>All ").Append(diff.Changes.Count).Append(" changed connections</summary>\n\n");
            sb.Append("| change | from | to | before | after |\n|---|---|---|---|---|\n");
            foreach (var c in diff.Changes)
                sb.Append($"| {c.Kind.ToString().ToLowerInvariant()} | `{label(c.From)}` | `{label(c.To)}` | {Cell(c.Before)} | {Cell(c.After)} |\n");
            if (fold) sb.Append("\n</details>\n");
        }
        output.Write(sb.ToString());
    }

    private static string Cell(ConnectionSet? set) => set is null ? "—" : MatrixWriters.MarkdownText(set.ToString());

    public static string Summary(ReachabilityDiff diff)
    {
        if (diff.IsEmpty) return "No connectivity changes.";
        return $"{MatrixWriters.Plural(diff.Count(ChangeKind.Added), "connection")} added, {diff.Count(ChangeKind.Removed)} removed, " +
               $"{diff.Count(ChangeKind.Changed)} changed; {MatrixWriters.Plural(diff.EndpointsAdded.Count, "endpoint")} added, " +
               $"{diff.EndpointsRemoved.Count} removed.";
    }
}
