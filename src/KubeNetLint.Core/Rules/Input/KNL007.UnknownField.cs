using KubeNetLint.Core.Model.Schema;

namespace KubeNetLint.Core.Rules.Input;

public sealed class UnknownField : Rule
{
    public override RuleInfo Info { get; } = new("KNL007", "unknown-field", Level.Error,
        "A field that the Kubernetes API does not know for that kind (a typo such as `NodePort` or `matadata`); kubectl apply rejects the object.");

    public override IEnumerable<Finding> Check(AnalysisContext context) =>
        KeyScan.Of(context).UnknownKeys.Select(u =>
        {
            var hint = u.Suggestion is null ? "" : $"; did you mean '{u.Suggestion}'?";
            // A custom resource checked against its standard-channel CRD: a cluster running the experimental
            // channel's CRD accepts more fields, so this is only a warning there.
            if (ApiSchema.Shared.CrdChannel(u.Subject.ApiVersion, u.Subject.Kind) == "standard")
                return At(u.Key, $"unknown field '{u.Path}' in {u.Subject.Kind} ({u.Subject.ApiVersion}): the standard-channel CRD does not have it, " +
                                 $"so a cluster running that CRD rejects the object (strict field validation); the experimental channel may accept it{hint}",
                    u.Subject) with { Level = Level.Warning };
            return At(u.Key, $"unknown field '{u.Path}' in {u.Subject.Kind} ({u.Subject.ApiVersion}): " +
                             $"kubectl apply rejects the object (strict field validation){hint}", u.Subject);
        });
}
