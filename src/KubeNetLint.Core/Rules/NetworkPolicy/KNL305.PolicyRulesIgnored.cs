using static KubeNetLint.Core.Rules.NetworkPolicy.ConnectivityRules;

namespace KubeNetLint.Core.Rules.NetworkPolicy;

public sealed class PolicyRulesIgnored : Rule
{
    public override RuleInfo Info { get; } = new("KNL305", "policy-rules-ignored", Level.Warning,
        "Ingress (egress) rules in a policy whose policyTypes lacks Ingress (Egress): they are ignored.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var policy in context.Model.NetworkPolicies.Where(p => p.PolicyTypesWritten))
        {
            var types = "[" + string.Join(", ", policy.PolicyTypesNode?.Items.OfType<Loading.ScalarNode>().Select(s => s.Value) ?? []) + "]";
            if (!policy.AffectsIngress && policy.IngressRules.Count > 0)
                yield return At(KeyOr(policy.Resource.Spec, "ingress", policy.IngressNode!),
                    $"these ingress rules are ignored: policyTypes {types} does not list Ingress, so {PolicyName(policy)} neither isolates nor allows any ingress",
                    policy.Resource, Related(policy.PolicyTypesNode!, "policyTypes"));
            if (!policy.AffectsEgress && policy.EgressRules.Count > 0)
                yield return At(KeyOr(policy.Resource.Spec, "egress", policy.EgressNode!),
                    $"these egress rules are ignored: policyTypes {types} does not list Egress, so {PolicyName(policy)} neither isolates nor allows any egress",
                    policy.Resource, Related(policy.PolicyTypesNode!, "policyTypes"));
        }
    }
}
