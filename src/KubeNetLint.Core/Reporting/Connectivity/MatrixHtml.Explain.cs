using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;
using KubeNetLint.Core.Reporting.Html;

namespace KubeNetLint.Core.Reporting.Connectivity;

public static partial class MatrixHtml
{
    /// <summary>What the page needs to word `explain` for any pair, each item once: see docs/html-matrix.md
    /// for the layout. Peers and subjects are bitsets over the analysis's endpoint classes (endpoints no
    /// policy can tell apart), base64, deduplicated; every endpoint names its class.</summary>
    private sealed class ExplainData
    {
        private readonly ConnectivityAnalysis _analysis;
        private readonly Func<SourceFile, string> _path;
        private readonly SetTable _sets;
        private readonly List<CompiledPolicy> _policies = [];
        private readonly Dictionary<CompiledPolicy, int> _policyIndex = new(ReferenceEqualityComparer.Instance);
        private readonly List<string> _bits = [];
        private readonly Dictionary<string, int> _bitsIndex = new(StringComparer.Ordinal);
        private readonly Dictionary<Bitset, int> _bitsByReference = new(ReferenceEqualityComparer.Instance);
        private readonly List<(string Numeric, List<int> Named)> _ports = [];
        private readonly Dictionary<string, int> _portsIndex = new(StringComparer.Ordinal);
        private readonly List<(string Name, string Protocol)> _names = [];
        private readonly Dictionary<(string, string), int> _nameIndex = [];
        private readonly List<CompiledAdminPolicy>[] _tiers = [[], []];
        /// <summary>Per endpoint index: the policies listed for its egress and its ingress (null for external ranges).</summary>
        private readonly Dictionary<Endpoint, (List<int> Egress, List<int> Ingress)> _selecting = new(ReferenceEqualityComparer.Instance);
        /// <summary>Policies with an ipBlock peer: only they can give a pod-IP caveat.</summary>
        private readonly List<CompiledPolicy> _withIpBlocks = [];

        public ExplainData(ConnectivityAnalysis analysis, Func<SourceFile, string> path, SetTable sets)
        {
            _analysis = analysis;
            _path = path;
            _sets = sets;
            foreach (var e in analysis.Endpoints)
            {
                if (e.IsExternal) continue;
                _selecting[e] = (Policies(e, Direction.Egress), Policies(e, Direction.Ingress));
            }
            foreach (var cp in _policies)
            {
                foreach (var r in cp.Egress.Concat(cp.Ingress)) Ports(r.Ports);
                if (cp.Policy.IngressRules.Concat(cp.Policy.EgressRules).Any(r => (r.Peers ?? []).Any(p => p.IpBlock is not null)))
                    _withIpBlocks.Add(cp);
            }
            // The admin tiers in evaluation order, only the applied policies that have rules (the others decide nothing).
            foreach (var (tier, list) in new[] { (AdminTier.Admin, _tiers[0]), (AdminTier.Baseline, _tiers[1]) })
                foreach (var cp in analysis.TierOrder(tier))
                {
                    if (cp.Ingress.Count == 0 && cp.Egress.Count == 0) continue;
                    list.Add(cp);
                    foreach (var r in cp.Egress.Concat(cp.Ingress)) Ports(r.Ports);
                }
        }

        private List<int> Policies(Endpoint e, Direction direction)
        {
            var list = new List<int>();
            foreach (var cp in _analysis.ExplainedPolicies(e, direction))
            {
                if (!_policyIndex.TryGetValue(cp, out var i))
                {
                    _policyIndex[cp] = i = _policies.Count;
                    _policies.Add(cp);
                }
                list.Add(i);
            }
            return list;
        }

        private int Ports(PortSpec spec)
        {
            var named = spec.Named.Select(n =>
            {
                if (!_nameIndex.TryGetValue(n, out var k))
                {
                    _nameIndex[n] = k = _names.Count;
                    _names.Add(n);
                }
                return k;
            }).ToList();
            var numeric = spec.Numeric.ToString();
            var key = numeric + "|" + string.Join(",", named);
            if (!_portsIndex.TryGetValue(key, out var i))
            {
                _portsIndex[key] = i = _ports.Count;
                _ports.Add((numeric, named));
            }
            return i;
        }

        /// <summary>A bitset over the endpoint classes, base64 (bit i is bit i % 8 of byte i / 8).</summary>
        private int Bits(Bitset bits)
        {
            if (_bitsByReference.TryGetValue(bits, out var known)) return known;
            var bytes = new byte[(_analysis.Classes.Count + 7) / 8];
            foreach (var i in bits.Ones()) bytes[i / 8] |= (byte)(1 << (i % 8));
            var text = Convert.ToBase64String(bytes);
            if (!_bitsIndex.TryGetValue(text, out var index))
            {
                _bitsIndex[text] = index = _bits.Count;
                _bits.Add(text);
            }
            return _bitsByReference[bits] = index;
        }

