using System.Diagnostics;
using CsCheck;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Tests.Connectivity.Reference;
using Xunit.Abstractions;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>Random clusters, each rendered to YAML and analysed by the real engine, and evaluated by the
/// independent <see cref="ReferenceEvaluator"/>: every ordered pair of workloads and sample external
/// addresses, every protocol and every port of a small universe must get the same verdict. CsCheck
/// shrinks a disagreement to a small cluster and the failure prints its YAML and the pair and port.
/// To replay a failure, put the seed CsCheck prints into <see cref="Seed"/> (or run with the environment
/// variable CsCheck_Seed=THE_SEED), e.g. <c>CsCheck_Seed=0N0XIzNsQ0O2 dotnet test --filter ReferenceEvaluatorProperties</c>.</summary>
public sealed class ReferenceEvaluatorProperties(ITestOutputHelper output)
{
    /// <summary>Clusters per run (about 7 s on two cores); REFEVAL_ITERATIONS=100000 in the environment for a longer hunt.</summary>
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("REFEVAL_ITERATIONS"), out var n) && n > 0 ? n : 3000;

    /// <summary>A fixed seed replays one run (null: a new random seed each run; CsCheck_Seed in the environment also works).</summary>
    private const string? Seed = null;

    [Fact]
    public void Engine_matrix_agrees_with_the_reference_evaluator()
    {
        int compared = 0, partial = 0;
        var watch = Stopwatch.StartNew();
        Generators.Cluster.Sample(cluster =>
        {
            if (Compare(cluster, out int partialPairs) is { } disagreement) throw new XunitExceptionWithoutStack(disagreement);
            Interlocked.Increment(ref compared);
            Interlocked.Add(ref partial, partialPairs);
        }, seed: Seed, iter: Iterations, print: c => "\n" + c.ToYaml());
        output.WriteLine($"{compared} clusters compared, " +
                         $"{partial} pairs with some ports allowed and some denied, {watch.Elapsed.TotalSeconds:0.0} s");
        // CsCheck's shrinking aside, every cluster is tried once; make sure the generator is not degenerate.
        Assert.True(compared > Iterations / 2, $"only {compared} of {Iterations} clusters were compared");
        Assert.True(partial > Iterations, $"too few partially allowed pairs ({partial}): the generator rarely restricts ports");
    }

    /// <summary>The first disagreement this test found, minimal: `podSelector: {}` and `egress: []` without
    /// policyTypes. The API server defaults policyTypes to [Ingress] (Egress only when len(spec.egress) != 0),
    /// so w0 may still connect anywhere; the engine used to deny all of w0's egress.</summary>
    [Fact]
    public void Egress_empty_list_without_policyTypes_leaves_egress_open()
    {
        var cluster = new RefCluster(
            [new RefNamespace("ns0", new Dictionary<string, string>())],
            [Generators.Workload("ns0", "w0", new Dictionary<string, string>())],
            [new RefPolicy("ns0", "p0", RefSelector.Everything, null, null, [])]);
        if (Compare(cluster, out _) is { } disagreement) Assert.Fail(disagreement);
    }

    /// <summary>Sample addresses outside the cluster: inside, outside and on the edges of the generated ipBlocks.</summary>
    internal static readonly string[] ExternalAddresses =
    [
        "10.0.0.1", "10.1.2.3", "10.1.5.9", "10.200.0.1", "172.16.3.4", "192.168.1.1", "192.168.5.7",
        "8.8.8.8", "8.8.8.9", "1.1.1.1", "2001:db8::1", "2001:db8:1::5", "fd00::1",
    ];

    internal static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];

    /// <summary>The ports tried: a fixed set plus every number the cluster mentions and its neighbours.</summary>
    internal static SortedSet<int> PortUniverse(RefCluster cluster)
    {
        var ports = new SortedSet<int> { 1, 53, 80, 443, 8080, 8081, 9090, 65535 };
        void Around(int n)
        {
            for (int p = n - 1; p <= n + 1; p++) if (p is >= 1 and <= 65535) ports.Add(p);
        }
        foreach (var pod in cluster.Pods) foreach (var cp in pod.Ports) Around(cp.Number);
        foreach (var policy in cluster.Policies)
            foreach (var rule in (policy.Ingress ?? []).Concat(policy.Egress ?? []))
                foreach (var p in rule.Ports ?? [])
                {
                    if (p.Number is { } n) Around(n);
                    if (p.EndPort is { } e) Around(e);
                }
        return ports;
    }

    /// <summary>Runs the engine on the cluster's YAML and compares its matrix with the reference on every
    /// pair, protocol and port; null when they agree, else a message with the first difference and the YAML.</summary>
    internal static string? Compare(RefCluster cluster, out int partialPairs)
    {
        partialPairs = 0;
        var yaml = cluster.ToYaml();
        var analysis = Net.Analyze(yaml);
        foreach (var policy in analysis.Graph.Model.NetworkPolicies)
            if (!analysis.IsApplied(policy))
                return $"the engine rejects generated policy {policy.Resource.Id}: " +
                       string.Join("; ", analysis.ProblemsOf(policy).Select(p => p.Message)) + "\n--- cluster ---\n" + yaml;
        var matrix = analysis.ComputeMatrix();

        var endpoints = new List<(RefEndpoint Ref, string EngineId)>();
        foreach (var pod in cluster.Pods)
        {
            if (analysis.Find(pod.Id) is null) return $"the engine has no endpoint {pod.Id}\n--- cluster ---\n{yaml}";
            endpoints.Add((RefEndpoint.Of(pod), pod.Id));
        }
        foreach (var address in ExternalAddresses)
            endpoints.Add((RefEndpoint.Of(address), analysis.Resolve(address)!.Id));
        int engineWorkloads = analysis.Endpoints.Count(e => e.Kind == EndpointKind.Workload);
        if (engineWorkloads != cluster.Pods.Count)
            return $"the engine has {engineWorkloads} workload endpoints, the cluster {cluster.Pods.Count}\n--- cluster ---\n{yaml}";

        var ports = PortUniverse(cluster);
        foreach (var (from, fromId) in endpoints)
            foreach (var (to, toId) in endpoints)
            {
                if (from == to || (from.Pod is null && to.Pod is null)) continue;   // self pairs and outside-to-outside are not analysed
                var engine = matrix.Get(fromId, toId);
                bool anyAllowed = false, anyDenied = false;
                foreach (var protocol in Protocols)
                    foreach (var port in ports)
                    {
                        bool expected = ReferenceEvaluator.Allows(cluster, from, to, protocol, port);
                        bool actual = engine.Contains(protocol, port);
                        if (expected != actual)
                            return $"{from} -> {to} ({fromId} -> {toId}) on {port}/{protocol}: " +
                                   $"reference {(expected ? "ALLOWS" : "DENIES")}, engine {(actual ? "ALLOWS" : "DENIES")} " +
                                   $"(engine's set for the pair: {engine})\n--- cluster ---\n{yaml}";
                        anyAllowed |= expected;
                        anyDenied |= !expected;
                    }
                if (anyAllowed && anyDenied) partialPairs++;
            }
        return null;
    }

    /// <summary>An assertion failure whose message is the whole story (CsCheck adds the shrunk input and seed).</summary>
    private sealed class XunitExceptionWithoutStack(string message) : Exception(message)
    {
        public override string? StackTrace => null;
    }
}

