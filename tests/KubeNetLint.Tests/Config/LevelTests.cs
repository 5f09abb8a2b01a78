using KubeNetLint.Core;

namespace KubeNetLint.Tests.Config;

/// <summary>Level names as SARIF writes them, both ways.</summary>
public sealed class LevelTests
{
    [Theory]
    [InlineData(Level.Error, "error")]
    [InlineData(Level.Warning, "warning")]
    [InlineData(Level.Note, "note")]
    public void A_level_has_its_SARIF_name_both_ways(Level level, string name)
    {
        Assert.Equal(name, level.ToName());
        Assert.Equal(level, LevelNames.Parse(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Error")]
    [InlineData("WARNING")]
    [InlineData("info")]
    [InlineData("none")]
    [InlineData("error ")]
    public void Other_names_are_no_level(string text) => Assert.Null(LevelNames.Parse(text));

    [Fact]
    public void Levels_are_ordered_like_SARIF()
    {
        Assert.Equal([Level.Note, Level.Warning, Level.Error], Enum.GetValues<Level>());
        Assert.Equal((1, 2, 3), ((int)Level.Note, (int)Level.Warning, (int)Level.Error));
        Assert.True(Level.Error > Level.Warning && Level.Warning > Level.Note);
    }
}
