namespace KubeNetLint.Core.Rules.Workloads;

public sealed class InvalidContainerPortName : Rule
{
    public override RuleInfo Info { get; } = new("KNL403", "invalid-container-port-name", Level.Error,
        "A containerPort name is not a valid IANA service name (at most 15 lowercase letters, digits and '-', with a letter).");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var w in context.Model.Workloads.Where(w => !w.IsOperatorManaged))
            foreach (var container in w.Template.Containers)
                foreach (var port in container.Ports)
                {
                    var name = port.Name;
                    var node = port.NameNode;
                    if (string.IsNullOrEmpty(name) || node is null) continue;
                    var problem = KubernetesNames.IanaServiceNameProblem(name);
                    if (problem is null) continue;
                    yield return At(node,
                        $"port name '{name}' of container '{container.Name}' in {Wiring.Describe(w)} is not valid: {problem}; " +
                        "the API server rejects it",
                        w.Resource);
                }
    }
}
