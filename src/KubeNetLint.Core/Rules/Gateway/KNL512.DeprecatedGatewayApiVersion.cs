using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Gateways;

/// <summary>The served and deprecated versions of each standard-channel kind in Gateway API v1.6, from the
/// CRDs' `spec.versions` (`served`, `deprecated`). The model reads every version alike, so the object is
/// still checked as if written in the served one.</summary>
public sealed class DeprecatedGatewayApiVersion : Rule
{
    public override RuleInfo Info { get; } = new("KNL512", "deprecated-gateway-api-version", Level.Error,
        "A Gateway API object uses a version the v1.6 standard channel no longer serves (error) or serves as deprecated (warning).");

    /// <summary>Kind → (served versions, the version to use, served versions marked deprecated).</summary>
    private static readonly Dictionary<string, (string[] Served, string Use, string[] Deprecated)> Versions = new(StringComparer.Ordinal)
    {
        ["GatewayClass"] = (["v1", "v1beta1"], "v1", []),
        ["Gateway"] = (["v1", "v1beta1"], "v1", []),
        ["HTTPRoute"] = (["v1", "v1beta1"], "v1", []),
        ["GRPCRoute"] = (["v1"], "v1", []),
        ["ListenerSet"] = (["v1"], "v1", []),
        ["ReferenceGrant"] = (["v1", "v1beta1"], "v1", []),
        ["TCPRoute"] = (["v1"], "v1", []),
        ["UDPRoute"] = (["v1"], "v1", []),
        ["TLSRoute"] = (["v1"], "v1", []),
        ["BackendTLSPolicy"] = (["v1"], "v1", []),
    };

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var r in context.Model.Resources)
        {
            if (r.Group != GatewayApi.Group) continue;
            if (!Versions.TryGetValue(r.Kind, out var v)) continue;
            var version = r.ApiVersion[(r.ApiVersion.IndexOf('/') + 1)..];
            var at = r.Root["apiVersion"] ?? r.Root;
            var subject = $"{r.Kind} '{r.Name}'";
            if (!v.Served.Contains(version))
                yield return At(at,
                    $"{subject} uses {r.ApiVersion}, which the Gateway API v1.6 CRDs do not serve (served: {string.Join(", ", v.Served)}); the API server rejects it with \"no matches for kind {r.Kind} in version {r.ApiVersion}\". Use {GatewayApi.Group}/{v.Use}",
                    r);
            else if (v.Deprecated.Contains(version))
                yield return At(at, $"{subject} uses {r.ApiVersion}, deprecated in Gateway API v1.6; use {GatewayApi.Group}/{v.Use}", r) with { Level = Level.Warning };
        }
    }
}
