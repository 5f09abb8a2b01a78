using KubeNetLint.Core.Config;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;
using static KubeNetLint.Core.Rules.NetworkPolicy.ConnectivityRules;

namespace KubeNetLint.Core.Rules.NetworkPolicy;

public sealed class ConnectivityExpectationFailed : Rule
{
    public override RuleInfo Info { get; } = new("KNL310", "connectivity-expectation-failed", Level.Error,
        "A connectivity.expect entry of .kubenetlint.yaml (from, to, port, allowed, transitive) that the policies do not satisfy.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        foreach (var expectation in context.Config.Expectations)
            foreach (var finding in Check(analysis, expectation)) yield return finding;
    }

    private IEnumerable<Finding> Check(ConnectivityAnalysis analysis, ConnectivityExpectation expectation)
    {
        if (expectation.Transitive)
        {
            foreach (var finding in CheckTransitive(analysis, expectation)) yield return finding;
            yield break;
        }
        var where = $"connectivity.expect at {expectation.Location.Path}:{expectation.Location.Line}";
        var sources = Resolve(analysis, expectation.From, out var fromError);
        var destinations = Resolve(analysis, expectation.To, out var toError);
        var port = ParsePort(expectation, out var portError);
        var problem = fromError ?? toError ?? portError;
        if (problem is not null)
        {
            // Nothing in the manifests to point at: the entry itself is wrong.
            yield return At(expectation.Location, $"{where}: {problem}", null);
            yield break;
        }

        foreach (var from in sources)
            foreach (var to in destinations)
            {
                if (from == to) continue;
                var allowed = analysis.Allowed(from, to);
                bool holds = port is null ? !allowed.IsEmpty : allowed.Contains(port.Protocol, port.Port);
                if (holds == expectation.Allowed) continue;
                var explanation = analysis.Explain(from, to);
                var what = $"{from.Id} -> {to.Id}{(port is null ? "" : $" on {port}")}";
                var (location, subject, reason) = expectation.Allowed ? Denier(explanation, port) : Allower(explanation, port);
                yield return At(location ?? expectation.Location,
                    $"{where} expects {what} to be {(expectation.Allowed ? "allowed" : "denied")}, but it is {(holds ? "allowed" : "denied")}: {reason}",
                    subject, Related(expectation.Location, "the expectation"));
            }
    }

    /// <summary>The expectation's port, or null (any port; or a port that does not parse, then with
    /// <paramref name="error"/> saying why).</summary>
    private static PortQuery? ParsePort(ConnectivityExpectation expectation, out string? error)
    {
        error = null;
        var text = expectation.Port;
        if (text is null) return null;
        if (PortQuery.TryParse(text, out var port, out var problem)) return port;
        error = $"port {problem}";
        return null;
    }

    /// <summary>`transitive: true`: is there a path from `from` to `to` (allowed connections and routes, any
    /// number of hops, the last hop carrying the port)? A path that should not exist is named hop by hop; the
    /// finding points at what lets the last hop into the destination.</summary>
    private IEnumerable<Finding> CheckTransitive(ConnectivityAnalysis analysis, ConnectivityExpectation expectation)
    {
        var where = $"connectivity.expect at {expectation.Location.Path}:{expectation.Location.Line}";
        var paths = analysis.Paths();
        var from = ResolveNode(paths, expectation.From, out var fromError);
        var to = ResolveNode(paths, expectation.To, out var toError);
        var port = ParsePort(expectation, out var portError);
        var problem = fromError ?? toError ?? portError;
        if (problem is not null)
        {
            yield return At(expectation.Location, $"{where}: {problem}", null);
            yield break;
        }
        if (from == to) yield break;
        var what = $"{from!.Id} -> {to!.Id}{(port is null ? "" : $" on {port}")}";
        // One backward search from the destination finds the shortest path from every source at once.
        var reached = paths.Transitive(to, forward: false, port).Nodes.FirstOrDefault(r => r.Node == from);
        if ((reached is not null) == expectation.Allowed) yield break;
        if (reached is null)
        {
            // Nothing in the manifests blocks "every path"; the finding points at the destination.
            yield return At(to.Location ?? expectation.Location,
                $"{where} expects {what} to be reachable by some path, but no path of allowed connections and routes leads there " +
                $"(`kubenetlint paths --to {to.Id} --transitive` lists what reaches it)", to.Resource, Related(expectation.Location, "the expectation"));
            yield break;
        }
        var hops = reached.Path.Hops.Select((h, i) => paths.Explain(h, i == reached.Path.Hops.Count - 1 ? port : null)).ToList();
        var steps = string.Join("; ", hops.Select((h, i) => $"({i + 1}) {Step(h)}"));
        var last = hops[^1];
        var blame = last.Reasons.FirstOrDefault(r => r.Location is not null && r.Text.Contains(" rule ", StringComparison.Ordinal))
                    ?? last.Reasons.FirstOrDefault(r => r.Location is not null);
        var related = hops.SelectMany(h => h.Reasons).Where(r => r.Location is not null && r != blame)
            .DistinctBy(r => (r.Location!.Path, r.Location.Line)).Take(10)
            .Select(r => Related(r.Location!, r.Text)).Append(Related(expectation.Location, "the expectation")).ToArray();
        yield return At(blame?.Location ?? expectation.Location,
            $"{where} expects {what} to be unreachable by any path, but a path of {reached.Hops} hop{(reached.Hops == 1 ? "" : "s")} leads there: {steps}",
            to.Resource, related);
    }

