using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Gateways;

public sealed class ListenerConflict : Rule
{
    public override RuleInfo Info { get; } = new("KNL509", "listener-conflict", Level.Error,
        "Listeners of a Gateway and the ListenerSets it admits conflict (same port, protocol and hostname; TCP sharing a port with HTTP, HTTPS or TLS), or allowedRoutes.kinds names a kind the protocol cannot carry.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var routes = context.Graph.Routes;
        foreach (var gw in context.Model.Gateways)
        {
            // The merged list, in the spec's precedence: the Gateway, then its ListenerSets (creation time is
            // not in a manifest, so by namespace/name).
            var merged = gw.Listeners.Concat(routes.AdmittedListenerSets(gw)
                    .OrderBy(s => $"{s.Namespace}/{s.Name}", StringComparer.Ordinal).SelectMany(s => s.Listeners))
                .Where(l => l.Port is not null).ToList();
            for (int i = 1; i < merged.Count; i++)
            {
                var l = merged[i];
                foreach (var earlier in merged.Take(i).Where(e => e.Port == l.Port))
                {
                    var at = (Node?)l.NameNode ?? l.Node;
                    var related = Related((Node?)earlier.NameNode ?? earlier.Node, $"listener '{earlier.Name}' of {earlier.Owner.Kind} '{earlier.Owner.Name}'");
                    var where = $"listener '{l.Name}' of {l.Owner.Kind} '{l.Owner.Name}'";
                    if (earlier.Protocol == l.Protocol && string.Equals(earlier.Hostname, l.Hostname, StringComparison.OrdinalIgnoreCase))
                    {
                        // Inside one Gateway the API server rejects it already (CEL): only across owners.
                        if (ReferenceEquals(earlier.Owner, l.Owner)) continue;
                        yield return At(at,
                            $"{where} has the same port {l.Port}, protocol {l.Protocol} and hostname {l.Hostname ?? "(none)"} as listener '{earlier.Name}' of {earlier.Owner.Kind} '{earlier.Owner.Name}', which takes precedence; this one is Conflicted (HostnameConflict) and not programmed",
                            l.Owner, related);
                        break;
                    }
                    if (earlier.Protocol == l.Protocol) continue;
                    if (IsTcpWithHttpOrTls(earlier.Protocol, l.Protocol))
                    {
                        yield return At(at,
                            $"{where} uses protocol {l.Protocol} on port {l.Port}, which listener '{earlier.Name}' of {earlier.Owner.Kind} '{earlier.Owner.Name}' uses with {earlier.Protocol}; TCP cannot share a port with HTTP, HTTPS or TLS (ProtocolConflict)",
                            l.Owner, related);
                        break;
                    }
                    if (IsStreamProtocol(earlier.Protocol) && IsStreamProtocol(l.Protocol))
                    {
                        yield return At(at,
                            $"{where} uses protocol {l.Protocol} on port {l.Port}, which listener '{earlier.Name}' uses with {earlier.Protocol}; whether one port can carry both is implementation-defined",
                            l.Owner, related) with { Level = Level.Note };
                        break;
                    }
                }
            }
        }

        // InvalidRouteKinds: a kind the protocol cannot carry (of any Gateway or ListenerSet listener).
        foreach (var l in context.Model.Gateways.SelectMany(g => g.Listeners).Concat(context.Model.ListenerSets.SelectMany(s => s.Listeners)))
            foreach (var k in l.AllowedKinds)
            {
                if (k.Group == GatewayApi.Group && GatewayApi.CanCarry(l.Protocol, l.TlsMode, k.Kind)) continue;
                // An implementation-specific protocol may carry anything: CanCarry is true for it.
                if (k.Group != GatewayApi.Group && GatewayApi.CanCarry(l.Protocol, l.TlsMode, "(other)")) continue;
                yield return At((Node?)k.Node["kind"] ?? k.Node,
                    $"listener '{l.Name}' ({l.Protocol}) of {l.Owner.Kind} '{l.Owner.Name}' lists {(k.Group == GatewayApi.Group ? "" : k.Group + "/")}{k.Kind} in allowedRoutes.kinds, which {l.Protocol} cannot carry (InvalidRouteKinds); it carries {string.Join(", ", GatewayApi.KindsFor(l.Protocol, l.TlsMode))}",
                    l.Owner);
            }
    }

    private static bool IsTcpWithHttpOrTls(string a, string b) =>
        (a == "TCP" && IsStreamProtocol(b)) || (b == "TCP" && IsStreamProtocol(a));

    private static bool IsStreamProtocol(string p) => p == "HTTP" || p == "HTTPS" || p == "TLS";
}
