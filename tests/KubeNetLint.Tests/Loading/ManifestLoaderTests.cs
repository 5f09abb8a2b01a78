using System.Text;
using KubeNetLint.Core.Loading;
using KubeNetLint.Tests.Integration;

namespace KubeNetLint.Tests.Loading;

/// <summary>Loading paths and in-memory files: which files are kept, which problems are reported where,
/// when standard input may be read, and what counts as Helm templating.</summary>
public sealed class ManifestLoaderTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private string Dir => _tmp.Path;
    public void Dispose() => _tmp.Dispose();

    private string Write(string name, string text) => _tmp.Write(name, text);

    private static string Brief(LoadProblem p) => $"{p.Kind} {Path.GetFileName(p.Location.Path)}:{p.Location.Line}:{p.Location.Column} {p.Message}";

    private static Func<Stream> Stdin(string text) => () => new MemoryStream(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void An_unreadable_file_is_reported_once_and_left_out_of_the_files()
    {
        var good = Write("a.yaml", "a: 1\n");
        File.WriteAllBytes(Path.Combine(Dir, "b.yaml"), [0x61, 0x0A, 0x00]);
        var result = ManifestLoader.Load([Dir]);
        Assert.Equal([good], result.Files.Select(f => f.FullPath));
        Assert.Equal("Unreadable b.yaml:2:1 binary file (contains NUL bytes); not a manifest", Brief(Assert.Single(result.Problems)));
        Assert.Single(result.Documents);
    }

    [Fact]
    public void Standard_input_is_refused_only_when_read_from_a_closed_descriptor_0()
    {
        var file = Write("a.yaml", "a: 1\n");
        int asked = 0;
        bool Closed() { asked++; return true; }

        Assert.Equal("'-' names standard input, but standard input is closed",
            Assert.Throws<InputException>(() => ManifestLoader.Load(["-"], null, null, Closed)).Message);
        Assert.Equal(1, asked);
        // A given stream is not descriptor 0; files alone never read it.
        Assert.Single(ManifestLoader.Load(["-", file], null, Stdin("b: 2\n"), Closed).Files, f => f.IsStdin);
        Assert.Single(ManifestLoader.Load([file], null, null, Closed).Files);
        Assert.Equal(1, asked);
    }

    [Fact]
    public void Standard_input_that_fails_is_a_usage_error_not_a_parallel_failure()
    {
        var file = Write("a.yaml", "a: 1\n");
        Assert.Equal("cannot read standard input: gone",
            Assert.Throws<InputException>(() => ManifestLoader.Load([file, "-"], null, () => throw new IOException("gone"), () => false)).Message);
    }

    [Fact]
    public void Standard_input_from_an_open_descriptor_0_is_read()
    {
        var result = ManifestLoader.Load(["-"], null, Stdin("a: 1\n---\nb: 2\n"), () => false);
        Assert.Equal(SourceFile.StdinName, Assert.Single(result.Files).Path);
        Assert.Equal(2, result.Documents.Count);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Lone_cr_breaks_are_reported_only_when_kubectl_would_see_fewer_documents()
    {
        var two = ManifestLoader.LoadFiles([new SourceFile { Path = "two.yaml", FullPath = "/t/two.yaml", Text = "a: 1\r---\rb: 2\r" }]);
        Assert.Equal(2, two.Documents.Count);
        Assert.Equal("CrLineBreaks two.yaml:2:1 line breaks are lone CRs (from line 1)", Brief(Assert.Single(two.Problems)));

        var later = ManifestLoader.LoadFiles([new SourceFile { Path = "later.yaml", FullPath = "/t/later.yaml", Text = "a: 1\n---\nb: 2\rc: 3\r" }]);
        Assert.Equal("CrLineBreaks later.yaml:2:1 line breaks are lone CRs (from line 3)", Brief(Assert.Single(later.Problems)));

        var one = ManifestLoader.LoadFiles([new SourceFile { Path = "one.yaml", FullPath = "/t/one.yaml", Text = "a: 1\rb: 2\r" }]);
        Assert.Single(one.Documents);
        Assert.Empty(one.Problems);
    }

    [Fact]
    public void A_document_with_helm_templating_in_a_plain_value_is_reported_and_left_out()
    {
        var result = ManifestLoader.LoadFiles([new SourceFile
        {
            Path = "t.yaml", FullPath = "/t/t.yaml",
            Text = "a: 1\n---\nimage: x:{{ .Values.tag }}\n---\nmsg: \"{{ .Values.quoted }}\"\n---\nalert: x {{ $labels.pod }}\n",
        }]);
        Assert.Equal("Template t.yaml:3:8 this document contains unrendered Helm/Go template syntax ('{{ … }}')", Brief(Assert.Single(result.Problems)));
        Assert.Equal(3, result.Documents.Count);
    }

    [Theory]
    [InlineData("{{ .Values.x }}", ScalarStyle.Plain, true)]
    [InlineData("x-{{- include \"a\" . }}", ScalarStyle.Plain, true)]
    [InlineData("{{ .Values.x }}", ScalarStyle.DoubleQuoted, false)]
    [InlineData("{{ .Values.x }}", ScalarStyle.SingleQuoted, false)]
    [InlineData("{{ .Values.x }}", ScalarStyle.Literal, false)]
    [InlineData("{{ $labels.pod }}", ScalarStyle.Plain, false)]
    [InlineData(".Values.x", ScalarStyle.Plain, false)]
    public void Only_plain_scalars_with_helm_templating_are_template_scalars(string value, ScalarStyle style, bool expected)
    {
        var file = new SourceFile { Path = "s.yaml" };
        Assert.Equal(expected, TemplateDetector.IsTemplateScalar(new ScalarNode { File = file, Span = SourceSpan.At(1, 1), Value = value, Style = style }));
    }

    [Theory]
    [InlineData("{{ .Values.x }}\n", "1:1")]
    [InlineData("a: 1\nb: x{{ .Release.Name }}\n", "2:5")]
    [InlineData("a: '{{ $labels.pod }}'\nb: {{ $x }}\n", "2:4")]
    [InlineData("note: x {{ $labels.pod }}\n  - {{ $x }}\n", "2:5")]
    [InlineData("- {{ $x }}\n", "1:3")]
    [InlineData("a: x {{ $y }}\n", null)]
    [InlineData("a: 1\n", null)]
    [InlineData("", null)]
    public void The_first_line_that_looks_like_helm_is_found(string chunk, string? expected)
    {
        var at = TemplateDetector.FindTemplateLine(chunk);
        Assert.Equal(expected, at is { } p ? $"{p.Line}:{p.Column}" : null);
    }
}