    private static string Step(ExplainedHop h)
    {
        var hop = h.Hop;
        var via = hop.Kind == HopKind.Route ? $" via {hop.Routes[0].Describe()}"
            : h.Services.Count > 0 ? $" via {h.Services[0].Describe()}" : "";
        // A route hop's "routed by" reasons repeat its via.
        var reasons = string.Join(", ", h.Reasons.Where(r => (r.Location is not null || hop.Kind == HopKind.Entry) && !r.Text.StartsWith("routed by ", StringComparison.Ordinal)).Select(r => r.Text));
        return $"{hop.Source.Id} -> {hop.Target.Id}{(hop.Kind == HopKind.Entry ? "" : $" on {hop.Ports}")}{via}{(reasons.Length == 0 ? "" : $" ({reasons})")}";
    }

    private static PathNode? ResolveNode(PathGraph paths, string text, out string? error)
    {
        error = null;
        var node = paths.Resolve(text);
        if (node is not null) return node;
        if (Cidr.TryParse(text, out _, out _)) return paths.External;
        var close = paths.Analysis.Suggestions(text);
        error = $"'{text}' is not an endpoint of the input (external, NS/KIND/NAME, an Ingress or Gateway, an IP address or a CIDR)" +
                (close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : "");
        return null;
    }

    private static List<Endpoint> Resolve(ConnectivityAnalysis analysis, string text, out string? error)
    {
        error = null;
        if (text == "external") return [.. analysis.Endpoints.Where(e => e.IsExternal)];
        var endpoint = analysis.Resolve(text);
        if (endpoint is not null) return [endpoint];
        if (Cidr.TryParse(text, out var cidr, out _)) return [.. analysis.ExternalEndpoints(cidr)];
        var close = analysis.Suggestions(text);
        error = $"'{text}' is not an endpoint of the input (NS/KIND/NAME, an external id, an IP address or a CIDR)" +
                (close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : "");
        return [];
    }

    private static bool Covers(ConnectionSet set, PortQuery? port) => port is null ? !set.IsEmpty : set.Contains(port.Protocol, port.Port);

    /// <summary>For a connection that should be allowed: the policy of the side that denies it.</summary>
    private static (SourceLocation?, Resource?, string) Denier(Explanation e, PortQuery? port)
    {
        var side = !Covers(e.Ingress.Allowed, port) ? e.Ingress : !Covers(e.Egress.Allowed, port) ? e.Egress : null;
        if (side is null) return (e.To.Location, e.To.Workload?.Resource, e.Note ?? "only what the Ingresses route is allowed");
        var policy = side.Policies.FirstOrDefault(p => p.Applied);
        return (policy?.Location, policy?.Policy.Resource, side.Summary);
    }

    /// <summary>For a connection that should be denied: the rule that allows it, or the unisolated endpoint.</summary>
    private static (SourceLocation?, Resource?, string) Allower(Explanation e, PortQuery? port)
    {
        foreach (var side in new[] { e.Ingress, e.Egress })
        {
            if (!side.Isolated) continue;
            var rule = side.Policies.SelectMany(p => p.Rules).FirstOrDefault(r => r.Outcome == RuleOutcome.Allows && Covers(r.Allowed, port));
            if (rule is not null)
                return (rule.Location, rule.Policy.Resource, $"{side.Direction.ToString().ToLowerInvariant()} rule {rule.Number} of {PolicyName(rule.Policy)} {rule.Detail}");
        }
        var open = !e.Ingress.Isolated ? e.Ingress : e.Egress;
        return (open.Subject.Location ?? e.To.Location ?? e.From.Location, open.Subject.Workload?.Resource, open.Summary);
    }
}
