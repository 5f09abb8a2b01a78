using System.Text;
using KubeNetLint.Core.Loading;
using KubeNetLint.Tests.Integration;

namespace KubeNetLint.Tests.Loading;

/// <summary>Names that are not UTF-8: escaped for people, percent-encoded for URIs, listed and opened
/// by their bytes.</summary>
public sealed class RawFileNamesTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private string Dir => _tmp.Path;
    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Unreserved_characters_are_kept_and_their_neighbours_encoded()
    {
        Assert.Equal("azAZ09-._~", RawFileNames.PercentEncode("azAZ09-._~"u8));
        // The bytes just outside each range: ` { @ [ / : and a few more.
        Assert.Equal("%60%7B%40%5B%2F%3A%20%25%2B%2C", RawFileNames.PercentEncode("`{@[/: %+,"u8));
        Assert.Equal("%00%7F%80%FF", RawFileNames.PercentEncode([0x00, 0x7F, 0x80, 0xFF]));
        Assert.Equal("", RawFileNames.PercentEncode([]));
    }

    [Fact]
    public void Escape_keeps_valid_sequences_and_shows_each_other_byte()
    {
        Assert.Equal("a\\xFF\\xC3b\u00e9", RawFileNames.Escape([0x61, 0xFF, 0xC3, 0x62, 0xC3, 0xA9]));
        Assert.True(RawFileNames.IsValidUtf8("é"u8));
        Assert.False(RawFileNames.IsValidUtf8([0xE9]));
    }

    [Fact]
    public void Listing_gives_only_the_undecodable_names_sorted_and_closes_the_directory()
    {
        if (!OperatingSystem.IsLinux()) return;
        NativeFiles.WriteFile(Dir, [0x62, 0xE9], "b");
        NativeFiles.WriteFile(Dir, [0x61, 0xE9], "a");
        NativeFiles.MakeDirectory(Dir, [0x64, 0xE9]);
        File.WriteAllText(Path.Combine(Dir, "ok.yaml"), "");
        var entries = RawFileNames.Undecodable(Dir);
        Assert.Equal(new[] { "a\\xE9 False", "b\\xE9 False", "d\\xE9 True" }, entries.Select(e => $"{e.DisplayName} {e.IsDirectory}"));
        Assert.Equal(new byte[] { 0x61, 0xE9 }, entries[0].Name);
        // No descriptor of this process is left open on the directory (read-only look at our own fd table).
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries("/proc/self/fd"), fd => SafeTarget(fd) == Dir);
        Assert.Empty(RawFileNames.Undecodable(Path.Combine(Dir, "missing")));
    }

    private static string? SafeTarget(string fd)
    {
        try { return new FileInfo(fd).LinkTarget; }
        catch (IOException) { return null; }
    }

    [Fact]
    public void A_file_is_opened_by_its_bytes_and_a_missing_one_is_an_io_error()
    {
        if (!OperatingSystem.IsLinux()) return;
        NativeFiles.WriteFile(Dir, [0x78, 0xE9], "content");
        using (var s = RawFileNames.OpenRead(Dir + "/", [0x78, 0xE9]))
        using (var reader = new StreamReader(s, Encoding.UTF8))
            Assert.Equal("content", reader.ReadToEnd());
        Assert.Equal("no such file", Assert.Throws<IOException>(() => RawFileNames.OpenRead(Dir, [0x79, 0xE9])).Message);
    }
}
