using System.Text.Json;
using System.Text.Json.Serialization;
using KubeNetLint.Core.Loading;

using KubeNetLint.Core.Connectivity;

namespace KubeNetLint.Core.Reporting.Connectivity;

/// <summary>An endpoint of DESIGN.md's contract; <see cref="HostNetwork"/> (true, else absent) is an optional
/// extra: policy behaviour for that endpoint is undefined; so is <see cref="Note"/>, what a dump's Pods behind
/// the endpoint are (grouped under an absent controller, kept apart from it and why, a static Pod).</summary>
internal sealed record EndpointJson(string Id, string? Namespace, string Kind, string? Name, string? File, int? Line, IReadOnlyList<string>? Cidrs,
    bool? HostNetwork = null, string? Note = null);

internal sealed record PortsJson(string Protocol, IReadOnlyList<int[]> Ranges);

internal sealed record ConnectionJson(string From, string To, bool All, IReadOnlyList<PortsJson> Ports, IReadOnlyList<DecisionJson>? DecidedBy = null,
    IReadOnlyList<PortsJson>? Declared = null);

/// <summary>`matrix --declared`: one declared dependency between two endpoints and the policies' verdict.</summary>
internal sealed record DeclaredJson(string From, string To, string Address, string Service, int? ServicePort, string Protocol, int Port, bool Allowed,
    string Source, string File, int Line, int Column);

/// <summary>An optional extra of a connection, only when admin policies exist: a tier that allowed some of its ports.</summary>
internal sealed record DecisionJson(string Direction, string Tier, string? Policy, int? Rule, bool All, IReadOnlyList<PortsJson> Ports);

internal sealed record SetJson(bool All, IReadOnlyList<PortsJson> Ports);

internal sealed record ChangeJson(
    string From, string To, string Change,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] SetJson? Before,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] SetJson? After);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EndpointJson))]
[JsonSerializable(typeof(ConnectionJson))]
[JsonSerializable(typeof(ChangeJson))]
[JsonSerializable(typeof(DeclaredJson))]
[JsonSerializable(typeof(string))]
internal sealed partial class ConnectivityJsonContext : JsonSerializerContext;

/// <summary>The JSON contract of DESIGN.md: `matrix --format json` and `diff --format json`. One object,
/// each endpoint, connection and change on its own line, so large outputs stay readable and diffable.</summary>
public static class ConnectivityJson
{
    public static void WriteMatrix(ReachabilityMatrix matrix, Func<SourceFile, string> path, TextWriter output)
    {
        output.Write("{\n");
        WriteArray(output, "endpoints", matrix.Endpoints.Select(e => Serialize(Endpoint(e, path))), last: false);
        WriteArray(output, "connections", matrix.Connections.Select(c => Serialize(new ConnectionJson(c.From.Id, c.To.Id, c.Allowed.IsAll, Ports(c.Allowed),
            matrix.DecidedBy?.Invoke(c).Select(d => new DecisionJson(d.Direction.ToString().ToLowerInvariant(), d.Tier, d.Policy?.ToString(), d.Rule,
                d.Ports.IsAll, Ports(d.Ports))).ToList(),
            matrix.DeclaredOn(c) is { IsEmpty: false } declared ? Ports(declared) : null))), last: matrix.Declared is null);
        if (matrix.Declared is not null)
            WriteArray(output, "declared", matrix.Declared
                .DistinctBy(d => (d.Dependency.Location, d.From.Index, d.To.Index, d.Protocol, d.Port))
                .Select(d => Serialize(new DeclaredJson(d.From.Id, d.To.Id, d.Dependency.Address, $"{d.Dependency.Namespace}/{d.Dependency.ServiceName}",
                    d.ServicePort?.Port, d.Protocol, d.Port, d.Allowed, d.Dependency.Source.ToString().ToLowerInvariant(),
                    path(d.Dependency.Location.File), d.Dependency.Location.Line, d.Dependency.Location.Column))), last: true);
        output.Write("}\n");
    }

    public static void WriteDiff(ReachabilityDiff diff, Func<SourceFile, string> path, TextWriter output)
    {
        output.Write("{\n");
        WriteArray(output, "endpoints", diff.Endpoints.Select(e => Serialize(Endpoint(e, path))), last: false);
        WriteArray(output, "endpointsAdded", diff.EndpointsAdded.Select(Serialize), last: false);
        WriteArray(output, "endpointsRemoved", diff.EndpointsRemoved.Select(Serialize), last: false);
        WriteArray(output, "changes", diff.Changes.Select(c => Serialize(new ChangeJson(c.From, c.To, c.Kind.ToString().ToLowerInvariant(), Set(c.Before), Set(c.After)))), last: true);
        output.Write("}\n");
    }

    private static void WriteArray(TextWriter output, string name, IEnumerable<string> items, bool last)
    {
        output.Write($"  \"{name}\": [");
        bool first = true;
        foreach (var item in items)
        {
            output.Write(first ? "\n    " : ",\n    ");
            output.Write(item);
            first = false;
        }
        output.Write(first ? "]" : "\n  ]");
        output.Write(last ? "\n" : ",\n");
    }

    private static EndpointJson Endpoint(Endpoint e, Func<SourceFile, string> path) => e.Kind switch
    {
        EndpointKind.External => new EndpointJson(e.Id, null, e.KindName, null, null, null, e.Cell!.Cidrs.Select(c => c.ToString()).ToList()),
        _ => new EndpointJson(e.Id, e.Namespace, e.KindName, e.Name,
            e.Location is { } loc ? path(loc.File) : null, e.Location?.Line, null, e.HostNetwork ? true : null, e.PodsNote),
    };

    private static SetJson? Set(ConnectionSet? set) => set is null ? null : new SetJson(set.IsAll, Ports(set));

    /// <summary>Per protocol (TCP, UDP, SCTP order) its ranges; empty when the set is "all".</summary>
    internal static List<PortsJson> Ports(ConnectionSet set)
    {
        var list = new List<PortsJson>();
        if (set.IsAll) return list;
        foreach (var protocol in ConnectionSet.ProtocolNames)
        {
            var ranges = set.RangesOf(protocol);
            if (ranges.Count > 0) list.Add(new PortsJson(protocol, ranges.Select(r => new[] { r.Low, r.High }).ToList()));
        }
        return list;
    }

    private static string Serialize(EndpointJson e) => JsonSerializer.Serialize(e, ConnectivityJsonContext.Default.EndpointJson);
    private static string Serialize(ConnectionJson c) => JsonSerializer.Serialize(c, ConnectivityJsonContext.Default.ConnectionJson);
    private static string Serialize(DeclaredJson d) => JsonSerializer.Serialize(d, ConnectivityJsonContext.Default.DeclaredJson);
    private static string Serialize(ChangeJson c) => JsonSerializer.Serialize(c, ConnectivityJsonContext.Default.ChangeJson);
    private static string Serialize(string s) => JsonSerializer.Serialize(s, ConnectivityJsonContext.Default.String);
}
