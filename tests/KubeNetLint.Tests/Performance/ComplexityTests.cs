using KubeNetLint.Bench;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Tests.Performance;

/// <summary>Alone: these measure allocations, which other tests running beside them would add to.</summary>
[CollectionDefinition(nameof(ComplexityCollection), DisableParallelization = true)]
public sealed class ComplexityCollection;

/// <summary>
/// Issue #17: no phase and no rule superlinear in the input, checked by counting work rather than timing
/// it. Each shape of the benchmark (<see cref="ShapeGenerator"/>, <see cref="ClusterGenerator"/>,
/// <see cref="DumpGenerator"/>) is written at sizes n, 2n and 4n and linted end to end (load, model, every
/// rule, the connectivity analysis); the growth of the work from 2n to 4n must be at most 2.2 times its
/// growth from n to 2n (differences, so the fixed costs of a run do not hide a quadratic term: linear work
/// gives 2, quadratic 4). The work: candidates the label indexes hand to selectors (Service → workloads,
/// policies and peers → pods) and bytes allocated, on every thread.
/// </summary>
[Collection(nameof(ComplexityCollection))]
public sealed class ComplexityTests : IDisposable
{
    private const double MaxGrowth = 2.2;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"knl-complexity-{Guid.NewGuid():N}");
    public void Dispose() { if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true); }

    private sealed record Work(long Candidates, long Allocated, int Findings);

    private static Work Lint(string dir)
    {
        GC.Collect();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var config = LintConfig.Empty;
        var model = LintEngine.BuildModel(ManifestLoader.Load([dir]), config);
        var result = LintEngine.Run(model, config, Infrastructure.Repo.Now);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Empty(result.Failures);
        long candidates = result.Context.Graph.WorkloadIndex.CandidatesVisited + result.Context.Connectivity().Selectors.CandidatesVisited;
        return new Work(candidates, allocated, result.Findings.Count);
    }

    private void Grows_linearly(string shape, Func<int, string, object> write, int n)
    {
        var sizes = new[] { n, 2 * n, 4 * n };
        var dirs = sizes.Select(size => Path.Combine(_root, $"{shape}-{size}")).ToArray();
        for (int i = 0; i < sizes.Length; i++) write(sizes[i], dirs[i]);
        var warm = Lint(dirs[0]);   // JIT and static caches out of the way
        var work = dirs.Select(Lint).ToArray();
        // The count is the work, not the timing: the same input counts the same, however rules interleave.
        Assert.Equal(warm.Candidates, work[0].Candidates);
        Assert.True(work[2].Findings > work[1].Findings && work[1].Findings > work[0].Findings || work[0].Findings == 0,
            $"{shape}: the findings should grow with the input ({string.Join(", ", work.Select(w => w.Findings))})");
        Check(shape, "selector candidates", work.Select(w => (double)w.Candidates).ToArray());
        Check(shape, "bytes allocated", work.Select(w => (double)w.Allocated).ToArray());
    }

    private static void Check(string shape, string what, double[] w)
    {
        double first = w[1] - w[0], second = w[2] - w[1];
        if (first <= 0 && second <= 0) return;   // constant
        Assert.True(first > 0, $"{shape}: {what} did not grow from n to 2n ({w[0]:N0} → {w[1]:N0}) but from 2n to 4n ({w[2]:N0})");
        double growth = second / first;
        Assert.True(growth <= MaxGrowth,
            $"{shape}: {what} grew {growth:F2}× as much from 2n to 4n as from n to 2n ({w[0]:N0}, {w[1]:N0}, {w[2]:N0}); at most {MaxGrowth}× is linear");
    }

    [Fact]
    public void Many_namespaces_with_faults() =>
        Grows_linearly("apps", (size, dir) => new ShapeGenerator("apps", size, 20, 0.05, 1).Write(dir), 5);

    [Fact]
    public void One_large_namespace() =>
        Grows_linearly("one-namespace", (size, dir) => new ShapeGenerator("one-namespace", 1, size, 0.05, 1).Write(dir), 150);

    [Fact]
    public void Many_copies_of_one_identity() =>
        Grows_linearly("duplicates", (size, dir) => new ShapeGenerator("duplicates", 1, size, 0, 1).Write(dir), 100);

    [Fact]
    public void A_cluster_dump() =>
        Grows_linearly("dump", (size, dir) => new DumpGenerator(size, 1).Write(dir), 100);

    [Fact]
    public void A_gateway_routed_cluster_with_admin_tiers() =>
        Grows_linearly("gateway", (size, dir) => new ClusterGenerator(size, size, size / 2, size / 50, 1, adminPolicies: size / 20, httpRoutes: size / 5).Write(dir), 200);
}
