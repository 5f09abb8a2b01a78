using static KubeNetLint.Core.Rules.AdminPolicy.AdminPolicyRules;

namespace KubeNetLint.Core.Rules.AdminPolicy;

public sealed class AdminPolicySubjectSelectsNothing : Rule
{
    public override RuleInfo Info { get; } = new("KNL320", "admin-policy-subject-selects-nothing", Level.Warning,
        "An admin-tier policy (ANP, BANP, ClusterNetworkPolicy) whose subject selects no workload in the input.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        foreach (var policy in context.Model.AdminPolicies)
        {
            var subject = policy.Subject;
            if (!analysis.IsApplied(policy) || subject is null) continue;
            // Every pod of every namespace (`namespaces: {}`) is a cluster-wide default meant for pods to come.
            if ((subject.NamespaceSelector?.IsEmpty ?? true) && (subject.PodSelector?.IsEmpty ?? true)) continue;
            if (analysis.SubjectsOf(policy).Count > 0) continue;
            var what = subject.Kind == Model.AdminPeerKind.Namespaces
                ? $"namespaces {subject.NamespaceSelector}"
                : $"pods {subject.PodSelector} in namespaces {subject.NamespaceSelector}";
            yield return At(SubjectNode(policy),
                $"the subject of {Name(policy)} ({what}) selects no workload in the input, so its rules apply to nothing", policy.Resource);
        }
    }
}