/// <summary>CsCheck generators of small, messy clusters: selectors from a small label alphabet so that
/// they hit and miss, named ports that resolve on some workloads and not others (the same name with
/// different numbers), every policyTypes form, empty and missing lists.</summary>
internal static class Generators
{
    private static readonly string[] Apps = ["a", "b", "c"];
    private static readonly string[] Tiers = ["web", "db"];
    private static readonly string[] Envs = ["prod", "dev"];
    private static readonly string[] Teams = ["x", "y"];
    private static readonly string[] NamespaceNames = ["ns0", "ns1", "ns2", "ns3"];
    private static readonly string[] Kinds = ["Deployment", "Deployment", "DaemonSet", "ReplicaSet", "Pod"];
    private static readonly int[] ContainerPortNumbers = [53, 80, 443, 8080, 8081, 9090];
    private static readonly string[] ContainerPortNames = ["http", "dns", "metrics"];
    private static readonly int[] RulePortNumbers = [53, 80, 443, 8080, 8081, 9090, 1000];
    private static readonly (int Port, int End)[] RuleRanges = [(80, 443), (8080, 8081), (8000, 9000), (53, 53), (1, 65535), (444, 8079)];
    private static readonly string[] RulePortNames = ["http", "dns", "metrics", "grpc"];
    private static readonly string?[] ProtocolChoices = [null, null, "TCP", "UDP", "SCTP"];
    private static readonly (string Cidr, string[] Except)[] Blocks =
    [
        ("0.0.0.0/0", ["10.0.0.0/8", "192.168.0.0/16", "172.16.0.0/12"]),
        ("10.0.0.0/8", ["10.1.0.0/16", "10.1.5.0/24"]),
        ("10.1.0.0/16", ["10.1.5.0/24", "10.1.2.3/32"]),
        ("192.168.0.0/16", ["192.168.5.0/24"]),
        ("192.168.5.7/32", []),
        ("8.8.8.0/24", ["8.8.8.8/32"]),
        ("2001:db8::/32", ["2001:db8:1::/48"]),
        ("::/0", ["2001:db8::/32"]),
    ];

