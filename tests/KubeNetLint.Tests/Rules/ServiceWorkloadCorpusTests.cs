using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules;

/// <summary>The Service and workload rules (KNL1xx, KNL4xx) over the shared corpus, one scenario per app or
/// tutorial group as ../shared/corpus/FINDINGS.md groups them. Each expected finding was checked against
/// FINDINGS.md; everything else, including its NO-FLAG traps, must stay silent.</summary>
public sealed class ServiceWorkloadCorpusTests
{
    private static string Corpus => Path.Combine(Repo.Shared, "corpus");

    /// <summary>Scenario name → its inputs (relative to the corpus) and the expected "path:line: RULE".</summary>
    private static readonly Dictionary<string, (string[] Inputs, string[] Expected)> Groups = new()
    {
        // §6: the StatefulSet's serviceName names no Service (the metrics Service is argocd-metrics).
        // Traps: the HA per-pod Services argocd-redis-ha-announce-N, named targetPorts, 9001 undeclared.
        ["argo-cd"] = (["argo-cd/install.yaml"], ["argo-cd/install.yaml:33772: KNL405"]),
        ["argo-cd-ha"] = (["argo-cd/ha/install.yaml"], ["argo-cd/ha/install.yaml:34806: KNL405"]),
        // §7: Services select pods the prometheus-operator creates from the Prometheus/Alertmanager CRs.
        ["kube-prometheus"] = (["kube-prometheus/manifests"], []),
        // §2: one of the two identical copies, plus the policies.
        // KNL120 notes: the frontend is configured with shoppingassistantservice:80, an optional component
        // whose Service is not in these manifests.
        ["microservices-demo"] = (["microservices-demo/release"], ["microservices-demo/release/kubernetes-manifests.yaml:90: KNL120"]),
        ["microservices-demo-manifests"] = (["microservices-demo/kubernetes-manifests", "microservices-demo/network-policies"],
            ["microservices-demo/kubernetes-manifests/frontend.yaml:84: KNL120"]),
        // §5: the main set, and each replacement file with it.
        ["istio-bookinfo"] = (["istio-bookinfo/bookinfo.yaml", "istio-bookinfo/bookinfo-ingress.yaml", "istio-bookinfo/bookinfo-versions.yaml"], []),
        ["istio-bookinfo-db"] = (["istio-bookinfo/bookinfo.yaml", "istio-bookinfo/variants/bookinfo-db.yaml"], []),
        ["istio-bookinfo-mysql"] = (["istio-bookinfo/bookinfo.yaml", "istio-bookinfo/variants/bookinfo-mysql.yaml"], []),
        ["istio-bookinfo-nodeport"] = (["istio-bookinfo/bookinfo.yaml", "istio-bookinfo/variants/productpage-nodeport.yaml"], []),
        ["istio-bookinfo-reviews-v2"] = (["istio-bookinfo/bookinfo.yaml", "istio-bookinfo/variants/bookinfo-reviews-v2.yaml"], []),
        // KNL120 notes: the ratings-v2 variants call `mongodb` and `mysqldb`, whose Services are in other
        // variant files (bookinfo-db.yaml, bookinfo-mysql.yaml) that this group leaves out.
        ["istio-bookinfo-ratings-v2"] = (["istio-bookinfo/bookinfo.yaml", "istio-bookinfo/variants/bookinfo-ratings-v2.yaml", "istio-bookinfo/variants/bookinfo-ratings-v2-mysql.yaml", "istio-bookinfo/variants/bookinfo-details-v2.yaml"],
            ["istio-bookinfo/variants/bookinfo-ratings-v2-mysql.yaml:47: KNL120", "istio-bookinfo/variants/bookinfo-ratings-v2.yaml:60: KNL120"]),
        // §9: explicit nodePort 30950 in range; pods without declared ports; each file is its own example.
        ["kind-nodeport"] = (["kind/extracted-from-docs/nodeport-with-port-mapping.yaml"], []),
        ["kind-ingress-usage"] = (["kind/site/static/examples/ingress/usage.yaml"], []),
        ["kind-loadbalancer"] = (["kind/site/static/examples/loadbalancer/usage.yaml"], []),
        // The ingress-nginx controller probes its health port 10254, which it does not declare (KNL404's note
        // as documented; the port is real, so declaring it is the fix).
        ["kind-ingress-nginx"] = (["kind/site/static/examples/ingress/deploy-ingress-nginx.yaml"],
            ["kind/site/static/examples/ingress/deploy-ingress-nginx.yaml:456: KNL404", "kind/site/static/examples/ingress/deploy-ingress-nginx.yaml:479: KNL404"]),
        // §8.
        ["ingress-nginx-deploy"] = (["ingress-nginx/deploy"],
            ["ingress-nginx/deploy/static/provider/baremetal/deploy.yaml:455: KNL404", "ingress-nginx/deploy/static/provider/baremetal/deploy.yaml:476: KNL404"]),
        ["ingress-nginx-static-ip"] = (["ingress-nginx/docs/examples/static-ip", "ingress-nginx/docs/examples/http-svc.yaml"],
            ["ingress-nginx/docs/examples/static-ip/nginx-ingress-controller.yaml:32: KNL404", "ingress-nginx/docs/examples/static-ip/nginx-ingress-controller.yaml:37: KNL404"]),
        ["ingress-nginx-docker-registry"] = (["ingress-nginx/docs/examples/docker-registry/deployment.yaml", "ingress-nginx/docs/examples/docker-registry/ingress-with-tls.yaml"], []),
        ["ingress-nginx-examples"] = (["ingress-nginx/docs/examples/http-svc.yaml", "ingress-nginx/docs/examples/chashsubset", "ingress-nginx/docs/examples/customization",
            "ingress-nginx/docs/examples/tls-termination", "ingress-nginx/docs/examples/multi-tls", "ingress-nginx/docs/examples/affinity", "ingress-nginx/docs/examples/auth"], []),
        // §4: each app is its own set. Traps: RCs without spec.selector, bare Pods, NodePort without nodePort.
        ["guestbook"] = (["kubernetes-examples/web/guestbook"], []),
        ["guestbook-go"] = (["kubernetes-examples/web/guestbook-go"], []),
        ["cassandra"] = (["kubernetes-examples/databases/cassandra"], []),
        ["mysql-cinder-pd"] = (["kubernetes-examples/databases/mysql-cinder-pd"], []),
        ["model-serving-tensorflow"] = (["kubernetes-examples/AI/model-serving-tensorflow"], []),
        ["vllm"] = (["kubernetes-examples/AI/vllm-deployment"], []),
        ["cluster-dns"] = (["kubernetes-examples/_archived/cluster-dns"], []),
        ["https-nginx"] = (["kubernetes-examples/_archived/https-nginx"], []),
        ["meteor"] = (["kubernetes-examples/_archived/meteor"], []),
        ["nodesjs-mongodb"] = (["kubernetes-examples/_archived/nodesjs-mongodb"], []),
        ["selenium"] = (["kubernetes-examples/_archived/selenium"], []),
        ["spark"] = (["kubernetes-examples/_archived/spark"], []),
        ["storm"] = (["kubernetes-examples/_archived/storm"], []),
        // §1: the tutorial groups, clean; the historical Service paired with the current pods selects nothing.
        ["website-connecting-apps-1"] = (["kubernetes-website/service/networking/run-my-nginx.yaml", "kubernetes-website/service/networking/nginx-svc.yaml"], []),
        ["website-connecting-apps-2"] = (["kubernetes-website/service/networking/nginx-secure-app.yaml", "kubernetes-website/service/networking/curlpod.yaml"], []),
        ["website-frontend-backend"] = (["kubernetes-website/service/access/backend-deployment.yaml", "kubernetes-website/service/access/backend-service.yaml",
            "kubernetes-website/service/access/frontend-deployment.yaml", "kubernetes-website/service/access/frontend-service.yaml"], []),
        ["website-graceful-termination"] = (["kubernetes-website/service/pod-with-graceful-termination.yaml", "kubernetes-website/service/explore-graceful-termination-nginx.yaml"], []),
        ["website-graceful-termination-historical"] = (["kubernetes-website/service/pod-with-graceful-termination.yaml", "kubernetes-website/historical/service/explore-graceful-termination-nginx.yaml"],
            ["kubernetes-website/historical/service/explore-graceful-termination-nginx.yaml:6: KNL101"]),
        ["website-wordpress"] = (["kubernetes-website/application/wordpress"], []),
        ["website-nginx-service"] = (["kubernetes-website/service/nginx-service.yaml", "kubernetes-website/service/pod-with-graceful-termination.yaml"], []),
        // §3: policies only.
        ["network-policy-recipes"] = (["network-policy-recipes"], []),
    };

