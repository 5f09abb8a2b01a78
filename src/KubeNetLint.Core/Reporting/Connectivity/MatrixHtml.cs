using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;
using KubeNetLint.Core.Reporting.Html;

namespace KubeNetLint.Core.Reporting.Connectivity;

/// <summary>`matrix --format html`: a namespace-grouped grid (namespaces collapse and expand, search, hover
/// for the ports, click for the `explain` text), a legend and a graph of one endpoint's neighbours. The page
/// gets compact data, linear in the endpoints, policies and connections, never one item per pair of
/// endpoints: the endpoints; the distinct connection sets; per source endpoint its destinations run-length
/// encoded (consecutive destinations with the same set are one run); and what `explain` reads, once each
/// (see docs/html-matrix.md): every NetworkPolicy that selects an endpoint, with its rules (ports, and the
/// endpoint classes its peers admit as a base64 bitset), per endpoint the policies that select it for
/// egress and ingress, the admin-tier policies in evaluation order with their subjects and rules, the
/// named container ports rules ask for, and the ingress controller's and Gateways' routes. The page's
/// script puts together the explanation of any pair from that, worded as `explain` words it.</summary>
public static partial class MatrixHtml
{
    public static void Write(ReachabilityMatrix m, ConnectivityAnalysis analysis, Func<SourceFile, string> path,
        string explainHint, string version, TextWriter w)
    {
        HtmlPage.Begin(w, "KubeNetLint reachability matrix", "matrix", version);
        var position = new Dictionary<Endpoint, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < m.Endpoints.Count; i++) position[m.Endpoints[i]] = i;
        var sets = new SetTable();

        w.Write('{');
        HtmlPage.Key(w, "version"); HtmlPage.Str(w, version);
        w.Write(','); HtmlPage.Key(w, "summary"); HtmlPage.Str(w, MatrixWriters.Summary(m));
        w.Write(','); HtmlPage.Key(w, "explain"); HtmlPage.Str(w, explainHint);
        w.Write(','); HtmlPage.Key(w, "admin"); w.Write(analysis.HasAdminTier ? "true" : "false");

        var x = new ExplainData(analysis, path, sets);
        w.Write(','); HtmlPage.Key(w, "endpoints"); w.Write("[\n");
        for (int i = 0; i < m.Endpoints.Count; i++)
        {
            var e = m.Endpoints[i];
            if (i > 0) w.Write(",\n");
            w.Write('[');
            HtmlPage.Str(w, e.Id);
            w.Write(','); HtmlPage.Str(w, e.IsExternal ? "external" : e.Namespace ?? "");
            w.Write(','); HtmlPage.Str(w, e.Kind switch
            {
                EndpointKind.External => "x",
                EndpointKind.IngressController => "c",
                EndpointKind.Gateway => "g",
                _ => "w",
            });
            w.Write(','); HtmlPage.Str(w, e.Location is { } loc ? $"{path(loc.File)}:{loc.Line}" : null);
            var notes = new List<string>();
            if (e.IsExternal) notes.Add("addresses: " + string.Join(", ", e.Cell!.Cidrs));
            if (e.PodsNote is { } note) notes.Add("note: " + note + ".");
            w.Write(','); HtmlPage.Str(w, notes.Count == 0 ? null : string.Join("\n", notes));
            x.WriteEndpoint(e, w);
            w.Write(']');
        }
        w.Write("]");
        x.WriteTables(w);

        // Connections are sorted by (from, to): one pass writes each source's runs.
        w.Write(','); HtmlPage.Key(w, "rows"); w.Write(m.Endpoints.Count == 0 ? "[" : "[\n[");
        int row = 0, runTo = -1, runLength = 0, runSet = -1;
        bool firstInRow = true;
        void Flush()
        {
            if (runLength == 0) return;
            if (!firstInRow) w.Write(',');
            firstInRow = false;
            HtmlPage.Num(w, runTo); w.Write(','); HtmlPage.Num(w, runLength); w.Write(','); HtmlPage.Num(w, runSet);
            runLength = 0;
        }
        foreach (var c in m.Connections)
        {
            int from = position[c.From], to = position[c.To];
            int si = sets.Index(c.Allowed);
            if (from != row)
            {
                Flush();
                for (; row < from; row++) w.Write("],\n[");
                firstInRow = true;
            }
            // No need to ask for a run in progress: extending an empty run at its own start is starting it.
            if (si == runSet && to == runTo + runLength) { runLength++; continue; }
            Flush();
            (runTo, runLength, runSet) = (to, 1, si);
        }
        Flush();
        for (; row < m.Endpoints.Count - 1; row++) w.Write("],\n[");
        w.Write(m.Endpoints.Count == 0 ? "]" : "]]");

        WriteDeclared(m, position, sets, w);

        w.Write(','); HtmlPage.Key(w, "sets"); w.Write('[');
        for (int i = 0; i < sets.Texts.Count; i++)
        {
            if (i > 0) w.Write(',');
            HtmlPage.Str(w, sets.Texts[i]);
        }
        w.Write("]}");
        HtmlPage.End(w, "matrix.js");
    }

    /// <summary>With `--declared`: the declared ports of allowed connections as [from, to, set] triples,
    /// and the declared dependencies the policies deny as [from, to, text] (the text of the other formats).
    /// Absent without it.</summary>
    private static void WriteDeclared(ReachabilityMatrix m, Dictionary<Endpoint, int> position, SetTable sets, TextWriter w)
    {
        if (m.Declared is null) return;
        w.Write(','); HtmlPage.Key(w, "declared"); w.Write('[');
        bool first = true;
        foreach (var c in m.Connections)
        {
            var declared = m.DeclaredOn(c);
            if (declared.IsEmpty) continue;
            if (!first) w.Write(',');
            first = false;
            HtmlPage.Num(w, position[c.From]); w.Write(','); HtmlPage.Num(w, position[c.To]); w.Write(','); HtmlPage.Num(w, sets.Index(declared));
        }
        w.Write(']');
        w.Write(','); HtmlPage.Key(w, "deniedDeclared"); w.Write('[');
        first = true;
        foreach (var d in m.DeclaredDenied)
        {
            if (!position.TryGetValue(d.From, out var from) || !position.TryGetValue(d.To, out var to)) continue;
            if (!first) w.Write(',');
            first = false;
            w.Write('['); HtmlPage.Num(w, from); w.Write(','); HtmlPage.Num(w, to); w.Write(',');
            HtmlPage.Str(w, MatrixWriters.DeniedText(d)); w.Write(']');
        }
        w.Write(']');
    }

    /// <summary>Connection sets by their canonical text, each written once.</summary>
    private sealed class SetTable
    {
        private readonly Dictionary<ConnectionSet, int> _index = [];
        public List<string> Texts { get; } = [];

        public int Index(ConnectionSet set)
        {
            if (!_index.TryGetValue(set, out var i))
            {
                _index[set] = i = Texts.Count;
                Texts.Add(set.ToString());
            }
            return i;
        }
    }
}
