using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules.Workloads;

public sealed class DuplicateContainerPort : Rule
{
    public override RuleInfo Info { get; } = new("KNL402", "duplicate-container-port", Level.Error,
        "A pod declares the same containerPort and protocol, or the same port name, twice.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var w in context.Model.Workloads)
        {
            if (w.IsOperatorManaged) continue;
            // Containers that run together share the pod's network namespace; an init container that
            // finishes before the others start is a world of its own.
            var groups = w.Template.Containers.Where(c => !c.ServesTraffic).Select(c => new[] { c })
                .Prepend([.. w.Template.Containers.Where(c => c.ServesTraffic)]);
            foreach (var group in groups)
                foreach (var finding in CheckGroup(w, group))
                    yield return finding;
        }
    }

    private IEnumerable<Finding> CheckGroup(Workload w, IReadOnlyList<Container> containers)
    {
        var names = new Dictionary<string, (Container, ContainerPort)>(StringComparer.Ordinal);
        var numbers = new Dictionary<(int, string), (Container, ContainerPort)>();
        foreach (var container in containers)
        {
            foreach (var port in container.Ports)
            {
                var name = port.Name;
                var nameNode = port.NameNode;
                var numberNode = port.NumberNode;
                int number = port.Number ?? 0;
                if (!string.IsNullOrEmpty(name) && nameNode is not null && !names.TryAdd(name, (container, port)))
                {
                    var (firstContainer, first) = names[name];
                    yield return At(nameNode,
                        $"port name '{name}' is already used {Where(firstContainer, container)} of {Wiring.Describe(w)}; " +
                        "Services and probes that refer to it by name resolve to the first one",
                        w.Resource, Related(first.NameNode ?? (Loading.Node)first.Node, $"first port named '{name}'"));
                }
                else if (port.Number is not null && numberNode is not null && !numbers.TryAdd((number, port.Protocol), (container, port)))
                {
                    var (firstContainer, first) = numbers[(number, port.Protocol)];
                    yield return At(numberNode,
                        $"containerPort {number}/{port.Protocol} is already declared {Where(firstContainer, container)} of {Wiring.Describe(w)}; " +
                        "containers of a pod share one network namespace, so only one can listen there",
                        w.Resource, Related(first.NumberNode ?? (Loading.Node)first.Node, $"first declaration of {number}/{port.Protocol}"));
                }
            }
        }
    }

    private static string Where(Container first, Container again) =>
        ReferenceEquals(first, again) ? $"in container '{again.Name}'" : $"by container '{first.Name}'";
}
