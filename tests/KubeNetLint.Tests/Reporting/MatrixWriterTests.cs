using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Reporting;

/// <summary>`matrix` writers: sections that appear only when there is something to list.</summary>
public sealed class MatrixWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("knl-matrixw").FullName;
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private static string Blocked => Path.Combine(Repo.TestData, "rules", "KNL122", "blocked.yaml");
    private static string Allowed => Path.Combine(Repo.TestData, "rules", "KNL122", "allowed.yaml");

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string App(string name, string extra = "") => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{{name}}}, namespace: shop}
        spec:
          selector: {matchLabels: {app: {{{name}}}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec: {{{{extra}}}containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}

        """;

    private static string Egress(string name, string cidr) => $$$"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: {{{name}}}, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: {{{name}}}}}
          policyTypes: [Ingress, Egress]
          egress: [{to: [{ipBlock: {cidr: {{{cidr}}}}}]}]

        """;

    [Fact]
    public void Declared_but_denied_is_listed_only_when_a_declared_dependency_is_denied()
    {
        var md = CliRunner.Run("matrix", Blocked, "--declared", "-f", "md").Stdout;
        var section = md[md.IndexOf("\nDeclared but denied:\n\n", StringComparison.Ordinal)..md.IndexOf("\nExternal address ranges:", StringComparison.Ordinal)];
        var items = section.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, items.Count);
        Assert.StartsWith("- shop/Deployment/api -> shop/StatefulSet/db TCP 5432: 'postgres://db:5432/app' at ", items[0], StringComparison.Ordinal);
        Assert.EndsWith("blocked.yaml:67:22", items[0], StringComparison.Ordinal);
        var text = CliRunner.Run("matrix", Blocked, "--declared").Stdout;
        Assert.Contains("\n\ndeclared but denied:\n  shop/Deployment/api -> shop/StatefulSet/db TCP 5432: 'postgres://db:5432/app' at ", text, StringComparison.Ordinal);

        Assert.DoesNotContain("eclared but denied", CliRunner.Run("matrix", Allowed, "--declared", "-f", "md").Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("eclared but denied", CliRunner.Run("matrix", Allowed, "--declared").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_network_caveats_are_listed_only_for_host_network_workloads()
    {
        var md = CliRunner.Run("matrix", Write(App("web", "hostNetwork: true, ") + "---\n" + App("api")), "-f", "md").Stdout;
        Assert.Contains("\n\nCaveats:\n\n- `shop/Deployment/web` uses hostNetwork: NetworkPolicy behaviour for host-network pods is undefined", md, StringComparison.Ordinal);
        Assert.Single(md.Split('\n'), l => l.StartsWith("- `shop/", StringComparison.Ordinal));
        Assert.DoesNotContain("Caveats", CliRunner.Run("matrix", Write(App("web") + "---\n" + App("api")), "-f", "md").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_labels_an_external_range_with_its_first_four_cidrs()
    {
        var four = CliRunner.Run("matrix", Write(App("web") + "---\n" + Egress("web", "0.0.0.0/4")), "-f", "dot").Stdout;
        Assert.Contains("  \"external/16.0.0.0-255.255.255.255\" [shape=ellipse, label=\"16.0.0.0/4\\n32.0.0.0/3\\n64.0.0.0/2\\n128.0.0.0/1\"];\n", four, StringComparison.Ordinal);
        var five = CliRunner.Run("matrix", Write(App("web") + "---\n" + Egress("web", "0.0.0.0/5")), "-f", "dot").Stdout;
        Assert.Contains("  \"external/8.0.0.0-255.255.255.255\" [shape=ellipse, label=\"8.0.0.0/5\\n16.0.0.0/4\\n32.0.0.0/3\\n64.0.0.0/2\\n(+1 more)\"];\n", five, StringComparison.Ordinal);
    }
}
