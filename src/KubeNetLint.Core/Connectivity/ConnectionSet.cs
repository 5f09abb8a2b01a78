using System.Globalization;
using System.Text;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Core.Connectivity;

/// <summary>An inclusive range of port numbers.</summary>
public readonly record struct PortRange(int Low, int High)
{
    public override string ToString() => Low == High
        ? Low.ToString(CultureInfo.InvariantCulture)
        : $"{Low.ToString(CultureInfo.InvariantCulture)}-{High.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>What may flow between two endpoints: per protocol (TCP, UDP, SCTP) a set of port ranges.
/// Immutable and always normalized (sorted, disjoint, non-adjacent ranges within 1-65535), so two sets
/// are equal exactly when they allow the same connections, and the printed form is canonical:
/// <c>all</c>, <c>none</c>, or e.g. <c>TCP 80,8000-8090; UDP 53</c> (<c>TCP all</c> for every TCP port).</summary>
public sealed class ConnectionSet : IEquatable<ConnectionSet>
{
    public const int MinPort = 1;
    public const int MaxPort = 65535;

    /// <summary>The protocols in canonical order; a set's ranges are indexed the same way.</summary>
    public static readonly IReadOnlyList<string> ProtocolNames = [Protocols.Tcp, Protocols.Udp, Protocols.Sctp];

    private static readonly PortRange[] NoRanges = [];
    private static readonly PortRange[] EveryPort = [new(MinPort, MaxPort)];

    public static readonly ConnectionSet None = new([NoRanges, NoRanges, NoRanges]);
    public static readonly ConnectionSet All = new([EveryPort, EveryPort, EveryPort]);

    private readonly PortRange[][] _ranges;
    private readonly int _hash;

    private ConnectionSet(PortRange[][] ranges)
    {
        _ranges = ranges;
        var h = new HashCode();
        foreach (var list in ranges)
        {
            h.Add(list.Length);
            foreach (var r in list) h.Add(r);
        }
        _hash = h.ToHashCode();
    }

    /// <summary>0 for TCP, 1 for UDP, 2 for SCTP, -1 for anything else (protocol names are case-sensitive, as in the API).</summary>
    public static int ProtocolIndex(string protocol) => protocol switch
    {
        Protocols.Tcp => 0,
        Protocols.Udp => 1,
        Protocols.Sctp => 2,
        _ => -1,
    };

    private static int IndexOrThrow(string protocol)
    {
        int i = ProtocolIndex(protocol);
        return i >= 0 ? i : throw new ArgumentException($"unknown protocol '{protocol}' (TCP, UDP or SCTP)", nameof(protocol));
    }

    /// <summary>Every port of one protocol.</summary>
    public static ConnectionSet AllOf(string protocol) => Range(protocol, MinPort, MaxPort);

    public static ConnectionSet Port(string protocol, int port) => Range(protocol, port, port);

    /// <summary>Ports low..high of one protocol, clipped to 1-65535 (empty when nothing is left).</summary>
    public static ConnectionSet Range(string protocol, int low, int high) => Of(protocol, [new PortRange(low, high)]);

    public static ConnectionSet Of(string protocol, IEnumerable<PortRange> ranges)
    {
        var all = new[] { NoRanges, NoRanges, NoRanges };
        all[IndexOrThrow(protocol)] = Normalize(ranges);
        return Create(all);
    }

    /// <summary>A set from ranges of any protocols at once.</summary>
    public static ConnectionSet Of(IEnumerable<(string Protocol, PortRange Range)> ranges)
    {
        var lists = new[] { new List<PortRange>(), new List<PortRange>(), new List<PortRange>() };
        foreach (var (protocol, range) in ranges) lists[IndexOrThrow(protocol)].Add(range);
        return Create([Normalize(lists[0]), Normalize(lists[1]), Normalize(lists[2])]);
    }

    private static ConnectionSet Create(PortRange[][] ranges)
    {
        bool empty = true, full = true;
        foreach (var list in ranges)
        {
            if (list.Length != 0) empty = false;
            if (!(list.Length == 1 && list[0] == EveryPort[0])) full = false;
        }
        return empty ? None : full ? All : new ConnectionSet(ranges);
    }

    /// <summary>Sorts, clips and merges ranges (overlapping or adjacent ones become one). Sets are small,
    /// so an insertion sort on a copy is the cheapest way there.</summary>
    private static PortRange[] Normalize(IEnumerable<PortRange> ranges)
    {
        var list = new List<PortRange>();
        foreach (var r in ranges)
        {
            var c = new PortRange(Math.Max(r.Low, MinPort), Math.Min(r.High, MaxPort));
            if (c.Low > c.High) continue;
            int i = list.Count;
            // Sorted by Low only: Merge takes the larger High of ranges starting together, in either order.
            // Stryker disable once Equality : ranges with equal Low may go in either order, as Merge takes the larger High of them.
            while (i > 0 && list[i - 1].Low > c.Low) i--;
            list.Insert(i, c);
        }
        return Merge(list);
    }

    /// <summary>Coalesces sorted ranges that overlap or touch.</summary>
    private static PortRange[] Merge(List<PortRange> sorted)
    {
        if (sorted.Count == 0) return NoRanges;
        int count = 0;
        var current = sorted[0];
        for (int i = 1; i < sorted.Count; i++)
        {
            var r = sorted[i];
            if (r.Low <= current.High + 1) current = current with { High = Math.Max(current.High, r.High) };
            else
            {
                sorted[count++] = current;
                current = r;
            }
        }
        sorted[count++] = current;
        if (count == 1 && current == EveryPort[0]) return EveryPort;
        var result = new PortRange[count];
        sorted.CopyTo(0, result, 0, count);
        return result;
    }

    /// <summary>The union of two normalized range lists, by a linear merge.</summary>
    private static PortRange[] Union(PortRange[] a, PortRange[] b)
    {
        // Stryker disable once Logical : fast paths; the merge below returns an equal list (EveryPort itself when full).
        if (a.Length == 0 || ReferenceEquals(b, EveryPort)) return b;
        // Stryker disable once Logical : fast paths; the merge below returns an equal list (EveryPort itself when full).
        if (b.Length == 0 || ReferenceEquals(a, EveryPort)) return a;
        var merged = new List<PortRange>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
            // Stryker disable once Equality : which of two ranges with the same Low goes first does not matter, Merge keeps the larger High.
            merged.Add(j >= b.Length || (i < a.Length && a[i].Low <= b[j].Low) ? a[i++] : b[j++]);
        var result = Merge(merged);
        return result.AsSpan().SequenceEqual(a) ? a : result.AsSpan().SequenceEqual(b) ? b : result;
    }

    public bool IsEmpty => ReferenceEquals(this, None);
    public bool IsAll => ReferenceEquals(this, All);

    /// <summary>The ranges of one protocol, ascending.</summary>
    public IReadOnlyList<PortRange> RangesOf(string protocol) => _ranges[IndexOrThrow(protocol)];

    internal IReadOnlyList<PortRange> RangesAt(int protocolIndex) => _ranges[protocolIndex];

    /// <summary>True when every port of the protocol is in the set.</summary>
    public bool HasAllOf(string protocol)
    {
        var r = _ranges[IndexOrThrow(protocol)];
        return r.Length == 1 && r[0] == EveryPort[0];
    }

    public bool Contains(string protocol, int port)
    {
        int i = ProtocolIndex(protocol);
        if (i < 0) return false;
        foreach (var r in _ranges[i])
        {
            if (port < r.Low) return false;
            if (port <= r.High) return true;
        }
        return false;
    }

    public bool IsSubsetOf(ConnectionSet other) => Intersect(other).Equals(this);

    public bool Overlaps(ConnectionSet other) => !Intersect(other).IsEmpty;

    public ConnectionSet Union(ConnectionSet other)
    {
        // Stryker disable once Logical : fast paths only; the per-protocol merge below returns this same instance for each of them.
        if (IsAll || other.IsEmpty || ReferenceEquals(this, other)) return this;
        // Stryker disable once Logical : fast paths only; the merge below returns other itself (sameOther).
        if (other.IsAll || IsEmpty) return other;
        var result = new PortRange[3][];
        bool same = true, sameOther = true;
        for (int p = 0; p < 3; p++)
        {
            result[p] = Union(_ranges[p], other._ranges[p]);
            same &= ReferenceEquals(result[p], _ranges[p]);
            sameOther &= ReferenceEquals(result[p], other._ranges[p]);
        }
        return same ? this : sameOther ? other : Create(result);
    }

    public ConnectionSet Intersect(ConnectionSet other)
    {
        // Stryker disable once Logical : fast paths only; the per-protocol intersection below returns other itself for each of them.
        if (IsAll || ReferenceEquals(this, other) || other.IsEmpty) return other;
        // Stryker disable once Logical : fast paths only; the intersection below returns this itself (same).
        if (other.IsAll || IsEmpty) return this;
        var result = new PortRange[3][];
        bool same = true, sameOther = true;
        for (int p = 0; p < 3; p++)
        {
            result[p] = Intersect(_ranges[p], other._ranges[p]);
            same &= result[p].AsSpan().SequenceEqual(_ranges[p]);
            sameOther &= result[p].AsSpan().SequenceEqual(other._ranges[p]);
        }
        return same ? this : sameOther ? other : Create(result);
    }

    public ConnectionSet Except(ConnectionSet other)
    {
        // Stryker disable once Logical : fast paths only; the complement-and-intersect below gives an equal set (Create returns None for empty).
        if (other.IsEmpty || IsEmpty) return this;
        // Stryker disable once Logical : fast paths only; the complement of every port is empty, so the general path gives None too.
        if (other.IsAll || ReferenceEquals(this, other)) return None;
        var result = new PortRange[3][];
        for (int p = 0; p < 3; p++) result[p] = Intersect(_ranges[p], Complement(other._ranges[p]));
        return Create(result);
    }

    private static PortRange[] Intersect(PortRange[] a, PortRange[] b)
    {
        // Stryker disable once Logical : a fast path; the loop below yields nothing for an empty list.
        if (a.Length == 0 || b.Length == 0) return NoRanges;
        if (ReferenceEquals(a, EveryPort)) return b;
        if (ReferenceEquals(b, EveryPort)) return a;
        var result = new List<PortRange>();
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            int low = Math.Max(a[i].Low, b[j].Low), high = Math.Min(a[i].High, b[j].High);
            if (low <= high) result.Add(new PortRange(low, high));
            // Stryker disable once Equality : on equal Highs either may advance first; the next range of the advanced list starts past that High + 1 and meets nothing of the other.
            if (a[i].High < b[j].High) i++;
            else j++;
        }
        // Never every port here: that needs both lists to be every port, and a full list is always EveryPort, handled above.
        return result.Count == 0 ? NoRanges : [.. result];
    }

    private static PortRange[] Complement(PortRange[] ranges)
    {
        if (ranges.Length == 0) return EveryPort;
        var result = new List<PortRange>();
        int next = MinPort;
        foreach (var r in ranges)
        {
            if (r.Low > next) result.Add(new PortRange(next, r.Low - 1));
            next = r.High + 1;
        }
        if (next <= MaxPort) result.Add(new PortRange(next, MaxPort));
        return [.. result];
    }

    public bool Equals(ConnectionSet? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._hash != _hash) return false;
        // Stryker disable once Equality : reached only with equal hashes, so unequal sets get here only by a hash collision (random seed per process).
        for (int p = 0; p < 3; p++)
            if (!_ranges[p].AsSpan().SequenceEqual(other._ranges[p])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is ConnectionSet c && Equals(c);
    public override int GetHashCode() => _hash;

    public override string ToString()
    {
        if (IsAll) return "all";
        if (IsEmpty) return "none";
        var sb = new StringBuilder();
        for (int p = 0; p < 3; p++)
        {
            var list = _ranges[p];
            if (list.Length == 0) continue;
            if (sb.Length > 0) sb.Append("; ");
            sb.Append(ProtocolNames[p]).Append(' ');
            if (ReferenceEquals(list, EveryPort)) sb.Append("all");
            else sb.AppendJoin(',', list);
        }
        return sb.ToString();
    }

    /// <summary>Reads the canonical form back (<c>all</c>, <c>none</c>, <c>TCP 80,8000-8090; UDP all</c>).</summary>
    public static ConnectionSet Parse(string text)
    {
        text = text.Trim();
        if (text == "all") return All;
        if (text == "none" || text.Length == 0) return None;
        var result = None;
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(' ', 2);
            if (pieces.Length != 2) throw new FormatException($"'{part}': expected PROTOCOL PORTS");
            var protocol = pieces[0];
            IndexOrThrow(protocol);
            var ports = pieces[1].Trim();
            if (ports == "all")
            {
                result = result.Union(AllOf(protocol));
                continue;
            }
            var ranges = new List<PortRange>();
            foreach (var item in ports.Split(',', StringSplitOptions.TrimEntries))
            {
                var bounds = item.Split('-');
                if (bounds.Length > 2 || !bounds.All(b => int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                    throw new FormatException($"'{item}' is not a port or a port range");
                int low = int.Parse(bounds[0], CultureInfo.InvariantCulture);
                int high = bounds.Length == 2 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : low;
                if (low < MinPort || high > MaxPort || low > high) throw new FormatException($"'{item}' is not within 1-65535");
                ranges.Add(new PortRange(low, high));
            }
            result = result.Union(Of(protocol, ranges));
        }
        return result;
    }
}
