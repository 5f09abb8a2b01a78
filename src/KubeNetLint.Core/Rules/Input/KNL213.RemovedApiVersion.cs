using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Input;

/// <summary>An object whose apiVersion the configured Kubernetes release no longer serves (error), or
/// serves with a deprecation warning (warning). The facts are in <see cref="ApiVersions"/>. The id is in
/// the Ingress range because the rule began as "deprecated-ingress-api"; ids are never renumbered, but
/// its area is input.</summary>
public sealed class RemovedApiVersion : Rule
{
    public override RuleInfo Info { get; } = new("KNL213", "removed-api-version", Level.Error,
        "An object uses an API version that the configured Kubernetes release no longer serves (error) or has deprecated (warning), such as extensions/v1beta1 Deployments or Ingresses.",
        Area: "input");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var cluster = context.Config.KubernetesVersion;
        foreach (var r in context.Model.Resources)
        {
            var row = ApiVersions.Find(r.ApiVersion, r.Kind);
            if (row is null) continue;
            var status = row.StatusIn(cluster);
            if (status == ApiVersionStatus.Served) continue;
            var finding = At(r.Root["apiVersion"] ?? r.Root, Message(r, row, status, cluster), r);
            yield return status == ApiVersionStatus.Removed ? finding : finding with { Level = Level.Warning };
        }
    }

    internal static string Message(Resource r, RemovedApi row, ApiVersionStatus status, KubernetesVersion cluster)
    {
        var subject = r.Name.Length == 0 ? r.Kind : $"{r.Kind} '{r.Name}'";
        var what = status == ApiVersionStatus.Removed
            ? $"{subject} uses {row.ApiVersion}, which Kubernetes {row.RemovedIn} removed (deprecated since {row.DeprecatedIn}); " +
              $"a {cluster} API server rejects it with \"no matches for kind {r.Kind} in version {row.ApiVersion}\""
            : $"{subject} uses {row.ApiVersion}, deprecated since Kubernetes {row.DeprecatedIn}; {cluster} still serves it, {row.RemovedIn} removes it";
        var m = ApiVersions.MigrationFor(row, cluster);
        string fix = "";
        if (m.ApiVersion is null) fix = m.Changes ?? $"{r.Kind} has no replacement";
        else
        {
            var since = m.Since is not null && m.Since > cluster ? $", served from Kubernetes {m.Since} on," : "";
            fix = $"use {m.ApiVersion}{since} ({m.Changes ?? "the fields are the same"})";
        }
        return $"{what}; {fix}";
    }
}
