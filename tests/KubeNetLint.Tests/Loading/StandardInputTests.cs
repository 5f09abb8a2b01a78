using KubeNetLint.Core.Loading;
using KubeNetLint.Tests.Integration;

namespace KubeNetLint.Tests.Loading;

/// <summary>Is descriptor 0 a pipe the runtime made for itself? Asked of a /proc/PID-shaped directory
/// built under a temp directory: fd/N are links whose text says what N is open on (as in /proc),
/// fdinfo/N hold the open flags.</summary>
public sealed class StandardInputTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private string Dir => _tmp.Path;
    public StandardInputTests() => Directory.CreateDirectory(Path.Combine(Dir, "fdinfo"));
    public void Dispose() => _tmp.Dispose();

    /// <summary>Descriptor N open on TARGET with octal FLAGS (null: no fdinfo file).</summary>
    private void Fd(string n, string target, string? flags)
    {
        Directory.CreateDirectory(Path.Combine(Dir, "fd"));
        File.CreateSymbolicLink(Path.Combine(Dir, "fd", n), target);
        if (flags is not null) File.WriteAllText(Path.Combine(Dir, "fdinfo", n), $"pos:\t0\nflags:\t{flags}\nmnt_id:\t15\n");
    }

    [Fact]
    public void The_process_asks_its_own_descriptor_table_on_linux_only()
    {
        // Read-only: this process's /proc/self/fd, whatever its standard input is.
        Assert.Equal(OperatingSystem.IsLinux() && StandardInput.IsClosed("/proc/self"), StandardInput.IsClosed());
    }

    [Fact]
    public void Without_a_descriptor_table_nothing_is_known()
    {
        if (OperatingSystem.IsWindows()) return;
        Assert.False(StandardInput.IsClosed(Dir));
    }

    [Fact]
    public void A_missing_descriptor_0_is_closed()
    {
        if (OperatingSystem.IsWindows()) return;
        Fd("1", "pipe:[7]", "01");
        Assert.True(StandardInput.IsClosed(Dir));
    }

    [Fact]
    public void Descriptor_0_that_is_no_link_is_open()
    {
        if (OperatingSystem.IsWindows()) return;
        Directory.CreateDirectory(Path.Combine(Dir, "fd"));
        File.WriteAllText(Path.Combine(Dir, "fd", "0"), "");
        Assert.False(StandardInput.IsClosed(Dir));
    }

    [Theory]
    // A file, a terminal or a socket given by the shell is real input.
    [InlineData("/home/u/in.yaml", "01000001")]
    [InlineData("socket:[9]", "02")]
    [InlineData("/dev/pts/0", "02")]
    public void Descriptor_0_on_anything_but_a_pipe_or_anonymous_inode_is_open(string target, string flags)
    {
        if (OperatingSystem.IsWindows()) return;
        Fd("0", target, "0");
        Fd("5", target, flags);
        Assert.False(StandardInput.IsClosed(Dir));
    }

    [Theory]
    // The runtime's own pipe: another descriptor holds it open for writing (O_WRONLY or O_RDWR).
    [InlineData("pipe:[42]", "5", "01", true)]
    [InlineData("pipe:[42]", "17", "02000002", true)]
    [InlineData("anon_inode:[eventfd]", "5", "02", true)]
    // Read-only duplicates prove nothing: a shell's pipe.
    [InlineData("pipe:[42]", "5", "0", false)]
    [InlineData("pipe:[42]", "5", "02000000", false)]
    [InlineData("pipe:[42]", "5", "04", false)]
    // Descriptors 1 and 2 are the process's own output, not a second holder.
    [InlineData("pipe:[42]", "1", "01", false)]
    [InlineData("pipe:[42]", "2", "01", false)]
    // Flags that cannot be read say nothing.
    [InlineData("pipe:[42]", "5", "zz", false)]
    [InlineData("pipe:[42]", "5", null, false)]
    public void A_pipe_on_descriptor_0_is_closed_input_when_this_process_also_writes_it(string zero, string other, string? flags, bool closed)
    {
        if (OperatingSystem.IsWindows()) return;
        Fd("0", zero, "0");
        Fd(other, zero, flags);
        Assert.Equal(closed, StandardInput.IsClosed(Dir));
    }

    [Fact]
    public void Only_a_descriptor_on_the_same_pipe_counts()
    {
        if (OperatingSystem.IsWindows()) return;
        Fd("0", "pipe:[42]", "0");
        Fd("5", "pipe:[43]", "01");
        Fd("6", "pipe:[42]", "0");
        Assert.False(StandardInput.IsClosed(Dir));
        Fd("7", "pipe:[42]", "01");
        Assert.True(StandardInput.IsClosed(Dir));
    }
}
