using KubeNetLint.Core.Connectivity;

namespace KubeNetLint.Tests.Connectivity;

public sealed class ExternalPartitionTests
{
    private static IpRangeSet Block(string cidr, params string[] except)
    {
        Assert.True(Cidr.TryParse(cidr, out var c, out _));
        return IpRangeSet.Of(c, except.Select(e => { Assert.True(Cidr.TryParse(e, out var x, out _)); return x; }));
    }

    private static List<string> Describe(ExternalPartition p) =>
        p.Cells.Select(c => $"{c.Id} [{string.Join(" ", c.Cidrs)}]").ToList();

    [Fact]
    public void Without_ip_blocks_there_is_one_cell_per_family()
    {
        Assert.Equal(
            ["external/0.0.0.0-255.255.255.255 [0.0.0.0/0]", "external/::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff [::/0]"],
            Describe(ExternalPartition.Build([])));
    }

    [Fact]
    public void A_block_cuts_the_space_into_maximal_ranges()
    {
        var p = ExternalPartition.Build([Block("10.0.0.0/8")]);
        Assert.Equal([
            "external/0.0.0.0-9.255.255.255 [0.0.0.0/5 8.0.0.0/7]",
            "external/10.0.0.0-10.255.255.255 [10.0.0.0/8]",
            "external/11.0.0.0-255.255.255.255 [11.0.0.0/8 12.0.0.0/6 16.0.0.0/4 32.0.0.0/3 64.0.0.0/2 128.0.0.0/1]",
            "external/::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff [::/0]",
        ], Describe(p));
    }

    [Fact]
    public void Excepts_cut_holes_and_cells_stay_wholly_inside_or_outside_every_block()
    {
        var blocks = new[] { Block("10.0.0.0/8", "10.1.0.0/16"), Block("10.0.0.0/16"), Block("0.0.0.0/0", "10.0.0.0/8", "192.168.0.0/16") };
        var p = ExternalPartition.Build(blocks);
        // Every cell is inside or outside each block, checked at both ends and at a middle address.
        foreach (var cell in p.Cells.Where(c => c.Family == IpFamily.V4))
            foreach (var b in blocks)
            {
                bool Inside(UInt128 a) => b.Ranges.Any(r => a >= r.First && a <= r.Last);
                var mid = cell.First + (cell.Last - cell.First) / 2;
                Assert.Equal(Inside(cell.First), Inside(cell.Last));
                Assert.Equal(Inside(cell.First), Inside(mid));
            }
        // Coarsest: neighbouring cells differ in some block.
        var v4 = p.Cells.Where(c => c.Family == IpFamily.V4).ToList();
        for (int i = 1; i < v4.Count; i++)
            Assert.Contains(blocks, b => b.Ranges.Any(r => v4[i].First >= r.First && v4[i].First <= r.Last) !=
                                         b.Ranges.Any(r => v4[i - 1].First >= r.First && v4[i - 1].First <= r.Last));
        Assert.Contains("external/10.1.0.0-10.1.255.255 [10.1.0.0/16]", Describe(p));
        Assert.Contains("external/10.0.0.0-10.0.255.255 [10.0.0.0/16]", Describe(p));
        Assert.Contains("external/10.2.0.0-10.255.255.255 [10.2.0.0/15 10.4.0.0/14 10.8.0.0/13 10.16.0.0/12 10.32.0.0/11 10.64.0.0/10 10.128.0.0/9]", Describe(p));
    }

    [Fact]
    public void Cells_cover_the_whole_space_without_overlap()
    {
        var p = ExternalPartition.Build([Block("172.16.0.0/12", "172.16.5.0/24"), Block("2001:db8::/32", "2001:db8:1::/48"), Block("0.0.0.0/1")]);
        foreach (var family in new[] { IpFamily.V4, IpFamily.V6 })
        {
            var cells = p.Cells.Where(c => c.Family == family).ToList();
            Assert.Equal(UInt128.Zero, cells[0].First);
            Assert.Equal(Cidr.MaxAddress(family), cells[^1].Last);
            for (int i = 1; i < cells.Count; i++) Assert.Equal(cells[i - 1].Last + 1, cells[i].First);
            foreach (var c in cells)
            {
                // The CIDRs of a cell tile it exactly.
                Assert.Equal(c.First, c.Cidrs[0].First);
                Assert.Equal(c.Last, c.Cidrs[^1].Last);
                for (int i = 1; i < c.Cidrs.Count; i++) Assert.Equal(c.Cidrs[i - 1].Last + 1, c.Cidrs[i].First);
            }
        }
        Assert.Contains("external/2001:db8:1::-2001:db8:1:ffff:ffff:ffff:ffff:ffff [2001:db8:1::/48]", Describe(p));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("192.168.1.7/32", "192.168.1.7/32")]
    [InlineData("2001:DB8::1/32", "2001:db8::/32")]
    [InlineData("::/0", "::/0")]
    public void Cidrs_parse_and_drop_host_bits(string text, string canonical)
    {
        Assert.True(Cidr.TryParse(text, out var c, out var error), error);
        Assert.Equal(canonical, c.ToString());
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/8")]
    [InlineData("10.0.0.256/8")]
    [InlineData("fe80::1%eth0/64")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("example.com/8")]
    public void Invalid_cidrs_are_rejected(string text) => Assert.False(Cidr.TryParse(text, out _, out _));

    [Fact]
    public void Except_that_covers_the_whole_cidr_leaves_nothing()
    {
        var b = Block("10.0.0.0/24", "10.0.0.0/25", "10.0.0.128/25");
        Assert.Empty(b.Ranges);
    }
}
