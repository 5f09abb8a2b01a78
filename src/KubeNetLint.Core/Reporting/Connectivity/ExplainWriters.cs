using System.Text.Json;
using System.Text.Json.Serialization;
using KubeNetLint.Core.Loading;

using KubeNetLint.Core.Connectivity;

namespace KubeNetLint.Core.Reporting.Connectivity;

internal sealed record ExplainRuleJson(string Direction, int Number, string File, int Line, string Outcome, SetJson Allowed, string Detail);
internal sealed record ExplainPolicyJson(string Namespace, string Name, string File, int Line, bool Applied, string Detail, IReadOnlyList<ExplainRuleJson> Rules);
internal sealed record ExplainSideJson(string Endpoint, bool Isolated, string Summary, SetJson Allowed, IReadOnlyList<ExplainPolicyJson> Policies,
    IReadOnlyList<ExplainTierJson>? Tiers = null, IReadOnlyList<string>? Ambiguities = null);
internal sealed record ExplainAdminRuleJson(string Kind, string Policy, string Direction, int Number, string? Name, string File, int Line, string Outcome, SetJson Decided, string Detail);
internal sealed record ExplainTierJson(string Tier, bool Reached, string Summary, IReadOnlyList<ExplainAdminRuleJson>? Rules);
internal sealed record ExplainJson(string From, string To, string? Port, bool Allowed, SetJson Connections, ExplainSideJson Egress, ExplainSideJson Ingress, SetJson? Routed, string? Note,
    IReadOnlyList<string>? Caveats);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExplainJson))]
internal sealed partial class ExplainJsonContext : JsonSerializerContext;

/// <summary>`explain` output: the verdict, then each side with every policy and rule that isolates,
/// allows or fails to allow, each with file:line.</summary>
public static class ExplainWriters
{
    public static bool Verdict(Explanation e, PortQuery? port) =>
        port is null ? !e.Allowed.IsEmpty : e.Allowed.Contains(port.Protocol, port.Port);

    public static void Text(Explanation e, PortQuery? port, Func<SourceFile, string> path, TextWriter output)
    {
        var verdict = Verdict(e, port) ? "ALLOWED" : "DENIED";
        output.WriteLine(port is null
            ? $"{e.From.Id} -> {e.To.Id}: {verdict} ({e.Allowed})"
            : $"{e.From.Id} -> {e.To.Id} on {port}: {verdict} (allowed: {e.Allowed})");
        if (e.Note is not null) output.WriteLine($"note: {e.Note}");
        foreach (var caveat in e.Caveats) output.WriteLine($"caveat: {caveat}");
        Side("egress", e.Egress, port, path, output);
        Side("ingress", e.Ingress, port, path, output);
    }

    private static void Side(string title, DirectionVerdict side, PortQuery? port, Func<SourceFile, string> path, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{title}: {side.Summary}");
        foreach (var warning in side.Ambiguities) output.WriteLine($"  warning: {warning}");
        if (side.Tiers.Count > 0)
        {
            // Tier by tier; the NetworkPolicy tier's policies and rules are listed under it.
            foreach (var tier in side.Tiers)
            {
                output.WriteLine($"  {tier.Tier} tier: {tier.Summary}");
                foreach (var r in tier.Rules)
                    output.WriteLine($"    {Where(r.Location, path)}: {title} rule {r.Number} [{r.Outcome}]{Mark(r.Decided, r.Outcome is "allow" or "deny" or "pass", port)}: {r.Detail}");
                if (tier.Tier == "NetworkPolicy" && tier.Reached) Policies(title, side, port, path, output, "    ");
            }
            return;
        }
        Policies(title, side, port, path, output, "  ");
    }

    private static string Mark(ConnectionSet set, bool applies, PortQuery? port) =>
        !applies || port is null ? "" : set.Contains(port.Protocol, port.Port) ? $" [covers {port}]" : $" [does not cover {port}]";

    private static void Policies(string title, DirectionVerdict side, PortQuery? port, Func<SourceFile, string> path, TextWriter output, string indent)
    {
        foreach (var p in side.Policies)
        {
            output.WriteLine($"{indent}{Where(p.Location, path)}: NetworkPolicy {p.Policy.Namespace}/{p.Policy.Name} {p.Detail}");
            foreach (var r in p.Rules)
            {
                var mark = r.Outcome != RuleOutcome.Allows || port is null ? ""
                    : r.Allowed.Contains(port.Protocol, port.Port) ? $" [covers {port}]" : $" [does not cover {port}]";
                output.WriteLine($"{indent}  {Where(r.Location, path)}: {title} rule {r.Number}{mark}: {r.Detail}");
            }
        }
    }

    private static string Where(SourceLocation location, Func<SourceFile, string> path) => $"{path(location.File)}:{location.Line}";

    public static void Json(Explanation e, PortQuery? port, Func<SourceFile, string> path, TextWriter output)
    {
        ExplainSideJson Side(DirectionVerdict s) => new(s.Subject.Id, s.Isolated, s.Summary, Set(s.Allowed),
            s.Policies.Select(p => new ExplainPolicyJson(p.Policy.Namespace, p.Policy.Name, path(p.Location.File), p.Location.Line, p.Applied, p.Detail,
                p.Rules.Select(r => new ExplainRuleJson(r.Direction.ToString().ToLowerInvariant(), r.Number, path(r.Location.File), r.Location.Line,
                    OutcomeName(r.Outcome), Set(r.Allowed), r.Detail)).ToList())).ToList(),
            s.Tiers.Count == 0 ? null : s.Tiers.Select(t => new ExplainTierJson(t.Tier, t.Reached, t.Summary,
                t.Rules.Count == 0 ? null : t.Rules.Select(r => new ExplainAdminRuleJson(r.Policy.Kind, r.Policy.Name, r.Direction.ToString().ToLowerInvariant(),
                    r.Number, r.Rule.Name, path(r.Location.File), r.Location.Line, r.Outcome, Set(r.Decided), r.Detail)).ToList())).ToList(),
            s.Ambiguities.Count == 0 ? null : s.Ambiguities);
        var json = new ExplainJson(e.From.Id, e.To.Id, port?.ToString(), Verdict(e, port), Set(e.Allowed), Side(e.Egress), Side(e.Ingress),
            e.Routed is null ? null : Set(e.Routed), e.Note, e.Caveats.Count == 0 ? null : e.Caveats);
        output.WriteLine(JsonSerializer.Serialize(json, ExplainJsonContext.Default.ExplainJson));
    }

    private static SetJson Set(ConnectionSet s) => new(s.IsAll, ConnectivityJson.Ports(s));

    private static string OutcomeName(RuleOutcome o) => o switch
    {
        RuleOutcome.Allows => "allows",
        RuleOutcome.PeersDoNotMatch => "peers-do-not-match",
        _ => "no-port-resolves",
    };
}
