using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Reporting.Connectivity;

internal sealed record PathReasonJson(string Text, string? File, int? Line);
internal sealed record PathHopJson(string From, string To, string Kind, bool All, IReadOnlyList<PortsJson> Ports, IReadOnlyList<string> Via, IReadOnlyList<PathReasonJson> Reasons);
internal sealed record PathJson(int Hops, IReadOnlyList<string> Nodes, IReadOnlyList<PathHopJson> Steps);
internal sealed record ReachedJson(string Id, string Kind, int Hops, IReadOnlyList<string> Path);
internal sealed record PathsJson(
    string Mode, string? From, string? To, string? Port, int? MaxHops, bool Reachable,
    bool? Truncated = null, IReadOnlyList<PathJson>? Paths = null, string? Direction = null, IReadOnlyList<ReachedJson>? Reached = null);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PathsJson))]
internal sealed partial class PathsJsonContext : JsonSerializerContext;

/// <summary>A path with each hop explained (by <see cref="PathGraph.Explain"/>): what the writers format.</summary>
public sealed record ExplainedPath(NetworkPath Path, IReadOnlyList<ExplainedHop> Hops);

/// <summary>`paths` output: text, JSON (docs/paths.schema.json), Markdown and DOT. The writers only
/// format what the path engine found and explained.</summary>
public static class PathWriters
{
    public static IReadOnlyList<ExplainedPath> Explain(PathGraph graph, PathResult result) =>
        result.Paths.Select((p, i) => new ExplainedPath(p, p.Hops.Select((h, k) => graph.Explain(h, k == p.Hops.Count - 1 ? result.Port : null)).ToList())).ToList();

    private static string Where(SourceLocation? location, Func<SourceFile, string> path) =>
        location is null ? "" : $" ({path(location.File)}:{location.Line.ToString(CultureInfo.InvariantCulture)})";

    private static string Label(PathNode n) => n.Kind switch
    {
        PathNodeKind.External => "the internet (external)",
        _ => n.Id,
    };

    private static string HopTitle(ExplainedHop h)
    {
        var hop = h.Hop;
        var via = h.Services.Count > 0 ? $" via {string.Join(", ", h.Services.Select(s => s.Describe()).Distinct())}" : "";
        return hop.Kind switch
        {
            HopKind.Entry => $"{hop.Source.Id} -> {hop.Target.Id} (enters {(hop.Target.Kind == PathNodeKind.Ingress ? "the Ingress" : "the Gateway")} on {hop.Ports})",
            HopKind.Route => $"{hop.Source.Id} -> {hop.Target.Id} on {hop.Ports} (routed)",
            _ => $"{hop.Source.Id} -> {hop.Target.Id} on {hop.Ports}{via}",
        };
    }

    private static IEnumerable<string> Via(ExplainedHop h) =>
        h.Hop.Kind == HopKind.Route ? h.Hop.Routes.Select(r => r.Describe()).Distinct() : h.Services.Select(s => s.Describe()).Distinct();

    public static void Text(PathResult result, IReadOnlyList<ExplainedPath> paths, Func<SourceFile, string> path, TextWriter w)
    {
        var what = $"{Label(result.From)} -> {result.To.Id}{(result.Port is null ? "" : $" on {result.Port}")}";
        if (paths.Count == 0)
        {
            w.WriteLine($"{what}: NO PATH within {result.MaxHops.ToString(CultureInfo.InvariantCulture)} hops");
            return;
        }
        w.WriteLine($"{what}: {paths.Count.ToString(CultureInfo.InvariantCulture)} path{(paths.Count == 1 ? "" : "s")}" +
                    $"{(result.Truncated ? " (more exist: raise --limit, or lower --max-hops)" : "")}, at most {result.MaxHops.ToString(CultureInfo.InvariantCulture)} hops");
        for (int i = 0; i < paths.Count; i++)
        {
            var p = paths[i];
            w.WriteLine();
            w.WriteLine($"path {(i + 1).ToString(CultureInfo.InvariantCulture)} ({Hops(p.Hops.Count)}): {p.Path.Describe()}");
            for (int k = 0; k < p.Hops.Count; k++)
            {
                w.WriteLine($"  {(k + 1).ToString(CultureInfo.InvariantCulture)}. {HopTitle(p.Hops[k])}");
                foreach (var r in p.Hops[k].Reasons) w.WriteLine($"       {r.Text}{Where(r.Location, path)}");
            }
        }
    }

    private static string Hops(int n) => n == 1 ? "1 hop" : $"{n.ToString(CultureInfo.InvariantCulture)} hops";

    public static void Text(TransitiveResult result, TextWriter w)
    {
        var port = result.Port is null ? "" : $" on {result.Port}";
        var bound = result.MaxHops is { } m ? $"within {Hops(m)}" : "in any number of hops";
        w.WriteLine(result.Forward
            ? $"{Label(result.Origin)} reaches {Count(result.Nodes.Count)}{port} {bound}"
            : $"{Count(result.Nodes.Count)} reach {result.Origin.Id}{port} {bound}");
        if (result.Nodes.Count == 0) return;
        w.WriteLine();
        int width = result.Nodes.Max(n => n.Node.Id.Length);
        foreach (var r in result.Nodes)
            w.WriteLine($"  {Hops(r.Hops),-8} {r.Node.Id.PadRight(width)}  {r.Path.Describe()}");
    }

    private static string Count(int n) => n == 1 ? "1 node" : $"{n.ToString(CultureInfo.InvariantCulture)} nodes";