    /// <summary>Each key present or not, with a value from its alphabet.</summary>
    private static Gen<IReadOnlyDictionary<string, string>> Labels((string Key, string[] Values)[] keys) =>
        Gen.Int[0, int.MaxValue].Select(bits =>
        {
            var labels = new Dictionary<string, string>();
            foreach (var (key, values) in keys)
            {
                int choice = bits % (values.Length + 1);
                bits /= values.Length + 1;
                if (choice < values.Length) labels[key] = values[choice];
            }
            return (IReadOnlyDictionary<string, string>)labels;
        });

    private static readonly (string Key, string[] Values)[] PodKeys = [("app", Apps), ("tier", Tiers)];
    private static readonly (string Key, string[] Values)[] NamespaceKeys =
        [("env", Envs), ("team", Teams), (ReferenceEvaluator.NamespaceNameLabel, NamespaceNames)];

    private static Gen<RefRequirement> Requirement((string Key, string[] Values)[] keys) =>
        Gen.Select(Gen.Int[0, keys.Length - 1], Gen.OneOf("In", "NotIn", "Exists", "DoesNotExist"), Gen.Int[1, 2], Gen.Int[0, 1000],
            (k, op, count, pick) =>
            {
                var (key, values) = keys[k];
                if (op is "Exists" or "DoesNotExist") return new RefRequirement(key, op, []);
                // Values from the key's alphabet plus one no label has.
                var alphabet = values.Append("zz").ToArray();
                var chosen = Enumerable.Range(0, count).Select(i => alphabet[(pick + 7 * i) % alphabet.Length]).Distinct().ToList();
                return new RefRequirement(key, op, chosen);
            });

    private static Gen<RefSelector> Selector((string Key, string[] Values)[] keys) => Gen.Frequency(
        (3, Gen.Const(RefSelector.Everything)),
        (4, Labels(keys).Where(l => l.Count > 0).Select(l => new RefSelector(l, []))),
        (3, Requirement(keys).Select(r => new RefSelector(new Dictionary<string, string>(), [r]))),
        (1, Gen.Select(Labels(keys), Requirement(keys), (l, r) => new RefSelector(l, [r]))));

    internal static readonly Gen<RefSelector> PodSelector = Selector(PodKeys);
    internal static readonly Gen<RefSelector> NamespaceSelector = Selector(NamespaceKeys);

    private static readonly Gen<string?> Protocol = Gen.OneOf(ProtocolChoices);

    private static readonly Gen<RefContainerPort> ContainerPort =
        Gen.Select(Gen.OneOf(ContainerPortNumbers), Gen.Frequency((2, Gen.Const((string?)null)), (3, Gen.OneOf(ContainerPortNames).Select(n => (string?)n))), Protocol,
            (n, name, protocol) => new RefContainerPort(n, name, protocol));

    /// <summary>0–3 ports, names and (number, protocol) unique in the pod, in one or two containers.</summary>
    private static readonly Gen<IReadOnlyList<IReadOnlyList<RefContainerPort>>> Containers =
        Gen.Select(ContainerPort.Array[0, 3], Gen.Bool, (ports, split) =>
        {
            var kept = new List<RefContainerPort>();
            foreach (var p in ports)
                if (!kept.Any(k => (p.Name is not null && k.Name == p.Name) || (k.Number == p.Number && (k.Protocol ?? "TCP") == (p.Protocol ?? "TCP"))))
                    kept.Add(p);
            if (split && kept.Count >= 2) return (IReadOnlyList<IReadOnlyList<RefContainerPort>>)[kept.Take(1).ToList(), kept.Skip(1).ToList()];
            return (IReadOnlyList<IReadOnlyList<RefContainerPort>>)[kept];
        });

