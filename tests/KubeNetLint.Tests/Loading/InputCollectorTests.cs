using System.Text;
using KubeNetLint.Core.Loading;
using KubeNetLint.Tests.Integration;

namespace KubeNetLint.Tests.Loading;

/// <summary>Expanding paths (files, directories, globs, '-') and reading candidates, case by case, on
/// small files in a temp directory.</summary>
public sealed class InputCollectorTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private string Dir => _tmp.Path;
    public void Dispose() => _tmp.Dispose();

    private string Write(string name, string text = "a: 1\n") => _tmp.Write(name, text);

    private static string Brief(InputCollector.Candidate c) => $"{c.DisplayPath}|{c.FullPath}|{c.Discovered}";

    private static string Brief(LoadProblem p) => $"{p.Kind} {p.Location.Path}:{p.Location.Line}:{p.Location.Column} {p.Message}";

    [Fact]
    public void A_dash_is_standard_input_once()
    {
        var problems = new List<LoadProblem>();
        var c = Assert.Single(InputCollector.Expand(["-", "-"], problems));
        Assert.Equal($"{SourceFile.StdinName}||False", Brief(c));
        Assert.Null(c.Raw);
        Assert.Empty(problems);
    }

    [Fact]
    public void A_directory_gives_its_manifests_sorted_skipping_hidden_entries_and_other_files()
    {
        Write("b.yaml"); Write("a.YML"); Write("c.json"); Write("d.txt"); Write(".hidden.yaml");
        Write(".git/x.yaml"); Write("sub/e.yaml"); Write("sub/.kubenetlint.yaml");
        File.CreateSymbolicLink(Path.Combine(Dir, "broken.yaml"), Path.Combine(Dir, "missing.yaml"));
        File.CreateSymbolicLink(Path.Combine(Dir, "broken.txt"), Path.Combine(Dir, "missing.txt"));
        File.CreateSymbolicLink(Path.Combine(Dir, "linked.yaml"), Path.Combine(Dir, "b.yaml"));
        File.CreateSymbolicLink(Path.Combine(Dir, "round.yaml"), Path.Combine(Dir, "trip.yaml"));
        File.CreateSymbolicLink(Path.Combine(Dir, "trip.yaml"), Path.Combine(Dir, "round.yaml"));
        var problems = new List<LoadProblem>();
        var found = InputCollector.Expand([Dir], problems);
        Assert.Equal(
            new[] { "a.YML", "b.yaml", "c.json", "linked.yaml", "sub/e.yaml" }.Select(n => $"{Dir}/{n}|{Dir}/{n}|True"),
            found.Select(Brief));
        Assert.Equal(new[] { "broken", "round", "trip" }.Select(n => $"Unreadable {Dir}/{n}.yaml:1:1 broken symbolic link"),
            problems.Select(Brief));
    }

    [Fact]
    public void A_file_named_twice_or_found_again_is_one_candidate_and_ignored_files_are_left_out()
    {
        var a = Write("a.yaml"); Write("b.yaml");
        var problems = new List<LoadProblem>();
        var found = InputCollector.Expand([a, Dir], problems, p => p.EndsWith("b.yaml", StringComparison.Ordinal));
        Assert.Equal([$"{a}|{a}|False"], found.Select(Brief));
        Assert.Equal(2, InputCollector.Expand([a, Dir], problems).Count);
        Assert.Empty(problems);
    }

    [Fact]
    public void A_missing_path_and_a_glob_without_matches_are_usage_errors()
    {
        var missing = Path.Combine(Dir, "nope.yaml");
        Assert.Equal($"'{missing}': no such file or directory",
            Assert.Throws<InputException>(() => InputCollector.Expand([missing], [])).Message);
        Assert.Equal($"no file matches '{Dir}/*.nothing'",
            Assert.Throws<InputException>(() => InputCollector.Expand([Dir + "/*.nothing"], [])).Message);
        Assert.Equal($"no file matches '{Dir}/nodir/*.yaml'",
            Assert.Throws<InputException>(() => InputCollector.Expand([Dir + "/nodir/*.yaml"], [])).Message);
    }

    [Fact]
    public void A_relative_glob_with_a_wildcard_first_is_a_glob()
    {
        // Relative to the working directory, which has no such file.
        Assert.Equal("no file matches '*.knl-no-such-extension'",
            Assert.Throws<InputException>(() => InputCollector.Expand(["*.knl-no-such-extension"], [])).Message);
    }

    [Fact]
    public void Globs_match_any_file_name_below_their_fixed_part()
    {
        Write("a.yaml"); Write("b.txt"); Write("s/c.yaml"); Write("s/t/d.yaml"); Write(".h/e.yaml");
        var problems = new List<LoadProblem>();
        Assert.Equal([$"{Dir}/a.yaml|{Dir}/a.yaml|True"], InputCollector.Expand([Dir + "/*.yaml"], problems).Select(Brief));
        Assert.Equal(new[] { "a.yaml", "s/c.yaml", "s/t/d.yaml" },
            InputCollector.Expand([Dir + "/**/*.yaml"], problems).Select(c => c.DisplayPath[(Dir.Length + 1)..]));
        Assert.Equal(new[] { "b.txt" },
            InputCollector.Expand([Dir + "/?.txt"], problems).Select(c => c.DisplayPath[(Dir.Length + 1)..]));
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("./a.yaml", "a.yaml")]
    [InlineData("././a.yaml", "a.yaml")]
    [InlineData("./", "./")]
    [InlineData("./a", "a")]
    [InlineData("a/./b", "a/./b")]
    [InlineData(".", ".")]
    [InlineData("a\\b", "a\\b")]
    public void Display_paths_drop_a_leading_dot_slash(string path, string expected) =>
        Assert.Equal(expected, InputCollector.Normalize(path));

    [Theory]
    [InlineData("*", "^[^/]*$")]
    [InlineData("a*", "^a[^/]*$")]
    [InlineData("*a", "^[^/]*a$")]
    [InlineData("**", "^.*$")]
    [InlineData("a**", "^a.*$")]
    [InlineData("**/", "^(?:.*/)?$")]
    [InlineData("**/x", "^(?:.*/)?x$")]
    [InlineData("**x", "^.*x$")]
    [InlineData("?", "^[^/]$")]
    [InlineData("a?b", "^a[^/]b$")]
    [InlineData("[ab]", "^[ab]$")]
    [InlineData("[!ab]c", "^[^ab]c$")]
    [InlineData("x[a\\]", "^x[a\\\\]$")]
    [InlineData("[ab", "^\\[ab$")]
    [InlineData("a.b", "^a\\.b$")]
    public void Globs_become_anchored_regular_expressions(string glob, string expected) =>
        Assert.Equal(expected, InputCollector.GlobToRegex(glob).ToString());

    [Fact]
    public void RealPath_resolves_links_anywhere_in_the_path()
    {
        var real = Directory.CreateDirectory(Path.Combine(Dir, "real", "sub")).Parent!.FullName;
        Directory.CreateSymbolicLink(Path.Combine(Dir, "link"), real);
        Directory.CreateSymbolicLink(Path.Combine(Dir, "rel"), "real/sub");
        Assert.Equal(real + "/sub", InputCollector.RealPath(Path.Combine(Dir, "link", "sub")));
        Assert.Equal(real + "/sub", InputCollector.RealPath(Path.Combine(Dir, "rel")));
        Assert.Equal(real, InputCollector.RealPath(real));
    }

    [Fact]
    public void RealPath_follows_forty_links_and_gives_up_at_forty_one()
    {
        var real = Directory.CreateDirectory(Path.Combine(Dir, "real")).FullName;
        var next = real;
        for (int i = 1; i <= 41; i++)
        {
            var link = Path.Combine(Dir, "l" + i);
            Directory.CreateSymbolicLink(link, next);
            next = link;
        }
        Assert.Equal(real, InputCollector.RealPath(Path.Combine(Dir, "l40")));
        Assert.Equal("too many levels of symbolic links",
            Assert.Throws<IOException>(() => InputCollector.RealPath(Path.Combine(Dir, "l41"))).Message);
    }

    [Fact]
    public void A_directory_link_loop_is_reported_once_and_its_files_read_once()
    {
        Write("a.yaml");
        Directory.CreateSymbolicLink(Path.Combine(Dir, "loop"), Dir);
        var problems = new List<LoadProblem>();
        var found = InputCollector.Expand([Dir], problems);
        Assert.Equal([$"{Dir}/a.yaml|{Dir}/a.yaml|True"], found.Select(Brief));
        Assert.Equal($"Unreadable {Dir}/loop:1:1 directory link loop (already visited as '{Dir}'); not read again",
            Brief(Assert.Single(problems)));
    }

    [Fact]
    public void Names_that_are_not_utf8_are_found_by_their_bytes_and_read()
    {
        if (!OperatingSystem.IsLinux()) return;
        byte[] Name(string prefix, string suffix) => [.. Encoding.ASCII.GetBytes(prefix), 0xE9, .. Encoding.ASCII.GetBytes(suffix)];
        var yaml = Name("caf", ".yaml");
        NativeFiles.WriteFile(Dir, yaml, "k: v\n");
        NativeFiles.WriteFile(Dir, Name(".", ".yaml"), "hidden: 1\n");
        NativeFiles.WriteFile(Dir, Name("caf", ".txt"), "text\n");
        NativeFiles.MakeDirectory(Dir, Name("d", ""));
        NativeFiles.WriteFile(Path.Combine(Dir), Name("d", "/x.yaml"), "inside: 1\n");
        Write("plain.yaml");

        var problems = new List<LoadProblem>();
        var found = InputCollector.Expand([Dir], problems);
        Assert.Equal(new[] { $"{Dir}/caf\\xE9.yaml|{Dir}/caf\\xE9.yaml|True", $"{Dir}/plain.yaml|{Dir}/plain.yaml|True" },
            found.Select(Brief));
        Assert.Equal($"Unreadable {Dir}/d\\xE9:1:1 directory name is not valid UTF-8; not searched (rename it)",
            Brief(Assert.Single(problems)));
        var raw = found[0].Raw!;
        Assert.Equal(Dir, raw.Directory);
        Assert.Equal(yaml, raw.Name);
        Assert.Null(found[1].Raw);

        var file = InputCollector.Read(found[0], null, problems)!;
        Assert.Equal("k: v\n", file.Text);
        Assert.Equal(yaml, file.RawFileName);
        Assert.Single(problems);
    }

    [Fact]
    public void A_regular_file_is_read_at_once_whatever_the_timeout()
    {
        var path = Write("a.yaml", "a: 1\r\nb: 2\rc: 3\n");
        foreach (var discovered in new[] { false, true })
        {
            var problems = new List<LoadProblem>();
            var file = InputCollector.Read(new InputCollector.Candidate("a.yaml", path, discovered), null, problems, TimeSpan.Zero);
            Assert.NotNull(file);
            Assert.Empty(problems);
            Assert.Equal("a: 1\r\nb: 2\nc: 3\n", file.Text);
            Assert.Equal(2, file.FirstLoneCrLine);
            Assert.Equal("a.yaml", file.Path);
            Assert.Equal(path, file.FullPath);
            Assert.Null(file.Origins);
            Assert.Null(file.RawFileName);
        }
    }

    [Fact]
    public void An_empty_discovered_file_is_read_and_a_missing_one_reported()
    {
        var empty = Write("empty.yaml", "");
        var problems = new List<LoadProblem>();
        var file = InputCollector.Read(new InputCollector.Candidate("empty.yaml", empty, Discovered: true), null, problems);
        Assert.Equal("", file!.Text);
        Assert.Empty(problems);

        var gone = Path.Combine(Dir, "gone.yaml");
        Assert.Null(InputCollector.Read(new InputCollector.Candidate("gone.yaml", gone, Discovered: true), null, problems));
        Assert.Equal($"Unreadable gone.yaml:1:1 cannot read file: Could not find file '{gone}'.", Brief(Assert.Single(problems)));
    }

    [Fact]
    public void A_discovered_pipe_without_a_writer_times_out_after_the_given_time()
    {
        if (!OperatingSystem.IsLinux()) return;
        var fifo = Path.Combine(Dir, "pipe.yaml");
        NativeFiles.MakeFifo(fifo);
        var problems = new List<LoadProblem>();
        try
        {
            Assert.Null(InputCollector.Read(new InputCollector.Candidate("pipe.yaml", fifo, Discovered: true), null, problems, TimeSpan.FromMilliseconds(100)));
        }
        finally { NativeFiles.ReleaseFifoReader(fifo); }
        Assert.Equal("Unreadable pipe.yaml:1:1 not read: opening or reading it took longer than 0.1 s (a named pipe or device?)",
            Brief(Assert.Single(problems)));
    }

    [Fact]
    public void Standard_input_is_read_from_the_given_stream_and_carries_the_helm_map()
    {
        const string Rendered = "---\n# Source: shop/templates/a.yaml\na: 1\n";
        var problems = new List<LoadProblem>();
        var stdin = InputCollector.Read(new InputCollector.Candidate(SourceFile.StdinName, null), () => new MemoryStream(Encoding.UTF8.GetBytes(Rendered)), problems)!;
        Assert.Equal(Rendered, stdin.Text);
        Assert.True(stdin.IsStdin);
        Assert.Equal("shop/templates/a.yaml:1", stdin.Origins!.Locate(SourceSpan.At(3, 1))!.ToString());

        var path = Write("r.yaml", Rendered);
        Assert.Null(InputCollector.Read(new InputCollector.Candidate("r.yaml", path), null, problems)!.Origins);
        Assert.Empty(problems);
    }

    [Fact]
    public void Standard_input_that_cannot_be_read_is_a_usage_error()
    {
        Assert.Equal("cannot read standard input: no input here",
            Assert.Throws<InputException>(() => InputCollector.Read(new InputCollector.Candidate(SourceFile.StdinName, null), () => throw new IOException("no input here"), [])).Message);
        Assert.Equal("cannot read standard input: not yours",
            Assert.Throws<InputException>(() => InputCollector.Read(new InputCollector.Candidate(SourceFile.StdinName, null), () => new FailingStream(), [])).Message);
    }

    [Fact]
    public void A_file_at_the_size_limit_is_read_and_one_byte_more_is_not()
    {
        var path = Path.Combine(Dir, "big.yaml");
        using (var fs = File.Create(path)) fs.SetLength(InputCollector.MaxFileBytes);
        var problems = new List<LoadProblem>();
        Assert.Null(InputCollector.Read(new InputCollector.Candidate("big.yaml", path), null, problems));
        Assert.Equal("Unreadable big.yaml:1:1 binary file (contains NUL bytes); not a manifest", Brief(Assert.Single(problems)));

        problems.Clear();
        using (var fs = File.OpenWrite(path)) fs.SetLength(InputCollector.MaxFileBytes + 1);
        Assert.Null(InputCollector.Read(new InputCollector.Candidate("big.yaml", path), null, problems));
        Assert.Equal("Unreadable big.yaml:1:1 file is 64 MiB, larger than the 64 MiB limit; not read", Brief(Assert.Single(problems)));
    }

    [Fact]
    public void A_stream_at_the_size_limit_is_read_and_one_byte_more_is_not()
    {
        var stdin = new InputCollector.Candidate(SourceFile.StdinName, null);
        var problems = new List<LoadProblem>();
        Assert.Null(InputCollector.Read(stdin, () => new ZeroStream(InputCollector.MaxFileBytes), problems));
        Assert.Equal("Unreadable <stdin>:1:1 binary file (contains NUL bytes); not a manifest", Brief(Assert.Single(problems)));

        problems.Clear();
        Assert.Null(InputCollector.Read(stdin, () => new ZeroStream(InputCollector.MaxFileBytes + 1), problems));
        Assert.Equal("Unreadable <stdin>:1:1 input is larger than the 64 MiB limit; not read", Brief(Assert.Single(problems)));
    }

    [Fact]
    public void A_long_stream_is_read_whole_across_buffers()
    {
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"k{i}: v\n"));
        var file = InputCollector.Read(new InputCollector.Candidate(SourceFile.StdinName, null), () => new ChunkedStream(Encoding.UTF8.GetBytes(text), 1000), [])!;
        Assert.Equal(text, file.Text);
    }

    [Theory]
    // UTF-16 with either byte order mark (the mark is not text).
    [InlineData(new byte[] { 0xFF, 0xFE, 0x61, 0x00 }, "a")]
    [InlineData(new byte[] { 0xFE, 0xFF, 0x00, 0x61 }, "a")]
    [InlineData(new byte[] { 0xFF, 0xFE }, "")]
    [InlineData(new byte[] { 0xFE, 0xFF }, "")]
    // UTF-8, with its mark dropped.
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x61 }, "a")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "")]
    [InlineData(new byte[] { 0x61, 0x0A }, "a\n")]
    [InlineData(new byte[] { }, "")]
    [InlineData(new byte[] { 0x61, 0xEF, 0xBB, 0xBF }, "a\uFEFF")]
    public void Decode_reads_utf8_and_marked_utf16(byte[] bytes, string expected)
    {
        var (text, error) = InputCollector.Decode(bytes);
        Assert.Null(error);
        Assert.Equal(expected, text);
    }

    [Theory]
    // Half a mark is no mark: these bytes are then invalid UTF-8.
    [InlineData(new byte[] { 0xFF, 0x41 }, 1, "file is not valid UTF-8 (convert it to UTF-8)")]
    [InlineData(new byte[] { 0x41, 0xFE }, 1, "file is not valid UTF-8 (convert it to UTF-8)")]
    [InlineData(new byte[] { 0xFE, 0x41 }, 1, "file is not valid UTF-8 (convert it to UTF-8)")]
    [InlineData(new byte[] { 0x41, 0xFF }, 1, "file is not valid UTF-8 (convert it to UTF-8)")]
    [InlineData(new byte[] { 0xFF }, 1, "file is not valid UTF-8 (convert it to UTF-8)")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0x41 }, 1, "file is not valid UTF-8 (convert it to UTF-8)")]
    [InlineData(new byte[] { 0x61, 0x0A, 0x62, 0x0A, 0xC3 }, 3, "file is not valid UTF-8 (convert it to UTF-8)")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x0A, 0x0A, 0xFF, 0x0A }, 3, "file is not valid UTF-8 (convert it to UTF-8)")]
    // A lone surrogate after a UTF-16 mark.
    [InlineData(new byte[] { 0xFF, 0xFE, 0x61, 0x00, 0x00, 0xD8 }, 1, "file starts with a UTF-16 byte order mark but is not valid UTF-16")]
    // NUL bytes: the line of the first one.
    [InlineData(new byte[] { 0x61, 0x0A, 0x0A, 0x00, 0x0A, 0x00 }, 3, "binary file (contains NUL bytes); not a manifest")]
    [InlineData(new byte[] { 0x00 }, 1, "binary file (contains NUL bytes); not a manifest")]
    [InlineData(new byte[] { 0x0A, 0x00, 0x0A }, 2, "binary file (contains NUL bytes); not a manifest")]
    public void Decode_names_the_line_of_the_first_bad_byte(byte[] bytes, int line, string message)
    {
        var (text, error) = InputCollector.Decode(bytes);
        Assert.Null(text);
        Assert.Equal((line, message), error);
    }

    private sealed class FailingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new UnauthorizedAccessException("not yours");
    }

    /// <summary>A stream of zeros of a given length that costs no memory of its own.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _left = length;
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, _left);
            Array.Clear(buffer, offset, n);
            _left -= n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Gives at most <c>chunk</c> bytes per read, as a pipe does.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
