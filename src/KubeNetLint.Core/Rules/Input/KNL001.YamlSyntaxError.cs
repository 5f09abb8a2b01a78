using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Input;

public sealed class YamlSyntaxError : Rule
{
    public override RuleInfo Info { get; } = new("KNL001", "yaml-syntax-error", Level.Error,
        "A file or document does not parse as YAML or JSON.");

    public override IEnumerable<Finding> Check(AnalysisContext context) =>
        context.Model.LoadProblems.Where(p => p.Kind == LoadProblemKind.Syntax)
            .Select(p => At(p.Location, $"{p.Message}; this document is skipped, the rest of the input is still checked", null));
}
