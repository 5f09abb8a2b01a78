using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

/// <summary>The addresses an ipBlock matches: its cidr minus its excepts, as disjoint ascending ranges
/// of one family. <see cref="Key"/> identifies equal blocks however they were written.</summary>
public sealed record IpRangeSet(IpFamily Family, IReadOnlyList<(UInt128 First, UInt128 Last)> Ranges, string Key)
{
    /// <summary>The block's address set, or null when its cidr does not parse (the policy is invalid then).
    /// Excepts that do not parse or lie outside the cidr are left out here; KNL304 reports them.</summary>
    public static IpRangeSet? From(IpBlock block)
    {
        if (block.Cidr is null) return null;
        if (!Cidr.TryParse(block.Cidr, out var cidr, out _)) return null;
        var excepts = new List<Cidr>();
        foreach (var (text, _) in block.Except)
            if (Cidr.TryParse(text, out var e, out _) && cidr.Contains(e)) excepts.Add(e);
        return Of(cidr, excepts);
    }

    public static IpRangeSet Of(Cidr cidr, IEnumerable<Cidr>? excepts = null)
    {
        var cut = (excepts ?? []).OrderBy(e => e.First).ToList();
        var ranges = new List<(UInt128, UInt128)>();
        var next = cidr.First;
        bool done = false;
        foreach (var e in cut)
        {
            if (done) break;
            if (e.Last < next) continue;
            if (e.First > next) ranges.Add((next, e.First - 1));
            if (e.Last >= cidr.Last) done = true;
            else next = e.Last + 1;
        }
        if (!done && next <= cidr.Last) ranges.Add((next, cidr.Last));
        var key = cidr + (cut.Count == 0 ? "" : " except " + string.Join(",", cut.Select(c => c.ToString()).Distinct()));
        return new IpRangeSet(cidr.Family, ranges, key);
    }
}

/// <summary>One cell of the external address space: a range of addresses that every ipBlock of the
/// policies either contains entirely or not at all, so all its addresses are treated alike.</summary>
public sealed record ExternalCell(IpFamily Family, UInt128 First, UInt128 Last, IReadOnlyList<Cidr> Cidrs)
{
    public string Id => $"external/{Cidr.FormatAddress(Family, First)}-{Cidr.FormatAddress(Family, Last)}";
    public override string ToString() => Id;
}

/// <summary>The coarsest partition of the IPv4 and IPv6 address spaces into ranges such that each range
/// lies wholly inside or wholly outside every ipBlock (cidr minus except) of the policies. Without any
/// ipBlock it is two cells: 0.0.0.0/0 and ::/0.</summary>
public sealed class ExternalPartition
{
    public IReadOnlyList<ExternalCell> Cells { get; }

    private ExternalPartition(List<ExternalCell> cells) => Cells = cells;

    public static ExternalPartition Build(IEnumerable<IpRangeSet> blocks)
    {
        var distinct = blocks.DistinctBy(b => b.Key).ToList();
        var cells = new List<ExternalCell>();
        foreach (var family in new[] { IpFamily.V4, IpFamily.V6 })
            cells.AddRange(BuildFamily(family, distinct.Where(b => b.Family == family).ToList()));
        return new ExternalPartition(cells);
    }

    private static IEnumerable<ExternalCell> BuildFamily(IpFamily family, List<IpRangeSet> blocks)
    {
        var max = Cidr.MaxAddress(family);
        // Elementary intervals start at 0 and after every range boundary.
        var starts = new SortedSet<UInt128> { UInt128.Zero };
        foreach (var b in blocks)
            foreach (var (first, last) in b.Ranges)
            {
                starts.Add(first);
                if (last < max) starts.Add(last + 1);
            }
        var bounds = starts.ToArray();
        var members = new List<int>[bounds.Length];
        for (int i = 0; i < bounds.Length; i++) members[i] = [];
        for (int k = 0; k < blocks.Count; k++)
            foreach (var (first, last) in blocks[k].Ranges)
            {
                int i = Array.BinarySearch(bounds, first);
                for (; i < bounds.Length && bounds[i] <= last; i++) members[i].Add(k);
            }

        // Adjacent intervals inside exactly the same blocks form one cell.
        int start = 0;
        for (int i = 1; i <= bounds.Length; i++)
        {
            if (i < bounds.Length && members[i].SequenceEqual(members[start])) continue;
            var first = bounds[start];
            var last = i < bounds.Length ? bounds[i] - 1 : max;
            yield return new ExternalCell(family, first, last, Cidr.Cover(family, first, last));
            start = i;
        }
    }

    /// <summary>Indexes of the cells overlapping the ranges (for a block of the partition: the cells it contains).</summary>
    public IEnumerable<int> CellsOverlapping(IpFamily family, UInt128 first, UInt128 last)
    {
        for (int i = 0; i < Cells.Count; i++)
        {
            var c = Cells[i];
            if (c.Family == family && c.First <= last && c.Last >= first) yield return i;
        }
    }

    public IEnumerable<int> CellsOf(IpRangeSet block) =>
        block.Ranges.SelectMany(r => CellsOverlapping(block.Family, r.First, r.Last)).Distinct().Order();
}
