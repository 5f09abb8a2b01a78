using KubeNetLint.Core.Loading;

namespace KubeNetLint.Tests.Loading;

/// <summary>Nodes pack their span, style and tag into fewer fields (Nodes.cs); every combination must read
/// back exactly what was written, in any initialisation order.</summary>
public sealed class CompactNodeTests
{
    private static readonly SourceFile File = new() { Path = "t.yaml", Text = "" };

    [Theory]
    [InlineData(1, 1, 1, 2)]
    [InlineData(7, 3, 7, 3)]                  // an empty scalar: start = end
    [InlineData(10, 80_000, 10, 200_000)]     // a minified JSON line: columns beyond 16 bits
    [InlineData(5, 9, 5_000_000, 1)]          // a literal block over millions of lines
    [InlineData(int.MaxValue - 10, 1, int.MaxValue - 1, 4)]
    public void Span_style_and_tag_read_back_what_was_written(int startLine, int startColumn, int endLine, int endColumn)
    {
        var span = new SourceSpan(startLine, startColumn, endLine, endColumn);
        foreach (var style in Enum.GetValues<ScalarStyle>())
            foreach (var tag in new[] { null, "tag:yaml.org,2002:str", "!custom" })
            {
                var spanFirst = new ScalarNode { File = File, Span = span, Style = style, Tag = tag, Value = "v" };
                var styleFirst = new ScalarNode { File = File, Tag = tag, Style = style, Value = "v", Span = span };
                foreach (var n in new[] { spanFirst, styleFirst })
                {
                    Assert.Equal(span, n.Span);
                    Assert.Equal(style, n.Style);
                    Assert.Equal(tag, n.Tag);
                    Assert.Same(File, n.File);
                }
            }
    }

    [Fact]
    public void A_span_that_ends_before_it_starts_is_refused_rather_than_stored_wrong()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScalarNode { File = File, Span = new SourceSpan(9, 1, 8, 1), Value = "" });
    }

    [Fact]
    public void Large_mappings_find_every_key_and_the_last_of_a_repeated_one()
    {
        ScalarNode Key(string k) => new() { File = File, Span = SourceSpan.At(1, 1), Value = k };
        var entries = Enumerable.Range(0, 20).Select(i => new KeyValuePair<ScalarNode, Node>(Key($"k{i}"), Key($"v{i}"))).ToList();
        entries.Add(new(Key("k3"), Key("last")));
        foreach (var count in new[] { 1, 8, 9, entries.Count })
        {
            var map = new MappingNode(entries.Take(count).ToList()) { File = File, Span = SourceSpan.At(1, 1) };
            for (int i = 0; i < Math.Min(count, 20); i++)
                Assert.Equal(i == 3 && count == entries.Count ? "last" : $"v{i}", ((ScalarNode)map[$"k{i}"]!).Value);
            Assert.Null(map["absent"]);
        }
    }
}
