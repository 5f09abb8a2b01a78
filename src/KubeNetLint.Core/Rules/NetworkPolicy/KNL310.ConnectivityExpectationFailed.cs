using KubeNetLint.Core.Config;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;
using static KubeNetLint.Core.Rules.NetworkPolicy.ConnectivityRules;

namespace KubeNetLint.Core.Rules.NetworkPolicy;

public sealed class ConnectivityExpectationFailed : Rule
{
    public override RuleInfo Info { get; } = new("KNL310", "connectivity-expectation-failed", Level.Error,
        "A connectivity.expect entry of .kubenetlint.yaml (from, to, port, allowed) that the policies do not satisfy.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        foreach (var expectation in context.Config.Expectations)
            foreach (var finding in Check(analysis, expectation)) yield return finding;
    }

    private IEnumerable<Finding> Check(ConnectivityAnalysis analysis, ConnectivityExpectation expectation)
    {
        var where = $"connectivity.expect at {expectation.Location.Path}:{expectation.Location.Line}";
        var sources = Resolve(analysis, expectation.From, out var fromError);
        var destinations = Resolve(analysis, expectation.To, out var toError);
        PortQuery? port = null;
        string? portError = null;
        if (expectation.Port is { } text && !PortQuery.TryParse(text, out port, out var error))
        {
            port = null;
            portError = $"port {error}";
        }
        if ((fromError ?? toError ?? portError) is { } problem)
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

    private static List<Endpoint> Resolve(ConnectivityAnalysis analysis, string text, out string? error)
    {
        error = null;
        if (analysis.Resolve(text) is { } endpoint) return [endpoint];
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
