using System.Reflection;

namespace KubeNetLint.Core.Rules;

/// <summary>Every rule in the assembly, sorted by id. Rules are found by type, so adding a rule is
/// writing its class, doc and fixtures; tests fail when a rule lacks either.</summary>
public static class RuleRegistry
{
    private static readonly Lazy<IReadOnlyList<Rule>> Rules = new(Discover);

    public static IReadOnlyList<Rule> All => Rules.Value;

    public static Rule? Find(string idOrName) =>
        All.FirstOrDefault(r => string.Equals(r.Info.Id, idOrName, StringComparison.OrdinalIgnoreCase) || r.Info.Name == idOrName);

    private static List<Rule> Discover()
    {
        var rules = typeof(Rule).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Rule)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (Rule)Activator.CreateInstance(t)!)
            .OrderBy(r => r.Info.Id, StringComparer.Ordinal)
            .ToList();
        var dup = rules.GroupBy(r => r.Info.Id).FirstOrDefault(g => g.Count() > 1)
                  ?? rules.GroupBy(r => r.Info.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new InvalidOperationException($"two rules share '{dup.Key}'");
        return rules;
    }
}
