namespace KubeNetLint.Tests.Rules.Ingresses;

/// <summary>Manifest snippets the Ingress rule tests share.</summary>
internal static class IngressYaml
{
    /// <summary>Service web:80 without selector, backed by Endpoints: a valid backend needing no workload.</summary>
    public const string WebService = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          ports:
            - port: 80
        ---
        apiVersion: v1
        kind: Endpoints
        metadata:
          name: web
        subsets:
          - addresses: [{ip: 10.0.0.7}]
            ports: [{port: 80}]
        """;

    /// <summary>An Ingress whose default backend is web:80, with more spec fields (YAML lines at column 0,
    /// indented by this method) and annotations (a flow mapping body).</summary>
    public static string DefaultBackendIngress(string name, string spec = "", string annotations = "") => $$"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: {{name}}
          annotations: {{{annotations}}}
        spec:
        {{string.Concat(spec.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l + "\n"))}}  defaultBackend:
            service:
              name: web
              port:
                number: 80
        """;
}
