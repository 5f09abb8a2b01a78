namespace KubeNetLint.Core.Loading;

/// <summary>Whether file descriptor 0 is really the standard input we were given.</summary>
public static class StandardInput
{
    /// <summary>True when the process was started with standard input closed (`kubenetlint check - &lt;&amp;-`).
    /// The runtime then reuses descriptor 0 for a pipe of its own whose write end it also holds, so
    /// reading would wait forever. Linux only (it looks at /proc/self/fd); elsewhere false.</summary>
    public static bool IsClosed() => OperatingSystem.IsLinux() && IsClosed("/proc/self");

    /// <summary>The test on a /proc/PID-shaped directory: fd/N are links to what descriptor N is open on,
    /// fdinfo/N hold its "flags:" line.</summary>
    internal static bool IsClosed(string process)
    {
        var fds = Path.Combine(process, "fd");
        if (!Directory.Exists(fds)) return false;
        var fd0 = Path.Combine(fds, "0");
        // Initialised, so that a mutant without a catch's return still compiles (Stryker).
        string? zero = null;
        try { zero = new FileInfo(fd0).LinkTarget; }
        catch (IOException) { return true; }
        catch (UnauthorizedAccessException) { return false; }
        if (zero is null) return !File.Exists(fd0);
        // A pipe or an anonymous inode (eventfd, epoll) whose write end this very process also holds
        // was made by the runtime, not handed to us by a shell. (The runtime also keeps a read-only
        // duplicate of a real standard input, so a second descriptor alone proves nothing.)
        if (!zero.StartsWith("pipe:", StringComparison.Ordinal) && !zero.StartsWith("anon_inode:", StringComparison.Ordinal)) return false;
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries(fds))
            {
                if (Path.GetFileName(fd) is "0" or "1" or "2") continue;
                string? target = null;
                try { target = new FileInfo(fd).LinkTarget; }
                catch (IOException) { continue; }
                if (target == zero && IsWritable(Path.Combine(process, "fdinfo", Path.GetFileName(fd)))) return true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return false;
    }

    /// <summary>From an fdinfo file's "flags:" line (octal open flags): opened for writing?</summary>
    private static bool IsWritable(string fdinfo)
    {
        try
        {
            foreach (var line in File.ReadLines(fdinfo))
            {
                if (!line.StartsWith("flags:", StringComparison.Ordinal)) continue;
                var flags = Convert.ToInt32(line["flags:".Length..].Trim(), 8);
                return (flags & 3) != 0;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return false;
    }
}
