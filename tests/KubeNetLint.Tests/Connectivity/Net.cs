using KubeNetLint.Core.Config;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>Builds a connectivity analysis from inline YAML or paths, and asks it short questions.</summary>
internal static class Net
{
    public static ConnectivityAnalysis Analyze(string yaml, LintConfig? config = null, string ns = "default")
    {
        var file = new SourceFile { Path = "test.yaml", FullPath = Path.GetFullPath("test.yaml"), Text = yaml };
        return Build(ManifestLoader.LoadFiles([file]), config, ns);
    }

    public static ConnectivityAnalysis AnalyzePaths(IReadOnlyList<string> paths, LintConfig? config = null)
    {
        config ??= LintConfig.Empty;
        return Build(ManifestLoader.Load(paths, config.IsIgnored), config, "default");
    }


    private static ConnectivityAnalysis Build(LoadResult load, LintConfig? config, string ns)
    {
        config ??= LintConfig.Empty;
        Assert.Empty(load.Problems);
        var model = LintEngine.BuildModel(load, config, ns);
        return ConnectivityAnalysis.Build(new ResourceGraph(model, config));
    }

    public static Endpoint At(this ConnectivityAnalysis a, string id) =>
        a.Resolve(id) ?? throw new Xunit.Sdk.XunitException($"no endpoint '{id}'; endpoints: {string.Join(", ", a.Endpoints.Select(e => e.Id))}");

    /// <summary>The canonical text of what is allowed from one endpoint to another.</summary>
    public static string Allowed(this ConnectivityAnalysis a, string from, string to) => a.Allowed(a.At(from), a.At(to)).ToString();

    /// <summary>The allowed set as the full matrix reports it (none when the pair is absent).</summary>
    public static string InMatrix(this ReachabilityMatrix m, string from, string to) => m.Get(from, to).ToString();

    /// <summary>A Deployment with labels and container ports ("http:8080/TCP" or "8080").</summary>
    /// <summary>Any object by kind and apiVersion, its spec given unindented; a namespace when named.</summary>
    public static string Doc(string kind, string apiVersion, string name, string spec, string? ns = null) => $"""
        apiVersion: {apiVersion}
        kind: {kind}
        metadata:
          name: {name}{(ns is null ? "" : $"\n  namespace: {ns}")}
        spec:
        {string.Join("\n", spec.Split('\n').Select(l => "  " + l))}
        ---

        """;

    /// <summary>A Deployment whose one container has the env entries (flow-style, comma-separated).</summary>
    public static string Caller(string ns, string name, string env) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{{name}}}, namespace: {{{ns}}}}
        spec:
          selector: {matchLabels: {app: {{{name}}}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec:
              containers:
                - {name: c, image: "example:1", env: [{{{env}}}]}
        ---

        """;

    public static string Deployment(string ns, string name, string labels, params string[] ports) =>
        Workload("apps/v1", "Deployment", ns, name, labels, ports);

    public static string Workload(string apiVersion, string kind, string ns, string name, string labels, params string[] ports)
    {
        var portYaml = ports.Length == 0 ? "" : "\n          ports:\n" + string.Join("\n", ports.Select(p =>
        {
            var parts = p.Split(':');
            var (portName, rest) = parts.Length == 2 ? (parts[0], parts[1]) : (null, parts[0]);
            var np = rest.Split('/');
            var protocol = np.Length == 2 ? $", protocol: {np[1]}" : "";
            return $"            - {{containerPort: {np[0]}{protocol}{(portName is null ? "" : $", name: {portName}")}}}";
        }));
        return $$"""
            apiVersion: {{apiVersion}}
            kind: {{kind}}
            metadata:
              name: {{name}}
              namespace: {{ns}}
            spec:
              selector:
                matchLabels: {{{labels}}}
              template:
                metadata:
                  labels: {{{labels}}}
                spec:
                  containers:
                    - name: main
                      image: example:1{{portYaml}}
            ---

            """;
    }
}
