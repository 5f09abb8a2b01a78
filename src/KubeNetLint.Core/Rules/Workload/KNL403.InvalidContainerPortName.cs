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
                    if (port.Name is not { Length: > 0 } name || port.NameNode is not { } node) continue;
                    if (KubernetesNames.IanaServiceNameProblem(name) is not { } problem) continue;
                    yield return At(node,
                        $"port name '{name}' of container '{container.Name}' in {Wiring.Describe(w)} is not valid: {problem}; " +
                        "the API server rejects it",
                        w.Resource);
                }
    }
}
