using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Input;

public sealed class UnreadableFile : Rule
{
    public override RuleInfo Info { get; } = new("KNL006", "unreadable-file", Level.Error,
        "A file cannot be read as text: permission denied, binary content, not UTF-8, too large, or a link loop.");

    public override IEnumerable<Finding> Check(AnalysisContext context) =>
        context.Model.LoadProblems.Where(p => p.Kind == LoadProblemKind.Unreadable)
            .Select(p => At(p.Location, p.Message, null));
}
