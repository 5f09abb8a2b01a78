using KubeNetLint.Core.Graph;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules;

/// <summary>Issue 15 items 5 and 6: which values are addresses (docs/semantics.md §10), where they point, how
/// they resolve, and the API the resource graph exposes for them.</summary>
public sealed class DeclaredDependencyTests
{
    private static string Found(string text, bool hostVariable = false) =>
        string.Join(" ", AddressScanner.Scan(text, hostVariable).Select(c => $"{c.Host}:{c.Port?.ToString() ?? "-"}/{c.Position}"));

    [Theory]
    [InlineData("redis:6379", false, "redis:6379/Text")]
    [InlineData("redis", true, "redis:-/HostVariable")]
    [InlineData("redis", false, "")]
    [InlineData("db.prod", false, "db.prod:-/Text")]
    [InlineData("db.prod.svc.cluster.local:5432", false, "db.prod.svc.cluster.local:5432/Text")]
    [InlineData("http://web/", false, "web:80/Url")]
    [InlineData("https://web.shop.svc:8443/x?y=1", false, "web.shop.svc:8443/Url")]
    [InlineData("grpc://cart:7070", false, "cart:7070/Url")]
    [InlineData("grpc://cart", false, "cart:-/Url")]
    [InlineData("dns:///cart.shop:7070", false, "cart.shop:7070/Url")]
    [InlineData("redis://:pw@cache:6380/0", false, "cache:6380/Url")]
    [InlineData("amqp://user:pw@rabbit", false, "rabbit:5672/Url")]
    [InlineData("mongodb://a:27017,b:27018/db?replicaSet=rs", false, "a:27017/Url b:27018/Url")]
    [InlineData("postgres://db/app", false, "db:5432/Url")]
    [InlineData("jdbc:postgresql://db.prod:5433/app", false, "db.prod:5433/Url")]
    [InlineData("jdbc:mysql://mysql/app", false, "mysql:3306/Url")]
    [InlineData("kafka-0:9092,kafka-1:9092", true, "kafka-0:9092/HostVariable kafka-1:9092/HostVariable")]
    [InlineData("--brokers=kafka-0.prod:9092,kafka-1.prod:9092", false, "kafka-0.prod:9092/Text kafka-1.prod:9092/Text")]
    [InlineData("--prometheus-url=http://prometheus-k8s.monitoring.svc:9090/", false, "prometheus-k8s.monitoring.svc:9090/Url")]
    [InlineData("s3://bucket/key", false, "")]
    [InlineData("file:///etc/hosts", false, "")]
    [InlineData("/etc/app/config.yaml", false, "")]
    [InlineData("--port=8080", false, "")]
    [InlineData(":8080", true, "")]
    [InlineData("[fd00::1]:5432", true, "")]
    [InlineData("registry.example.com/team/image:1.2", false, "")]
    [InlineData("Welcome to the shop", true, "")]
    [InlineData("user@db.example.com", false, "")]
    public void Addresses_are_cut_out_of_values(string text, bool hostVariable, string expected) =>
        Assert.Equal(expected, Found(text, hostVariable));

    [Theory]
    [InlineData("DB_HOST", true)]
    [InlineData("CART_SERVICE_ADDR", true)]
    [InlineData("redis.server", true)]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", true)]
    [InlineData("KAFKA_BROKERS", true)]
    [InlineData("GET_HOSTS_FROM", false)]
    [InlineData("LISTEN_ADDR", false)]
    [InlineData("POD_HOST", false)]
    [InlineData("EXTERNAL_URL", false)]
    [InlineData("LOG_LEVEL", false)]
    public void Env_names_say_whether_a_bare_name_is_a_host(string name, bool expected) =>
        Assert.Equal(expected, AddressScanner.IsHostVariable(name));

    [Theory]
    [InlineData("$(HOST):80", "web:80")]
    [InlineData("$(MISSING):80", "$(MISSING):80")]
    [InlineData("$$(HOST)", "$(HOST)")]
    [InlineData("a$b", "a$b")]
    [InlineData("$(HOST", "$(HOST")]
    public void Expansion_follows_kubelet(string input, string expected) =>
        Assert.Equal(expected, AddressScanner.Expand(input, new Dictionary<string, string> { ["HOST"] = "web" }));

    [Fact]
    public void The_host_is_located_inside_quoted_values_with_escapes()
    {
        var result = Lint.Text("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: shop}
            spec:
              containers:
                - name: c
                  image: i
                  env:
                    - {name: A_URL, value: "x\u00e9\t http://db.shop.svc:5432"}
                    - {name: B_URL, value: 'it''s http://db.shop.svc:5432'}
            """);
        var deps = result.Graph.Dependencies.All;
        Assert.Equal(["9:50-9:61", "10:46-10:57"], deps.Select(d => d.Location.Span.ToString()));
        Assert.All(deps, d => Assert.Equal(Core.Graph.DependencyStatus.ServiceMissing, d.Status));
    }

    [Fact]
    public void The_graph_exposes_resolved_dependencies_with_their_service_ports()
    {
        var result = Lint.Paths(["testdata/rules/KNL122/allowed.yaml"]);
        var deps = result.Graph.Dependencies;
        var api = result.Model.Workloads.Single(w => w.Name == "api");
        Assert.Equal(["web:80 Service Exposed http", "web.shop:80 Service Exposed http", "payments:443 Service NotApplicable ", "legacy:9000 Service Exposed "],
            deps.Of(api).Select(d => $"{d.Target} {d.Status} {d.PortStatus} {string.Join(",", d.ServicePorts.Select(p => p.Name))}"));
        Assert.Equal(4, deps.ToServices.Count());
        var fromConfigMap = deps.Of(api)[0];
        Assert.Equal(AddressSource.ConfigMap, fromConfigMap.Source);
        Assert.Equal("FRONTEND_URL", fromConfigMap.Variable);
        Assert.NotNull(fromConfigMap.Via);
        // Allowed through the named targetPort: container port 8080.
        var connection = Assert.Single(result.Context.Connectivity().DeclaredConnections(), c => c.Dependency == fromConfigMap);
        Assert.True(connection.Allowed);
        Assert.Equal(8080, connection.Port);
    }

    [Fact]
    public void A_host_alias_resolves_the_name_before_dns()
    {
        var result = Lint.Paths(["testdata/rules/KNL123/shadows.yaml"]);
        var d = Assert.Single(result.Graph.Dependencies.All);
        Assert.Equal(DependencyStatus.HostAlias, d.Status);
        Assert.Null(d.Service);
        Assert.Equal("10.0.0.5", d.Alias!.Ip);
    }

    [Fact]
    public void The_cluster_domain_comes_from_the_config()
    {
        var config = Lint.Config("clusterDomain: corp.example.\n");
        Assert.Equal("corp.example", config.Value.ClusterDomain);
        var e = Assert.Throws<Core.Config.ConfigException>(() => Lint.Config("clusterDomain: Corp_Example\n"));
        Assert.Contains("clusterDomain must be a lowercase DNS name", e.Message, StringComparison.Ordinal);
    }
}
