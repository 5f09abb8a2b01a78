namespace KubeNetLint.Core.Rules.Input;

public sealed class NotAKubernetesObject : Rule
{
    public override RuleInfo Info { get; } = new("KNL002", "not-a-kubernetes-object", Level.Note,
        "A document has no apiVersion or kind (a values file, a kustomization without its header, …).");

    public override IEnumerable<Finding> Check(AnalysisContext context) =>
        context.Model.NonObjects.Select(d => At(d.Root.Location with { Span = Loading.SourceSpan.At(d.Root.Span.StartLine, d.Root.Span.StartColumn) }, d.Reason, null));
}
