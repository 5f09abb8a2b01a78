using System.Numerics;

namespace KubeNetLint.Core.Connectivity;

/// <summary>A fixed-length set of small integers (endpoint class indexes), 64 to a word. Peers, selections
/// and reachable sets are bitsets, so combining them costs a few hundred word operations, not a loop over
/// endpoints per policy. Only the window of words from the first to the last member is stored: classes
/// are numbered namespace by namespace, so a selection within one namespace (most of them) costs that
/// namespace's words, not the cluster's — n such selections take linear memory, not n².</summary>
public sealed class Bitset : IEquatable<Bitset>
{
    private ulong[] _words;
    /// <summary>The word index of <c>_words[0]</c>; words outside the window are zero.</summary>
    private int _first;

    public int Length { get; }

    // Word indexes divide by 64 (not >> 6): indexes are never negative, and a division's mutants are
    // observable where a shift's `>>>` twin is not.
    private int LastWord => (Length + 63) / 64 - 1;

    /// <summary>How many words the window holds (for tests of the linear-memory promise).</summary>
    internal int StoredWords => _words.Length;

    public Bitset(int length)
    {
        Length = length;
        _words = [];
    }

    private Bitset(int length, int first, ulong[] words)
    {
        Length = length;
        _first = first;
        _words = words;
    }

    public static Bitset Full(int length)
    {
        var b = new Bitset(length);
        b.SetRange(0, length);
        return b;
    }

    public Bitset Clone() => new(Length, _first, (ulong[])_words.Clone());

    private ulong Word(int i)
    {
        int j = i - _first;
        return (uint)j < (uint)_words.Length ? _words[j] : 0;
    }

    /// <summary>Widens the window to hold words <paramref name="from"/>..<paramref name="to"/>, with room to
    /// grow further in the direction it grew, so sets filled in ascending order are copied a few times only.</summary>
    private void Cover(int from, int to)
    {
        if (_words.Length == 0)
        {
            _first = from;
            _words = new ulong[to - from + 1];
            return;
        }
        int last = _first + _words.Length - 1;
        int lo = Math.Min(from, _first), hi = Math.Max(to, last);
        if (lo == _first && hi == last) return;
        int slack = Math.Max(4, (hi - lo + 1) / 2);
        if (lo < _first) lo = Math.Max(0, lo - slack);
        if (hi > last) hi = Math.Min(LastWord, hi + slack);
        var words = new ulong[hi - lo + 1];
        Array.Copy(_words, 0, words, _first - lo, _words.Length);
        _words = words;
        _first = lo;
    }

    public bool this[int index] => (Word(index / 64) & (1UL << (index & 63))) != 0;

    public void Set(int index)
    {
        int w = index / 64;
        Cover(w, w);
        _words[w - _first] |= 1UL << (index & 63);
    }

    /// <summary>Sets indexes start..start+count-1.</summary>
    public void SetRange(int start, int count)
    {
        if (count <= 0) return;
        Cover(start / 64, (start + count - 1) / 64);
        for (int i = start; i < start + count; i++) _words[i / 64 - _first] |= 1UL << (i & 63);
    }

    public void Clear() => Array.Clear(_words);

    public void Or(Bitset other)
    {
        var b = other._words;
        int lo = 0, hi = b.Length - 1;
        while (lo < b.Length && b[lo] == 0) lo++;
        if (lo == b.Length) return;
        // b[lo] is non-zero, so this stops at lo at the latest.
        while (b[hi] == 0) hi--;
        Cover(other._first + lo, other._first + hi);
        var a = _words;
        int offset = other._first - _first;
        for (int i = lo; i <= hi; i++) a[offset + i] |= b[i];
    }

    public void And(Bitset other)
    {
        var a = _words;
        for (int i = 0; i < a.Length; i++) a[i] &= other.Word(_first + i);
    }

    public void AndNot(Bitset other)
    {
        var a = _words;
        for (int i = 0; i < a.Length; i++) a[i] &= ~other.Word(_first + i);
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
            if ((_words[i] & other.Word(_first + i)) != 0) return true;
        return false;
    }

    /// <summary>Does this set share a member with <paramref name="other"/> that <paramref name="except"/> lacks?</summary>
    public bool IntersectsExcept(Bitset other, Bitset except)
    {
        for (int i = 0; i < _words.Length; i++)
            if ((_words[i] & other.Word(_first + i) & ~except.Word(_first + i)) != 0) return true;
        return false;
    }

    /// <summary>Is every member of this set in <paramref name="other"/>?</summary>
    public bool IsSubsetOf(Bitset other)
    {
        for (int i = 0; i < _words.Length; i++)
            if ((_words[i] & ~other.Word(_first + i)) != 0) return false;
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
                yield return (_first + i << 6) + bit;
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
                into.Add((_first + i << 6) + BitOperations.TrailingZeroCount(w));
                w &= w - 1;
            }
        }
    }

    public bool Equals(Bitset? other)
    {
        if (other is null || other.Length != Length) return false;
        int lo = Math.Min(_first, other._first), hi = Math.Max(_first + _words.Length, other._first + other._words.Length);
        // Stryker disable once Equality : the bounds span both windows; past them every word reads 0 on both sides.
        for (int i = lo; i < hi; i++) if (Word(i) != other.Word(i)) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is Bitset b && Equals(b);

    public override int GetHashCode()
    {
        // Over the members only, so equal sets with other windows hash alike.
        var h = new HashCode();
        for (int i = 0; i < _words.Length; i++)
            if (_words[i] != 0)
            {
                h.Add(_first + i);
                h.Add(_words[i]);
            }
        return h.ToHashCode();
    }
}