    public static void Json(PathResult result, IReadOnlyList<ExplainedPath> paths, Func<SourceFile, string> path, TextWriter w)
    {
        var json = new PathsJson("paths", result.From.Id, result.To.Id, result.Port?.ToString(), result.MaxHops, paths.Count > 0, result.Truncated,
            paths.Select(p => new PathJson(p.Hops.Count, p.Path.Hops.Select(h => h.Source.Id).Append(p.Path.To.Id).ToList(),
                p.Hops.Select(h => new PathHopJson(h.Hop.Source.Id, h.Hop.Target.Id, h.Hop.Kind.ToString().ToLowerInvariant(), h.Hop.Ports.IsAll,
                    ConnectivityJson.Ports(h.Hop.Ports), Via(h).ToList(),
                    h.Reasons.Select(r => new PathReasonJson(r.Text, r.Location is null ? null : path(r.Location.File), r.Location?.Line)).ToList())).ToList())).ToList());
        w.WriteLine(JsonSerializer.Serialize(json, PathsJsonContext.Default.PathsJson));
    }

    public static void Json(TransitiveResult result, TextWriter w)
    {
        var json = new PathsJson("transitive", result.Forward ? result.Origin.Id : null, result.Forward ? null : result.Origin.Id, result.Port?.ToString(),
            result.MaxHops, result.Nodes.Count > 0, Direction: result.Forward ? "from" : "to",
            Reached: result.Nodes.Select(r => new ReachedJson(r.Node.Id, r.Node.Kind.ToString(), r.Hops,
                r.Path.Hops.Select(h => h.Source.Id).Append(r.Path.To.Id).ToList())).ToList());
        w.WriteLine(JsonSerializer.Serialize(json, PathsJsonContext.Default.PathsJson));
    }

    public static void Markdown(PathResult result, IReadOnlyList<ExplainedPath> paths, Func<SourceFile, string> path, TextWriter w)
    {
        w.WriteLine($"### Paths from `{result.From.Id}` to `{result.To.Id}`{(result.Port is null ? "" : $" on {result.Port}")}");
        w.WriteLine();
        if (paths.Count == 0)
        {
            w.WriteLine($"No path within {Hops(result.MaxHops)}.");
            return;
        }
        if (result.Truncated) w.WriteLine($"The first {paths.Count.ToString(CultureInfo.InvariantCulture)} paths; more exist.\n");
        for (int i = 0; i < paths.Count; i++)
        {
            var p = paths[i];
            w.WriteLine($"**Path {(i + 1).ToString(CultureInfo.InvariantCulture)}** ({Hops(p.Hops.Count)}): {string.Join(" → ", p.Path.Hops.Select(h => $"`{h.Source.Id}`").Append($"`{p.Path.To.Id}`"))}");
            w.WriteLine();
            w.WriteLine("| # | from | to | ports | via | allowed by |");
            w.WriteLine("|---|---|---|---|---|---|");
            for (int k = 0; k < p.Hops.Count; k++)
            {
                var h = p.Hops[k];
                w.WriteLine($"| {(k + 1).ToString(CultureInfo.InvariantCulture)} | `{h.Hop.Source.Id}` | `{h.Hop.Target.Id}` | {h.Hop.Ports} | {Cell(string.Join("; ", Via(h)))} | " +
                            $"{Cell(string.Join("<br>", h.Reasons.Select(r => r.Text + Where(r.Location, path))))} |");
            }
            w.WriteLine();
        }
    }

    public static void Markdown(TransitiveResult result, TextWriter w)
    {
        w.WriteLine(result.Forward ? $"### What `{result.Origin.Id}` reaches" : $"### What reaches `{result.Origin.Id}`");
        w.WriteLine();
        if (result.Nodes.Count == 0) { w.WriteLine("Nothing."); return; }
        w.WriteLine("| node | hops | shortest path |");
        w.WriteLine("|---|---|---|");
        foreach (var r in result.Nodes)
            w.WriteLine($"| `{r.Node.Id}` | {r.Hops.ToString(CultureInfo.InvariantCulture)} | {Cell(r.Path.Describe())} |");
    }

    private static string Cell(string text) => text.Length == 0 ? "-" : text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>The hops of the paths (or the shortest-path tree of a transitive search) as a DOT digraph.</summary>
    public static void Dot(IEnumerable<NetworkPath> paths, PathNode origin, TextWriter w)
    {
        var nodes = new List<PathNode> { origin };
        var edges = new List<(PathNode From, PathNode To, string Label)>();
        var seen = new HashSet<(int, int)>();
        foreach (var p in paths)
            foreach (var h in p.Hops)
            {
                if (!nodes.Contains(h.Source)) nodes.Add(h.Source);
                if (!nodes.Contains(h.Target)) nodes.Add(h.Target);
                if (seen.Add((h.Source.Index, h.Target.Index))) edges.Add((h.Source, h.Target, h.Ports.ToString()));
            }
        w.WriteLine("digraph paths {");
        w.WriteLine("  rankdir=LR;");
        w.WriteLine("  node [shape=box, fontname=\"Helvetica\"];");
        foreach (var n in nodes)
            w.WriteLine($"  {Quote(n.Id)} [label={Quote(Label(n))}{Shape(n)}];");
        foreach (var (from, to, label) in edges)
            w.WriteLine($"  {Quote(from.Id)} -> {Quote(to.Id)} [label={Quote(label)}];");
        w.WriteLine("}");
    }

    private static string Shape(PathNode n) => n.Kind switch
    {
        PathNodeKind.External => ", shape=ellipse, style=dashed",
        PathNodeKind.Ingress or PathNodeKind.Gateway => ", shape=hexagon",
        _ => "",
    };

    internal static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s) sb.Append(c is '"' or '\\' ? "\\" + c : c.ToString());
        return sb.Append('"').ToString();
    }
}
