using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Performance;

/// <summary>Issue #16 item 7: many objects with one identity (KNL004) must cost linear work. These count
/// work (selections, related locations, report size) instead of timing it.</summary>
public sealed class DuplicateIdentityTests
{
    /// <summary>A Namespace, Deployment, NodePort Service, Ingress with TLS, NetworkPolicy and Secret,
    /// every one with the same identity in every copy.</summary>
    private const string Copy = """
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - containerPort: 8080
          name: http
        readinessProbe:
          httpGet:
            port: http
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: NodePort
  clusterIP: 10.0.0.10
  selector:
    app: web
  ports:
  - port: 80
    targetPort: http
    nodePort: 30080
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
spec:
  tls:
  - hosts: [shop.example.com]
    secretName: web-tls
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: web
    ports:
    - port: 9999
---
apiVersion: v1
kind: Secret
metadata:
  name: web-tls
  namespace: shop
type: kubernetes.io/tls
data:
  tls.crt: AAAA
  tls.key: AAAA
---
""";

    private static LintResult Copies(int n) => Lint.Text(string.Concat(Enumerable.Repeat(Copy + "\n", n)), "dups.yaml");

    /// <summary>What the report carries: messages and related locations, which grew as N² before.</summary>
    private static long ReportSize(LintResult r) =>
        r.Findings.Sum(f => (long)f.Message.Length + 100L * f.Related.Count);

    [Fact]
    public void Each_copy_of_a_Service_selects_one_workload_the_last_definition()
    {
        var result = Copies(50);
        var graph = result.Graph;
        var last = graph.Model.Workloads[^1];
        foreach (var service in graph.Model.Services)
            Assert.Same(last, Assert.Single(graph.SelectedBy(service)));
    }

    [Fact]
    public void Findings_on_copies_name_one_policy_not_every_copy()
    {
        var result = Copies(40);
        foreach (var f in result.Findings.Where(f => f.RuleId is "KNL307" or "KNL308"))
        {
            Assert.Single(f.Related);
            Assert.DoesNotContain("more", f.Message, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "KNL109");
    }

    [Fact]
    public void Report_size_grows_linearly_with_copies()
    {
        var small = ReportSize(Copies(100));
        var large = ReportSize(Copies(400));
        Assert.InRange((double)large / small, 3.5, 4.5);
    }
}
