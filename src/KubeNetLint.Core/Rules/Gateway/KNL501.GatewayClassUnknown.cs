namespace KubeNetLint.Core.Rules.Gateways;

public sealed class GatewayClassUnknown : Rule
{
    public override RuleInfo Info { get; } = new("KNL501", "gateway-class-unknown", Level.Error,
        "A Gateway names a GatewayClass that is neither in the input nor in the configured cluster classes.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var classes = context.Model.GatewayClasses;
        var configured = context.Config.GatewayClasses;
        // Without any class in the input or config we cannot know the cluster's classes: stay silent.
        if (classes.Count == 0 && configured.Count == 0) yield break;
        var known = classes.Select(c => c.Name).Concat(configured).ToHashSet(StringComparer.Ordinal);
        var list = string.Join(", ", known.Order(StringComparer.Ordinal).Take(8));
        foreach (var gw in context.Model.Gateways)
        {
            var name = gw.ClassName;
            // An empty or null class name is a schema error (KNL514), not the name of a class.
            if (string.IsNullOrEmpty(name) || gw.ClassNode is null || known.Contains(name)) continue;
            yield return At(gw.ClassNode,
                $"Gateway '{gw.Name}' names GatewayClass '{name}', but no GatewayClass of that name is defined (known: {list}), so no controller programs it. If the class exists in the cluster, list it in .kubenetlint.yaml under gatewayClasses",
                gw.Resource);
        }
    }
}