        private string Where(SourceLocation location) => $"{_path(location.File)}:{location.Line}";

        /// <summary>The endpoint's explain fields: class, policies for egress and ingress, host-network
        /// caveat, the named ports rules ask for that its pods declare ([name index, number, …]), and the
        /// pod-IP caveats policies give about it ([policy, 0 egress | 1 ingress, text], …).</summary>
        public void WriteEndpoint(Endpoint e, TextWriter w)
        {
            w.Write(','); HtmlPage.Num(w, e.Class);
            if (_selecting.TryGetValue(e, out var lists))
            {
                w.Write(','); Numbers(w, lists.Egress);
                w.Write(','); Numbers(w, lists.Ingress);
            }
            else w.Write(",null,null");
            w.Write(','); HtmlPage.Str(w, e.HostNetwork ? e.HostNetworkCaveat : null);
            w.Write(",[");
            bool first = true;
            var cls = _analysis.Classes[e.Class];
            for (int k = 0; k < _names.Count; k++)
            {
                if (cls.ResolveNamedPort(_names[k].Name, _names[k].Protocol) is not { } number) continue;
                if (!first) w.Write(',');
                first = false;
                HtmlPage.Num(w, k); w.Write(','); HtmlPage.Num(w, number);
            }
            w.Write(']');
            var caveats = new List<(int Policy, int Direction, string Text)>();
            // Stryker disable once Equality : a fast path (endpoints times policies with ipBlocks): PodIpCaveats yields nothing for an endpoint without pod IPs
            if (e.Workload is { PodIPs.Count: > 0 })
                foreach (var cp in _withIpBlocks)
                    foreach (var (direction, d) in new[] { (Direction.Egress, 0), (Direction.Ingress, 1) })
                        foreach (var text in ConnectivityAnalysis.PodIpCaveats(cp.Policy, direction, e))
                            caveats.Add((_policyIndex[cp], d, text));
            if (caveats.Count == 0) w.Write(",null");
            else
            {
                w.Write(",[");
                for (int i = 0; i < caveats.Count; i++)
                {
                    if (i > 0) w.Write(',');
                    w.Write('['); HtmlPage.Num(w, caveats[i].Policy); w.Write(','); HtmlPage.Num(w, caveats[i].Direction); w.Write(',');
                    HtmlPage.Str(w, caveats[i].Text); w.Write(']');
                }
                w.Write(']');
            }
        }

