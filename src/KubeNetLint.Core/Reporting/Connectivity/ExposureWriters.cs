using System.Text.Json;

using KubeNetLint.Core.Connectivity;

namespace KubeNetLint.Core.Reporting.Connectivity;

/// <summary>`matrix --exposure` as text, Markdown or JSON.</summary>
public static class ExposureWriters
{
    public static void Text(IReadOnlyList<WorkloadExposure> exposures, TextWriter output)
    {
        foreach (var e in exposures)
        {
            output.Write($"{e.Endpoint.Id}\n");
            Side(e.Ingress, "from", output);
            Side(e.Egress, "to", output);
        }
        int open = exposures.Count(e => !e.Ingress.Internet.IsEmpty);
        output.Write($"{exposures.Count} {(exposures.Count == 1 ? "workload" : "workloads")}; {open} reachable from the internet, {exposures.Count(e => !e.Ingress.Isolated)} not isolated for ingress, " +
                     $"{exposures.Count(e => !e.Egress.Isolated)} not isolated for egress.\n");
    }

    private static void Side(DirectionExposure side, string preposition, TextWriter output)
    {
        var name = side.Direction == Direction.Ingress ? "ingress" : "egress";
        var internet = $"internet: {(side.Internet.IsEmpty ? "none" : side.Internet.ToString())}";
        if (!side.Isolated)
        {
            output.Write($"  {name}: not isolated: {preposition} anyone, all ports ({internet})\n");
            return;
        }
        output.Write($"  {name}: isolated by {string.Join(", ", side.Policies)} ({internet})\n");
        if (side.Entries.Count == 0) output.Write($"    {preposition} nobody\n");
        foreach (var entry in side.Entries) output.Write($"    {preposition} {entry.Peer.Describe()}: {Ports(entry)}\n");
    }

    private static string Ports(ExposureEntry entry)
    {
        var parts = new List<string>();
        if (!entry.Ports.IsEmpty) parts.Add(entry.Ports.ToString());
        if (entry.NamedPorts.Count > 0) parts.Add("named ports " + string.Join(", ", entry.NamedPorts));
        return string.Join("; ", parts);
    }

    public static void Markdown(IReadOnlyList<WorkloadExposure> exposures, TextWriter output)
    {
        output.Write("| endpoint | direction | isolated by | peers (ports) | internet |\n|---|---|---|---|---|\n");
        foreach (var e in exposures)
            foreach (var side in new[] { e.Ingress, e.Egress })
            {
                var peers = !side.Isolated ? "anyone (all)"
                    : side.Entries.Count == 0 ? "nobody"
                    : string.Join("<br>", side.Entries.Select(x => $"{x.Peer.Describe()} ({Ports(x)})"));
                output.Write($"| `{e.Endpoint.Id}` | {(side.Direction == Direction.Ingress ? "ingress" : "egress")} | " +
                             $"{(side.Isolated ? string.Join(", ", side.Policies.Select(p => $"`{p}`")) : "not isolated")} | {Escape(peers)} | " +
                             $"{(side.Internet.IsEmpty ? "none" : side.Internet.ToString())} |\n");
            }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>{"exposure": [{"id", "ingress": SIDE, "egress": SIDE}]}, SIDE = {"isolated", "policies",
    /// "peers": [{"kind", "namespace"?, "namespaceSelector"?, "podSelector"?, "cidr"?, "except"?, "text",
    /// "all", "ports", "namedPorts"?}], "internet": {"all", "ports"}}; connection sets as in `matrix`.</summary>
    public static void Json(IReadOnlyList<WorkloadExposure> exposures, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("exposure");
            foreach (var e in exposures)
            {
                w.WriteStartObject();
                w.WriteString("id", e.Endpoint.Id);
                SideJson(w, "ingress", e.Ingress);
                SideJson(w, "egress", e.Egress);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal));
        output.Write('\n');
    }

    private static void SideJson(Utf8JsonWriter w, string name, DirectionExposure side)
    {
        w.WriteStartObject(name);
        w.WriteBoolean("isolated", side.Isolated);
        w.WriteStartArray("policies");
        foreach (var p in side.Policies) w.WriteStringValue(p);
        w.WriteEndArray();
        w.WriteStartArray("peers");
        foreach (var entry in side.Entries)
        {
            var peer = entry.Peer;
            w.WriteStartObject();
            w.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(peer.Kind.ToString()));
            if (peer.Namespace is not null) w.WriteString("namespace", peer.Namespace);
            if (peer.NamespaceSelector is not null) w.WriteString("namespaceSelector", peer.NamespaceSelector);
            if (peer.PodSelector is not null) w.WriteString("podSelector", peer.PodSelector);
            if (peer.Cidr is not null) w.WriteString("cidr", peer.Cidr);
            if (peer.Except is { Count: > 0 })
            {
                w.WriteStartArray("except");
                foreach (var x in peer.Except) w.WriteStringValue(x);
                w.WriteEndArray();
            }
            w.WriteString("text", peer.Describe());
            Set(w, entry.Ports);
            if (entry.NamedPorts.Count > 0)
            {
                w.WriteStartArray("namedPorts");
                foreach (var n in entry.NamedPorts) w.WriteStringValue(n);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("internet");
        Set(w, side.Internet);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Set(Utf8JsonWriter w, ConnectionSet set)
    {
        w.WriteBoolean("all", set.IsAll);
        w.WriteStartArray("ports");
        foreach (var p in ConnectivityJson.Ports(set))
        {
            w.WriteStartObject();
            w.WriteString("protocol", p.Protocol);
            w.WriteStartArray("ranges");
            foreach (var r in p.Ranges)
            {
                w.WriteStartArray();
                w.WriteNumberValue(r[0]);
                w.WriteNumberValue(r[1]);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
