using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Reporting;

internal sealed record GraphNodeJson(string Id, string Kind, string? Namespace, string Name, string? File, int? Line);
internal sealed record GraphEdgeJson(string From, string To, string Kind, string Detail, string? File, int? Line);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GraphNodeJson))]
[JsonSerializable(typeof(GraphEdgeJson))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;

/// <summary>`graph` output: the object graph as DOT, Mermaid or JSON (docs/graph.schema.json).
/// Namespaces are drawn as clusters (DOT) or subgraphs (Mermaid) holding their objects.</summary>
public static class GraphWriters
{
    /// <summary>The edge kind as written in every format: selects, routes-to, allowed-connection, …</summary>
    public static string KindName(GraphEdgeKind kind)
    {
        var name = kind.ToString();
        var sb = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    private static string NodeKind(GraphNode n) => n.Kind == GraphNodeKind.Workload ? n.KindName : n.Kind.ToString();

    public static void Json(ObjectGraph graph, Func<SourceFile, string> path, TextWriter w)
    {
        w.Write("{\n  \"nodes\": [");
        bool first = true;
        foreach (var n in graph.Nodes)
        {
            w.Write(first ? "\n    " : ",\n    ");
            w.Write(JsonSerializer.Serialize(new GraphNodeJson(n.Id, NodeKind(n), n.Namespace, n.Name,
                n.Location is { } l ? path(l.File) : null, n.Location?.Line), GraphJsonContext.Default.GraphNodeJson));
            first = false;
        }
        w.Write(first ? "],\n" : "\n  ],\n");
        w.Write("  \"edges\": [");
        first = true;
        foreach (var e in graph.Edges)
        {
            w.Write(first ? "\n    " : ",\n    ");
            w.Write(JsonSerializer.Serialize(new GraphEdgeJson(e.Source.Id, e.Target.Id, KindName(e.Kind), e.Detail,
                e.Location is { } l ? path(l.File) : null, e.Location?.Line), GraphJsonContext.Default.GraphEdgeJson));
            first = false;
        }
        w.Write(first ? "]\n}\n" : "\n  ]\n}\n");
    }

    private static string Style(GraphEdgeKind kind) => kind switch
    {
        GraphEdgeKind.AllowedConnection => "color=\"#2e7d32\", penwidth=1.5",
        GraphEdgeKind.PolicySelects or GraphEdgeKind.PolicyPeer => "color=\"#c62828\", style=dashed",
        GraphEdgeKind.Mounts or GraphEdgeKind.References => "color=\"#757575\", style=dotted",
        GraphEdgeKind.DeclaredDependency => "color=\"#1565c0\", style=bold",
        _ => "color=\"#000000\"",
    };

    private static string Shape(GraphNode n) => n.Kind switch
    {
        GraphNodeKind.External => "ellipse",
        GraphNodeKind.Service => "oval",
        GraphNodeKind.Ingress or GraphNodeKind.Gateway or GraphNodeKind.ListenerSet or GraphNodeKind.Route => "hexagon",
        GraphNodeKind.NetworkPolicy or GraphNodeKind.AdminPolicy => "note",
        GraphNodeKind.Secret or GraphNodeKind.ConfigMap => "folder",
        GraphNodeKind.Namespace => "tab",
        _ => "box",
    };

    public static void Dot(ObjectGraph graph, TextWriter w)
    {
        w.WriteLine("digraph kubenetlint {");
        w.WriteLine("  rankdir=LR;");
        w.WriteLine("  node [fontname=\"Helvetica\"];");
        w.WriteLine("  edge [fontname=\"Helvetica\", fontsize=10];");
        int cluster = 0;
        foreach (var group in graph.Nodes.GroupBy(n => n.Namespace).OrderBy(g => g.Key ?? "", StringComparer.Ordinal))
        {
            var indent = group.Key is null ? "  " : "    ";
            if (group.Key is not null)
            {
                w.WriteLine($"  subgraph cluster_{cluster++} {{");
                w.WriteLine($"    label={Quote("namespace " + group.Key)};");
            }
            foreach (var n in group)
                w.WriteLine($"{indent}{Quote(n.Id)} [label={Quote($"{NodeKind(n)}\n{n.Name}")}, shape={Shape(n)}];");
            if (group.Key is not null) w.WriteLine("  }");
        }
        foreach (var e in graph.Edges)
            w.WriteLine($"  {Quote(e.Source.Id)} -> {Quote(e.Target.Id)} [label={Quote(Short(KindName(e.Kind), e.Detail))}, {Style(e.Kind)}];");
        w.WriteLine("}");
    }

    private static string Short(string kind, string detail) => detail.Length == 0 ? kind : $"{kind}: {(detail.Length > 60 ? detail[..57] + "..." : detail)}";

    public static void Mermaid(ObjectGraph graph, TextWriter w)
    {
        var ids = new Dictionary<GraphNode, string>();
        foreach (var n in graph.Nodes) ids[n] = "n" + ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        w.WriteLine("flowchart LR");
        int cluster = 0;
        foreach (var group in graph.Nodes.GroupBy(n => n.Namespace).OrderBy(g => g.Key ?? "", StringComparer.Ordinal))
        {
            var indent = group.Key is null ? "  " : "    ";
            if (group.Key is not null) w.WriteLine($"  subgraph ns{cluster++}_{MermaidId(group.Key)}[\"namespace {MermaidText(group.Key)}\"]");
            foreach (var n in group)
            {
                var label = $"\"{MermaidText(NodeKind(n))}<br/>{MermaidText(n.Name)}\"";
                w.WriteLine(n.Kind switch
                {
                    GraphNodeKind.External => $"{indent}{ids[n]}(({label}))",
                    GraphNodeKind.Service => $"{indent}{ids[n]}([{label}])",
                    GraphNodeKind.Ingress or GraphNodeKind.Gateway or GraphNodeKind.ListenerSet or GraphNodeKind.Route => $"{indent}{ids[n]}{{{{{label}}}}}",
                    GraphNodeKind.Secret or GraphNodeKind.ConfigMap => $"{indent}{ids[n]}[({label})]",
                    GraphNodeKind.NetworkPolicy or GraphNodeKind.AdminPolicy => $"{indent}{ids[n]}>{label}]",
                    _ => $"{indent}{ids[n]}[{label}]",
                });
            }
            if (group.Key is not null) w.WriteLine("  end");
        }
        foreach (var e in graph.Edges)
        {
            var arrow = e.Kind switch
            {
                GraphEdgeKind.AllowedConnection => "==>",
                GraphEdgeKind.PolicySelects or GraphEdgeKind.PolicyPeer or GraphEdgeKind.Mounts or GraphEdgeKind.References => "-.->",
                _ => "-->",
            };
            w.WriteLine($"  {ids[e.Source]} {arrow}|\"{MermaidText(Short(KindName(e.Kind), e.Detail))}\"| {ids[e.Target]}");
        }
    }

    /// <summary>Mermaid labels are quoted; a quote or markup character in a name is written as an entity.</summary>
    private static string MermaidText(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal).Replace("|", "&#124;", StringComparison.Ordinal);

    private static string MermaidId(string s) => new(s.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            if (c == '\n') { sb.Append("\\n"); continue; }
            sb.Append(c is '"' or '\\' ? "\\" + c : c.ToString());
        }
        return sb.Append('"').ToString();
    }
}
