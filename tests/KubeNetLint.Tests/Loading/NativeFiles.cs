using System.Runtime.InteropServices;
using System.Text;

namespace KubeNetLint.Tests.Loading;

/// <summary>What .NET cannot make by itself, made through libc (Linux): files and directories whose
/// names are not UTF-8, and named pipes. No process is started.</summary>
internal static class NativeFiles
{
    private const int WriteOnly = 1, Create = 0x40, Truncate = 0x200, NonBlock = 0x800, CloseOnExec = 0x80000;

    private static byte[] PathBytes(string directory, byte[] name) =>
        [.. Encoding.UTF8.GetBytes(directory.TrimEnd('/')), (byte)'/', .. name, 0];

    public static void WriteFile(string directory, byte[] name, string text)
    {
        int fd = Open(PathBytes(directory, name), WriteOnly | Create | Truncate | CloseOnExec, Convert.ToInt32("644", 8));
        Assert.True(fd >= 0, "open failed");
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(bytes.Length, (int)Write(fd, bytes, bytes.Length));
        Close(fd);
    }

    public static void MakeDirectory(string directory, byte[] name) =>
        Assert.Equal(0, Mkdir(PathBytes(directory, name), Convert.ToInt32("755", 8)));

    public static void MakeFifo(string path) =>
        Assert.Equal(0, Mkfifo([.. Encoding.UTF8.GetBytes(path), 0], Convert.ToInt32("644", 8)));

    /// <summary>Opens and closes the write end of a pipe, so a reader blocked in open(2) gets EOF.</summary>
    public static void ReleaseFifoReader(string path)
    {
        int fd = Open([.. Encoding.UTF8.GetBytes(path), 0], WriteOnly | NonBlock | CloseOnExec, 0);
        if (fd >= 0) Close(fd);
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags, int mode);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint Write(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "mkdir", SetLastError = true)]
    private static extern int Mkdir(byte[] path, int mode);

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(byte[] path, int mode);
}
