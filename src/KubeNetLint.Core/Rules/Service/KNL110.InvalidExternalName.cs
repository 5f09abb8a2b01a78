namespace KubeNetLint.Core.Rules.Services;

public sealed class InvalidExternalName : Rule
{
    public override RuleInfo Info { get; } = new("KNL110", "invalid-external-name", Level.Error,
        "An ExternalName Service has no valid DNS name, or carries a selector or ports that nothing uses.");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var service in context.Model.Services)
        {
            if (!service.IsExternalName) continue;
            // The API server accepts a trailing dot (a fully qualified name).
            var name = service.ExternalName?.TrimEnd('.');
            if (string.IsNullOrEmpty(name) || service.ExternalNameNode is null)
            {
                yield return At(service.ExternalNameNode ?? service.TypeNode ?? (Loading.Node?)service.Spec ?? service.Resource.Root,
                    $"{Wiring.Describe(service)} has type ExternalName but no spec.externalName; the API server rejects it",
                    service.Resource);
            }
            else if (KubernetesNames.IsIpAddress(name))
            {
                // A dotted IPv4 address passes ValidateDNS1123Subdomain (labels may be all digits); an IPv6 one does not.
                var accepted = KubernetesNames.Dns1123SubdomainProblem(name) is null
                    ? "cluster DNS answers an ExternalName with a CNAME record, which cannot point at an IP"
                    : "the API server rejects it (externalName must be a DNS-1123 subdomain), and a CNAME record cannot point at an IP anyway";
                yield return At(service.ExternalNameNode,
                    $"externalName '{name}' is an IP address; {accepted}. " +
                    "Use a Service without a selector and an EndpointSlice with that address instead",
                    service.Resource);
            }
            else if (KubernetesNames.Dns1123SubdomainProblem(name) is not null)
            {
                yield return At(service.ExternalNameNode, $"externalName '{name}' is not a valid DNS name: {KubernetesNames.Dns1123SubdomainProblem(name)}", service.Resource);
            }

            var selector = service.SelectorNode;
            if (selector is not null && selector.Count > 0)
                yield return At(selector, $"{Wiring.Describe(service)} is of type ExternalName, so its selector is ignored", service.Resource)
                    with { Level = Level.Warning };
            // Ports on an ExternalName Service change nothing in DNS, but Ingress controllers read them
            // to reach the external name, so they are only suspicious when no Ingress routes here.
            var ports = service.PortsNode;
            if (ports is not null && ports.Items.Count > 0 && !RoutedByIngress(context, service))
                yield return At(ports,
                    $"{Wiring.Describe(service)} is of type ExternalName: DNS answers with a CNAME and clients connect to the external host " +
                    "on whatever port they choose, so these ports are not used for routing",
                    service.Resource) with { Level = Level.Warning };
        }
    }

    private static bool RoutedByIngress(AnalysisContext context, Model.Service service) =>
        context.Model.Ingresses.Any(i => i.Resource.Namespace == service.Namespace &&
            i.Rules.SelectMany(r => r.Paths).Select(p => p.Backend).Append(i.DefaultBackend)
                .Any(b => b is not null && b.ServiceName == service.Name));
}
