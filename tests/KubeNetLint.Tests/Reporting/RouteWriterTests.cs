using System.Text.Json;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Reporting;

/// <summary>`routes`: which workloads are not checked (ExternalName, no selector), backend ok in JSON, no routes.</summary>
public sealed class RouteWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("knl-routew").FullName;
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private const string Input = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}
        ---
        # An ExternalName Service with a selector: the selector is not used, so its pods are not checked.
        apiVersion: v1
        kind: Service
        metadata: {name: ext, namespace: shop}
        spec:
          type: ExternalName
          externalName: example.com
          selector: {app: web}
          ports: [{port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: bare, namespace: shop}
        spec:
          ports: [{port: 80}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: ing, namespace: shop}
        spec:
          ingressClassName: nginx
          rules:
          - host: a.example.com
            http:
              paths:
              - {path: /ext, pathType: Prefix, backend: {service: {name: ext, port: {number: 80}}}}
              - {path: /bare, pathType: Prefix, backend: {service: {name: bare, port: {number: 80}}}}
              - {path: /gone, pathType: Prefix, backend: {service: {name: gone, port: {number: 80}}}}

        """;

    private string Write(string text)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ExternalName_and_selectorless_services_leave_their_workloads_unchecked()
    {
        Assert.Equal("""
            a.example.com
              Prefix /ext
                frontend  Ingress shop/Ingress/ing [ok]
                backend   Service shop/ext:80 [ok]
                workloads shop/Deployment/web:80 [not checked]
              Prefix /bare
                frontend  Ingress shop/Ingress/ing [ok]
                backend   Service shop/bare:80 [ok]
                workloads - [not checked]
              Prefix /gone
                frontend  Ingress shop/Ingress/ing [ok]
                backend   Service shop/gone:80 [service missing]
                workloads - [-]

            """, CliRunner.Run("routes", Write(Input)).Stdout);
    }

    [Fact]
    public void Json_says_whether_each_backend_is_ok()
    {
        var routes = JsonDocument.Parse(CliRunner.Run("routes", Write(Input), "-f", "json").Stdout).RootElement.GetProperty("routes").EnumerateArray()
            .Select(r => $"{r.GetProperty("backend").GetProperty("name").GetString()} {r.GetProperty("backend").GetProperty("ok").GetBoolean()} {r.GetProperty("workloadsStatus").GetString()}");
        Assert.Equal(["ext True not checked", "bare True not checked", "gone False -"], routes);
    }

    [Fact]
    public void No_routes_is_said()
    {
        Assert.Equal("No routes (Ingress or Gateway API) in the input.\n",
            CliRunner.Run("routes", Write(Input.Split("---")[0])).Stdout);
    }
}
