using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

/// <summary>Reads AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1) and ClusterNetworkPolicy
/// (v1alpha2). Unknown fields are ignored, as the API server prunes them; shapes the schema rejects are
/// kept as they are written so KNL325 can point at them.</summary>
public sealed partial class ModelBuilder
{
    private AdminNetworkPolicy ReadAdminPolicy(Resource r)
    {
        var spec = _r.Map(r.Root, "spec", "spec");
        bool cnp = r.Kind == AdminNetworkPolicy.CnpKind;
        var tierNode = cnp ? _r.Scalar(spec, "tier", "spec.tier") : null;
        AdminTier? tier = r.Kind switch
        {
            AdminNetworkPolicy.AnpKind => AdminTier.Admin,
            AdminNetworkPolicy.BanpKind => AdminTier.Baseline,
            _ => tierNode?.Value switch { "Admin" => AdminTier.Admin, "Baseline" => AdminTier.Baseline, _ => null },
        };
        var priorityNode = spec?["priority"] as ScalarNode;
        int? priority = r.Kind == AdminNetworkPolicy.BanpKind ? null : _r.Int(spec, "priority", "spec.priority");
        var subjectNode = spec?["subject"];
        var subjectMap = _r.Map(spec, "subject", "spec.subject");
        var subject = subjectMap is null ? null : ReadAdminPeer(subjectMap, "spec.subject", cnp);
        var ingressNode = _r.Seq(spec, "ingress", "spec.ingress");
        var egressNode = _r.Seq(spec, "egress", "spec.egress");
        return new AdminNetworkPolicy
        {
            Resource = r,
            Tier = tier,
            TierNode = tierNode,
            Priority = priority,
            PriorityNode = priorityNode,
            Subject = subject,
            SubjectNode = subjectNode,
            IngressRules = ReadAdminRules(ingressNode, "from", "spec.ingress", cnp),
            EgressRules = ReadAdminRules(egressNode, "to", "spec.egress", cnp),
            IngressNode = ingressNode,
            EgressNode = egressNode,
        };
    }

    private List<AdminRule> ReadAdminRules(SequenceNode? node, string peersKey, string field, bool cnp)
    {
        var rules = new List<AdminRule>();
        foreach (var m in _r.MapItems(node, field))
        {
            var actionText = _r.String(m, "action", FieldPath.Join(field, "[].action")) ?? "";
            var action = actionText switch
            {
                "Allow" when !cnp => AdminAction.Allow,
                "Accept" when cnp => AdminAction.Allow,
                "Deny" => AdminAction.Deny,
                "Pass" => AdminAction.Pass,
                _ => AdminAction.Unknown,
            };
            var peersField = FieldPath.Join(field, "[].", peersKey);
            var peersNode = _r.Seq(m, peersKey, peersField);
            var peers = new List<AdminPeer>();
            foreach (var p in _r.MapItems(peersNode, peersField)) peers.Add(ReadAdminPeer(p, FieldPath.Join(peersField, "[]"), cnp));
            var portsKey = cnp ? "protocols" : "ports";
            var portsField = FieldPath.Join(field, "[].", portsKey);
            var portsNode = _r.Seq(m, portsKey, portsField);
            List<AdminPort>? ports = null;
            if (portsNode is not null)
            {
                ports = [];
                foreach (var p in _r.MapItems(portsNode, portsField))
                    ports.Add(cnp ? ReadCnpPort(p, portsField) : ReadAnpPort(p, portsField));
            }
            rules.Add(new AdminRule(action, actionText, _r.String(m, "name", FieldPath.Join(field, "[].name")), peers, ports, m, peersNode, portsNode));
        }
        return rules;
    }

