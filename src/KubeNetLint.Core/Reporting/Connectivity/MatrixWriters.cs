using KubeNetLint.Core.Connectivity;

namespace KubeNetLint.Core.Reporting.Connectivity;

/// <summary>The reachability matrix as a text table, CSV, Markdown or Graphviz dot (the HTML page is
/// <see cref="MatrixHtml"/>). Writers only format; the matrix decided everything.</summary>
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