        /// <summary>The tables the endpoints point into, and the stand-ins' routes.</summary>
        public void WriteTables(TextWriter w)
        {
            // NetworkPolicies: [ns/name, file:line, KNL304 problem or null, egress rules, ingress rules];
            // a rule is [file:line, ports, peers (-1: the rule has no peers field, so every peer)].
            w.Write(','); HtmlPage.Key(w, "policies"); w.Write("[\n");
            for (int i = 0; i < _policies.Count; i++)
            {
                var cp = _policies[i];
                if (i > 0) w.Write(",\n");
                w.Write('[');
                HtmlPage.Str(w, $"{cp.Policy.Namespace}/{cp.Policy.Name}");
                w.Write(','); HtmlPage.Str(w, Where(cp.Policy.Resource.Location));
                w.Write(','); HtmlPage.Str(w, cp.IsValid ? null : cp.Problems[0].Message);
                EgressAndIngress(w, cp.Egress, cp.Ingress, rule =>
                {
                    HtmlPage.Str(w, Where(rule.Rule.Node.Location));
                    w.Write(','); HtmlPage.Num(w, Ports(rule.Ports));
                    w.Write(','); HtmlPage.Num(w, rule.Rule.Peers is null ? -1 : Bits(rule.Peers));
                });
                w.Write(']');
            }
            w.Write(']');

            // Admin tiers: [[Admin tier policies], [Baseline tier policies]], each [Kind/Name, priority or null,
            // subjects, egress rules, ingress rules]; a rule is [file:line, action, action as written, name or null,
            // ports, peers, the fields of its peers no static analysis matches (nodes, domainNames) or null].
            w.Write(','); HtmlPage.Key(w, "tiers"); w.Write('[');
            for (int t = 0; t < 2; t++)
            {
                if (t > 0) w.Write(',');
                w.Write('[');
                for (int i = 0; i < _tiers[t].Count; i++)
                {
                    var cp = _tiers[t][i];
                    if (i > 0) w.Write(",\n");
                    w.Write('[');
                    HtmlPage.Str(w, cp.Policy.ToString());
                    w.Write(','); w.Write(cp.Policy.Priority is { } priority ? priority.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null");
                    w.Write(','); HtmlPage.Num(w, Bits(cp.Subjects));
                    EgressAndIngress(w, cp.Egress, cp.Ingress, rule =>
                    {
                        HtmlPage.Str(w, Where(rule.Rule.Node.Location));
                        w.Write(','); HtmlPage.Str(w, rule.Action.ToString());
                        w.Write(','); HtmlPage.Str(w, rule.Rule.ActionText);
                        w.Write(','); HtmlPage.Str(w, rule.Rule.Name);
                        w.Write(','); HtmlPage.Num(w, Ports(rule.Ports));
                        w.Write(','); HtmlPage.Num(w, Bits(rule.Peers));
                        w.Write(','); HtmlPage.Str(w, rule.Undecidable.Count == 0 ? null : string.Join(" and ", rule.Undecidable.Select(p => p.Field).Distinct()));
                    });
                    w.Write(']');
                }
                w.Write(']');
            }
            w.Write(']');

            // Ports: [numeric set, [named port indexes]]; named ports: [name, protocol].
            w.Write(','); HtmlPage.Key(w, "ports"); w.Write('[');
            for (int i = 0; i < _ports.Count; i++)
            {
                if (i > 0) w.Write(',');
                w.Write('['); HtmlPage.Str(w, _ports[i].Numeric); w.Write(','); Numbers(w, _ports[i].Named); w.Write(']');
            }
            w.Write(']');
            w.Write(','); HtmlPage.Key(w, "portNames"); w.Write('[');
            for (int i = 0; i < _names.Count; i++)
            {
                if (i > 0) w.Write(',');
                w.Write('['); HtmlPage.Str(w, _names[i].Name); w.Write(','); HtmlPage.Str(w, _names[i].Protocol); w.Write(']');
            }
            w.Write(']');
            w.Write(','); HtmlPage.Key(w, "bits"); w.Write('[');
            for (int i = 0; i < _bits.Count; i++)
            {
                if (i > 0) w.Write(",\n");
                HtmlPage.Str(w, _bits[i]);
            }
            w.Write(']');

            // The ingress controller stand-in's class and its routes [class, set, …]; per Gateway stand-in
            // [class, listener ports, [class, set, …]].
            w.Write(','); HtmlPage.Key(w, "controller");
            if (_analysis.StandInControllerClass is { } controller)
            {
                w.Write('['); HtmlPage.Num(w, controller); w.Write(',');
                Routes(w, _analysis.ControllerTargets);
                w.Write(']');
            }
            else w.Write("null");
            w.Write(','); HtmlPage.Key(w, "gateways"); w.Write('[');
            bool first = true;
            foreach (var (cls, listen) in _analysis.GatewayListeners.OrderBy(kv => kv.Key))
            {
                if (!first) w.Write(',');
                first = false;
                w.Write('['); HtmlPage.Num(w, cls); w.Write(','); HtmlPage.Num(w, _sets.Index(listen)); w.Write(',');
                Routes(w, _analysis.GatewayTargets.TryGetValue(cls, out var targets) ? targets : new Dictionary<int, ConnectionSet>());
                w.Write(']');
            }
            w.Write(']');
        }

        private void Routes(TextWriter w, IReadOnlyDictionary<int, ConnectionSet> targets)
        {
            w.Write('[');
            bool first = true;
            foreach (var (cls, set) in targets.OrderBy(kv => kv.Key))
            {
                if (!first) w.Write(',');
                first = false;
                HtmlPage.Num(w, cls); w.Write(','); HtmlPage.Num(w, _sets.Index(set));
            }
            w.Write(']');
        }

        private static void Numbers(TextWriter w, List<int> list)
        {
            w.Write('[');
            for (int i = 0; i < list.Count; i++)
            {
                if (i > 0) w.Write(',');
                HtmlPage.Num(w, list[i]);
            }
            w.Write(']');
        }

        /// <summary>`,[egress rules],[ingress rules]`, each rule an array whose items <paramref name="item"/> writes.</summary>
        private static void EgressAndIngress<T>(TextWriter w, IReadOnlyList<T> egress, IReadOnlyList<T> ingress, Action<T> item)
        {
            foreach (var rules in new[] { egress, ingress })
            {
                w.Write(",[");
                for (int r = 0; r < rules.Count; r++)
                {
                    if (r > 0) w.Write(',');
                    w.Write('[');
                    item(rules[r]);
                    w.Write(']');
                }
                w.Write(']');
            }
        }
    }
}
