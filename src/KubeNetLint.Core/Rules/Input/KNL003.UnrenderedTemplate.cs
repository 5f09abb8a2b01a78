using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Input;

public sealed class UnrenderedTemplate : Rule
{
    public override RuleInfo Info { get; } = new("KNL003", "unrendered-template", Level.Error,
        "Helm/Go template syntax ({{ … }}) in a manifest that was not rendered.");

    public override IEnumerable<Finding> Check(AnalysisContext context) =>
        context.Model.LoadProblems.Where(p => p.Kind == LoadProblemKind.Template)
            .Select(p => At(p.Location, $"{p.Message}; render it first, e.g. `helm template RELEASE CHART | kubenetlint check -`", null));
}
