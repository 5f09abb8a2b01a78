namespace KubeNetLint.Core.Rules.Input;

public sealed class DuplicateObject : Rule
{
    public override RuleInfo Info { get; } = new("KNL004", "duplicate-object", Level.Error,
        "The same object (API group, kind, namespace and name) is defined more than once.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var group in context.Model.Resources.Where(r => r.Name.Length > 0 && !r.Name.EndsWith('*'))
                     .GroupBy(r => r.Identity, StringComparer.Ordinal))
        {
            var first = group.First();
            foreach (var again in group.Skip(1))
            {
                var where = again.File == first.File ? $"line {first.Location.Line}" : $"{first.File.Path}:{first.Location.Line}";
                yield return At(again.Location,
                    $"{again.Kind} '{again.Name}'{InNamespace(again)} is already defined at {where}; applying both keeps only the last one",
                    again, Related(first.Location, $"first definition of {first.Kind} '{first.Name}'"));
            }
        }
    }

    private static string InNamespace(Model.Resource r) => r.Namespace is null ? "" : $" in namespace '{r.Namespace}'";
}
