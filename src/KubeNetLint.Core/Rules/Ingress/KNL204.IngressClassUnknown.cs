using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Ingresses;

using KubeNetLint.Core.Model;

public sealed class IngressClassUnknown : Rule
{
    public override RuleInfo Info { get; } = new("KNL204", "ingress-class-unknown", Level.Warning,
        "An Ingress names an IngressClass that is neither in the input nor in the configured cluster classes, or several IngressClasses are marked default.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var classes = context.Model.IngressClasses;
        var configured = context.Config.IngressClasses;
        // Without any class in the input or config we cannot know the cluster's classes: stay silent.
        if (classes.Count > 0 || configured.Count > 0)
        {
            var known = classes.Select(c => c.Name).Concat(configured).ToHashSet(StringComparer.Ordinal);
            var list = string.Join(", ", known.Order(StringComparer.Ordinal).Take(8));
            foreach (var ing in context.Model.Ingresses)
            {
                var name = ing.ClassName;
                if (name is null || ing.ClassNode is null || known.Contains(name)) continue;
                var message = IsSpecField(ing)
                    ? $"Ingress '{ing.Name}' names IngressClass '{name}' in ingressClassName, but no IngressClass of that name is defined (known: {list}), so no controller serves it"
                    : $"Ingress '{ing.Name}' names class '{name}' in the kubernetes.io/ingress.class annotation, but no IngressClass of that name is defined (known: {list}), so only a controller started with that class name serves it; prefer ingressClassName";
                yield return At(ing.ClassNode, message + ". If the class exists in the cluster, list it in .kubenetlint.yaml under ingressClasses", ing.Resource);
            }
        }

        // The admission plugin refuses to default an Ingress when more than one class is marked default.
        var defaults = classes.Where(c => c.IsDefault).GroupBy(c => c.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        foreach (var extra in defaults.Skip(1))
        {
            var first = defaults[0];
            // IsDefault read this annotation, so its node is there; the document is only the compiler's fallback.
            var at = (extra.Resource.Metadata?["annotations"] as MappingNode)?[IngressClass.DefaultAnnotation] ?? extra.Resource.Root;
            yield return At(at,
                $"IngressClass '{extra.Name}' is marked default, and so is '{first.Name}'; with several default classes the API server rejects new Ingresses that name no class. Keep {IngressClass.DefaultAnnotation}: \"true\" on one class only",
                extra.Resource, Related(first.Resource.Location, $"IngressClass '{first.Name}' is also marked default")) with { Level = Level.Error };
        }
    }

    private static bool IsSpecField(Ingress ing) => ing.Resource.Spec?["ingressClassName"] is ScalarNode { IsNull: false };
}
