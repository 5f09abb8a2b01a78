using KubeNetLint.Core.Model;

namespace KubeNetLint.Tests.Model;

public sealed class LabelMapTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(40)]
    public void Reads_like_the_dictionary_it_was_made_from(int count)
    {
        var source = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = count - 1; i >= 0; i--) source[$"key-{i}"] = $"value-{i}";
        var map = LabelMap.From(source);

        Assert.Equal(source.ToList(), map.ToList()); // same pairs, same order
        Assert.Equal(source.Keys, map.Keys);
        Assert.Equal(source.Values, map.Values);
        Assert.Equal(count, map.Count);
        foreach (var (k, v) in source)
        {
            Assert.True(map.ContainsKey(k));
            Assert.Equal(v, map[k]);
        }
        Assert.False(map.TryGetValue("KEY-0", out _)); // ordinal, as label keys are
        Assert.False(map.ContainsKey("absent"));
        Assert.Throws<KeyNotFoundException>(() => map["absent"]);
    }

    [Fact]
    public void Empty_maps_share_one_instance_and_a_map_is_not_copied_twice()
    {
        Assert.Same(LabelMap.Empty, LabelMap.From(new Dictionary<string, string>()));
        var map = LabelMap.From(new Dictionary<string, string> { ["app"] = "web" });
        Assert.Same(map, LabelMap.From(map));
    }

    [Fact]
    public void A_selector_built_from_a_map_keeps_its_pairs_in_order()
    {
        var selector = LabelSelector.FromMap(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }, null);
        Assert.Equal(["b", "a"], selector.LabelPairs.Select(p => p.Key));
        Assert.Equal("1", selector.MatchLabels["a"]);
    }
}
