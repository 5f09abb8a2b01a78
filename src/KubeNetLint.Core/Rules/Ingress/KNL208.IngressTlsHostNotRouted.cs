namespace KubeNetLint.Core.Rules.Ingresses;

public sealed class IngressTlsHostNotRouted : Rule
{
    public override RuleInfo Info { get; } = new("KNL208", "ingress-tls-host-not-routed", Level.Warning,
        "A tls.hosts entry that no rule of the Ingress serves; a note for a rule host that no TLS entry covers when the Ingress has TLS.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var ing in context.Model.Ingresses.Where(i => i.Tls.Count > 0))
        {
            var ruleHosts = ing.Rules.Where(r => !string.IsNullOrEmpty(r.Host) && r.HostNode is not null).ToList();
            // A rule without host and the default backend answer every host, TLS hosts included.
            bool catchAll = ing.DefaultBackend is not null || ing.Rules.Any(r => string.IsNullOrEmpty(r.Host));
            var tlsHosts = ing.Tls.SelectMany(t => t.Hosts).ToList();

            if (!catchAll)
                foreach (var (host, node) in DistinctHosts(tlsHosts))
                    if (!ruleHosts.Any(r => HostNames.Covers(r.Host!, host) || HostNames.Covers(host, r.Host!)))
                        yield return At(node,
                            $"TLS host '{host}' of Ingress '{ing.Name}' is served by no rule of this Ingress ({(ruleHosts.Count == 0 ? "it has no rule with a host" : "rule hosts: " + string.Join(", ", ruleHosts.Select(r => r.Host).Distinct().Take(5)))}); add a rule for it or remove it from tls.hosts",
                            ing.Resource);

            // A TLS entry without hosts applies to every host the Ingress serves.
            if (ing.Tls.Any(t => t.Hosts.Count == 0)) continue;
            foreach (var (host, node) in DistinctHosts(ruleHosts.Select(r => (r.Host!, r.HostNode!))))
                if (!tlsHosts.Any(t => HostNames.Covers(t.Host, host)))
                    yield return At(node,
                        $"Ingress '{ing.Name}' has TLS, but rule host '{host}' is in no tls.hosts entry, so HTTPS requests for it get the controller's default certificate; add it to a tls entry if it should be served over HTTPS",
                        ing.Resource) with { Level = Level.Note };
        }
    }

    private static IEnumerable<(string Host, Loading.ScalarNode Node)> DistinctHosts(IEnumerable<(string Host, Loading.ScalarNode Node)> hosts) =>
        hosts.GroupBy(h => h.Host.ToLowerInvariant(), StringComparer.Ordinal).Select(g => g.First());
}
