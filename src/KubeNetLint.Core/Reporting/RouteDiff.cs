using System.Text.Json;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Reporting.Sarif;

namespace KubeNetLint.Core.Reporting;

public enum RouteChangeKind { Added, Removed, BackendAdded, BackendRemoved, Broke, Fixed, Changed }

/// <summary>One route-level change between two versions: a frontend (host, match, Ingress or Gateway
/// listener) that appeared or disappeared, a backend added or removed under it, or a hop whose status
/// changed (broke: was ok on every hop and no longer is; fixed: the reverse).</summary>
public sealed record RouteChange(RouteChangeKind Kind, string Host, string Match, string Frontend, string Backend, RouteRow? Before, RouteRow? After)
{
    public string KindName => Kind switch
    {
        RouteChangeKind.BackendAdded => "backend-added",
        RouteChangeKind.BackendRemoved => "backend-removed",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>`diff --routes`: the route tables of base and head compared row by row.</summary>
public static class RouteDiff
{
    private static string FrontendKey(RouteRow r) => $"{r.Path.Frontend.Host}\n{r.Path.Frontend.Match}\n{r.Frontend}";

    private static bool Healthy(RouteRow r) => r.Path.Frontend.Ok && r.BackendStatus == "ok" && r.WorkloadStatus is "ok" or "not checked";

    private static string Status(RouteRow r) => $"{r.Path.Frontend.Status}|{r.BackendStatus}|{r.WorkloadStatus}|{r.WorkloadText}";

    public static IReadOnlyList<RouteChange> Compare(IReadOnlyList<RouteRow> before, IReadOnlyList<RouteRow> after)
    {
        var changes = new List<RouteChange>();
        var b = before.GroupBy(FrontendKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var a = after.GroupBy(FrontendKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var key in b.Keys.Union(a.Keys).Order(StringComparer.Ordinal))
        {
            var old = b.GetValueOrDefault(key) ?? [];
            var now = a.GetValueOrDefault(key) ?? [];
            var any = (old.Count > 0 ? old : now)[0];
            RouteChange Change(RouteChangeKind kind, string backend, RouteRow? x, RouteRow? y) =>
                new(kind, any.Path.Frontend.Host, any.Path.Frontend.Match, any.Frontend, backend, x, y);
            if (old.Count == 0) { changes.AddRange(now.Select(r => Change(RouteChangeKind.Added, r.Backend, null, r))); continue; }
            if (now.Count == 0) { changes.AddRange(old.Select(r => Change(RouteChangeKind.Removed, r.Backend, r, null))); continue; }
            var oldByBackend = old.GroupBy(r => r.Backend, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var nowByBackend = now.GroupBy(r => r.Backend, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var backend in oldByBackend.Keys.Union(nowByBackend.Keys).Order(StringComparer.Ordinal))
            {
                var x = oldByBackend.GetValueOrDefault(backend);
                var y = nowByBackend.GetValueOrDefault(backend);
                if (x is null) changes.Add(Change(RouteChangeKind.BackendAdded, backend, null, y));
                else if (y is null) changes.Add(Change(RouteChangeKind.BackendRemoved, backend, x, null));
                else if (Status(x) != Status(y))
                    changes.Add(Change(Healthy(x) && !Healthy(y) ? RouteChangeKind.Broke : !Healthy(x) && Healthy(y) ? RouteChangeKind.Fixed : RouteChangeKind.Changed, backend, x, y));
            }
        }
        return changes;
    }

    private static string Hops(RouteRow r) =>
        $"frontend [{r.Path.Frontend.Status}], backend [{r.BackendStatus}], workloads {r.WorkloadText} [{r.WorkloadStatus}]";

    public static string Summary(IReadOnlyList<RouteChange> changes) => changes.Count == 0 ? "No route changes."
        : string.Join(", ", changes.GroupBy(c => c.KindName).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}")) + ".";

    public static void Text(IReadOnlyList<RouteChange> changes, TextWriter w)
    {
        foreach (var c in changes)
        {
            var sign = c.Kind switch { RouteChangeKind.Added or RouteChangeKind.BackendAdded => "+", RouteChangeKind.Removed or RouteChangeKind.BackendRemoved => "-", _ => "~" };
            w.WriteLine($"{sign} {c.KindName}: {c.Host} {c.Match} ({c.Frontend}) -> {c.Backend}");
            var (x, y) = (c.Before, c.After);
            if (x is not null && y is not null)
            {
                w.WriteLine($"    before: {Hops(x)}");
                w.WriteLine($"    after:  {Hops(y)}");
            }
            else if (y is not null) w.WriteLine($"    {Hops(y)}");
            else if (x is not null) w.WriteLine($"    {Hops(x)}");
        }
        w.WriteLine(Summary(changes));
    }

    public static void Markdown(IReadOnlyList<RouteChange> changes, TextWriter w)
    {
        w.WriteLine("### Route changes");
        w.WriteLine();
        w.WriteLine(Summary(changes));
        if (changes.Count == 0) return;
        w.WriteLine();
        w.WriteLine("| change | host | match | frontend | backend | before | after |");
        w.WriteLine("|---|---|---|---|---|---|---|");
        static string E(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
        foreach (var c in changes)
            w.WriteLine($"| {c.KindName} | {E(c.Host)} | {E(c.Match)} | {E(c.Frontend)} | {E(c.Backend)} | {(c.Before is { } x ? E(Hops(x)) : "")} | {(c.After is { } y ? E(Hops(y)) : "")} |");
    }

    public static void Json(IReadOnlyList<RouteChange> changes, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteStartArray("routeChanges");
            foreach (var c in changes)
            {
                j.WriteStartObject();
                j.WriteString("change", c.KindName);
                j.WriteString("host", c.Host);
                j.WriteString("match", c.Match);
                j.WriteString("frontend", c.Frontend);
                j.WriteString("backend", c.Backend);
                foreach (var (name, row) in new[] { ("before", c.Before), ("after", c.After) })
                {
                    if (row is null) { j.WriteNull(name); continue; }
                    j.WriteStartObject(name);
                    j.WriteString("frontendStatus", row.Path.Frontend.Status);
                    j.WriteString("backendStatus", row.BackendStatus);
                    j.WriteString("workloads", row.WorkloadText);
                    j.WriteString("workloadsStatus", row.WorkloadStatus);
                    j.WriteEndObject();
                }
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteEndObject();
        }
        output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        output.Write('\n');
    }

    /// <summary>For SARIF's `runs[0].graphs`: frontends and backends as nodes, each change an edge.</summary>
    public static SarifGraph Graph(IReadOnlyList<RouteChange> changes, ReportContext context)
    {
        var nodes = new Dictionary<string, SarifNode>(StringComparer.Ordinal);
        var edges = new List<SarifEdge>();
        foreach (var c in changes)
        {
            var row = (c.After ?? c.Before)!;
            var from = $"{c.Host} {c.Match} ({c.Frontend})";
            var loc = row.Path.Frontend.Source.Location;
            nodes.TryAdd(from, new SarifNode(from, new SarifMessage(from), new SarifLocation(SarifReportWriter.Physical(context, loc))));
            nodes.TryAdd(c.Backend, new SarifNode(c.Backend, new SarifMessage(c.Backend)));
            edges.Add(new SarifEdge($"r{edges.Count + 1}", from, c.Backend, new SarifMessage(
                c.KindName + (c.Before is not null && c.After is not null ? $": {Hops(c.Before)} => {Hops(c.After)}" : ""))));
        }
        return new SarifGraph(new SarifMessage($"Route changes (kubenetlint): {Summary(changes)}"), [.. nodes.Values], edges);
    }
}
