using System.Numerics;

namespace KubeNetLint.Core.Connectivity;

/// <summary>A fixed-length set of small integers (endpoint class indexes), 64 to a word. Peers, selections
/// and reachable sets are bitsets, so combining them costs a few hundred word operations, not a loop over
/// endpoints per policy.</summary>
public sealed class Bitset : IEquatable<Bitset>
{
    private readonly ulong[] _words;

    public int Length { get; }

    public Bitset(int length)
    {
        Length = length;
        _words = new ulong[(length + 63) >> 6];
    }

    private Bitset(int length, ulong[] words)
    {
        Length = length;
        _words = words;
    }

    public static Bitset Full(int length)
    {
        var b = new Bitset(length);
        b.SetRange(0, length);
        return b;
    }

    public Bitset Clone() => new(Length, (ulong[])_words.Clone());

    public bool this[int index] => (_words[index >> 6] & (1UL << (index & 63))) != 0;

    public void Set(int index) => _words[index >> 6] |= 1UL << (index & 63);

    /// <summary>Sets indexes start..start+count-1.</summary>
    public void SetRange(int start, int count)
    {
        for (int i = start; i < start + count; i++) Set(i);
    }

    public void Clear() => Array.Clear(_words);

    public void Or(Bitset other)
    {
        var a = _words;
        var b = other._words;
        for (int i = 0; i < a.Length; i++) a[i] |= b[i];
    }

    public void And(Bitset other)
    {
        var a = _words;
        var b = other._words;
        for (int i = 0; i < a.Length; i++) a[i] &= b[i];
    }

    public void AndNot(Bitset other)
    {
        var a = _words;
        var b = other._words;
        for (int i = 0; i < a.Length; i++) a[i] &= ~b[i];
    }

    public static Bitset Intersection(Bitset a, Bitset b)
    {
        var r = a.Clone();
        r.And(b);
        return r;
    }

    public bool Intersects(Bitset other)
    {
        for (int i = 0; i < _words.Length; i++)
            if ((_words[i] & other._words[i]) != 0) return true;
        return false;
    }

    /// <summary>Does this set share a member with <paramref name="other"/> that <paramref name="except"/> lacks?</summary>
    public bool IntersectsExcept(Bitset other, Bitset except)
    {
        for (int i = 0; i < _words.Length; i++)
            if ((_words[i] & other._words[i] & ~except._words[i]) != 0) return true;
        return false;
    }

    /// <summary>Is every member of this set in <paramref name="other"/>?</summary>
    public bool IsSubsetOf(Bitset other)
    {
        for (int i = 0; i < _words.Length; i++)
            if ((_words[i] & ~other._words[i]) != 0) return false;
        return true;
    }

    public bool IsEmpty
    {
        get
        {
            foreach (var w in _words) if (w != 0) return false;
            return true;
        }
    }

    public int Count
    {
        get
        {
            int n = 0;
            foreach (var w in _words) n += BitOperations.PopCount(w);
            return n;
        }
    }

    /// <summary>The set indexes, ascending.</summary>
    public IEnumerable<int> Ones()
    {
        for (int i = 0; i < _words.Length; i++)
        {
            var w = _words[i];
            while (w != 0)
            {
                int bit = BitOperations.TrailingZeroCount(w);
                yield return (i << 6) + bit;
                w &= w - 1;
            }
        }
    }

    /// <summary>Appends the set indexes to a list (no iterator allocation on hot paths).</summary>
    public void AddOnesTo(List<int> into)
    {
        for (int i = 0; i < _words.Length; i++)
        {
            var w = _words[i];
            while (w != 0)
            {
                into.Add((i << 6) + BitOperations.TrailingZeroCount(w));
                w &= w - 1;
            }
        }
    }

    public bool Equals(Bitset? other) =>
        other is not null && other.Length == Length && _words.AsSpan().SequenceEqual(other._words);

    public override bool Equals(object? obj) => obj is Bitset b && Equals(b);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var w in _words) h.Add(w);
        return h.ToHashCode();
    }
}