    private static readonly Gen<RefPeer> Peer = Gen.Frequency(
        (3, PodSelector.Select(ps => new RefPeer(ps, null, null))),
        (3, NamespaceSelector.Select(ns => new RefPeer(null, ns, null))),
        (2, Gen.Select(PodSelector, NamespaceSelector, (ps, ns) => new RefPeer(ps, ns, null))),
        (3, Gen.Select(Gen.Int[0, Blocks.Length - 1], Gen.Int[0, 7], (b, mask) =>
        {
            var (cidr, except) = Blocks[b];
            return new RefPeer(null, null, new RefIpBlock(cidr, except.Where((_, i) => (mask & (1 << i)) != 0).ToList()));
        })));

    private static readonly Gen<RefPolicyPort> PolicyPort = Gen.Frequency(
        (1, Gen.Const(new RefPolicyPort(null, null, null, null))),
        (2, Protocol.Select(p => new RefPolicyPort(p, null, null, null))),
        (4, Gen.Select(Protocol, Gen.OneOf(RulePortNumbers), (p, n) => new RefPolicyPort(p, n, null, null))),
        (2, Gen.Select(Protocol, Gen.OneOf(RuleRanges), (p, r) => new RefPolicyPort(p, r.Port, null, r.End))),
        (4, Gen.Select(Protocol, Gen.OneOf(RulePortNames), (p, n) => new RefPolicyPort(p, null, n, null))));

    /// <summary>Left out, written empty ([]), or one or two items.</summary>
    private static Gen<IReadOnlyList<T>?> OptionalList<T>(Gen<T> item, int absent, int empty, int some) => Gen.Frequency(
        (absent, Gen.Const((IReadOnlyList<T>?)null)),
        (empty, Gen.Const((IReadOnlyList<T>?)Array.Empty<T>())),
        (some, item.Array[1, 2].Select(a => (IReadOnlyList<T>?)a)));

    private static readonly Gen<RefRule> Rule =
        Gen.Select(OptionalList(Peer, 2, 1, 6), OptionalList(PolicyPort, 3, 1, 5), (peers, ports) => new RefRule(peers, ports));

    private static readonly Gen<IReadOnlyList<string>?> PolicyTypes = Gen.OneOf<IReadOnlyList<string>?>(
        null, Array.Empty<string>(), ["Ingress"], ["Egress"], ["Ingress", "Egress"]);

    private static Gen<RefPolicy> Policy(int namespaces) =>
        Gen.Select(Gen.Int[0, namespaces - 1], Gen.Frequency((1, Gen.Const((RefSelector?)null)), (6, PodSelector.Select(s => (RefSelector?)s))),
            PolicyTypes, OptionalList(Rule, 3, 2, 5), OptionalList(Rule, 3, 2, 5),
            (ns, selector, types, ingress, egress) => new RefPolicy(NamespaceNames[ns], "", selector, types, ingress, egress));

    private static Gen<RefPod> Pod(int namespaces) =>
        Gen.Select(Gen.Int[0, namespaces - 1], Gen.OneOf(Kinds), Labels(PodKeys), Containers,
            (ns, kind, labels, containers) => new RefPod(kind, NamespaceNames[ns], "", labels, containers));

    public static readonly Gen<RefCluster> Cluster =
        Gen.Int[1, 4].SelectMany(n => Gen.Select(Gen.Select(Labels(NamespaceKeys[..2]), Gen.Bool).Array[n], Pod(n).Array[1, 6], Policy(n).Array[0, 5],
            (namespaces, pods, policies) => new RefCluster(
                // A namespace without labels is sometimes left out of the manifests (it exists in the cluster).
                namespaces.Select((ns, i) => new RefNamespace(NamespaceNames[i], ns.Item1, Rendered: ns.Item1.Count > 0 || ns.Item2)).ToList(),
                pods.Select((p, i) => p with { Name = $"w{i}" }).ToList(),
                policies.Select((p, i) => p with { Name = $"p{i}" }).ToList())));

    /// <summary>A Deployment without labels (for hand-written clusters).</summary>
    public static RefPod Workload(string ns, string name, IReadOnlyDictionary<string, string> labels, params RefContainerPort[] ports) =>
        new("Deployment", ns, name, labels, [ports]);
}
