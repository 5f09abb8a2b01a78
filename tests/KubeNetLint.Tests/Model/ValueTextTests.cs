using System.Text;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Tests.Model;

/// <summary>Messages quote values whole up to <see cref="ValueText.MaxTokenLength"/> characters per run and
/// <see cref="ValueText.MaxMessageLength"/> per message.</summary>
public sealed class ValueTextTests
{
    private static string X(int n, char c = 'x') => new(c, n);

    [Fact]
    public void A_run_of_exactly_the_limit_stays_whole_and_one_more_is_cut()
    {
        var whole = "a " + X(200) + " c";
        Assert.Same(whole, ValueText.ShortenMessage(whole));
        Assert.Equal("a " + X(100) + "…", ValueText.ShortenMessage("a " + X(201)));
    }

    [Fact]
    public void A_cut_run_keeps_up_to_four_closing_punctuation_marks()
    {
        Assert.Equal("value '" + X(99) + "…' is bad", ValueText.ShortenMessage("value '" + X(300) + "' is bad"));
        Assert.Equal("k " + X(100) + "…\"),.", ValueText.ShortenMessage("k " + X(300) + "'\"),."));
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        Assert.Equal("x " + X(99, 'a') + "…", ValueText.ShortenMessage("x " + X(99, 'a') + "😀" + X(200, 'b')));
        Assert.Equal(X(99) + "…", ValueText.Value(X(99) + "😀" + X(200)));
    }

    [Fact]
    public void Every_long_run_of_a_message_is_cut()
    {
        Assert.Equal("A" + X(99, 'a') + "… " + X(100, 'b') + "… end",
            ValueText.ShortenMessage("A" + X(250, 'a') + " " + X(250, 'b') + " end"));
    }

    private static string Words(int length)
    {
        var sb = new StringBuilder();
        while (sb.Length < length) sb.Append("word ");
        return sb.ToString(0, length);
    }

    [Fact]
    public void A_message_of_the_limit_stays_whole_and_a_longer_one_is_cut_to_it()
    {
        var limit = Words(ValueText.MaxMessageLength);
        Assert.Equal(limit, ValueText.ShortenMessage(limit));
        var longer = Words(5000);
        var cut = ValueText.ShortenMessage(longer);
        Assert.Equal(ValueText.MaxMessageLength, cut.Length);
        Assert.Equal(longer[..3999] + "…", cut);
    }

    [Fact]
    public void The_message_cut_never_splits_a_surrogate_pair()
    {
        var text = Words(3998) + "😀" + Words(1000);
        Assert.Equal(text[..3998] + "…", ValueText.ShortenMessage(text));
    }

    [Fact]
    public void A_value_of_the_limit_stays_whole()
    {
        Assert.Equal(X(200), ValueText.Value(X(200)));
        Assert.Equal(X(100) + "…", ValueText.Value(X(201)));
    }
}
