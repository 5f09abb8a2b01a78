using KubeNetLint.Core.Connectivity;
using static KubeNetLint.Core.Rules.NetworkPolicy.ConnectivityRules;

namespace KubeNetLint.Core.Rules.NetworkPolicy;

public sealed class PolicyNamedPortUnresolved : Rule
{
    public override RuleInfo Info { get; } = new("KNL303", "policy-named-port-unresolved", Level.Warning,
        "A named port in a policy rule that no workload the rule applies to declares (with that protocol).");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        var analysis = context.Connectivity();
        foreach (var policy in context.Model.NetworkPolicies.Where(analysis.IsApplied))
        {
            var compiled = analysis.Compiled(policy);
            foreach (var rule in compiled.Ingress.Concat(compiled.Egress))
            {
                var ports = rule.Rule.Ports;
                if (ports is null || ports.All(p => p.Port?.IsNamed != true)) continue;
                if (rule.Direction == Direction.Egress && rule.Rule.Peers is null) continue;   // every destination, most outside the input
                // Named ports resolve on the destination: the selected pods for ingress, the peers for egress.
                var targets = (rule.Direction == Direction.Ingress ? analysis.SelectedBy(policy) : analysis.Members(rule.Peers))
                    .Where(e => e.Workload is not null).ToList();
                if (targets.Count == 0) continue;
                foreach (var port in ports.Where(p => p.Port?.IsNamed == true))
                {
                    var name = port.Port!.Name!;
                    if (targets.Any(t => t.Workload!.Template.FindNamedPort(name, port.Protocol) is not null)) continue;
                    var otherProtocol = targets.Select(t => t.Workload!.Template.Ports.FirstOrDefault(p => p.Name == name))
                        .FirstOrDefault(p => p is not null);
                    var why = otherProtocol is null ? "" : $" ('{name}' is declared only as {otherProtocol.Protocol}; the rule says {port.Protocol})";
                    var whose = rule.Direction == Direction.Ingress ? "the workloads this policy selects" : "the workloads this rule's peers select";
                    yield return At(port.Port.Node,
                        $"named port '{name}' ({port.Protocol}) is not declared by any of {whose} ({List(targets.Select(t => t.Id))}){why}, so this entry allows nothing",
                        policy.Resource);
                }
            }
        }
    }
}
