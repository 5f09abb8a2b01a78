using KubeNetLint.Core.Loading;

namespace KubeNetLint.Tests.Loading;

/// <summary>What a scalar node reads as for kubectl (null, typed value, JSON key) by style and tag, and
/// the span's line-count limit.</summary>
public sealed class NodesTests
{
    private static readonly SourceFile File = new() { Path = "t.yaml", Text = "" };
    private const string Core = "tag:yaml.org,2002:";

    private static ScalarNode Scalar(string value, ScalarStyle style = ScalarStyle.Plain, string? tag = null) =>
        new() { File = File, Span = SourceSpan.At(1, 1), Value = value, Style = style, Tag = tag };

    [Fact]
    public void Null_is_an_empty_or_null_plain_scalar_or_one_tagged_null_quoted_ones_are_strings()
    {
        foreach (var v in new[] { "", "~", "null", "Null", "NULL" })
        {
            Assert.True(Scalar(v).IsNull, $"plain [{v}]");
            Assert.False(Scalar(v, ScalarStyle.SingleQuoted).IsNull, $"quoted [{v}]");
            Assert.False(Scalar(v, ScalarStyle.DoubleQuoted).IsNull, $"double-quoted [{v}]");
            Assert.True(Scalar(v, ScalarStyle.DoubleQuoted, Core + "null").IsNull, $"!!null \"{v}\"");
            Assert.False(Scalar(v, tag: Core + "str").IsNull, $"!!str {v}");
        }
        foreach (var v in new[] { "n", "N", "no", "nil", "none", "~x", "0", "x", " null" })
            Assert.False(Scalar(v).IsNull, $"plain [{v}]");
        Assert.False(Scalar("x", tag: Core + "null").IsNull);
        Assert.Equal("null", Scalar("~").KindName);
    }

    [Fact]
    public void A_field_is_absent_when_missing_or_null_but_not_when_empty_quoted_or_a_collection()
    {
        Assert.True(Node.IsAbsent(null));
        Assert.True(Node.IsAbsent(Scalar("")));
        Assert.True(Node.IsAbsent(Scalar("~")));
        Assert.True(Node.IsAbsent(Scalar("null")));
        Assert.False(Node.IsAbsent(Scalar("", ScalarStyle.DoubleQuoted)));
        Assert.False(Node.IsAbsent(Scalar("0")));
        Assert.False(Node.IsAbsent(new MappingNode([]) { File = File, Span = SourceSpan.At(1, 1) }));
        Assert.False(Node.IsAbsent(new SequenceNode { File = File, Span = SourceSpan.At(1, 1), Items = [] }));
    }

    [Fact]
    public void A_quoted_scalar_is_a_string_unless_a_core_tag_types_it()
    {
        Assert.Equal(JsonScalarKind.Integer, Scalar("80").Resolved.Kind);
        Assert.Equal(JsonScalarKind.String, Scalar("80", ScalarStyle.DoubleQuoted).Resolved.Kind);
        Assert.Equal(JsonScalarKind.String, Scalar("yes", ScalarStyle.SingleQuoted).Resolved.Kind);
        var tagged = Scalar("80", ScalarStyle.DoubleQuoted, Core + "int").Resolved;
        Assert.Equal(JsonScalarKind.Integer, tagged.Kind);
        Assert.Equal(80, tagged.Integer);
        Assert.Equal(JsonScalarKind.String, Scalar("80", tag: Core + "str").Resolved.Kind);
        Assert.Equal(JsonScalarKind.String, Scalar("80", tag: "!custom").Resolved.Kind);
    }

    [Fact]
    public void Json_keys_are_the_text_of_quoted_scalars_and_the_typed_value_of_plain_or_tagged_ones()
    {
        Assert.Equal("true", Scalar("yes").JsonKey);
        Assert.Equal("8", Scalar("010").JsonKey);
        Assert.Equal("yes", Scalar("yes", ScalarStyle.SingleQuoted).JsonKey);
        Assert.Equal("010", Scalar("010", ScalarStyle.DoubleQuoted).JsonKey);
        Assert.Equal("8", Scalar("010", ScalarStyle.DoubleQuoted, Core + "int").JsonKey);
        Assert.Equal("true", Scalar("on", ScalarStyle.SingleQuoted, Core + "bool").JsonKey);
        Assert.Equal("yes", Scalar("yes", tag: Core + "str").JsonKey);
        Assert.Equal("name", Scalar("name").JsonKey);
    }

    [Fact]
    public void A_span_may_cover_up_to_2_to_the_27_minus_1_more_lines()
    {
        const int maxLines = (1 << 27) - 1;
        var span = new SourceSpan(3, 2, 3 + maxLines, 5);
        var scalar = new ScalarNode { File = File, Span = span, Value = "v", Style = ScalarStyle.Folded, Tag = "!t" };
        Assert.Equal(span, scalar.Span);
        Assert.Equal(ScalarStyle.Folded, scalar.Style);
        Assert.Equal("!t", scalar.Tag);
        var longest = new SequenceNode { File = File, Span = span, Items = [] };
        Assert.Equal(span, longest.Span);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequenceNode { File = File, Span = new SourceSpan(3, 2, 4 + maxLines, 5), Items = [] });
    }
}
