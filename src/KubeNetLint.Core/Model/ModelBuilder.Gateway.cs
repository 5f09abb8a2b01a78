using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

/// <summary>The Gateway API kinds (docs/semantics.md §8). Defaults follow the CRD schemas of the
/// standard channel v1.6: parentRef group/kind, backendRef group/kind, allowedRoutes `from: Same`,
/// allowedListeners `from: None`, tls.mode Terminate.</summary>
public sealed partial class ModelBuilder
{
    private GatewayClass ReadGatewayClass(Resource r) =>
        new() { Resource = r, ControllerName = _r.String(r.Spec, "controllerName", "spec.controllerName") };

    private Gateway ReadGateway(Resource r)
    {
        var spec = _r.Map(r.Root, "spec", "spec");
        var allowed = _r.Map(spec, "allowedListeners", "spec.allowedListeners");
        return new Gateway
        {
            Resource = r,
            ClassName = _r.String(spec, "gatewayClassName", "spec.gatewayClassName"),
            ClassNode = spec?["gatewayClassName"] as ScalarNode,
            Listeners = ReadListeners(r, spec, "spec.listeners"),
            AllowedListeners = ReadNamespaceFrom(_r.Map(allowed, "namespaces", "spec.allowedListeners.namespaces"), "None", "spec.allowedListeners.namespaces"),
        };
    }

    private ListenerSet ReadListenerSet(Resource r)
    {
        var spec = _r.Map(r.Root, "spec", "spec");
        var parent = _r.Map(spec, "parentRef", "spec.parentRef");
        return new ListenerSet
        {
            Resource = r,
            ParentRef = parent is null ? null : ReadRef(parent, "spec.parentRef", GatewayApi.Group, "Gateway", r.Namespace),
            Listeners = ReadListeners(r, spec, "spec.listeners"),
        };
    }

    private List<Listener> ReadListeners(Resource owner, MappingNode? spec, string field)
    {
        var list = new List<Listener>();
        foreach (var l in _r.MapItems(_r.Seq(spec, "listeners", field), field))
        {
            var tls = _r.Map(l, "tls", FieldPath.Join(field, "[].tls"));
            var certs = new List<ObjectRef>();
            foreach (var c in _r.MapItems(_r.Seq(tls, "certificateRefs", FieldPath.Join(field, "[].tls.certificateRefs")), FieldPath.Join(field, "[].tls.certificateRefs")))
                certs.Add(ReadRef(c, FieldPath.Join(field, "[].tls.certificateRefs[]"), "", "Secret", owner.Namespace));
            var allowed = _r.Map(l, "allowedRoutes", FieldPath.Join(field, "[].allowedRoutes"));
            var kinds = new List<RouteGroupKind>();
            foreach (var k in _r.MapItems(_r.Seq(allowed, "kinds", FieldPath.Join(field, "[].allowedRoutes.kinds")), FieldPath.Join(field, "[].allowedRoutes.kinds")))
                kinds.Add(new RouteGroupKind(_r.String(k, "group", FieldPath.Join(field, "[].allowedRoutes.kinds[].group")) ?? GatewayApi.Group,
                    _r.String(k, "kind", FieldPath.Join(field, "[].allowedRoutes.kinds[].kind")) ?? "", k));
            list.Add(new Listener
            {
                Name = _r.String(l, "name", FieldPath.Join(field, "[].name")) ?? "",
                Port = _r.Int(l, "port", FieldPath.Join(field, "[].port")),
                Protocol = _r.String(l, "protocol", FieldPath.Join(field, "[].protocol")) ?? "",
                Hostname = NonEmpty(_r.String(l, "hostname", FieldPath.Join(field, "[].hostname"))),
                HostnameNode = l["hostname"] as ScalarNode,
                TlsMode = tls is null ? null : _r.String(tls, "mode", FieldPath.Join(field, "[].tls.mode")) ?? "Terminate",
                TlsNode = tls,
                CertificateRefs = certs,
                AllowedNamespaces = ReadNamespaceFrom(_r.Map(allowed, "namespaces", FieldPath.Join(field, "[].allowedRoutes.namespaces")), "Same",
                    FieldPath.Join(field, "[].allowedRoutes.namespaces")),
                AllowedKinds = kinds,
                Node = l,
                Owner = owner,
            });
        }
        return list;
    }

    private NamespaceFrom ReadNamespaceFrom(MappingNode? node, string defaultFrom, string field)
    {
        var from = _r.String(node, "from", FieldPath.Join(field, ".from")) ?? defaultFrom;
        var sel = _r.Map(node, "selector", FieldPath.Join(field, ".selector"));
        return new NamespaceFrom(from, sel is null ? null : LabelSelector.Read(_r, sel, FieldPath.Join(field, ".selector")), (Node?)node?["from"] ?? node);
    }

    private ObjectRef ReadRef(MappingNode m, string field, string defaultGroup, string defaultKind, string? defaultNamespace) => new(
        _r.String(m, "group", FieldPath.Join(field, ".group")) ?? defaultGroup,
        _r.String(m, "kind", FieldPath.Join(field, ".kind")) ?? defaultKind,
        NonEmpty(_r.String(m, "namespace", FieldPath.Join(field, ".namespace"))) ?? defaultNamespace,
        _r.String(m, "name", FieldPath.Join(field, ".name"), strict: false) ?? "",
        m);

