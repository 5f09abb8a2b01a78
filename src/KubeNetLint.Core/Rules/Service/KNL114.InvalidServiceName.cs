namespace KubeNetLint.Core.Rules.Services;

public sealed class InvalidServiceName : Rule
{
    public override RuleInfo Info { get; } = new("KNL114", "invalid-service-name", Level.Error,
        "A Service name is not a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, at most 63 characters).");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var service in context.Model.Services)
        {
            // generateName prefixes (name "web-*" in the model) get a random suffix; an empty name gets the API
            // server's "name or generateName is required", not a DNS-label message.
            var node = service.Resource.NameNode;
            if (node is null || service.Name.Length == 0 || service.Name.EndsWith('*')) continue;
            var problem = KubernetesNames.Dns1035LabelProblem(service.Name);
            if (problem is null) continue;
            yield return At(node,
                $"Service name '{service.Name}' is not valid: {problem}. The name becomes a DNS label (NAME.NAMESPACE.svc) " +
                "and the API server rejects it",
                service.Resource);
        }
    }
}
