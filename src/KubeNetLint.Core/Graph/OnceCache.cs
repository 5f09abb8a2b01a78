using System.Collections.Concurrent;

namespace KubeNetLint.Core.Graph;

/// <summary>A thread-safe cache whose factory runs once per key, also when rules running in parallel ask for
/// the same key at once (<see cref="ConcurrentDictionary{TKey,TValue}.GetOrAdd(TKey, Func{TKey,TValue})"/>
/// alone may run it several times: wasted work, and work counts that depend on timing).</summary>
public sealed class OnceCache<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<TValue>> _entries = new(comparer);

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory) =>
        _entries.GetOrAdd(key, k => new Lazy<TValue>(() => factory(k), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
