using KubeNetLint.Core.Loading;

namespace KubeNetLint.Tests.Loading;

/// <summary>Spans, line breaks and line lookups of a source file, position by position.</summary>
public sealed class SourceSpanTests
{
    private static SourceFile File(string text) => new() { Path = "f.yaml", FullPath = "/x/f.yaml", Text = text };

    [Fact]
    public void A_point_span_covers_one_column_and_shifts_by_lines_only()
    {
        Assert.Equal(new SourceSpan(3, 5, 3, 6), SourceSpan.At(3, 5));
        Assert.Equal(new SourceSpan(5, 2, 7, 4), new SourceSpan(2, 2, 4, 4).Shift(3));
        Assert.Equal("2:2-4:4", new SourceSpan(2, 2, 4, 4).ToString());
    }

    [Fact]
    public void Only_a_file_without_a_full_path_is_standard_input()
    {
        Assert.False(File("").IsStdin);
        Assert.True(new SourceFile { Path = SourceFile.StdinName }.IsStdin);
    }

    [Fact]
    public void Lone_crs_become_lfs_and_the_first_one_is_remembered_by_line()
    {
        var f = File("a\r\nb\nc\rd\re\r").WithLineBreaksNormalized();
        Assert.Equal("a\r\nb\nc\nd\ne\n", f.Text);
        Assert.Equal(3, f.FirstLoneCrLine);
        Assert.Equal("f.yaml", f.Path);
        Assert.Equal("/x/f.yaml", f.FullPath);

        var first = File("\rx").WithLineBreaksNormalized();
        Assert.Equal("\nx", first.Text);
        Assert.Equal(1, first.FirstLoneCrLine);

        var last = File("x\r\n\r").WithLineBreaksNormalized();
        Assert.Equal("x\r\n\n", last.Text);
        Assert.Equal(2, last.FirstLoneCrLine);
    }

    [Fact]
    public void Text_without_a_lone_cr_is_kept_as_it_is()
    {
        var crlf = File("a\r\nb\r\n");
        Assert.Same(crlf, crlf.WithLineBreaksNormalized());
        Assert.Null(crlf.FirstLoneCrLine);
        var plain = File("a\nb");
        Assert.Same(plain, plain.WithLineBreaksNormalized());
    }

    [Fact]
    public void Mentions_answers_for_the_marker_asked_each_time()
    {
        var f = File("x # kubenetlint:ignore all");
        Assert.True(f.Mentions("kubenetlint:ignore"));
        Assert.False(f.Mentions("nothing-like-this"));
        Assert.True(f.Mentions("kubenetlint:ignore"));
        Assert.False(f.Mentions("nothing-like-this"));
    }

    [Fact]
    public void Lines_are_read_without_their_breaks_and_outside_the_file_are_empty()
    {
        var f = File("\nab\r\n\ncd\r\nlast");
        Assert.Equal(5, f.LineCount);
        Assert.Equal("", f.LineText(0));
        Assert.Equal("", f.LineText(1));
        Assert.Equal("ab", f.LineText(2));
        Assert.Equal("", f.LineText(3));
        Assert.Equal("cd", f.LineText(4));
        Assert.Equal("last", f.LineText(5));
        Assert.Equal("", f.LineText(6));
        Assert.Equal("", f.LineText(-1));
    }

    [Fact]
    public void A_final_break_starts_an_empty_last_line()
    {
        Assert.Equal(1, File("").LineCount);
        Assert.Equal(1, File("abc").LineCount);
        Assert.Equal(2, File("abc\n").LineCount);
        Assert.Equal(3, File("a\nb\n").LineCount);
        var f = File("ab\n");
        Assert.Equal("ab", f.LineText(1));
        Assert.Equal("", f.LineText(2));
        Assert.Equal("", f.LineText(3));
    }

    [Theory]
    // Inside the text: unchanged.
    [InlineData(1, 2, 1, 3, "1:2-1:3")]
    [InlineData(1, 4, 2, 3, "1:4-2:3")]
    // Columns at most one past the line's end; the last line has no break.
    [InlineData(1, 9, 1, 12, "1:4-1:4")]
    [InlineData(1, 4, 1, 5, "1:4-1:4")]
    [InlineData(2, 1, 2, 9, "2:1-2:3")]
    [InlineData(2, 3, 2, 4, "2:3-2:3")]
    // Lines within the file, the end never before the start.
    [InlineData(0, 0, 0, 0, "1:1-1:1")]
    [InlineData(7, 1, 9, 1, "2:1-2:1")]
    [InlineData(2, 1, 1, 2, "2:1-2:2")]
    [InlineData(1, 3, 1, 2, "1:3-1:3")]
    // An end column before the start column is fine on a later line.
    [InlineData(1, 3, 2, 1, "1:3-2:1")]
    public void Clamp_cuts_a_span_to_the_text(int sl, int sc, int el, int ec, string expected) =>
        Assert.Equal(expected, File("abc\nde").Clamp(new SourceSpan(sl, sc, el, ec)).ToString());

    [Fact]
    public void A_location_reads_its_file_and_start()
    {
        var loc = new SourceLocation(File("a"), new SourceSpan(4, 7, 5, 1));
        Assert.Equal("f.yaml", loc.Path);
        Assert.Equal(4, loc.Line);
        Assert.Equal(7, loc.Column);
        Assert.Null(loc.Origin);
        Assert.Equal("f.yaml:4:7", loc.ToString());
        Assert.Equal("f.yaml", loc.File.ToString());
    }
}
