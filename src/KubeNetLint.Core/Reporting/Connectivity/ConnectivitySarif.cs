using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Reporting.Sarif;

using KubeNetLint.Core.Connectivity;

namespace KubeNetLint.Core.Reporting.Connectivity;

/// <summary>The matrix (or a diff) as a SARIF graph for runs[0].graphs: nodes are endpoints, located at
/// their manifests; edges are allowed (or changed) connections labelled with the connection set.</summary>
public static class ConnectivitySarif
{
    public static SarifGraph MatrixGraph(ReachabilityMatrix m, ReportContext context) => new(
        new SarifMessage($"Reachability matrix (kubenetlint): {MatrixWriters.Summary(m)}"),
        m.Endpoints.Select(e => Node(e, context)).ToList(),
        m.Connections.Select((c, i) => new SarifEdge($"e{i + 1}", c.From.Id, c.To.Id,
            new SarifMessage(m.DeclaredOn(c) is { IsEmpty: false } declared ? $"{c.Allowed} (declared: {declared})" : c.Allowed.ToString()))).ToList());

    public static SarifGraph DiffGraph(ReachabilityDiff diff, ReportContext context)
    {
        var used = diff.Changes.SelectMany(c => new[] { c.From, c.To }).Concat(diff.EndpointsAdded).Concat(diff.EndpointsRemoved)
            .ToHashSet(StringComparer.Ordinal);
        return new SarifGraph(
            new SarifMessage($"Connectivity changes (kubenetlint): {DiffWriters.Summary(diff)}"),
            diff.Endpoints.Where(e => used.Contains(e.Id)).Select(e => Node(e, context)).ToList(),
            diff.Changes.Select((c, i) => new SarifEdge($"c{i + 1}", c.From, c.To, new SarifMessage(c.Kind switch
            {
                ChangeKind.Added => $"added: {c.After}",
                ChangeKind.Removed => $"removed: {c.Before}",
                _ => $"changed: {c.Before} => {c.After}",
            }))).ToList());
    }

    private static SarifNode Node(Endpoint e, ReportContext context) => new(
        e.Id,
        new SarifMessage(e.IsExternal ? $"{e.Id} ({string.Join(", ", e.Cell!.Cidrs)})" : e.Id),
        e.Location is { } loc ? new SarifLocation(SarifReportWriter.Physical(context, loc)) : null);
}
