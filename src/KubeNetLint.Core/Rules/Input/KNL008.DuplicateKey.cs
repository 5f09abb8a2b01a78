namespace KubeNetLint.Core.Rules.Input;

public sealed class DuplicateKey : Rule
{
    public override RuleInfo Info { get; } = new("KNL008", "duplicate-key", Level.Warning,
        "A mapping key is written twice in the same mapping; kubectl keeps the last value and silently drops the earlier one.");

    public override IEnumerable<Finding> Check(AnalysisContext context) =>
        KeyScan.Of(context).DuplicateKeys.Select(d =>
            At(d.Key, $"duplicate key '{d.Path}': this value is ignored, because the key is given again at line {d.Winner.Location.Line} " +
                      "and kubectl keeps the last value", d.Subject,
                Related(d.Winner, $"the later '{d.Key.Value}', whose value is used")));
}
