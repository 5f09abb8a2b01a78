namespace KubeNetLint.Core.Rules.Input;

public sealed class InvalidFieldType : Rule
{
    public override RuleInfo Info { get; } = new("KNL005", "invalid-field-type", Level.Error,
        "A field has the wrong type for the Kubernetes API (a list where a mapping belongs, text where a number belongs).");

    public override IEnumerable<Finding> Check(AnalysisContext context) =>
        context.Model.TypeErrors.Select(e => At(e.Node, e.Fix is not null ? $"{e.Message}; the API server rejects this object; {e.Fix}" : $"{e.Message}; the API server rejects this object", e.Subject));
}
