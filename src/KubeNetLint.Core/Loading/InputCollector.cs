using System.Text;
using System.Text.RegularExpressions;

namespace KubeNetLint.Core.Loading;

/// <summary>A path the user named that does not exist or cannot be expanded: a usage error (exit 2).</summary>
public sealed class InputException(string message) : Exception(message);

/// <summary>Expands command-line paths (files, directories, globs, '-') into source files and reads them.
/// Every input forms one world; the order is deterministic (sorted by path) whatever the file system says.</summary>
public static class InputCollector
{
    public const long MaxFileBytes = 64L * 1024 * 1024;
    private static readonly string[] Extensions = new string[] { ".yaml", ".yml", ".json" };

    /// <param name="Discovered">Found by walking a directory or expanding a glob (not named by the user).</param>
    /// <param name="Raw">For a file whose name is not valid UTF-8: its directory and the bytes of its name
    /// (see <see cref="RawFileNames"/>); DisplayPath and FullPath then show the name escaped.</param>
    public sealed record Candidate(string DisplayPath, string? FullPath, bool Discovered = false, RawName? Raw = null);

    public sealed record RawName(string Directory, byte[] Name);

    /// <summary>How long a discovered file may take to open and read. A FIFO or device named *.yaml would
    /// otherwise block forever; a file the user names (`<(helm template …)`) may take as long as it needs.</summary>
    public static readonly TimeSpan DiscoveredReadTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Resolves paths to candidates. Problems with entries found while walking (unreadable
    /// directories, link loops) are recorded; a missing top-level path throws <see cref="InputException"/>.</summary>
    public static List<Candidate> Expand(IReadOnlyList<string> paths, List<LoadProblem> problems, Func<string, bool>? ignored = null)
    {
        var result = new List<Candidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rawNames = new Dictionary<string, RawName>(StringComparer.Ordinal);
        foreach (var raw in paths)
        {
            if (raw == "-")
            {
                if (seen.Add("-")) result.Add(new Candidate(SourceFile.StdinName, null));
                continue;
            }
            if (IsGlob(raw))
            {
                var matches = ExpandGlob(raw, problems);
                if (matches.Count == 0) throw new InputException($"no file matches '{raw}'");
                foreach (var m in matches) AddFile(m, discovered: true);
                continue;
            }
            if (File.Exists(raw)) { AddFile(raw); continue; }
            if (Directory.Exists(raw))
            {
                var files = WalkDirectory(raw, problems, rawNames);
                foreach (var f in files) AddFile(f, discovered: true);
                continue;
            }
            throw new InputException($"'{raw}': no such file or directory");
        }
        return result;

        void AddFile(string path, bool discovered = false)
        {
            var full = Path.GetFullPath(path);
            if (ignored is not null && ignored(full)) return;
            if (seen.Add(full)) result.Add(new Candidate(Normalize(path), full, discovered, rawNames.GetValueOrDefault(path)));
        }
    }

    internal static string Normalize(string path)
    {
        // Only where '\\' separates directories: elsewhere it is part of a name (and of the \\xNN escapes
        // of names that are not UTF-8).
        var p = Path.DirectorySeparatorChar == '\\' ? path.Replace('\\', '/') : path;
        while (p.StartsWith("./", StringComparison.Ordinal) && p.Length > 2) p = p[2..];
        return p;
    }

    private static bool IsManifest(string path) =>
        Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Recursive walk that follows directory links once, skips hidden directories and files
    /// (.git, .github, .kubenetlint.yaml, …) and reports loops and unreadable directories instead of failing.</summary>
    private static List<string> WalkDirectory(string root, List<LoadProblem> problems, Dictionary<string, RawName> rawNames)
    {
        var files = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<string>();
        work.Push(root);
        while (work.Count > 0)
        {
            var dir = work.Pop();
            // Initialised, so that a mutant without the `continue` below still compiles (Stryker).
            string real = dir;
            try { real = RealPath(dir); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(Unreadable(dir, $"cannot resolve directory: {e.Message}"));
                continue;
            }
            if (!visited.Add(real))
            {
                problems.Add(Unreadable(dir, "directory link loop (already visited as '" + real + "'); not read again"));
                continue;
            }
            string[] entries = [];
            try { entries = Directory.GetFileSystemEntries(dir); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(Unreadable(dir, "cannot list directory: " + e.Message));
                continue;
            }
            if (Array.Exists(entries, e => e.Contains('\uFFFD')))
            {
                // Names that are not valid UTF-8 come back with U+FFFD and cannot be opened by that string.
                var keep = entries.Where(e => !Path.GetFileName(e).Contains('\uFFFD')).ToList();
                var undecodable = RawFileNames.Undecodable(dir);
                foreach (var entry in undecodable)
                {
                    var shown = Path.Combine(dir, entry.DisplayName);
                    if (entry.IsDirectory) { problems.Add(Unreadable(shown, "directory name is not valid UTF-8; not searched (rename it)")); continue; }
                    if (entry.DisplayName.StartsWith('.') || !IsManifest(shown)) continue;
                    rawNames[shown] = new RawName(dir, entry.Name);
                    files.Add(shown);
                }
                foreach (var e in entries.Where(e => Path.GetFileName(e).Contains('\uFFFD')))
                    if (undecodable.Count == 0 && IsManifest(e))
                        problems.Add(Unreadable(e, "file name is not valid UTF-8 and cannot be opened on this system (rename it)"));
                entries = [.. keep];
            }
            Array.Sort(entries, StringComparer.Ordinal);
            var subdirs = new List<string>();
            foreach (var entry in entries)
            {
                var name = Path.GetFileName(entry);
                if (Directory.Exists(entry))
                {
                    if (name.StartsWith('.')) continue;
                    subdirs.Add(entry);
                }
                // Hidden files (.kubenetlint.yaml, .pre-commit-config.yaml, .gitlab-ci.yml) are tool
                // configuration, not manifests; name one explicitly to lint it anyway.
                else if (name.StartsWith('.')) continue;
                else if (!IsManifest(entry)) continue;
                // A link to nothing: said so, rather than the 'file not found' its read would give.
                else if (IsBrokenLink(entry)) problems.Add(Unreadable(entry, "broken symbolic link"));
                else files.Add(entry);
            }
            for (int i = subdirs.Count - 1; i >= 0; i--) work.Push(subdirs[i]);
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>A symbolic link that leads nowhere: to nothing, or round a loop. (File.Exists cannot tell:
    /// on Unix it says true for the link itself.)</summary>
    private static bool IsBrokenLink(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null) return false;
        try { return !info.ResolveLinkTarget(returnFinalTarget: true)!.Exists; }
        catch (IOException) { return true; }
    }

    /// <summary>The path with every symbolic link on the way resolved (like realpath(3)), so two routes to
    /// one directory compare equal. Gives up after 40 links, as the kernel does.</summary>
    internal static string RealPath(string path)
    {
        var parts = Path.GetFullPath(path).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        // A full path always has a root ("/" here).
        var current = Path.GetPathRoot(Path.GetFullPath(path))!;
        int hops = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var target = new FileInfo(next).LinkTarget;
            if (target is not null)
            {
                if (++hops > 40) throw new IOException("too many levels of symbolic links");
                var resolved = Path.GetFullPath(target, current);
                parts = [.. resolved.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries), .. parts[(i + 1)..]];
                current = Path.GetPathRoot(resolved)!;
                i = -1;
                continue;
            }
            current = next;
        }
        return current;
    }

    private static LoadProblem Unreadable(string path, string message) =>
        new(LoadProblemKind.Unreadable, new SourceLocation(new SourceFile { Path = Normalize(path), FullPath = Path.GetFullPath(path) }, SourceSpan.At(1, 1)), message);

    private static bool IsGlob(string path) => path.IndexOfAny(['*', '?', '[']) >= 0 && !File.Exists(path) && !Directory.Exists(path);

    private static List<string> ExpandGlob(string pattern, List<LoadProblem> problems)
    {
        var normalized = pattern.Replace('\\', '/');
        var parts = normalized.Split('/');
        int firstWild = Array.FindIndex(parts, p => p.IndexOfAny(['*', '?', '[']) >= 0);
        var baseDir = firstWild == 0 ? "." : string.Join('/', parts[..firstWild]);
        if (baseDir.Length == 0) baseDir = "/";
        if (!Directory.Exists(baseDir)) return [];
        var regex = GlobToRegex(string.Join('/', parts[firstWild..]));
        var candidates = WalkAll(baseDir, problems);
        var matches = new List<string>();
        foreach (var c in candidates)
        {
            var rel = Path.GetRelativePath(baseDir, c).Replace('\\', '/');
            if (regex.IsMatch(rel)) matches.Add(baseDir == "." ? rel : baseDir.TrimEnd('/') + "/" + rel);
        }
        matches.Sort(StringComparer.Ordinal);
        return matches;
    }

    private static List<string> WalkAll(string root, List<LoadProblem> problems)
    {
        // Globs may name any file (not only *.yaml), so walk without the extension filter.
        var all = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<string>();
        work.Push(root);
        while (work.Count > 0)
        {
            var dir = work.Pop();
            try
            {
                if (!visited.Add(RealPath(dir))) continue;
                foreach (var e in Directory.GetFileSystemEntries(dir))
                {
                    if (Directory.Exists(e)) { if (!Path.GetFileName(e).StartsWith('.')) work.Push(e); }
                    else all.Add(e);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add(Unreadable(dir, "cannot list directory: " + ex.Message));
            }
        }
        return all;
    }

    internal static Regex GlobToRegex(string glob)
    {
        var sb = new StringBuilder("^");
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*')
            {
                if (i + 1 < glob.Length && glob[i + 1] == '*')
                {
                    bool slash = i + 2 < glob.Length && glob[i + 2] == '/';
                    sb.Append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                }
                else sb.Append("[^/]*");
            }
            else if (c == '?') sb.Append("[^/]");
            else if (c == '[')
            {
                int close = glob.IndexOf(']', i + 1);
                if (close < 0) { sb.Append("\\["); continue; }
                var body = glob[(i + 1)..close];
                if (body.StartsWith('!')) body = "^" + body[1..];
                sb.Append('[').Append(body.Replace("\\", "\\\\")).Append(']');
                i = close;
            }
            else sb.Append(Regex.Escape(c.ToString()));
        }
        sb.Append('$');
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>Reads a candidate as text. Returns null (with a problem recorded) when the file cannot be
    /// read, is binary, is not valid UTF-8/UTF-16, or is larger than <see cref="MaxFileBytes"/>.</summary>
    public static SourceFile? Read(Candidate candidate, Func<Stream>? stdin, List<LoadProblem> problems, TimeSpan? timeout = null)
    {
        // Named pipes and devices report a length of 0, so a non-empty file is a regular one and is
        // read directly; only empty-looking discovered files pay for the guarded read.
        if (!candidate.Discovered || (candidate.FullPath is not null && SafeLength(candidate.FullPath) > 0)) return ReadNow(candidate, stdin, problems);
        var local = new List<LoadProblem>();
        var limit = timeout ?? DiscoveredReadTimeout;
        var task = Task.Run(() => ReadNow(candidate, stdin, local));
        if (!task.Wait(limit))
        {
            problems.Add(new(LoadProblemKind.Unreadable,
                new(new SourceFile { Path = candidate.DisplayPath, FullPath = candidate.FullPath }, SourceSpan.At(1, 1)),
                $"not read: opening or reading it took longer than {limit.TotalSeconds:0.#} s (a named pipe or device?)"));
            return null;
        }
        problems.AddRange(local);
        return task.Result;
    }

    /// <summary>The length of a regular file; 0 for anything missing or unreachable. (FileInfo reads the
    /// file's status once, so Length answers from what Exists saw.)</summary>
    private static long SafeLength(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }

    private static SourceFile? ReadNow(Candidate candidate, Func<Stream>? stdin, List<LoadProblem> problems)
    {
        var placeholder = new SourceFile { Path = candidate.DisplayPath, FullPath = candidate.FullPath };
        byte[] bytes = [];
        try
        {
            if (candidate.FullPath is null)
            {
                try
                {
                    using var input = stdin?.Invoke() ?? Console.OpenStandardInput();
                    bytes = ReadLimited(input);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Standard input that cannot be read (a directory, a closed descriptor) is the
                    // caller's mistake, not a finding: a usage error.
                    throw new InputException("cannot read standard input: " + e.Message);
                }
            }
            else
            {
                var info = new FileInfo(candidate.FullPath);
                if (candidate.Raw is null && info.Length > MaxFileBytes)
                {
                    problems.Add(new(LoadProblemKind.Unreadable, new(placeholder, SourceSpan.At(1, 1)),
                        $"file is {info.Length / (1024 * 1024)} MiB, larger than the {MaxFileBytes / (1024 * 1024)} MiB limit; not read"));
                    return null;
                }
                // A file rewritten while it is read (an editor saving, a generator writing) could give half of
                // the old text and half of the new: a regular file whose size or modification time moved
                // during the read is read again, and reported if it keeps changing.
                int attempt = 0;
                while (true)
                {
                    // (A file opened by the bytes of its name has no FileInfo to ask: read once.)
                    var before = candidate.Raw is null ? (info.Length, info.LastWriteTimeUtc) : default;
                    (bytes, bool regular) = ReadOnce(candidate, info);
                    // Pipes and devices are read once: what was read from them is gone.
                    if (!regular || candidate.Raw is not null) break;
                    OnReadForTesting?.Invoke(candidate.FullPath);
                    info.Refresh();
                    if ((info.Length, info.LastWriteTimeUtc) == before) break;
                    if (++attempt == MaxReadAttempts)
                    {
                        problems.Add(new(LoadProblemKind.Unreadable, new(placeholder, SourceSpan.At(1, 1)),
                            $"file changed while it was read, {MaxReadAttempts} times in a row; not linted (run again once it is written)"));
                        return null;
                    }
                }
            }
        }
        catch (TooLargeException)
        {
            problems.Add(new(LoadProblemKind.Unreadable, new(placeholder, SourceSpan.At(1, 1)),
                $"input is larger than the {MaxFileBytes / (1024 * 1024)} MiB limit; not read"));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new(LoadProblemKind.Unreadable, new(placeholder, SourceSpan.At(1, 1)), "cannot read file: " + e.Message));
            return null;
        }

        var (text, error) = Decode(bytes);
        if (text is null)
        {
            problems.Add(new(LoadProblemKind.Unreadable, new(placeholder, SourceSpan.At(error!.Value.Line, 1)), error.Value.Message));
            return null;
        }
        var read = new SourceFile { Path = candidate.DisplayPath, FullPath = candidate.FullPath, Text = text }.WithLineBreaksNormalized();
        return new SourceFile
        {
            Path = candidate.DisplayPath, FullPath = candidate.FullPath, Text = read.Text, FirstLoneCrLine = read.FirstLoneCrLine,
            RawFileName = candidate.Raw?.Name,
            Origins = candidate.FullPath is null ? HelmSourceMap.Parse(read.Text, Directory.GetCurrentDirectory()) : null,
        };
    }

    private sealed class TooLargeException : Exception;

    private const int MaxReadAttempts = 3;

    /// <summary>Called after each read of a regular file, before it is checked for changes: lets a test
    /// change the file at exactly that moment.</summary>
    internal static Action<string>? OnReadForTesting;

    /// <summary>One read of a file; Regular is true for a file of known length that can seek.</summary>
    private static (byte[] Bytes, bool Regular) ReadOnce(Candidate candidate, FileInfo info)
    {
        // No stream buffer: a file of known length is read straight into an array of that size.
        using var fs = candidate.Raw is not null
            ? RawFileNames.OpenRead(candidate.Raw.Directory, candidate.Raw.Name)
            : new FileStream(candidate.FullPath!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        // A pipe (`<(helm template …)`, /dev/fd/N) may report the bytes waiting in it as its
        // length, but cannot seek: anything that is not seekable is read as a stream.
        // (An empty seekable file needs no case of its own: ReadKnownLength finds whatever it has grown to.)
        long length = candidate.Raw is null ? info.Length : fs.Length;
        return fs.CanSeek ? (ReadKnownLength(fs, length), true) : (ReadLimited(fs), false);
    }

    /// <summary>Reads a file whose length is known; should it have grown meanwhile, reads it again
    /// from the start with the size limit.</summary>
    private static byte[] ReadKnownLength(FileStream s, long length)
    {
        var bytes = new byte[length];
        int read = s.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (read != bytes.Length) return bytes[..read];   // it shrank meanwhile
        Span<byte> probe = stackalloc byte[1];
        if (s.Read(probe) == 0) return bytes;
        s.Position = 0;
        return ReadLimited(s);
    }

    private static byte[] ReadLimited(Stream s)
    {
        using var ms = new MemoryStream();
        var buf = new byte[1 << 16];
        int n;
        while ((n = s.Read(buf, 0, buf.Length)) > 0)
        {
            if (ms.Length + n > MaxFileBytes) throw new TooLargeException();
            ms.Write(buf, 0, n);
        }
        return ms.ToArray();
    }

    internal static (string? Text, (int Line, string Message)? Error) Decode(byte[] bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            var enc = bytes[0] == 0xFF ? new UnicodeEncoding(false, true, true) : new UnicodeEncoding(true, true, true);
            try { return (enc.GetString(bytes, 2, bytes.Length - 2), null); }
            catch (DecoderFallbackException) { return (null, (1, "file starts with a UTF-16 byte order mark but is not valid UTF-16")); }
        }
        int offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        int probe = Math.Min(bytes.Length, 8192);
        for (int i = offset; i < probe; i++)
            if (bytes[i] == 0) return (null, (LineOf(bytes, i), "binary file (contains NUL bytes); not a manifest"));
        try
        {
            return (new UTF8Encoding(false, true).GetString(bytes, offset, bytes.Length - offset), null);
        }
        catch (DecoderFallbackException e)
        {
            int at = offset + Math.Max(0, e.Index);
            return (null, (LineOf(bytes, at), "file is not valid UTF-8 (convert it to UTF-8)"));
        }
    }

    /// <summary>The line of the byte at <paramref name="index"/>: one more than the LFs before it.</summary>
    private static int LineOf(byte[] bytes, int index) =>
        bytes.AsSpan(0, Math.Min(index, bytes.Length)).Count((byte)'\n') + 1;
}
