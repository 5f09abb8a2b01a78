using KubeNetLint.Core.Model;

namespace KubeNetLint.Tests.Model;

public sealed class KubernetesVersionTests
{
    [Theory]
    [InlineData("1.33", 1, 33)]
    [InlineData("v1.999", 1, 999)]
    [InlineData("1.0.7", 1, 0)]
    public void Parses_major_and_minor(string text, int major, int minor)
    {
        Assert.True(KubernetesVersion.TryParse(text, out var v));
        Assert.Equal(new KubernetesVersion(major, minor), v);
    }

    [Theory]
    [InlineData("0.9")]
    [InlineData("1.1000")]
    [InlineData("1")]
    [InlineData("1.30-rc.1")]
    [InlineData(null)]
    public void Refuses_what_is_not_a_release(string? text) => Assert.False(KubernetesVersion.TryParse(text, out _));

    [Fact]
    public void Compares_by_major_then_minor()
    {
        var a = new KubernetesVersion(1, 30);
        var b = new KubernetesVersion(1, 31);
        var a2 = new KubernetesVersion(1, 30);
        Assert.True(a < b);
        Assert.False(a < a2);
        Assert.False(b < a);
        Assert.True(a <= a2);
        Assert.True(a <= b);
        Assert.False(b <= a);
        Assert.True(b > a);
        Assert.False(a > a2);
        Assert.True(a >= a2);
        Assert.False(a >= b);
        Assert.True(new KubernetesVersion(2, 0) > new KubernetesVersion(1, 99));
    }
}
