using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Input;

public sealed class YamlDirective : Rule
{
    public override RuleInfo Info { get; } = new("KNL009", "yaml-directive", Level.Warning,
        "A YAML directive (%YAML, %TAG) that kubectl's document splitter cuts off from its document.");

    public override IEnumerable<Finding> Check(AnalysisContext context) =>
        context.Model.LoadProblems.Where(p => p.Kind == LoadProblemKind.Directive)
            .Select(p => At(p.Location,
                "YAML directive: kubectl splits files at '---' lines, so this directive becomes a document of its own, " +
                "which does not parse without the document it belongs to; `kubectl apply -f` stops reading the file there " +
                "(its objects were still checked here)", null));
}
