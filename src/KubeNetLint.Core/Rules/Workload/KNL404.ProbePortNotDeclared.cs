namespace KubeNetLint.Core.Rules.Workloads;

public sealed class ProbePortNotDeclared : Rule
{
    public override RuleInfo Info { get; } = new("KNL404", "probe-port-not-declared", Level.Error,
        "A liveness, readiness or startup probe names a port its container does not have (error), or uses a number no container declares (note).");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var w in context.Model.Workloads.Where(w => !w.IsOperatorManaged))
        {
            var serving = w.Template.Containers.Where(c => c.ServesTraffic).ToList();
            bool podDeclaresPorts = serving.Any(c => c.Ports.Count > 0);
            foreach (var container in serving)
            {
                foreach (var probe in container.Probes)
                {
                    var name = probe.Port.Name;
                    int number = probe.Port.Number ?? 0;
                    if (name is not null)
                    {
                        // The kubelet resolves a named probe port in the probed container only.
                        if (container.Ports.Any(p => p.Name == name)) continue;
                        var elsewhere = serving.FirstOrDefault(c => c.Ports.Any(p => p.Name == name));
                        var hint = elsewhere is not null ? $" (container '{elsewhere.Name}' has it, but a probe only looks in its own container)" : "";
                        yield return At(probe.Port.Node,
                            $"{probe.Kind} port '{name}' names no port of container '{container.Name}' in {Wiring.Describe(w)}{hint}; the probe always fails",
                            w.Resource);
                    }
                    else if (KubernetesNames.IsValidPortNumber(number) && podDeclaresPorts &&
                             !serving.Any(c => c.Ports.Any(p => p.Number == number)))
                    {
                        // Like a numeric targetPort: the kubelet probes the number whether declared or not, and
                        // health ports are often left undeclared (ingress-nginx's 10254), so only a note; none at
                        // all when the pod declares no ports (many images don't).
                        yield return At(probe.Port.Node,
                            $"{probe.Kind} port {number} is not declared by any container of {Wiring.Describe(w)} (it declares {Wiring.PortList(w)}); " +
                            "the kubelet probes it anyway, so this is fine if the app listens there (a separate health port); declaring it documents it",
                            w.Resource) with { Level = Level.Note };
                    }
                }
            }
        }
    }
}
