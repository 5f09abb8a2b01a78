using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Input;

public sealed class CrLineBreaks : Rule
{
    public override RuleInfo Info { get; } = new("KNL010", "cr-line-breaks", Level.Warning,
        "A file of several documents whose line breaks are lone CRs, which kubectl reads as one document.");

    public override IEnumerable<Finding> Check(AnalysisContext context) =>
        context.Model.LoadProblems.Where(p => p.Kind == LoadProblemKind.CrLineBreaks)
            .Select(p => At(p.Location,
                $"{p.Message}: YAML and editors take CR as a line break, so every document here was checked, but kubectl " +
                "splits documents only at '---' lines ended by LF; to it the file is a single document and `kubectl apply` " +
                "would apply just the first object", null));
}
