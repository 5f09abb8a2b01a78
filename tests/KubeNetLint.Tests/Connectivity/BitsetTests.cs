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
}
