using System.Globalization;
using System.Text;

namespace KubeNetLint.Bench;

/// <summary>
/// Clusters shaped like the ones users lint, as opposed to <see cref="ClusterGenerator"/>'s clean one:
/// <list type="bullet">
/// <item><c>apps</c>: many namespaces, each with N apps (a Deployment, its Service and a policy letting the
/// ingress controller and the namespace's other apps in), a default deny, and one Ingress routing a path to
/// every app; about one object in a hundred carries a fault (a selector typo, a targetPort no container
/// declares, an Ingress path to a missing Service or port, a policy that blocks the ingress controller, a
/// policy selecting nothing), so a large cluster gives thousands of findings, blocked routes among them.</item>
/// <item><c>one-namespace</c>: the same apps, all in one namespace (selector matching within a namespace
/// is where quadratic work hides).</item>
/// <item><c>duplicates</c>: N identical copies of one Deployment and its Service (Helm output applied
/// twice, vendored charts): one identity shared by many objects.</item>
/// </list>
/// Seeded, so every run writes the same files.
/// </summary>
public sealed class ShapeGenerator(string shape, int namespaces, int apps, double faultRate, int seed)
{
    private readonly Random _random = new(seed);

    public static readonly string[] Shapes = ["apps", "one-namespace", "duplicates"];

    public ClusterGenerator.Stats Write(string directory)
    {
        Directory.CreateDirectory(directory);
        int files = 0, workloads = 0, services = 0, policies = 0, nsCount = 0;
        long bytes = 0;
        void Save(string name, StringBuilder sb)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, sb.ToString());
            files++;
            bytes += new FileInfo(path).Length;
        }

        var system = new StringBuilder();
        system.Append(Namespace("ingress-nginx"));
        system.Append(Deployment("ingress-nginx", "ingress-nginx-controller", "app.kubernetes.io/name: ingress-nginx", 80, "http", fault: false));
        system.Append("apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\nspec:\n  controller: k8s.io/ingress-nginx\n---\n");
        Save("00-system.yaml", system);
        nsCount++;
        workloads++;

        switch (shape)
        {
            case "duplicates":
            {
                // The same two objects N times, as `cat` of a chart rendered N times gives them.
                var sb = new StringBuilder();
                sb.Append(Namespace("dup"));
                for (int i = 0; i < apps; i++)
                {
                    sb.Append(Deployment("dup", "web", "app: web", 8080, "http", fault: false));
                    sb.Append(Service("dup", "web", "app: web", 80, "http"));
                    workloads++;
                    services++;
                }
                Save("dup.yaml", sb);
                nsCount++;
                break;
            }
            case "one-namespace":
                WriteNamespace("big", apps, Save, ref workloads, ref services, ref policies);
                nsCount++;
                break;
            case "apps":
                for (int n = 0; n < namespaces; n++)
                {
                    WriteNamespace($"team-{n.ToString("D3", CultureInfo.InvariantCulture)}", apps, Save, ref workloads, ref services, ref policies);
                    nsCount++;
                }
                break;
            default:
                throw new ArgumentException($"unknown shape '{shape}' ({string.Join(", ", Shapes)})");
        }
        return new ClusterGenerator.Stats(files, bytes, workloads, services, policies, nsCount);
    }

    private bool Fault() => _random.NextDouble() < faultRate;

    private void WriteNamespace(string ns, int count, Action<string, StringBuilder> save, ref int workloads, ref int services, ref int policies)
    {
        var sb = new StringBuilder();
        sb.Append(Namespace(ns));
        sb.Append(Policy(ns, "default-deny", "podSelector: {}\n  policyTypes: [Ingress, Egress]"));
        sb.Append(Policy(ns, "allow-dns", "podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]"));
        policies += 2;
        var paths = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            var name = $"app-{i.ToString("D5", CultureInfo.InvariantCulture)}";
            int port = 8000 + i % 50;
            // A fault in the workload: its container port is not named as the Service's targetPort says.
            sb.Append(Deployment(ns, name, $"app: {name}, part-of: {ns}", port, "http", fault: Fault()));
            // A fault in the Service: a selector typo.
            sb.Append(Service(ns, name, Fault() ? $"app: {name}-typo" : $"app: {name}", 80, Fault() ? "web" : "http"));
            // A fault in the policy: the ingress controller is not let in (the route is blocked), or the
            // policy selects nothing.
            var selector = Fault() ? $"{name}-old" : name;
            var from = Fault()
                ? "- podSelector: {matchLabels: {part-of: " + ns + "}}"
                : "- namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}\n        - podSelector: {matchLabels: {part-of: " + ns + "}}";
            sb.Append(Policy(ns, $"{name}-ingress",
                $"podSelector: {{matchLabels: {{app: {selector}}}}}\n  policyTypes: [Ingress, Egress]\n  ingress:\n    - from:\n        {from}\n      ports: [{{port: http}}]\n" +
                $"  egress:\n    - to:\n        - podSelector: {{matchLabels: {{part-of: {ns}}}}}"));
            // A fault in the Ingress: a path to a Service or port that does not exist.
            var backend = Fault() ? $"{name}-missing" : name;
            var backendPort = Fault() ? 8080 : 80;
            paths.Append($"          - path: /{name}\n            pathType: Prefix\n            backend:\n              service:\n                name: {backend}\n                port: {{number: {backendPort.ToString(CultureInfo.InvariantCulture)}}}\n");
            workloads++;
            services++;
            policies++;
        }
        sb.Append($"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {ns}\n  namespace: {ns}\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: {ns}.example.com\n      http:\n        paths:\n");
        sb.Append(paths);
        sb.Append("---\n");
        save($"{ns}.yaml", sb);
    }

    private static string Namespace(string name) => $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n---\n";

    private static string Policy(string ns, string name, string spec) =>
        $"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  {spec}\n---\n";

    private static string Service(string ns, string name, string selector, int port, string target) =>
        $"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  selector: {{{selector}}}\n  ports:\n    - name: http\n      port: {port.ToString(CultureInfo.InvariantCulture)}\n      targetPort: {target}\n---\n";

    private static string Deployment(string ns, string name, string labels, int port, string portName, bool fault) =>
        $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels: {{{labels}}}\nspec:\n  replicas: 2\n" +
        $"  selector:\n    matchLabels: {{{labels.Split(',')[0]}}}\n  template:\n    metadata:\n      labels: {{{labels}}}\n    spec:\n      containers:\n" +
        $"        - name: main\n          image: registry.example.com/{name}:1.0.0\n          resources: {{requests: {{cpu: 100m, memory: 128Mi}}, limits: {{memory: 256Mi}}}}\n" +
        $"          ports:\n            - {{name: {(fault ? "other" : portName)}, containerPort: {port.ToString(CultureInfo.InvariantCulture)}}}\n" +
        $"          readinessProbe: {{httpGet: {{path: /healthz, port: {port.ToString(CultureInfo.InvariantCulture)}}}}}\n---\n";
}
