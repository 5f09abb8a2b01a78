using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Dependencies;

/// <summary>How the dependency rules (KNL120–KNL122) name where an address was found.</summary>
internal static class DependencyText
{
    public static string Describe(Workload w) => $"{w.Kind} '{w.Name}'";

    /// <summary>"env var 'DB_URL' of container 'api'", "key 'DB_URL' of ConfigMap 'cfg' (read by container 'api' through envFrom)".</summary>
    public static string Where(DeclaredDependency d) => d.Source switch
    {
        AddressSource.ConfigMap => $"ConfigMap '{d.ConfigMap!.Name}', read by container '{d.Container.Name}' as env var '{d.Variable}'",
        AddressSource.Env => $"env var '{d.Variable}' of container '{d.Container.Name}'{Expanded(d)}",
        AddressSource.Command => $"the command of container '{d.Container.Name}'{Expanded(d)}",
        _ => $"the args of container '{d.Container.Name}'{Expanded(d)}",
    };

    private static string Expanded(DeclaredDependency d) => d.Expanded ? " after $(VAR) expansion" : "";

    /// <summary>The callers of one finding, "Deployment 'a'" or "Deployment 'a', Job 'b'".</summary>
    public static string Callers(IEnumerable<DeclaredDependency> group) =>
        Wire(group.Select(d => Describe(d.Caller)).Distinct(StringComparer.Ordinal));

    private static string Wire(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count <= 3 ? string.Join(", ", all) : string.Join(", ", all.Take(3)) + $" and {all.Count - 3} more";
    }

    /// <summary>For a value read from a ConfigMap: where the container reads it.</summary>
    public static RelatedLocation[] Via(IEnumerable<DeclaredDependency> group) =>
        [.. group.Where(d => d.Via is not null).GroupBy(d => d.Via!, ReferenceEqualityComparer.Instance)
            .Select(g => g.First())
            .Select(d => new RelatedLocation(d.Via!.Location,
                $"{Describe(d.Caller)} reads it here (container '{d.Container.Name}', {(d.Via!["configMapRef"] is not null ? "envFrom" : "configMapKeyRef")})."))];

    /// <summary>The Service name of the namespace closest to a missing one (at most two edits away), for "did you mean".</summary>
    public static string? Closest(IEnumerable<string> names, string missing) =>
        names.Select(n => (Name: n, Distance: EditDistance(n, missing))).Where(x => x.Distance is > 0 and <= 2)
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal).Select(x => x.Name).FirstOrDefault();

    private static int EditDistance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) row[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