    private Route ReadRoute(Resource r)
    {
        var spec = _r.Map(r.Root, "spec", "spec");
        var parents = new List<ParentRef>();
        foreach (var p in _r.MapItems(_r.Seq(spec, "parentRefs", "spec.parentRefs"), "spec.parentRefs"))
            parents.Add(new ParentRef(ReadRef(p, "spec.parentRefs[]", GatewayApi.Group, "Gateway", r.Namespace),
                _r.String(p, "sectionName", "spec.parentRefs[].sectionName"), _r.Int(p, "port", "spec.parentRefs[].port")));
        var hosts = new List<(string, ScalarNode)>();
        if (_r.Seq(spec, "hostnames", "spec.hostnames") is { } hostSeq)
            foreach (var h in hostSeq.Items)
                if (h is ScalarNode { IsNull: false } hs && hs.Resolved.Kind == JsonScalarKind.String) hosts.Add((hs.Value, hs));
                else if (!(h is ScalarNode { IsNull: true })) _typeErrors.Add(new FieldTypeError(h, "spec.hostnames[]", "a string"));
        var rules = new List<RouteRule>();
        foreach (var rule in _r.MapItems(_r.Seq(spec, "rules", "spec.rules"), "spec.rules"))
        {
            var matches = _r.MapItems(_r.Seq(rule, "matches", "spec.rules[].matches"), "spec.rules[].matches").ToList();
            var backends = new List<BackendRef>();
            foreach (var b in _r.MapItems(_r.Seq(rule, "backendRefs", "spec.rules[].backendRefs"), "spec.rules[].backendRefs"))
                backends.Add(new BackendRef(ReadRef(b, "spec.rules[].backendRefs[]", "", "Service", r.Namespace),
                    _r.Int(b, "port", "spec.rules[].backendRefs[].port"), _r.Int(b, "weight", "spec.rules[].backendRefs[].weight"))
                { Filters = ReadFilters(r, b, "spec.rules[].backendRefs[].filters") });
            rules.Add(new RouteRule(matches, backends, rule) { Filters = ReadFilters(r, rule, "spec.rules[].filters") });
        }
        return new Route { Resource = r, ParentRefs = parents, Hostnames = hosts, Rules = rules };
    }

    /// <summary>`filters` of a route rule or backendRef; a RequestMirror's `backendRef` is read like a backendRef.</summary>
    private List<RouteFilter> ReadFilters(Resource r, MappingNode? owner, string field)
    {
        var list = new List<RouteFilter>();
        foreach (var f in _r.MapItems(_r.Seq(owner, "filters", field), field))
        {
            var mirror = _r.Map(f, "requestMirror", FieldPath.Join(field, "[].requestMirror"));
            var target = _r.Map(mirror, "backendRef", FieldPath.Join(field, "[].requestMirror.backendRef"));
            var backend = target is null ? null
                : new BackendRef(ReadRef(target, FieldPath.Join(field, "[].requestMirror.backendRef"), "", "Service", r.Namespace),
                    _r.Int(target, "port", FieldPath.Join(field, "[].requestMirror.backendRef.port")), null);
            list.Add(new RouteFilter(_r.String(f, "type", FieldPath.Join(field, "[].type")), f, backend));
        }
        return list;
    }

    private ReferenceGrant ReadReferenceGrant(Resource r)
    {
        var spec = _r.Map(r.Root, "spec", "spec");
        var from = _r.MapItems(_r.Seq(spec, "from", "spec.from"), "spec.from")
            .Select(f => new ReferenceGrantFrom(_r.String(f, "group", "spec.from[].group") ?? "", _r.String(f, "kind", "spec.from[].kind") ?? "",
                _r.String(f, "namespace", "spec.from[].namespace") ?? "")).ToList();
        var to = _r.MapItems(_r.Seq(spec, "to", "spec.to"), "spec.to")
            .Select(t => new ReferenceGrantTo(_r.String(t, "group", "spec.to[].group") ?? "", _r.String(t, "kind", "spec.to[].kind") ?? "",
                _r.String(t, "name", "spec.to[].name"))).ToList();
        return new ReferenceGrant { Resource = r, From = from, To = to };
    }

    private BackendTlsPolicy ReadBackendTlsPolicy(Resource r)
    {
        var spec = _r.Map(r.Root, "spec", "spec");
        var targets = _r.MapItems(_r.Seq(spec, "targetRefs", "spec.targetRefs"), "spec.targetRefs")
            .Select(t => new PolicyTargetRef(_r.String(t, "group", "spec.targetRefs[].group") ?? "", _r.String(t, "kind", "spec.targetRefs[].kind") ?? "",
                _r.String(t, "name", "spec.targetRefs[].name", strict: false) ?? "",
                NonEmpty(_r.String(t, "sectionName", "spec.targetRefs[].sectionName")), t)).ToList();
        var validation = _r.Map(spec, "validation", "spec.validation");
        var cas = _r.MapItems(_r.Seq(validation, "caCertificateRefs", "spec.validation.caCertificateRefs"), "spec.validation.caCertificateRefs")
            .Select(c => ReadRef(c, "spec.validation.caCertificateRefs[]", "", "", r.Namespace)).ToList();
        return new BackendTlsPolicy
        {
            Resource = r,
            TargetRefs = targets,
            Validation = validation,
            CaCertificateRefs = cas,
            WellKnownCaCertificates = NonEmpty(_r.String(validation, "wellKnownCACertificates", "spec.validation.wellKnownCACertificates")),
            Hostname = _r.String(validation, "hostname", "spec.validation.hostname"),
        };
    }

    /// <summary>A string field's text, or null when it is absent or empty (an empty value means "not set").</summary>
    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
