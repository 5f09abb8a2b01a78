using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace KubeNetLint.Core.Loading;

/// <summary>File names that are not valid UTF-8. .NET decodes every name it lists as UTF-8 and puts
/// U+FFFD where a byte does not decode, so such a file can be listed but neither opened nor named
/// again. On Linux the directory is listed once more with readdir(3) to get each name's bytes; the file
/// is opened by those bytes, shown with each undecodable byte as \xNN, and written percent-encoded in
/// SARIF URIs. Limits: only the last component may be undecodable (a directory with such a name is
/// reported, not searched), and elsewhere than Linux such files are reported as unreadable.</summary>
public static class RawFileNames
{
    public sealed record Entry(string DisplayName, byte[] Name, bool IsDirectory);

    /// <summary>The entries of a directory whose names are not valid UTF-8; empty when there are none or
    /// the listing fails.</summary>
    public static List<Entry> Undecodable(string directory)
    {
        var result = new List<Entry>();
        if (!OperatingSystem.IsLinux()) return result;
        try
        {
            var dir = OpenDir(Zero(Encoding.UTF8.GetBytes(directory)));
            if (dir == IntPtr.Zero) return result;
            try
            {
                for (IntPtr entry = ReadDir(dir); entry != IntPtr.Zero; entry = ReadDir(dir))
                {
                    // struct dirent on Linux (glibc and musl, 64-bit): d_ino 8, d_off 8, d_reclen 2, d_type 1, d_name.
                    byte type = Marshal.ReadByte(entry, 18);
                    var name = new List<byte>();
                    for (int i = 19; ; i++)
                    {
                        byte b = Marshal.ReadByte(entry, i);
                        if (b == 0) break;
                        name.Add(b);
                    }
                    var bytes = name.ToArray();
                    if (IsValidUtf8(bytes)) continue;
                    result.Add(new Entry(Escape(bytes), bytes, type == 4));
                }
            }
            finally { CloseDir(dir); }
        }
        // Stryker disable once Equality : on Linux libc has these entry points, and nothing else in the try throws.
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
        result.Sort((a, b) => string.CompareOrdinal(a.DisplayName, b.DisplayName));
        return result;
    }

    public static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>The name as text: valid UTF-8 sequences decoded, every other byte as \xNN.</summary>
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length + 8);
        int i = 0;
        while (i < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[i..], out var rune, out int used);
            if (status == System.Buffers.OperationStatus.Done) { sb.Append(rune.ToString()); i += used; }
            else { sb.Append($"\\x{bytes[i]:X2}"); i++; }
        }
        return sb.ToString();
    }

    /// <summary>A path component for a URI: unreserved ASCII kept, every other byte %XX.</summary>
    public static string PercentEncode(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder();
        foreach (var b in bytes)
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
                sb.Append((char)b);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Opens a file by the bytes of its directory (UTF-8) and its raw name.</summary>
    public static FileStream OpenRead(string directory, byte[] name)
    {
        var path = Zero([.. Encoding.UTF8.GetBytes(directory.TrimEnd('/')), (byte)'/', .. name]);
        const int ReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC
        int fd = Open(path, ReadOnlyCloseOnExec);
        if (fd == -1)   // open(2) gives -1 on failure, else a descriptor
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException(errno switch { 2 => "no such file", 13 => "permission denied", _ => $"open failed (errno {errno})" });
        }
        return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
    }

    private static byte[] Zero(byte[] bytes) => [.. bytes, 0];

    [DllImport("libc", EntryPoint = "opendir", SetLastError = true)]
    private static extern IntPtr OpenDir(byte[] name);

    [DllImport("libc", EntryPoint = "readdir", SetLastError = true)]
    private static extern IntPtr ReadDir(IntPtr dir);

    [DllImport("libc", EntryPoint = "closedir")]
    private static extern int CloseDir(IntPtr dir);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);
}
