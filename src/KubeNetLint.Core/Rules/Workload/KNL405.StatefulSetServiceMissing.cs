namespace KubeNetLint.Core.Rules.Workloads;

public sealed class StatefulSetServiceMissing : Rule
{
    public override RuleInfo Info { get; } = new("KNL405", "statefulset-service-missing", Level.Warning,
        "A StatefulSet's serviceName names no Service that selects its pods.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var w in context.Model.Workloads)
        {
            var node = w.ServiceNameNode;
            if (w.Kind != "StatefulSet" || node is null || node.Value.Length == 0 || node.IsNull) continue;
            var name = node.Value;
            var service = context.Graph.FindService(w.Namespace, name);
            if (service is null)
            {
                yield return At(node,
                    $"serviceName '{name}' names no Service in {Wiring.InNamespace(w.Namespace)}; the governing (usually headless) Service " +
                    $"gives the pods of {Wiring.Describe(w)} their DNS names ({w.Name}-0.{name}), and without it they get none",
                    w.Resource);
            }
            else if (!context.Graph.SelectedBy(service).Contains(w))
            {
                var why = service.Selector is null ? "has no selector" : $"selects {service.Selector}, which does not match them";
                yield return At(node,
                    $"serviceName '{name}' names {Wiring.Describe(service)}, but it {why}; the pods of {Wiring.Describe(w)} " +
                    $"get no DNS names ({w.Name}-0.{name})",
                    w.Resource, 
                    Related((Loading.Node?)service.SelectorNode ?? service.Resource.NameNode ?? (Loading.Node)service.Resource.Root,
                        service.Selector is null ? $"{Wiring.Describe(service)}, without a selector" : $"selector of {Wiring.Describe(service)}"));
            }
        }
    }
}
