using System.Net;
using System.Text;

using KubeNetLint.Core.Connectivity;

namespace KubeNetLint.Core.Reporting.Connectivity;

/// <summary>The reachability matrix as a text table, CSV, Markdown, Graphviz dot or a standalone HTML
/// page. Writers only format; the matrix decided everything.</summary>
public static class MatrixWriters
{
    public static void Table(ReachabilityMatrix m, TextWriter output)
    {
        var rows = m.Connections.Select(c => (c.From.Id, c.To.Id, c.Allowed.ToString(), Declared(m, c))).ToList();
        int w1 = Math.Max("FROM".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Item1.Length));
        int w2 = Math.Max("TO".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Item2.Length));
        if (m.Declared is null)
        {
            output.WriteLine($"{"FROM".PadRight(w1)}  {"TO".PadRight(w2)}  ALLOWED");
            foreach (var (from, to, allowed, _) in rows) output.WriteLine($"{from.PadRight(w1)}  {to.PadRight(w2)}  {allowed}");
        }
        else
        {
            int w3 = Math.Max("ALLOWED".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Item3.Length));
            output.WriteLine($"{"FROM".PadRight(w1)}  {"TO".PadRight(w2)}  {"ALLOWED".PadRight(w3)}  DECLARED");
            foreach (var (from, to, allowed, declared) in rows) output.WriteLine($"{from.PadRight(w1)}  {to.PadRight(w2)}  {allowed.PadRight(w3)}  {declared}".TrimEnd());
            var denied = m.DeclaredDenied.ToList();
            if (denied.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("declared but denied:");
                foreach (var d in denied) output.WriteLine($"  {DeniedText(d)}");
            }
        }
        output.WriteLine();
        foreach (var e in m.Endpoints.Where(e => e.IsExternal))
            output.WriteLine($"{e.Id} = {string.Join(", ", e.Cell!.Cidrs)}");
        foreach (var e in m.Endpoints.Where(e => e.HostNetwork)) output.WriteLine($"caveat: {e.HostNetworkCaveat}.");
        foreach (var e in m.Endpoints) if (e.PodsNote is { } note) output.WriteLine($"note: {note}.");
        output.WriteLine(Summary(m));
    }

    public static void Csv(ReachabilityMatrix m, TextWriter output)
    {
        if (m.Declared is not null)
        {
            // Declared dependencies the policies deny are rows too, with nothing allowed.
            output.Write("from,to,allowed,declared\n");
            foreach (var c in m.Connections)
                output.Write($"{CsvField(c.From.Id)},{CsvField(c.To.Id)},{CsvField(c.Allowed.ToString())},{CsvField(Declared(m, c))}\n");
            foreach (var d in m.DeclaredDenied)
                output.Write($"{CsvField(d.From.Id)},{CsvField(d.To.Id)},,{CsvField($"{d.Protocol} {d.Port} (denied)")}\n");
            return;
        }
        output.Write("from,to,allowed\n");
        foreach (var c in m.Connections)
            output.Write($"{CsvField(c.From.Id)},{CsvField(c.To.Id)},{CsvField(c.Allowed.ToString())}\n");
    }

    private static string CsvField(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";

    public static void Markdown(ReachabilityMatrix m, TextWriter output)
    {
        if (m.Declared is null)
        {
            output.Write("| from | to | allowed |\n|---|---|---|\n");
            foreach (var c in m.Connections)
                output.Write($"| `{c.From.Id}` | `{c.To.Id}` | {MarkdownText(c.Allowed.ToString())} |\n");
        }
        else
        {
            output.Write("| from | to | allowed | declared |\n|---|---|---|---|\n");
            foreach (var c in m.Connections)
                output.Write($"| `{c.From.Id}` | `{c.To.Id}` | {MarkdownText(c.Allowed.ToString())} | {MarkdownText(Declared(m, c))} |\n");
            var denied = m.DeclaredDenied.ToList();
            if (denied.Count > 0)
            {
                output.Write("\nDeclared but denied:\n\n");
                foreach (var d in denied) output.Write($"- {MarkdownText(DeniedText(d))}\n");
            }
        }
        var externals = m.Endpoints.Where(e => e.IsExternal).ToList();
        if (externals.Count > 0)
        {
            output.Write("\nExternal address ranges:\n\n");
            foreach (var e in externals) output.Write($"- `{e.Id}`: {string.Join(", ", e.Cell!.Cidrs.Select(c => $"`{c}`"))}\n");
        }
        var hostNetwork = m.Endpoints.Where(e => e.HostNetwork).ToList();
        if (hostNetwork.Count > 0)
        {
            output.Write("\nCaveats:\n\n");
            foreach (var e in hostNetwork) output.Write($"- {MarkdownText(e.HostNetworkCaveat.Replace(e.Id, $"`{e.Id}`"))}.\n");
        }
        output.Write($"\n{Summary(m)}\n");
    }

    internal static string MarkdownText(string s) => s.Replace("|", "\\|");

    public static void Dot(ReachabilityMatrix m, TextWriter output)
    {
        output.Write("digraph reachability {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
        int cluster = 0;
        foreach (var group in m.Endpoints.Where(e => !e.IsExternal).GroupBy(e => e.Namespace))
        {
            output.Write($"  subgraph cluster_{cluster++} {{\n    label={DotString("namespace " + group.Key)};\n");
            foreach (var e in group)
                output.Write($"    {DotString(e.Id)} [label={DotString($"{e.KindName}/{e.Name}")}{(e.Kind is EndpointKind.IngressController or EndpointKind.Gateway ? ", style=dashed" : "")}];\n");
            output.Write("  }\n");
        }
        foreach (var e in m.Endpoints.Where(e => e.IsExternal))
            output.Write($"  {DotString(e.Id)} [shape=ellipse, label={DotString(string.Join("\n", e.Cell!.Cidrs.Take(4)) + (e.Cell.Cidrs.Count > 4 ? $"\n(+{e.Cell.Cidrs.Count - 4} more)" : ""))}];\n");
        foreach (var c in m.Connections)
        {
            var declared = m.DeclaredOn(c);
            output.Write(declared.IsEmpty
                ? $"  {DotString(c.From.Id)} -> {DotString(c.To.Id)} [label={DotString(c.Allowed.ToString())}];\n"
                : $"  {DotString(c.From.Id)} -> {DotString(c.To.Id)} [label={DotString($"{c.Allowed}\ndeclared: {declared}")}, style=bold, color=blue];\n");
        }
        foreach (var d in m.DeclaredDenied)
            output.Write($"  {DotString(d.From.Id)} -> {DotString(d.To.Id)} [label={DotString($"declared, denied: {d.Protocol} {d.Port}")}, style=dashed, color=red];\n");
        output.Write("}\n");
    }

    private static string DotString(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";

    public static void Html(ReachabilityMatrix m, TextWriter output)
    {
        static string H(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>KubeNetLint reachability matrix</title>\n<style>\n")
          .Append("body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}")
          .Append("th{background:#f4f4f4;text-align:left}td.y{background:#c8f0c8}td.p{background:#fff3b0}td.n{background:#fafafa}")
          .Append(".grid th.c{writing-mode:vertical-rl;transform:rotate(180deg)}code{font-size:12px}\n</style>\n</head>\n<body>\n")
          .Append("<h1>Reachability matrix</h1>\n<p>").Append(H(Summary(m))).Append("</p>\n");

        // The grid only stays readable for modest sizes; the list below always has every connection.
        if (m.Endpoints.Count <= 80)
        {
            var lookup = m.Connections.ToDictionary(c => (c.From.Index, c.To.Index), c => c.Allowed);
            sb.Append("<h2>Grid (row = from, column = to)</h2>\n<table class=\"grid\">\n<tr><th></th>");
            foreach (var to in m.Endpoints) sb.Append("<th class=\"c\">").Append(H(to.Id)).Append("</th>");
            sb.Append("</tr>\n");
            foreach (var from in m.Endpoints)
            {
                sb.Append("<tr><th>").Append(H(from.Id)).Append("</th>");
                foreach (var to in m.Endpoints)
                {
                    if (!lookup.TryGetValue((from.Index, to.Index), out var set)) sb.Append("<td class=\"n\"></td>");
                    else sb.Append(set.IsAll ? "<td class=\"y\" title=\"all\">all</td>" : $"<td class=\"p\" title=\"{H(set.ToString())}\">{H(set.ToString())}</td>");
                }
                sb.Append("</tr>\n");
            }
            sb.Append("</table>\n");
        }
        bool declaredColumn = m.Declared is not null;
        sb.Append("<h2>Allowed connections</h2>\n<table>\n<tr><th>from</th><th>to</th><th>allowed</th>").Append(declaredColumn ? "<th>declared</th>" : "").Append("</tr>\n");
        foreach (var c in m.Connections)
        {
            sb.Append("<tr><td><code>").Append(H(c.From.Id)).Append("</code></td><td><code>").Append(H(c.To.Id))
              .Append("</code></td><td>").Append(H(c.Allowed.ToString())).Append("</td>");
            if (declaredColumn) sb.Append("<td>").Append(H(Declared(m, c))).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</table>\n");
        var denied = m.DeclaredDenied.ToList();
        if (denied.Count > 0)
        {
            sb.Append("<h2>Declared but denied</h2>\n<ul>\n");
            foreach (var d in denied) sb.Append("<li>").Append(H(DeniedText(d))).Append("</li>\n");
            sb.Append("</ul>\n");
        }
        var externals = m.Endpoints.Where(e => e.IsExternal).ToList();
        if (externals.Count > 0)
        {
            sb.Append("<h2>External address ranges</h2>\n<ul>\n");
            foreach (var e in externals)
                sb.Append("<li><code>").Append(H(e.Id)).Append("</code>: ").Append(H(string.Join(", ", e.Cell!.Cidrs))).Append("</li>\n");
            sb.Append("</ul>\n");
        }
        var hostNetwork = m.Endpoints.Where(e => e.HostNetwork).ToList();
        if (hostNetwork.Count > 0)
        {
            sb.Append("<h2>Caveats</h2>\n<ul>\n");
            foreach (var e in hostNetwork) sb.Append("<li>").Append(H(e.HostNetworkCaveat)).Append(".</li>\n");
            sb.Append("</ul>\n");
        }
        sb.Append("</body>\n</html>\n");
        output.Write(sb.ToString());
    }

    /// <summary>The declared ports of a connection, "" when none.</summary>
    internal static string Declared(ReachabilityMatrix m, Connection c) => m.DeclaredOn(c) is { IsEmpty: false } set ? set.ToString() : "";

    /// <summary>"FROM -> TO TCP 5432: 'db:5432' (env var 'DB' of container 'api', path:line:col)".</summary>
    internal static string DeniedText(DeclaredConnection d) =>
        $"{d.From.Id} -> {d.To.Id} {d.Protocol} {d.Port}: '{d.Dependency.Address}' at {d.Dependency.Location}";

    public static string Summary(ReachabilityMatrix m)
    {
        int workloads = m.Endpoints.Count(e => e.Kind == EndpointKind.Workload);
        int externals = m.Endpoints.Count(e => e.IsExternal);
        bool controller = m.Endpoints.Any(e => e.Kind == EndpointKind.IngressController);
        int gateways = m.Endpoints.Count(e => e.Kind == EndpointKind.Gateway);
        var parts = $"{Plural(workloads, "workload")}, {Plural(externals, "external range")}{(controller ? ", the ingress controller" : "")}{(gateways > 0 ? ", " + Plural(gateways, "Gateway") : "")}";
        var declared = m.Declared is null ? ""
            : $", {Plural(m.Connections.Count(c => !m.DeclaredOn(c).IsEmpty), "declared connection")} allowed, {m.DeclaredDenied.Count()} denied";
        return $"{Plural(m.Endpoints.Count, "endpoint")} ({parts}), {Plural(m.Connections.Count, "allowed connection")}{declared}.";
    }

    internal static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
