using System.Globalization;
using System.Text.Json;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Reporting;

/// <summary>One row of `kubenetlint routes`: a route path with the status of each hop, decided by the
/// route graph; the writers below only format it.</summary>
public sealed record RouteRow(RoutePath Path, IReadOnlyList<(Workload Workload, int? TargetPort)> Workloads, string BackendStatus, string WorkloadStatus)
{
    public static IEnumerable<RouteRow> From(ResourceGraph graph) => graph.Routes.Table().Select(p =>
    {
        var hop = p.Backend;
        var workloads = hop?.ServicePort is { } sp ? hop.Workloads.Select(w => (w, ResourceGraph.ResolveTarget(sp, w).Number)).ToList() : [];
        var backendStatus = hop is null ? "no backend" : hop.Status switch
        {
            Graph.BackendStatus.Ok => "ok",
            Graph.BackendStatus.ServiceMissing => "service missing",
            Graph.BackendStatus.PortMissing => "port missing",
            Graph.BackendStatus.NoPort => "no port",
            Graph.BackendStatus.NotPermitted => "not permitted (no ReferenceGrant)",
            _ => "unsupported kind",
        };
        var workloadStatus = hop is not { Status: Graph.BackendStatus.Ok } ? "-"
            : hop.Kind != "Service" || hop.Service is { IsExternalName: true } || hop.Service?.Selector is null ? "not checked"
            : workloads.Count == 0 ? "no workloads"
            : workloads.Any(w => w.Number is null) ? "targetPort unresolved" : "ok";
        return new RouteRow(p, workloads, backendStatus, workloadStatus);
    });

    public string Frontend => Path.Frontend.Kind == "Ingress"
        ? $"Ingress {Path.Frontend.Source.Id}"
        : $"{Path.Frontend.Source.Id} via Gateway {Path.Frontend.Gateway}{(string.IsNullOrEmpty(Path.Frontend.Listener) ? "" : "/" + Path.Frontend.Listener)}";

    /// <summary>A RequestMirror backend of the route rule (copies of the requests, responses ignored).</summary>
    public bool Mirror => Path.Mirror;

    /// <summary>The backend as one phrase; a mirror says so, so the route diff keeps it apart from a backendRef
    /// to the same Service port.</summary>
    public string Backend => Target + (Mirror ? " (RequestMirror)" : "");

    /// <summary>The backend's kind and name (and port), without the mirror mark.</summary>
    public string Target => Path.Backend is { } b ? (b.Kind == "Service" ? "Service " : b.Kind + " ") + b.Describe() : "-";

    public string WorkloadText => Workloads.Count == 0 ? "-"
        : string.Join(", ", Workloads.Select(w => $"{w.Workload.Resource.Id}{(w.TargetPort is { } n ? ":" + n.ToString(CultureInfo.InvariantCulture) : "")}"));
}

public static class RouteWriters
{
    public static void Text(IReadOnlyList<RouteRow> rows, TextWriter w)
    {
        if (rows.Count == 0) { w.WriteLine("No routes (Ingress or Gateway API) in the input."); return; }
        foreach (var group in rows.GroupBy(r => r.Path.Frontend.Host, StringComparer.OrdinalIgnoreCase))
        {
            w.WriteLine(group.Key);
            foreach (var r in group)
            {
                var f = r.Path.Frontend;
                w.WriteLine($"  {f.Match}");
                w.WriteLine($"    frontend  {r.Frontend} [{f.Status}]");
                w.WriteLine(r.Mirror ? $"    mirror    {r.Target} [{r.BackendStatus}]" : $"    backend   {r.Backend} [{r.BackendStatus}]");
                w.WriteLine($"    workloads {r.WorkloadText} [{r.WorkloadStatus}]");
            }
        }
    }

    public static void Markdown(IReadOnlyList<RouteRow> rows, TextWriter w)
    {
        w.WriteLine("| host | match | frontend | status | backend | status | workloads | status |");
        w.WriteLine("|---|---|---|---|---|---|---|---|");
        static string E(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
        foreach (var r in rows)
            w.WriteLine($"| {E(r.Path.Frontend.Host)} | {E(r.Path.Frontend.Match)} | {E(r.Frontend)} | {E(r.Path.Frontend.Status)} | {E(r.Backend)} | {r.BackendStatus} | {E(r.WorkloadText)} | {r.WorkloadStatus} |");
    }

    public static void Json(IReadOnlyList<RouteRow> rows, Func<SourceFile, string> path, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteStartArray("routes");
            foreach (var r in rows)
            {
                var f = r.Path.Frontend;
                j.WriteStartObject();
                j.WriteString("host", f.Host);
                j.WriteString("match", f.Match);
                j.WriteStartObject("frontend");
                j.WriteString("kind", f.Kind);
                j.WriteString("id", f.Source.Id);
                j.WriteString("file", path(f.Source.File));
                j.WriteNumber("line", f.Source.Location.Span.StartLine);
                if (f.Gateway is not null) j.WriteString("gateway", f.Gateway);
                if (!string.IsNullOrEmpty(f.Listener)) j.WriteString("listener", f.Listener);
                j.WriteBoolean("ok", f.Ok);
                j.WriteString("status", f.Status);
                j.WriteEndObject();
                if (r.Path.Backend is { } b)
                {
                    j.WriteStartObject("backend");
                    j.WriteString("kind", b.Kind);
                    j.WriteString("namespace", b.Namespace);
                    j.WriteString("name", b.Name);
                    if (b.Port is not null) j.WriteString("port", b.Port);
                    j.WriteBoolean("mirror", r.Mirror);
                    j.WriteBoolean("ok", b.Status == BackendStatus.Ok);
                    j.WriteString("status", r.BackendStatus);
                    j.WriteEndObject();
                }
                else j.WriteNull("backend");
                j.WriteStartArray("workloads");
                foreach (var (wl, port) in r.Workloads)
                {
                    j.WriteStartObject();
                    j.WriteString("id", wl.Resource.Id);
                    if (port is { } n) j.WriteNumber("targetPort", n);
                    j.WriteEndObject();
                }
                j.WriteEndArray();
                j.WriteString("workloadsStatus", r.WorkloadStatus);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteEndObject();
        }
        output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        output.Write('\n');
    }
}
