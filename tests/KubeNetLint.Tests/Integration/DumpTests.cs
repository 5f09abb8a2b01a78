using KubeNetLint.Tests.Connectivity;
using KubeNetLint.Tests.Infrastructure;
using KubeNetLint.Tests.Rules;

namespace KubeNetLint.Tests.Integration;

/// <summary>Live-cluster dumps (testdata/dumps): Lists and typed lists, Pods grouped by the controller
/// that owns them, runtime objects and finished Pods.</summary>
public sealed class DumpTests
{
    private static string Dump(string name) => Path.GetRelativePath(Repo.Root, Path.Combine(Repo.TestData, "dumps", name)).Replace('\\', '/');

    private static string[] Workloads(params string[] files) =>
        [.. Net.AnalyzePaths([.. files.Select(f => Path.Combine(Repo.Root, f))]).Endpoints
            .Where(e => e.Kind == Core.Connectivity.EndpointKind.Workload).Select(e => e.Id).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("kubectl-get-list.yaml")]
    [InlineData("typed-lists.yaml")]
    [InlineData("pods.json")]
    [InlineData("pods-without-owners.yaml")]
    [InlineData("pod-ips-in-ipblock.yaml")]
    public void Findings_match_the_expect_comments(string name)
    {
        var scenario = Dump(name);
        var actual = Lint.Paths([Path.Combine(Repo.Root, scenario)]).Reported
            .Select(f => $"{Path.GetRelativePath(Repo.Root, Path.GetFullPath(f.Path, Repo.Root)).Replace('\\', '/')}:{f.Line}: {f.RuleId}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(FixtureTests.Expectations(Path.Combine(Repo.Root, scenario)).Order(StringComparer.Ordinal), actual);
    }

    [Fact]
    public void A_kubectl_List_keeps_one_endpoint_per_workload_and_drops_runtime_noise()
    {
        // The ReplicaSet and its Pod are the Deployment; the Event and the Node run nothing; the finished
        // migration Pod has no IP any more.
        Assert.Equal(["shop/Deployment/web"], Workloads(Dump("kubectl-get-list.yaml")));
    }

    [Fact]
    public void Typed_list_items_inherit_kind_and_apiVersion()
    {
        var result = Lint.Paths([Path.Combine(Repo.Root, Dump("typed-lists.yaml"))]);
        Assert.Contains(result.Model.Resources, r => r.Id == "shop/Pod/api-0" && r.ApiVersion == "v1");
        Assert.Contains(result.Model.Resources, r => r.Id == "shop/Service/typo");
        Assert.Contains(result.Model.NetworkPolicies, p => p.Resource.Id == "shop/NetworkPolicy/default-deny" && p.Resource.ApiVersion == "networking.k8s.io/v1");
        // Findings point into the dump: the Service's selector inside the second list.
        var typo = Assert.Single(result.Reported, f => f.RuleId == "KNL101");
        Assert.Equal((36, 5), (typo.Line, typo.Column));
    }

    [Fact]
    public void A_JSON_PodList_groups_a_StatefulSets_pods_and_skips_failed_ones() =>
        Assert.Equal(["data/StatefulSet/db"], Workloads(Dump("pods.json")));

    [Fact]
    public void Pods_without_their_controller_are_named_after_it_unless_their_labels_differ() =>
        Assert.Equal(
            ["kube-system/Pod/kube-apiserver-node1", "shop/Pod/mixed-1-aaaaa", "shop/Pod/mixed-1-bbbbb", "shop/ReplicaSet/web-5d8f9c"],
            Workloads(Dump("pods-without-owners.yaml")));

    [Fact]
    public void Explain_takes_the_name_Kind_form_and_checks_an_expected_verdict()
    {
        var dump = Path.Combine(Repo.Root, Dump("kubectl-get-list.yaml"));
        var denied = CliRunner.Run("explain", "--from", "shop/web[Deployment]", "--to", "1.2.3.4", "--port", "80/TCP", "--expect", "denied", dump);
        Assert.Equal(1, denied.ExitCode);
        Assert.Contains("shop/Deployment/web -> external/0.0.0.0-255.255.255.255 on 80/TCP is allowed, not denied", denied.Stderr);
        Assert.Contains("ALLOWED", denied.Stdout);

        var allowed = CliRunner.Run("explain", "--from", "1.2.3.4", "--to", "shop/web[Deployment]", "--port", "8080/TCP", "--expect", "allowed", dump);
        Assert.Equal(0, allowed.ExitCode);
        var blocked = CliRunner.Run("explain", "--from", "1.2.3.4", "--to", "shop/Deployment/web", "--port", "9090/TCP", "--expect", "denied", dump);
        Assert.Equal(0, blocked.ExitCode);
    }

    [Fact]
    public void Explain_says_when_pod_IPs_of_the_dump_fall_in_an_ipBlock()
    {
        var dump = Path.Combine(Repo.Root, Dump("pod-ips-in-ipblock.yaml"));
        var r = CliRunner.Run("explain", "--from", "team-a/Pod/client", "--to", "data/Pod/db", "--port", "5432", dump);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("DENIED", r.Stdout);
        Assert.Contains("caveat: pod IP 10.244.1.7 of team-a/Pod/client lies in ipBlock 10.0.0.0/8 of NetworkPolicy data/NetworkPolicy/db; " +
                        "whether the network plugin matches pod traffic against ipBlocks is implementation-defined", r.Stdout);
        // The other direction involves no ipBlock of a deciding policy: no caveat.
        Assert.DoesNotContain("caveat", CliRunner.Run("explain", "--from", "data/Pod/db", "--to", "team-a/Pod/client", dump).Stdout);
    }

    [Fact]
    public void The_matrix_says_what_stands_behind_a_dumps_endpoints()
    {
        var r = CliRunner.Run("matrix", Path.Combine(Repo.Root, Dump("pods-without-owners.yaml")));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("note: shop/ReplicaSet/web-5d8f9c is not in the input; it stands for its 2 Pods web-5d8f9c-aaaaa, web-5d8f9c-bbbbb.\n", r.Stdout);
        Assert.Contains("note: shop/Pod/mixed-1-aaaaa: not grouped with the other Pods of ReplicaSet mixed-1: their labels differ (track), so policies may tell them apart.\n", r.Stdout);
        Assert.Contains("note: kube-system/Pod/kube-apiserver-node1 is a static Pod", r.Stdout);
        var json = CliRunner.Run("matrix", "-f", "json", Path.Combine(Repo.Root, Dump("pods-without-owners.yaml"))).Stdout;
        Assert.Contains("\"id\":\"shop/ReplicaSet/web-5d8f9c\"", json);
        Assert.Contains("\"note\":\"shop/ReplicaSet/web-5d8f9c is not in the input", json);
        // Manifests (not a dump) carry no note.
        Assert.DoesNotContain("\"note\"", CliRunner.Run("matrix", "-f", "json", Path.Combine(Repo.TestData, "examples")).Stdout);
    }

    [Fact]
    public void A_truncated_JSON_dump_is_a_finding_with_its_position_and_the_rest_is_still_linted()
    {
        var result = Lint.Paths([Path.Combine(Repo.Root, Dump("truncated"))]);
        var broken = Assert.Single(result.Reported, f => f.RuleId == "KNL001");
        Assert.EndsWith("pods-truncated.json", broken.Path, StringComparison.Ordinal);
        Assert.Equal((14, 70), (broken.Line, broken.Column));
        // The other file of the dump is read: its Service (whose Pods were in the truncated part) is linted,
        // and an item of a kind KubeNetLint does not know is kept, not reported.
        Assert.Contains(result.Reported, f => f.RuleId == "KNL101" && f.Path.EndsWith("services.yaml", StringComparison.Ordinal));
        Assert.Contains(result.Model.Resources, r => r.Kind == "FlowSchemaThing" && r.Name == "mystery");
        Assert.DoesNotContain(result.Reported, f => f.RuleId == "KNL002");
    }
}
