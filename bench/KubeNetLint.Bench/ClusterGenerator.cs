using System.Globalization;
using System.Text;

namespace KubeNetLint.Bench;

/// <summary>Writes a synthetic cluster: namespaces with workloads of every kind, one Service per workload,
/// and per namespace a default deny, a DNS allowance and per-app policies that mix podSelectors,
/// namespaceSelectors (both alone and ANDed), ipBlocks with excepts, named and numeric ports and ranges.
/// Seeded, so every run writes the same files.</summary>
public sealed class ClusterGenerator(int workloads, int services, int policies, int namespaces, int seed, int adminPolicies = 0, int httpRoutes = 0)
{
    private static readonly string[] Tiers = ["web", "api", "worker", "db", "cache"];
    private static readonly string[] Envs = ["prod", "staging", "dev"];
    private readonly Random _random = new(seed);

    public sealed record Stats(int Files, long Bytes, int Workloads, int Services, int Policies, int Namespaces, int AdminPolicies = 0);

    public Stats Write(string directory)
    {
        Directory.CreateDirectory(directory);
        int files = 0;
        long bytes = 0;
        int writtenWorkloads = 0, writtenServices = 0, writtenPolicies = 0;
        void Save(string name, StringBuilder sb)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, sb.ToString());
            files++;
            bytes += new FileInfo(path).Length;
        }

        // The cluster DNS and a monitoring namespace the policies refer to.
        var system = new StringBuilder();
        system.Append(Namespace("kube-system", "team: platform", "prod"));
        system.Append(Workload("kube-system", "Deployment", "coredns", "k8s-app: kube-dns", [("dns", 53, "UDP"), ("dns-tcp", 53, "TCP"), ("metrics", 9153, "TCP")]));
        system.Append(Namespace("monitoring", "team: monitoring", "prod"));
        system.Append(Workload("monitoring", "StatefulSet", "prometheus", "app: prometheus", [("web", 9090, "TCP")]));
        if (httpRoutes > 0)
        {
            // One shared Gateway admitting routes from every namespace (docs/semantics.md §8).
            system.Append(Namespace("gateway-system", "team: platform", "prod"));
            system.Append("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: shared
                  namespace: gateway-system
                spec:
                  gatewayClassName: example
                  listeners:
                    - name: http
                      protocol: HTTP
                      port: 80
                      hostname: "*.example.com"
                      allowedRoutes:
                        namespaces:
                          from: All
                ---

                """);
        }
        Save("00-system.yaml", system);

        for (int n = 0; n < namespaces; n++)
        {
            var ns = $"ns-{n.ToString("D3", CultureInfo.InvariantCulture)}";
            var team = $"team-{(n % 20).ToString(CultureInfo.InvariantCulture)}";
            int wCount = Share(workloads, namespaces, n);
            int sCount = Share(services, namespaces, n);
            int pCount = Share(policies, namespaces, n);

            var apps = new StringBuilder();
            apps.Append(Namespace(ns, $"team: {team}", Envs[n % 3]));
            var names = new List<(string Name, string Tier, string PortName, int Port)>();
            for (int i = 0; i < wCount; i++)
            {
                var tier = Tiers[i % Tiers.Length];
                var name = $"{tier}-{(i / Tiers.Length).ToString("D2", CultureInfo.InvariantCulture)}";
                var kind = tier switch
                {
                    "db" => "StatefulSet",
                    "cache" => i % 2 == 0 ? "StatefulSet" : "Deployment",
                    "worker" => i % 3 == 0 ? "CronJob" : i % 3 == 1 ? "DaemonSet" : "Deployment",
                    _ => "Deployment",
                };
                var (portName, port) = tier switch
                {
                    "web" => ("http", 8080),
                    "api" => ("grpc", 9090),
                    "db" => ("postgres", 5432),
                    "cache" => ("redis", 6379),
                    _ => ("http", 8000),
                };
                var ports = new List<(string, int, string)> { (portName, port, "TCP") };
                if (_random.Next(3) > 0) ports.Add(("metrics", 9100, "TCP"));
                var labels = $"app: {name}, tier: {tier}, team: {team}, version: v{_random.Next(1, 4).ToString(CultureInfo.InvariantCulture)}";
                apps.Append(Workload(ns, kind, name, labels, ports));
                names.Add((name, tier, portName, port));
                writtenWorkloads++;
            }
            for (int i = 0; i < sCount; i++)
            {
                var (name, tier, portName, port) = names[i % names.Count];
                var svcName = i < names.Count ? name : $"{name}-alt{(i / names.Count).ToString(CultureInfo.InvariantCulture)}";
                var target = _random.Next(2) == 0 ? portName : port.ToString(CultureInfo.InvariantCulture);
                apps.Append(Service(ns, svcName, $"app: {name}", tier == "web" ? 80 : port, target));
                writtenServices++;
            }
            Save($"{ns}-apps.yaml", apps);

            int rCount = Share(httpRoutes, namespaces, n);
            if (rCount > 0)
            {
                var routes = new StringBuilder();
                for (int i = 0; i < rCount; i++)
                {
                    var (name, tier, _, port) = names[i % names.Count];
                    var host = $"{name}-{i.ToString(CultureInfo.InvariantCulture)}.{ns}.example.com";
                    routes.Append(HttpRoute(ns, $"{name}-route-{i.ToString(CultureInfo.InvariantCulture)}", host, name, tier == "web" ? 80 : port));
                }
                Save($"{ns}-routes.yaml", routes);
            }

            var pol = new StringBuilder();
            for (int p = 0; p < pCount; p++)
            {
                pol.Append(p switch
                {
                    0 => Policy(ns, "default-deny", "podSelector: {}\n  policyTypes: [Ingress, Egress]\n"),
                    1 => Policy(ns, "allow-dns", """
                        podSelector: {}
                          policyTypes: [Egress]
                          egress:
                            - to:
                                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
                                  podSelector: {matchLabels: {k8s-app: kube-dns}}
                              ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]

                        """),
                    2 => Policy(ns, "allow-monitoring", """
                        podSelector: {matchExpressions: [{key: tier, operator: In, values: [web, api, worker, cache]}]}
                          policyTypes: [Ingress]
                          ingress:
                            - from:
                                - namespaceSelector: {matchLabels: {team: monitoring}}
                                  podSelector: {matchLabels: {app: prometheus}}
                              ports: [{port: metrics}]

                        """),
                    < 3 + 5 => TierPolicy(ns, team, Tiers[p - 3]),
                    _ => AppPolicy(ns, n, namespaces, names[(p - 8) % names.Count], p),
                });
                writtenPolicies++;
            }
            Save($"{ns}-policies.yaml", pol);
        }
        if (adminPolicies > 0)
        {
            var admin = new StringBuilder();
            for (int i = 0; i < adminPolicies; i++) admin.Append(AdminPolicy(i));
            admin.Append(BaselinePolicy);
            Save("zz-admin-policies.yaml", admin);
        }
        return new Stats(files, bytes, writtenWorkloads + 2, writtenServices, writtenPolicies, namespaces + 2, adminPolicies);
    }

    /// <summary>One AdminNetworkPolicy of five shapes, each aimed at one team's namespaces: deny ingress
    /// from dev namespaces, allow monitoring's scrapes, pass the team's API calls to a partner team on to
    /// the NetworkPolicies, deny egress to a documentation network, and guard the team's databases by
    /// pod subject with a named port. Priorities are distinct.</summary>
    private static string AdminPolicy(int i)
    {
        var team = $"team-{(i % 20).ToString(CultureInfo.InvariantCulture)}";
        var partner = $"team-{((i + 1) % 20).ToString(CultureInfo.InvariantCulture)}";
        var priority = (i % 1001).ToString(CultureInfo.InvariantCulture);
        var name = $"anp-{i.ToString("D4", CultureInfo.InvariantCulture)}";
        var body = (i % 5) switch
        {
            0 => $$$$$"""
                subject: {namespaces: {matchLabels: {team: {{{{{team}}}}} }}}
                ingress:
                  - action: Deny
                    from: [{namespaces: {matchLabels: {env: dev}}}]
                    ports: [{portRange: {protocol: TCP, start: 5000, end: 6999}}]
                """,
            1 => $$$$$"""
                subject: {namespaces: {matchLabels: {team: {{{{{team}}}}} }}}
                ingress:
                  - action: Allow
                    from: [{pods: {namespaceSelector: {matchLabels: {team: monitoring}}, podSelector: {matchLabels: {app: prometheus}}}}]
                    ports: [{portNumber: {protocol: TCP, port: 9100}}]
                """,
            2 => $$$$$"""
                subject: {pods: {namespaceSelector: {matchLabels: {team: {{{{{team}}}}} }}, podSelector: {matchLabels: {tier: web}}}}
                egress:
                  - action: Pass
                    to: [{pods: {namespaceSelector: {matchLabels: {team: {{{{{partner}}}}} }}, podSelector: {matchLabels: {tier: api}}}}]
                    ports: [{portNumber: {protocol: TCP, port: 9090}}]
                  - action: Deny
                    to: [{namespaces: {matchLabels: {team: {{{{{partner}}}}} }}}]
                """,
            3 => $$$$$"""
                subject: {namespaces: {matchLabels: {team: {{{{{team}}}}} }}}
                egress:
                  - action: Deny
                    to: [{networks: ["192.0.2.{{{{{(i % 16) * 16}}}}}/28", "2001:db8:{{{{{i % 100}}}}}::/48"]}]
                """,
            _ => $$$$$"""
                subject: {pods: {namespaceSelector: {matchLabels: {team: {{{{{team}}}}} }}, podSelector: {matchLabels: {tier: db}}}}
                ingress:
                  - action: Allow
                    from: [{pods: {namespaceSelector: {matchLabels: {team: {{{{{team}}}}} }}, podSelector: {matchLabels: {tier: api}}}}]
                    ports: [{namedPort: postgres}]
                  - action: Deny
                    from: [{namespaces: {}}]
                    ports: [{namedPort: postgres}]
                """,
        };
        return $"apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: {name}\nspec:\n  priority: {priority}\n  " +
               string.Join("\n  ", body.TrimEnd().Split('\n')) + "\n---\n";
    }

    /// <summary>The cluster default: no ingress from dev namespaces, DNS allowed, no egress to staging.</summary>
    private const string BaselinePolicy = """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: BaselineAdminNetworkPolicy
        metadata:
          name: default
        spec:
          subject: {namespaces: {}}
          ingress:
            - action: Deny
              from: [{namespaces: {matchLabels: {env: dev}}}]
          egress:
            - action: Allow
              to: [{pods: {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}}]
              ports: [{portNumber: {protocol: UDP, port: 53}}]
            - action: Deny
              to: [{namespaces: {matchLabels: {env: staging}}}]
        ---

        """;

    private static int Share(int total, int parts, int index) => total / parts + (index < total % parts ? 1 : 0);

    /// <summary>The policy of one tier: web takes traffic from load balancers and calls APIs of its team;
    /// APIs take gRPC from web pods of the team's namespaces and call out on 443; workers call APIs and
    /// caches and take jobs from APIs; stores take connections from their own namespace's APIs and workers.</summary>
    private static string TierPolicy(string ns, string team, string tier)
    {
        var name = $"tier-{tier}";
        var select = $"podSelector: {{matchLabels: {{tier: {tier}}}}}";
        var portName = tier switch { "db" => "postgres", "cache" => "redis", _ => "http" };
        var body = tier switch
        {
            "web" => $$$"""
                {{{select}}}
                  policyTypes: [Ingress, Egress]
                  ingress:
                    - from:
                        - ipBlock: {cidr: 10.0.0.0/8, except: [10.96.0.0/12]}
                        - ipBlock: {cidr: 203.0.113.0/24}
                        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
                      ports: [{port: http}]
                  egress:
                    - to:
                        - namespaceSelector: {matchLabels: {team: {{{team}}} }}
                          podSelector: {matchLabels: {tier: api}}
                      ports: [{port: 9090}]

                """,
            "api" => $$$"""
                {{{select}}}
                  policyTypes: [Ingress, Egress]
                  ingress:
                    - from:
                        - namespaceSelector: {matchLabels: {team: {{{team}}} }}
                          podSelector: {matchLabels: {tier: web}}
                        - podSelector: {matchExpressions: [{key: tier, operator: In, values: [worker]}, {key: version, operator: NotIn, values: [v3]}]}
                      ports: [{port: grpc}, {port: 9091, endPort: 9099}]
                  egress:
                    - to:
                        - podSelector: {matchExpressions: [{key: tier, operator: In, values: [db, cache]}]}
                    - to:
                        - ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]}
                      ports: [{port: 443}]

                """,
            "worker" => $$$"""
                {{{select}}}
                  policyTypes: [Ingress, Egress]
                  ingress:
                    - from:
                        - podSelector: {matchLabels: {tier: api}}
                      ports: [{port: http}]
                  egress:
                    - to:
                        - podSelector: {matchLabels: {tier: api}}
                        - podSelector: {matchLabels: {tier: cache}}
                      ports: [{port: grpc}, {port: redis}]
                    - to:
                        - ipBlock: {cidr: 198.51.100.0/24}
                      ports: [{port: 8443, protocol: TCP}, {port: 4789, protocol: UDP}]

                """,
            _ => $$$"""
                {{{select}}}
                  ingress:
                    - from:
                        - podSelector: {matchExpressions: [{key: tier, operator: In, values: [api, worker]}]}
                      ports: [{port: {{{portName}}} }]
                    - from:
                        - namespaceSelector: {matchLabels: {team: monitoring}}
                      ports: [{port: 9100}]

                """,
        };
        return Policy(ns, name, body);
    }

    /// <summary>An extra policy for one app: a partner namespace's web pods, an egress to a partner's
    /// address block, a NodePort-like port range from the carrier-grade NAT range, or a call to a
    /// sibling app.</summary>
    private static string AppPolicy(string ns, int n, int namespaces, (string Name, string Tier, string PortName, int Port) app, int index)
    {
        var name = $"{app.Name}-extra{index.ToString(CultureInfo.InvariantCulture)}";
        var select = $"podSelector: {{matchLabels: {{app: {app.Name}}}}}";
        var partner = $"ns-{((n + 1) % namespaces).ToString("D3", CultureInfo.InvariantCulture)}";
        var block = $"192.0.2.{(16 * (index % 16)).ToString(CultureInfo.InvariantCulture)}/28";
        var body = (index % 4) switch
        {
            0 => $$$"""
                {{{select}}}
                  policyTypes: [Ingress]
                  ingress:
                    - from:
                        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: {{{partner}}} }}
                          podSelector: {matchLabels: {tier: web}}
                      ports: [{port: {{{app.PortName}}} }]

                """,
            1 => $$$"""
                {{{select}}}
                  policyTypes: [Egress]
                  egress:
                    - to:
                        - ipBlock: {cidr: {{{block}}} }
                      ports: [{port: 443}]

                """,
            2 => $$$"""
                {{{select}}}
                  policyTypes: [Ingress]
                  ingress:
                    - from:
                        - ipBlock: {cidr: 100.64.0.0/10}
                      ports: [{port: 30000, endPort: 30100}]

                """,
            _ => $$$"""
                {{{select}}}
                  policyTypes: [Egress]
                  egress:
                    - to:
                        - podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [{{{app.Tier}}}]}, {key: version, operator: Exists}]}
                      ports: [{port: metrics}, {port: 8000, endPort: 8010}]

                """,
        };
        return Policy(ns, name, body);
    }

    private static string HttpRoute(string ns, string name, string host, string service, int port) => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          parentRefs:
            - name: shared
              namespace: gateway-system
          hostnames: ["{host}"]
          rules:
            - matches:
                - path: {"{"}type: PathPrefix, value: /api{"}"}
                  headers: [{"{"}name: x-tenant, value: {ns}{"}"}]
              backendRefs:
                - name: {service}
                  port: {port.ToString(CultureInfo.InvariantCulture)}
            - backendRefs:
                - name: {service}
                  port: {port.ToString(CultureInfo.InvariantCulture)}
        ---

        """;

    private static string Namespace(string name, string labels, string env) =>
        $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n  labels: {{{labels}, env: {env}}}\n---\n";

    private static string Policy(string ns, string name, string spec) =>
        $"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  {spec.TrimEnd()}\n---\n";

    private static string Service(string ns, string name, string selector, int port, string target) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          selector: {"{"}{selector}{"}"}
          ports:
            - name: main
              port: {port.ToString(CultureInfo.InvariantCulture)}
              targetPort: {target}
        ---

        """;

    private static string Workload(string ns, string kind, string name, string labels, IEnumerable<(string Name, int Port, string Protocol)> ports)
    {
        var sb = new StringBuilder();
        sb.Append($"apiVersion: {(kind == "CronJob" ? "batch/v1" : "apps/v1")}\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels: {{{labels}}}\nspec:\n");
        string pad;
        switch (kind)
        {
            case "CronJob":
                sb.Append("  schedule: \"*/15 * * * *\"\n  jobTemplate:\n    spec:\n      template:\n");
                pad = "        ";
                break;
            case "StatefulSet":
                sb.Append($"  serviceName: {name}\n  replicas: 3\n  selector:\n    matchLabels: {{app: {name}}}\n  template:\n");
                pad = "    ";
                break;
            case "DaemonSet":
                sb.Append($"  selector:\n    matchLabels: {{app: {name}}}\n  template:\n");
                pad = "    ";
                break;
            default:
                sb.Append($"  replicas: 2\n  selector:\n    matchLabels: {{app: {name}}}\n  template:\n");
                pad = "    ";
                break;
        }
        sb.Append($"{pad}metadata:\n{pad}  labels: {{{labels}}}\n{pad}spec:\n");
        if (kind == "CronJob") sb.Append($"{pad}  restartPolicy: OnFailure\n");
        sb.Append($"{pad}  containers:\n{pad}    - name: main\n{pad}      image: registry.example.com/{name}:1.0.0\n");
        sb.Append($"{pad}      resources: {{requests: {{cpu: 100m, memory: 128Mi}}}}\n{pad}      ports:\n");
        foreach (var p in ports)
            sb.Append($"{pad}        - {{name: {p.Name}, containerPort: {p.Port.ToString(CultureInfo.InvariantCulture)}, protocol: {p.Protocol}}}\n");
        sb.Append("---\n");
        return sb.ToString();
    }
}