    /// <summary>A subject or peer. Exactly one field should be set (KNL325 says when not); the first
    /// recognised one is read.</summary>
    private AdminPeer ReadAdminPeer(MappingNode p, string field, bool cnp)
    {
        var ns = _r.Map(p, "namespaces", FieldPath.Join(field, ".namespaces"));
        if (ns is not null)
            return new AdminPeer(AdminPeerKind.Namespaces, LabelSelector.Read(_r, ns, FieldPath.Join(field, ".namespaces")), null, [], [], p);
        var pods = _r.Map(p, "pods", FieldPath.Join(field, ".pods"));
        if (pods is not null)
        {
            var nss = _r.Map(pods, "namespaceSelector", FieldPath.Join(field, ".pods.namespaceSelector"));
            var ps = _r.Map(pods, "podSelector", FieldPath.Join(field, ".pods.podSelector"));
            return new AdminPeer(AdminPeerKind.Pods,
                nss is null ? (cnp ? LabelSelector.Everything : null) : LabelSelector.Read(_r, nss, FieldPath.Join(field, ".pods.namespaceSelector")),
                ps is null ? null : LabelSelector.Read(_r, ps, FieldPath.Join(field, ".pods.podSelector")), [], [], p);
        }
        var nets = _r.Seq(p, "networks", FieldPath.Join(field, ".networks"));
        if (nets is not null)
        {
            var list = new List<(string, ScalarNode)>();
            foreach (var s in nets.Items.OfType<ScalarNode>())
                if (!s.IsNull) list.Add((s.Value, s));
            return new AdminPeer(AdminPeerKind.Networks, null, null, list, [], p);
        }
        var nodes = _r.Map(p, "nodes", FieldPath.Join(field, ".nodes"));
        if (nodes is not null)
            return new AdminPeer(AdminPeerKind.Nodes, null, LabelSelector.Read(_r, nodes, FieldPath.Join(field, ".nodes")), [], [], p);
        if (p["domainNames"] is not null)
            return new AdminPeer(AdminPeerKind.DomainNames, null, null, [], _r.StringList(p, "domainNames", FieldPath.Join(field, ".domainNames")), p);
        return new AdminPeer(AdminPeerKind.Unknown, null, null, [], [], p);
    }

    /// <summary>v1alpha1: `portNumber: {protocol, port}`, `portRange: {protocol, start, end}` or (experimental) `namedPort: name`.</summary>
    private AdminPort ReadAnpPort(MappingNode p, string field)
    {
        var pn = _r.Map(p, "portNumber", FieldPath.Join(field, "[].portNumber"));
        if (pn is not null)
        {
            var port = _r.Int(pn, "port", FieldPath.Join(field, "[].portNumber.port"));
            return new AdminPort(_r.String(pn, "protocol", FieldPath.Join(field, "[].portNumber.protocol")) ?? Protocols.Tcp, port, port, null, p);
        }
        var pr = _r.Map(p, "portRange", FieldPath.Join(field, "[].portRange"));
        if (pr is not null)
            return new AdminPort(_r.String(pr, "protocol", FieldPath.Join(field, "[].portRange.protocol")) ?? Protocols.Tcp,
                _r.Int(pr, "start", FieldPath.Join(field, "[].portRange.start")), _r.Int(pr, "end", FieldPath.Join(field, "[].portRange.end")), null, p);
        var named = _r.String(p, "namedPort", FieldPath.Join(field, "[].namedPort"));
        return new AdminPort("", null, null, named, p);
    }

    /// <summary>v1alpha2: `tcp|udp|sctp: {destinationPort: {number} | {range: {start, end}}}` or `destinationNamedPort: name`.</summary>
    private AdminPort ReadCnpPort(MappingNode p, string field)
    {
        foreach (var (key, protocol) in new[] { ("tcp", Protocols.Tcp), ("udp", Protocols.Udp), ("sctp", Protocols.Sctp) })
        {
            var proto = _r.Map(p, key, FieldPath.Join(field, "[].", key));
            if (proto is null) continue;
            var dp = _r.Map(proto, "destinationPort", FieldPath.Join(field, "[].", key + ".destinationPort"));
            if (dp is null) return new AdminPort(protocol, null, null, null, p);   // `tcp: {}`: minProperties=1, rejected
            var n = _r.Int(dp, "number", FieldPath.Join(field, "[].", key + ".destinationPort.number"));
            if (n is not null) return new AdminPort(protocol, n, n, null, p);
            var range = _r.Map(dp, "range", FieldPath.Join(field, "[].", key + ".destinationPort.range"));
            if (range is not null)
                return new AdminPort(protocol, _r.Int(range, "start", FieldPath.Join(field, "[].", key + ".destinationPort.range.start")),
                    _r.Int(range, "end", FieldPath.Join(field, "[].", key + ".destinationPort.range.end")), null, p);
            return new AdminPort(protocol, null, null, null, p);
        }
        var named = _r.String(p, "destinationNamedPort", FieldPath.Join(field, "[].destinationNamedPort"));
        return new AdminPort("", null, null, named, p);
    }
}
