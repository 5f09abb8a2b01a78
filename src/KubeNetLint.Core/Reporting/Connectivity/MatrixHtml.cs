using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;
using KubeNetLint.Core.Reporting.Html;

namespace KubeNetLint.Core.Reporting.Connectivity;

/// <summary>`matrix --format html`: a namespace-grouped grid (namespaces collapse and expand, search, hover
/// for the ports, click for an explanation), a legend and a graph of one endpoint's neighbours. The page
/// gets compact data, linear in the endpoints and connections: the endpoints with the NetworkPolicies
/// that isolate each (file:line), the distinct connection sets, and per source endpoint its destinations
/// run-length encoded (consecutive destinations with the same set are one run). The explanation of a
/// cell is put together in the page from that data; nothing per pair of endpoints is embedded.</summary>
public static class MatrixHtml
{
    public static void Write(ReachabilityMatrix m, ConnectivityAnalysis? analysis, Func<SourceFile, string> path,
        string explainHint, string version, TextWriter w)
    {
        HtmlPage.Begin(w, "KubeNetLint reachability matrix", "matrix", version);
        var position = new Dictionary<Endpoint, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < m.Endpoints.Count; i++) position[m.Endpoints[i]] = i;

        w.Write('{');
        HtmlPage.Key(w, "version"); HtmlPage.Str(w, version);
        w.Write(','); HtmlPage.Key(w, "summary"); HtmlPage.Str(w, MatrixWriters.Summary(m));
        w.Write(','); HtmlPage.Key(w, "explain"); HtmlPage.Str(w, explainHint);
        w.Write(','); HtmlPage.Key(w, "admin"); w.Write(analysis?.HasAdminTier == true ? "true" : "false");

        var policies = new List<NetworkPolicy>();
        var policyIndex = new Dictionary<NetworkPolicy, int>(ReferenceEqualityComparer.Instance);
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
            if (e.HostNetwork) notes.Add("caveat: " + e.HostNetworkCaveat + ".");
            if (e.PodsNote is { } note) notes.Add("note: " + note + ".");
            w.Write(','); HtmlPage.Str(w, notes.Count == 0 ? null : string.Join("\n", notes));
            foreach (var direction in new[] { Direction.Egress, Direction.Ingress })
            {
                w.Write(',');
                if (analysis is null || e.Workload is null) { w.Write("null"); continue; }
                w.Write('[');
                bool first = true;
                foreach (var p in analysis.IsolatingPolicies(e, direction))
                {
                    if (!policyIndex.TryGetValue(p, out var pi))
                    {
                        policyIndex[p] = pi = policies.Count;
                        policies.Add(p);
                    }
                    if (!first) w.Write(',');
                    first = false;
                    HtmlPage.Num(w, pi);
                }
                w.Write(']');
            }
            w.Write(']');
        }
        w.Write("]");

        w.Write(','); HtmlPage.Key(w, "policies"); w.Write('[');
        for (int i = 0; i < policies.Count; i++)
        {
            var p = policies[i];
            if (i > 0) w.Write(',');
            w.Write('[');
            HtmlPage.Str(w, $"{p.Namespace}/{p.Name}");
            w.Write(',');
            HtmlPage.Str(w, $"{path(p.Resource.Location.File)}:{p.Resource.Location.Line}");
            w.Write(']');
        }
        w.Write(']');

        // Connections are sorted by (from, to): one pass writes each source's runs.
        var sets = new Dictionary<ConnectionSet, int>();
        var setTexts = new List<string>();
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
            if (!sets.TryGetValue(c.Allowed, out var si))
            {
                sets[c.Allowed] = si = setTexts.Count;
                setTexts.Add(c.Allowed.ToString());
            }
            if (from != row)
            {
                Flush();
                for (; row < from; row++) w.Write("],\n[");
                firstInRow = true;
            }
            if (runLength > 0 && si == runSet && to == runTo + runLength) { runLength++; continue; }
            Flush();
            (runTo, runLength, runSet) = (to, 1, si);
        }
        Flush();
        for (; row < m.Endpoints.Count - 1; row++) w.Write("],\n[");
        w.Write(m.Endpoints.Count == 0 ? "]" : "]]");

        w.Write(','); HtmlPage.Key(w, "sets"); w.Write('[');
        for (int i = 0; i < setTexts.Count; i++)
        {
            if (i > 0) w.Write(',');
            HtmlPage.Str(w, setTexts[i]);
        }
        w.Write("]}");
        HtmlPage.End(w, "matrix.js");
    }
}
