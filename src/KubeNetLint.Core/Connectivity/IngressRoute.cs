using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

/// <summary>One way the ingress controller reaches a workload: an Ingress backend, the Service and port it
/// names, and the container port that the Service's targetPort reaches on the workload's pods.</summary>
public sealed record IngressRoute(Ingress Ingress, IngressBackend Backend, Service Service, ServicePort ServicePort, Endpoint Target, int ContainerPort)
{
    public override string ToString() =>
        $"Ingress {Ingress.Namespace}/{Ingress.Name} → Service {Service.Name}:{ServicePort.Name ?? ServicePort.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture)} → {Target.Id} TCP {ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
