using KubeNetLint.Core.Connectivity;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>The connection-set algebra against a brute-force model: random sets over a few ports near the
/// edges and the middle of the range, every operation compared point by point, plus the laws it must keep.</summary>
public sealed class ConnectionSetTests
{
    private static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];

    /// <summary>Ports where range arithmetic goes wrong first: the ends, and a small dense window.</summary>
    private static readonly int[] Probes = [.. Enumerable.Range(1, 12), .. Enumerable.Range(75, 15), 1000, 32767, 65533, 65534, 65535];

    private static ConnectionSet RandomSet(Random random)
    {
        var set = random.Next(12) == 0 ? ConnectionSet.All : ConnectionSet.None;
        int parts = random.Next(5);
        for (int i = 0; i < parts; i++)
        {
            var protocol = Protocols[random.Next(3)];
            int low = Probes[random.Next(Probes.Length)];
            int high = random.Next(4) == 0 ? Math.Min(65535, low + random.Next(3)) : Probes[random.Next(Probes.Length)];
            set = random.Next(6) == 0 ? set.Union(ConnectionSet.AllOf(protocol))
                : set.Union(ConnectionSet.Range(protocol, Math.Min(low, high), Math.Max(low, high)));
        }
        return set;
    }

    private static HashSet<(string, int)> Points(ConnectionSet set) =>
        [.. Protocols.SelectMany(p => Probes.Where(port => set.Contains(p, port)).Select(port => (p, port)))];

    [Fact]
    public void Operations_agree_with_the_pointwise_model()
    {
        var random = new Random(20240601);
        for (int i = 0; i < 3000; i++)
        {
            var a = RandomSet(random);
            var b = RandomSet(random);
            var pa = Points(a);
            var pb = Points(b);
            Assert.Equal(pa.Union(pb).ToHashSet(), Points(a.Union(b)));
            Assert.Equal(pa.Intersect(pb).ToHashSet(), Points(a.Intersect(b)));
            Assert.Equal(pa.Except(pb).ToHashSet(), Points(a.Except(b)));
        }
    }

    [Fact]
    public void Algebraic_laws_hold()
    {
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            var a = RandomSet(random);
            var b = RandomSet(random);
            var c = RandomSet(random);
            Assert.Equal(a.Union(b), b.Union(a));
            Assert.Equal(a.Intersect(b), b.Intersect(a));
            Assert.Equal(a.Union(b).Union(c), a.Union(b.Union(c)));
            Assert.Equal(a.Intersect(b).Intersect(c), a.Intersect(b.Intersect(c)));
            Assert.Equal(a.Intersect(b.Union(c)), a.Intersect(b).Union(a.Intersect(c)));
            Assert.Equal(a, a.Union(a));
            Assert.Equal(a, a.Intersect(a));
            Assert.True(a.Except(a).IsEmpty);
            Assert.True(a.Except(b).Intersect(b).IsEmpty);
            Assert.Equal(a, a.Except(b).Union(a.Intersect(b)));
            // De Morgan within "all".
            Assert.Equal(ConnectionSet.All.Except(a.Union(b)), ConnectionSet.All.Except(a).Intersect(ConnectionSet.All.Except(b)));
            Assert.True(a.IsSubsetOf(a.Union(b)));
            Assert.True(a.Intersect(b).IsSubsetOf(a));
            Assert.Equal(a.Union(ConnectionSet.None), a);
            Assert.Equal(a.Intersect(ConnectionSet.All), a);
            Assert.True(a.Union(ConnectionSet.All).IsAll);
        }
    }

    [Fact]
    public void Equal_sets_have_equal_text_and_hash_and_the_text_parses_back()
    {
        var random = new Random(99);
        for (int i = 0; i < 2000; i++)
        {
            var a = RandomSet(random);
            var b = RandomSet(random);
            Assert.Equal(a.Equals(b), a.ToString() == b.ToString());
            if (a.Equals(b)) Assert.Equal(a.GetHashCode(), b.GetHashCode());
            Assert.Equal(a, ConnectionSet.Parse(a.ToString()));
        }
    }

    [Theory]
    [InlineData("TCP 80", "TCP 80")]
    [InlineData("TCP 81,80", "TCP 80-81")]
    [InlineData("TCP 80-90,85-100,101", "TCP 80-101")]
    [InlineData("UDP 53; TCP 53", "TCP 53; UDP 53")]
    [InlineData("SCTP 9000; TCP 443,80", "TCP 80,443; SCTP 9000")]
    [InlineData("TCP 1-65535", "TCP all")]
    [InlineData("TCP all; UDP all; SCTP all", "all")]
    [InlineData("TCP 1-65535; UDP 1-65535; SCTP 1-65535", "all")]
    [InlineData("", "none")]
    [InlineData("TCP 80-85,80-90", "TCP 80-90")]
    [InlineData("TCP 80-90,80-85,70-80", "TCP 70-90")]
    [InlineData("TCP  80", "TCP 80")]
    public void Canonical_form(string input, string canonical) => Assert.Equal(canonical, ConnectionSet.Parse(input).ToString());

    [Fact]
    public void Ranges_are_clipped_to_valid_ports_and_unknown_protocols_rejected()
    {
        Assert.Equal("TCP 1-5", ConnectionSet.Range("TCP", -3, 5).ToString());
        Assert.True(ConnectionSet.Range("TCP", 70000, 80000).IsEmpty);
        Assert.Throws<ArgumentException>(() => ConnectionSet.Port("tcp", 80));
        Assert.False(ConnectionSet.All.Contains("ICMP", 1));
        Assert.Throws<FormatException>(() => ConnectionSet.Parse("TCP 0"));
    }

    [Fact]
    public void Ranges_of_a_protocol_are_exposed_in_order()
    {
        var set = ConnectionSet.Parse("TCP 8000-8090,80; UDP 53");
        Assert.Equal([new PortRange(80, 80), new PortRange(8000, 8090)], set.RangesOf("TCP"));
        Assert.Equal([new PortRange(53, 53)], set.RangesOf("UDP"));
        Assert.Empty(set.RangesOf("SCTP"));
        Assert.True(ConnectionSet.AllOf("UDP").HasAllOf("UDP"));
        Assert.Equal("TCP 80,8000-8090; UDP 53", set.ToString());
    }

    [Fact]
    public void HasAllOf_needs_the_single_range_of_every_port()
    {
        Assert.False(ConnectionSet.Port("TCP", 80).HasAllOf("TCP"));
        Assert.False(ConnectionSet.Range("TCP", 1, 65534).HasAllOf("TCP"));
        Assert.False(ConnectionSet.None.HasAllOf("TCP"));
        Assert.False(ConnectionSet.AllOf("UDP").HasAllOf("TCP"));
        Assert.True(ConnectionSet.Parse("TCP 1-100,101-65535").HasAllOf("TCP"));
    }

    [Theory]
    [InlineData("TCP")]
    [InlineData("TCP 1-2-3")]
    [InlineData("TCP 80-")]
    [InlineData("TCP 80,,81")]
    [InlineData("TCP 90-80")]
    [InlineData("UDP 65536")]
    public void Malformed_text_is_rejected(string text) => Assert.Throws<FormatException>(() => ConnectionSet.Parse(text));

    [Fact]
    public void Different_sets_hash_apart()
    {
        var hashes = Enumerable.Range(1, 200).Select(p => ConnectionSet.Port(Protocols[p % 3], p).GetHashCode()).ToHashSet();
        Assert.True(hashes.Count > 190, $"{hashes.Count} distinct hashes of 200 sets");
    }
}
