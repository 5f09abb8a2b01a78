using KubeNetLint.Core.Graph;
using static KubeNetLint.Core.Rules.Dependencies.DependencyText;

namespace KubeNetLint.Core.Rules.Dependencies;

public sealed class DependencyServiceMissing : Rule
{
    public override RuleInfo Info { get; } = new("KNL120", "dependency-service-missing", Level.Warning,
        "A container is configured with a cluster address (env, ConfigMap it reads, args) whose namespace is in the input but has no such Service; a note for an unqualified name.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var graph = context.Graph;
        var missing = graph.Dependencies.All.Where(d => d.Status == DependencyStatus.ServiceMissing || d.Status == DependencyStatus.UnqualifiedServiceMissing);
        foreach (var group in missing.GroupBy(d => (d.Location, d.Host, d.Status)))
        {
            var d = group.First();
            var names = graph.ServicesIn(d.Namespace).Select(s => s.Name).Distinct(StringComparer.Ordinal);
            var close = Closest(names, d.ServiceName);
            var hint = close is null ? "" : $" (did you mean '{close}'?)";
            if (d.Status == DependencyStatus.ServiceMissing)
                yield return At(d.Location,
                    $"'{d.Target}' in {Where(d)} names Service '{d.ServiceName}' of namespace '{d.Namespace}', which has no such Service in the input{hint}: " +
                    $"DNS does not resolve it, so {Callers(group)} cannot connect",
                    d.Caller.Resource, Via(group));
            else
                yield return At(d.Location,
                    $"'{d.Target}' in {Where(d)} is not a Service of namespace '{d.Namespace}' in the input{hint}; unless something outside the input " +
                    $"creates it, or the name is resolved outside the cluster, {Callers(group)} cannot connect",
                    d.Caller.Resource, Via(group)) with { Level = Level.Note };
        }
    }
}