    public static TheoryData<string> GroupNames() => [.. Groups.Keys];

    [SharedTheory]
    [MemberData(nameof(GroupNames))]
    public void Service_and_workload_findings_match_the_corpus_review(string group)
    {
        var (inputs, expected) = Groups[group];
        var result = Lint.Paths([.. inputs.Select(i => Path.Combine(Corpus, i))]);
        var actual = result.Reported
            .Where(f => f.RuleId.StartsWith("KNL1", StringComparison.Ordinal) || f.RuleId.StartsWith("KNL4", StringComparison.Ordinal))
            .Select(f => $"{Path.GetRelativePath(Corpus, f.Location.File.FullPath!).Replace('\\', '/')}:{f.Line}: {f.RuleId}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual);
    }

    [SharedFact]
    public void Operator_managed_pods_are_selected_by_their_services()
    {
        var result = Lint.Paths([Path.Combine(Corpus, "kube-prometheus/manifests")]);
        var graph = result.Graph;
        string SelectedBy(string service) =>
            string.Join(",", graph.SelectedBy(graph.FindService("monitoring", service)!).Select(w => w.Id));
        Assert.Equal("monitoring/Prometheus/k8s", SelectedBy("prometheus-k8s"));
        Assert.Equal("monitoring/Alertmanager/main", SelectedBy("alertmanager-main"));
    }

    [SharedFact]
    public void Per_pod_services_select_one_statefulset_pod()
    {
        var graph = Lint.Paths([Path.Combine(Corpus, "argo-cd/ha/install.yaml")]).Graph;
        for (int i = 0; i < 3; i++)
        {
            var service = graph.FindService("default", $"argocd-redis-ha-announce-{i}")!;
            Assert.Equal("default/StatefulSet/argocd-redis-ha-server", Assert.Single(graph.SelectedBy(service)).Id);
        }
    }
}
