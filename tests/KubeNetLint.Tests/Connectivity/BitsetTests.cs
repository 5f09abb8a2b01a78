using CsCheck;
using KubeNetLint.Core.Connectivity;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The bit set stores only the window of words its members span (issue 17: per-namespace
/// selections in linear memory). Every operation is compared with a plain set of integers, over sets
/// whose windows overlap, nest, touch and lie apart.</summary>
public sealed class BitsetTests
{
    private const int Length = 700;

    private static readonly Gen<int[]> Members = Gen.Frequency(
        (2, Gen.Int[0, Length - 1].Array[0, 30]),
        (2, Gen.Select(Gen.Int[0, Length - 1], Gen.Int[0, 130]).Select((start, span) => Enumerable.Range(start, Math.Min(span, Length - start)).Where(i => i % 3 != 1).ToArray())),
        (1, Gen.Const(Array.Empty<int>())));

    private static (Bitset, HashSet<int>) Make(int[] members, bool ranged)
    {
        var b = new Bitset(Length);
        if (ranged && members.Length > 0)
        {
            // Through SetRange then clearing by And, to use the other entry points too.
            int lo = members.Min(), hi = members.Max();
            b.SetRange(lo, hi - lo + 1);
            var keep = new Bitset(Length);
            foreach (var m in members) keep.Set(m);
            b.And(keep);
        }
        else foreach (var m in members.Reverse()) b.Set(m);
        return (b, [.. members]);
    }

    [Fact]
    public void Every_operation_agrees_with_a_set_of_integers()
    {
        Gen.Select(Members, Members, Members, Gen.Bool).Sample((x, y, z, ranged) =>
        {
            var (a, sa) = Make(x, ranged);
            var (b, sb) = Make(y, !ranged);
            var (c, sc) = Make(z, ranged);
            Assert.Equal(sa.Order(), a.Ones());
            for (int i = 0; i < Length; i += 7) Assert.Equal(sa.Contains(i), a[i]);
            Assert.Equal(sa.Count, a.Count);
            Assert.Equal(sa.Count == 0, a.IsEmpty);
            Assert.Equal(sa.Overlaps(sb), a.Intersects(b));
            Assert.Equal(sa.Any(i => sb.Contains(i) && !sc.Contains(i)), a.IntersectsExcept(b, c));
            Assert.Equal(sa.IsSubsetOf(sb), a.IsSubsetOf(b));
            Assert.Equal(sa.SetEquals(sb), a.Equals(b));
            if (sa.SetEquals(sb)) Assert.Equal(a.GetHashCode(), b.GetHashCode());

            var or = a.Clone(); or.Or(b);
            Assert.Equal(sa.Union(sb).Order(), or.Ones());
            var and = a.Clone(); and.And(b);
            Assert.Equal(sa.Intersect(sb).Order(), and.Ones());
            Assert.Equal(sa.Intersect(sb).Order(), Bitset.Intersection(a, b).Ones());
            var andNot = a.Clone(); andNot.AndNot(b);
            Assert.Equal(sa.Except(sb).Order(), andNot.Ones());
            var list = new List<int>(); or.AddOnesTo(list);
            Assert.Equal(sa.Union(sb).Order(), list);
            // The original is untouched by operations on its clones.
            Assert.Equal(sa.Order(), a.Ones());
            a.Clear();
            Assert.True(a.IsEmpty);
        }, iter: 3000);
    }

    [Fact]
    public void Full_has_every_member_and_a_set_filled_in_order_grows_its_window()
    {
        Assert.Equal(Enumerable.Range(0, Length), Bitset.Full(Length).Ones());
        var b = new Bitset(Length);
        for (int i = 0; i < Length; i++) b.Set(i);
        Assert.True(b.Equals(Bitset.Full(Length)));
    }

    private static Bitset Of(int length, params int[] members)
    {
        var b = new Bitset(length);
        foreach (var m in members) b.Set(m);
        return b;
    }

    /// <summary>The window grows to exactly the words asked for, plus slack in the direction it grew only
    /// (4 words, or half the new window when that is more), never past the last word of the length.</summary>
    [Fact]
    public void The_window_holds_the_members_words_and_grows_with_slack_in_one_direction()
    {
        const int length = 64 * 100;
        var up = Of(length, 640);
        Assert.Equal(1, up.StoredWords);
        up.Set(704); // word 11: words 10..11 plus 4 above
        Assert.Equal(6, up.StoredWords);

        var down = Of(length, 64 * 50);
        down.Set(64 * 49); // words 49..50 plus 4 below
        Assert.Equal(6, down.StoredWords);
        Assert.Equal([64 * 49, 64 * 50], down.Ones());

        var wide = Of(length, 64 * 5);
        wide.Set(64 * 24); // words 5..24 (20) plus 10 above
        Assert.Equal(30, wide.StoredWords);
        Assert.Equal([64 * 5, 64 * 24], wide.Ones());

        var atEnd = Of(length, 64 * 90);
        atEnd.Set(length - 1); // words 90..99, slack cut at the last word
        Assert.Equal(10, atEnd.StoredWords);
        Assert.True(atEnd[length - 1]);
        Assert.Equal(100, Bitset.Full(length).StoredWords);
    }

    [Fact]
    public void SetRange_covers_only_the_words_of_the_range_and_an_empty_range_nothing()
    {
        var one = new Bitset(640);
        one.SetRange(0, 64);
        Assert.Equal(1, one.StoredWords);
        Assert.Equal(Enumerable.Range(0, 64), one.Ones());
        one.SetRange(600, 0);
        one.SetRange(600, -3);
        Assert.Equal(1, one.StoredWords);
        Assert.Equal(64, one.Count);

        var second = new Bitset(640);
        second.SetRange(64, 1);
        Assert.Equal(1, second.StoredWords);
        Assert.Equal([64], second.Ones());
    }

    [Fact]
    public void Or_covers_only_the_non_zero_words_of_the_other_set()
    {
        var other = Of(6400, 640, 1280);
        other.And(Of(6400, 1280)); // word 10 is now zero inside the window
        var target = new Bitset(6400);
        target.Or(other);
        Assert.Equal(1, target.StoredWords);
        Assert.Equal([1280], target.Ones());

        var cleared = Of(6400, 5);
        cleared.Clear(); // a window of zero words
        target.Or(cleared);
        Assert.Equal([1280], target.Ones());
        Assert.Equal(1, target.StoredWords);
    }

    [Fact]
    public void Equality_needs_the_same_length_and_members_and_equal_sets_hash_alike_across_windows()
    {
        Assert.False(Of(10, 1).Equals(null));
        Assert.False(Of(10, 1).Equals((object?)null));
        Assert.False(new Bitset(10).Equals(new Bitset(20)));
        Assert.False(Of(100, 3).Equals(Of(200, 3)));
        Assert.True(Of(100, 3).Equals((object)Of(100, 3)));

        var narrow = Of(6400, 640);
        var wide = Of(6400, 0, 640);
        wide.And(narrow); // same member, window from word 0 with zero words before it
        Assert.True(wide.StoredWords > narrow.StoredWords);
        Assert.True(narrow.Equals(wide));
        Assert.Equal(narrow.GetHashCode(), wide.GetHashCode());

        // Different sets hash apart (up to rare collisions).
        var hashes = Enumerable.Range(0, 200).Select(i => Of(6400, i * 31).GetHashCode()).ToHashSet();
        Assert.True(hashes.Count > 190, $"{hashes.Count} distinct hashes of 200 sets");
    }
}
