using System.Globalization;
using System.Text;

namespace KubeNetLint.Bench;

/// <summary>
/// A live-cluster dump as `kubectl get pods,svc,netpol -A -o yaml` writes it: one `kind: List` holding
/// Pods with everything the API server adds (uid, resourceVersion, managedFields, ownerReferences to
/// ReplicaSets that the dump does not hold, status with conditions and container statuses, pod IPs),
/// one Service per app, a default-deny policy per namespace and a policy per app. About 4 KiB per Pod,
/// so 5,000 Pods make a dump of about 20 MB.
/// </summary>
public sealed class DumpGenerator(int pods, int seed)
{
    private const int PodsPerApp = 5;
    private const int AppsPerNamespace = 10;

    public ClusterGenerator.Stats Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        int apps = Math.Max(1, pods / PodsPerApp);
        int namespaces = Math.Max(1, (apps + AppsPerNamespace - 1) / AppsPerNamespace);
        var sb = new StringBuilder(pods * 4600);
        sb.Append("apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:\n");
        int written = 0, services = 0, policies = 0;
        for (int app = 0; app < apps; app++)
        {
            string ns = $"team-{app / AppsPerNamespace:D3}", name = $"app-{app % AppsPerNamespace}";
            string hash = random.Next(0x100000, 0xFFFFFF).ToString("x6", CultureInfo.InvariantCulture);
            int count = Math.Min(PodsPerApp, pods - written);
            for (int i = 0; i < count; i++, written++) Pod(sb, ns, name, hash, written, random);
            Service(sb, ns, name, services);
            services++;
            AppPolicy(sb, ns, name, app % AppsPerNamespace);
            policies++;
        }
        for (int n = 0; n < namespaces; n++)
        {
            sb.Append($"- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata:\n    name: default-deny\n    namespace: team-{n:D3}\n" +
                      "    uid: 00000000-0000-4000-8000-" + n.ToString("D12", CultureInfo.InvariantCulture) + "\n" +
                      "  spec:\n    podSelector: {}\n    policyTypes:\n    - Ingress\n    - Egress\n");
            policies++;
        }
        var path = Path.Combine(directory, "cluster-dump.yaml");
        File.WriteAllText(path, sb.ToString());
        return new ClusterGenerator.Stats(1, new FileInfo(path).Length, written, services, policies, namespaces);
    }

    private static void Pod(StringBuilder sb, string ns, string app, string hash, int index, Random random)
    {
        string suffix = new(Enumerable.Range(0, 5).Select(_ => (char)('a' + random.Next(26))).ToArray());
        string uid = $"{random.Next():x8}-0000-4000-8000-{index:D12}";
        string ip = $"10.{244 + index / 65536 % 8}.{index / 256 % 256}.{index % 256}";
        sb.Append($$"""
            - apiVersion: v1
              kind: Pod
              metadata:
                creationTimestamp: "2026-11-30T08:{{index % 60:D2}}:{{index / 60 % 60:D2}}Z"
                generateName: {{app}}-{{hash}}-
                labels:
                  app: {{app}}
                  pod-template-hash: "{{hash}}"
                  app.kubernetes.io/part-of: {{ns}}
                name: {{app}}-{{hash}}-{{suffix}}
                namespace: {{ns}}
                ownerReferences:
                - apiVersion: apps/v1
                  blockOwnerDeletion: true
                  controller: true
                  kind: ReplicaSet
                  name: {{app}}-{{hash}}
                  uid: {{uid}}
                resourceVersion: "{{100000 + index}}"
                uid: {{uid}}
                managedFields:
                - apiVersion: v1
                  fieldsType: FieldsV1
                  fieldsV1:
                    f:metadata:
                      f:generateName: {}
                      f:labels:
                        .: {}
                        f:app: {}
                        f:pod-template-hash: {}
                      f:ownerReferences:
                        .: {}
                        k:{"uid":"{{uid}}"}: {}
                    f:spec:
                      f:containers:
                        k:{"name":"main"}:
                          .: {}
                          f:image: {}
                          f:imagePullPolicy: {}
                          f:name: {}
                          f:ports:
                            .: {}
                            k:{"containerPort":8080,"protocol":"TCP"}:
                              .: {}
                              f:containerPort: {}
                              f:name: {}
                              f:protocol: {}
                          f:resources: {}
                          f:terminationMessagePath: {}
                          f:terminationMessagePolicy: {}
                      f:dnsPolicy: {}
                      f:enableServiceLinks: {}
                      f:restartPolicy: {}
                      f:schedulerName: {}
                      f:securityContext: {}
                      f:terminationGracePeriodSeconds: {}
                  manager: kube-controller-manager
                  operation: Update
                  time: "2026-11-30T08:00:00Z"
              spec:
                containers:
                - image: registry.example.com/{{ns}}/{{app}}:1.{{index % 10}}.0
                  imagePullPolicy: IfNotPresent
                  name: main
                  ports:
                  - containerPort: 8080
                    name: http
                    protocol: TCP
                  - containerPort: 9090
                    name: metrics
                    protocol: TCP
                  readinessProbe:
                    httpGet: {path: /ready, port: http, scheme: HTTP}
                    periodSeconds: 10
                  resources:
                    requests: {cpu: 100m, memory: 128Mi}
                  terminationMessagePath: /dev/termination-log
                  terminationMessagePolicy: File
                  volumeMounts:
                  - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
                    name: kube-api-access-{{suffix}}
                    readOnly: true
                dnsPolicy: ClusterFirst
                enableServiceLinks: true
                nodeName: node-{{index % 20}}
                preemptionPolicy: PreemptLowerPriority
                priority: 0
                restartPolicy: Always
                schedulerName: default-scheduler
                securityContext: {}
                serviceAccountName: default
                terminationGracePeriodSeconds: 30
                tolerations:
                - {effect: NoExecute, key: node.kubernetes.io/not-ready, operator: Exists, tolerationSeconds: 300}
                - {effect: NoExecute, key: node.kubernetes.io/unreachable, operator: Exists, tolerationSeconds: 300}
                volumes:
                - name: kube-api-access-{{suffix}}
                  projected:
                    defaultMode: 420
                    sources:
                    - serviceAccountToken: {expirationSeconds: 3607, path: token}
                    - configMap:
                        items: [{key: ca.crt, path: ca.crt}]
                        name: kube-root-ca.crt
              status:
                conditions:
                - {lastTransitionTime: "2026-11-30T08:00:01Z", status: "True", type: Initialized}
                - {lastTransitionTime: "2026-11-30T08:00:09Z", status: "True", type: Ready}
                - {lastTransitionTime: "2026-11-30T08:00:09Z", status: "True", type: ContainersReady}
                - {lastTransitionTime: "2026-11-30T08:00:01Z", status: "True", type: PodScheduled}
                containerStatuses:
                - containerID: containerd://{{uid.Replace("-", "", StringComparison.Ordinal)}}
                  image: registry.example.com/{{ns}}/{{app}}:1.{{index % 10}}.0
                  imageID: registry.example.com/{{ns}}/{{app}}@sha256:{{uid.Replace("-", "", StringComparison.Ordinal)}}
                  lastState: {}
                  name: main
                  ready: true
                  restartCount: 0
                  started: true
                  state:
                    running: {startedAt: "2026-11-30T08:00:05Z"}
                hostIP: 172.18.0.{{index % 20 + 2}}
                phase: {{(index % 97 == 0 ? "Succeeded" : "Running")}}
                podIP: {{ip}}
                podIPs:
                - ip: {{ip}}
                qosClass: Burstable
                startTime: "2026-11-30T08:00:01Z"

            """);
    }

    private static void Service(StringBuilder sb, string ns, string app, int index) => sb.Append($$"""
        - apiVersion: v1
          kind: Service
          metadata:
            name: {{app}}
            namespace: {{ns}}
            resourceVersion: "42"
          spec:
            clusterIP: 10.96.{{index / 256 % 256}}.{{index % 256}}
            clusterIPs: [10.96.{{index / 256 % 256}}.{{index % 256}}]
            internalTrafficPolicy: Cluster
            ipFamilies: [IPv4]
            ipFamilyPolicy: SingleStack
            ports:
            - {name: http, port: 80, protocol: TCP, targetPort: http}
            selector: {app: {{app}} }
            sessionAffinity: None
            type: ClusterIP
          status:
            loadBalancer: {}

        """);

    private static void AppPolicy(StringBuilder sb, string ns, string app, int index) => sb.Append($$"""
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: {{app}}
            namespace: {{ns}}
          spec:
            podSelector:
              matchLabels: {app: {{app}} }
            policyTypes: [Ingress, Egress]
            ingress:
            - from:
              - podSelector:
                  matchLabels: {app: app-{{(index + 1) % AppsPerNamespace}} }
              ports: [{port: http}]
            egress:
            - to:
              - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system} }
                podSelector: {matchLabels: {k8s-app: kube-dns} }
              ports: [{port: 53, protocol: UDP}]
            - to:
              - podSelector:
                  matchLabels: {app: app-{{(index + AppsPerNamespace - 1) % AppsPerNamespace}} }
              ports: [{port: http}]

        """);
}
