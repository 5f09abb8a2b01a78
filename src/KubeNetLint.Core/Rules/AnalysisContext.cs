using KubeNetLint.Core.Config;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Rules;

/// <summary>What a rule gets: the model, the graph built once over it, the config and the clock.</summary>
public sealed class AnalysisContext
{
    public required ResourceModel Model { get; init; }
    public required ResourceGraph Graph { get; init; }
    public required LintConfig Config { get; init; }
    /// <summary>"Now", injected so certificate checks are testable.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The connectivity analysis, computed once per run for every rule (and `check --matrix`).</summary>
    public Connectivity.ConnectivityAnalysis Connectivity() =>
        Shared(KubeNetLint.Core.Connectivity.ConnectivityAnalysis.SharedKey, () => KubeNetLint.Core.Connectivity.ConnectivityAnalysis.Build(Graph));

    /// <summary>Shared results that several rules compute once (e.g. the connectivity analysis).
    /// Thread-safe: rules run in parallel.</summary>
    public T Shared<T>(string key, Func<T> factory) where T : class =>
        (T)_shared.GetOrAdd(key, _ => new Lazy<object>(() => factory(), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<object>> _shared = new(StringComparer.Ordinal);
}
