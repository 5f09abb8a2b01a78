using System.Runtime.InteropServices;
using System.Text;

namespace KubeNetLint.Cli.IO;

/// <summary>What is at an output path, as far as writing a report there is concerned.</summary>
public enum OutputFileKind { Missing, Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, Other }

/// <summary>How a report reaches its path.</summary>
public enum OutputWriteMode
{
    /// <summary>Write to a temporary file in the same directory, then rename it over the path: a reader
    /// (or a crash) never sees half a report, and two runs never interleave.</summary>
    AtomicReplace,
    /// <summary>Open the path and write into it (FIFOs, terminals, /dev/null): replacing these would
    /// destroy them.</summary>
    InPlace,
    /// <summary>Not writable as a report (a directory, a socket).</summary>
    Refuse,
}

/// <summary>Writes `--output` files: through symbolic links, into FIFOs and devices, and over regular
/// files atomically while keeping their permission bits and owner.</summary>
public static class OutputFile
{
    public static OutputWriteMode Decide(OutputFileKind kind) => kind switch
    {
        OutputFileKind.Missing or OutputFileKind.Regular => OutputWriteMode.AtomicReplace,
        OutputFileKind.Fifo or OutputFileKind.CharacterDevice or OutputFileKind.BlockDevice => OutputWriteMode.InPlace,
        _ => OutputWriteMode.Refuse,
    };

    public static void Write(string path, Action<TextWriter> write)
    {
        var target = ResolveLinks(Path.GetFullPath(path));
        var status = FileStatus.Get(target);
        switch (Decide(status.Kind))
        {
            case OutputWriteMode.InPlace:
                // FileMode.Open: never creates or truncates-by-replacing; a FIFO blocks until a reader comes, as `>` does.
                using (var stream = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1 << 16))
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                    write(writer);
                return;
            case OutputWriteMode.Refuse:
                throw new IOException($"cannot write '{path}': it is a {Describe(status.Kind)}");
        }
        var dir = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(dir)) throw new IOException($"cannot write '{path}': directory '{dir}' does not exist");
        var temp = Path.Combine(dir, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
                    write(writer);
                stream.Flush(flushToDisk: true);
            }
            if (status.Kind == OutputFileKind.Regular) CopyModeAndOwner(status, temp);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Follows symbolic links at the end of the path (as open(2) does), so the link's target is
    /// written and the link stays a link. A dangling link names the file to create.</summary>
    internal static string ResolveLinks(string full)
    {
        for (int hops = 0; hops < 40; hops++)
        {
            string? link;
            try { link = new FileInfo(full).LinkTarget; }
            catch (IOException) { return full; }
            if (link is null) return full;
            full = Path.GetFullPath(link, Path.GetDirectoryName(full)!);
        }
        throw new IOException($"cannot write '{full}': too many levels of symbolic links");
    }

    private static void CopyModeAndOwner(FileStatus status, string temp)
    {
        if (OperatingSystem.IsWindows()) return;
        // Giving the file away needs root; without it the report keeps our owner, as `cp -p` would.
        if (status.Uid is { } uid && status.Gid is { } gid) FileStatus.Chown(temp, uid, gid);
        // After chown, which clears set-id bits.
        File.SetUnixFileMode(temp, (UnixFileMode)(status.Mode & 0xFFF));
    }

    private static string Describe(OutputFileKind kind) => kind switch
    {
        OutputFileKind.Directory => "directory",
        OutputFileKind.Socket => "socket",
        _ => "special file",
    };
}

/// <summary>stat(2) through the runtime's own native shim (its FileStatus layout is the same on every
/// Unix), because .NET has no public API for a file's type and owner.</summary>
internal readonly record struct FileStatus(OutputFileKind Kind, int Mode, uint? Uid, uint? Gid)
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Native
    {
        public int Flags, Mode;
        public uint Uid, Gid;
        public long Size, ATime, ATimeNsec, MTime, MTimeNsec, CTime, CTimeNsec, BirthTime, BirthTimeNsec, Dev, RDev, Ino;
        public uint UserFlags;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out Native status);

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int NativeChown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint uid, uint gid);

    internal static int Chown(string path, uint uid, uint gid)
    {
        try { return NativeChown(path, uid, gid); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return -1; }
    }

    public static FileStatus Get(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                if (Stat(path, out var s) != 0)
                    return File.Exists(path) || Directory.Exists(path) ? Fallback(path) : new(OutputFileKind.Missing, 0, null, null);
                return new(KindOf(s.Mode), s.Mode, s.Uid, s.Gid);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
        }
        return Fallback(path);
    }

    internal static OutputFileKind KindOf(int mode) => (mode & 0xF000) switch
    {
        0x8000 => OutputFileKind.Regular,
        0x4000 => OutputFileKind.Directory,
        0x1000 => OutputFileKind.Fifo,
        0x2000 => OutputFileKind.CharacterDevice,
        0x6000 => OutputFileKind.BlockDevice,
        0xC000 => OutputFileKind.Socket,
        _ => OutputFileKind.Other,
    };

    private static FileStatus Fallback(string path) =>
        Directory.Exists(path) ? new(OutputFileKind.Directory, 0, null, null)
        : File.Exists(path) ? new(OutputFileKind.Regular, OperatingSystem.IsWindows() ? 0x1B6 : (int)File.GetUnixFileMode(path), null, null)
        : new(OutputFileKind.Missing, 0, null, null);
}
