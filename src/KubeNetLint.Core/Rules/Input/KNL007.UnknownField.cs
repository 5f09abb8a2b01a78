namespace KubeNetLint.Core.Rules.Input;

public sealed class UnknownField : Rule
{
    public override RuleInfo Info { get; } = new("KNL007", "unknown-field", Level.Error,
        "A field that the Kubernetes API does not know for that kind (a typo such as `NodePort` or `matadata`); kubectl apply rejects the object.");

    public override IEnumerable<Finding> Check(AnalysisContext context) =>
        KeyScan.Of(context).UnknownKeys.Select(u =>
        {
            var hint = u.Suggestion is null ? "" : $"; did you mean '{u.Suggestion}'?";
            return At(u.Key, $"unknown field '{u.Path}' in {u.Subject.Kind} ({u.Subject.ApiVersion}): " +
                             $"kubectl apply rejects the object (strict field validation){hint}", u.Subject);
        });
}
