using KubeNetLint.Core.Loading;

namespace KubeNetLint.Tests.Loading;

/// <summary>The pool shares one instance of each string of up to 32 characters, from strings and spans.</summary>
public sealed class StringPoolTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(31)]
    [InlineData(32)]
    public void Strings_of_up_to_32_characters_are_shared(int length)
    {
        var pool = new StringPool();
        var text = new string('a', length);
        var first = pool.GetOrAdd(new string('a', length));
        Assert.Equal(text, first);
        Assert.Same(first, pool.GetOrAdd(new string('a', length)));
        Assert.Same(first, pool.GetOrAdd(text.AsSpan()));
        // From a span first, then a string.
        var other = new StringPool();
        var fromSpan = other.GetOrAdd(("x" + text).AsSpan(1));
        Assert.Equal(text, fromSpan);
        Assert.Same(fromSpan, other.GetOrAdd(("y" + text).AsSpan(1)));
        Assert.Same(fromSpan, other.GetOrAdd(new string('a', length)));
    }

    [Fact]
    public void Longer_strings_are_not_kept()
    {
        var pool = new StringPool();
        var text = new string('a', 33);
        var first = pool.GetOrAdd(text);
        Assert.Same(text, first);
        var again = new string('a', 33);
        Assert.Same(again, pool.GetOrAdd(again));
        var fromSpan = pool.GetOrAdd(text.AsSpan());
        Assert.Equal(text, fromSpan);
        Assert.NotSame(fromSpan, pool.GetOrAdd(text.AsSpan()));
        Assert.NotSame(text, fromSpan);
    }
}
