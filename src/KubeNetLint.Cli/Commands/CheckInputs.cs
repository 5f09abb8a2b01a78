using System.Diagnostics;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Cli.Commands;

/// <summary>What `check` loads and what it reports. Plain paths are both. With `--context DIR`
/// everything under DIR is loaded as one world, but only findings in the named paths are reported (a
/// pre-commit hook gets the changed files; their Services must still see the unchanged Deployments).
/// With `--kustomize DIR` the output of `kubectl kustomize DIR` is linted as one more input.</summary>
public sealed record CheckInputs(IReadOnlyList<string> LoadPaths, IReadOnlyList<SourceFile> Rendered, Func<SourceFile, bool>? Reported)
{
    /// <summary>Paths for config discovery: the context first, as it is the root the user meant.</summary>
    public IReadOnlyList<string> ConfigSearchPaths { get; init; } = LoadPaths;

    public static CheckInputs Resolve(string[]? paths, string? contextDir, string? kustomizeDir, Func<string, string?> environment)
    {
        paths ??= [];
        var rendered = kustomizeDir is null ? [] : new[] { Kustomize.Render(kustomizeDir, environment) };
        if (contextDir is null)
        {
            if (paths.Length > 0 || kustomizeDir is null) return new CheckInputs(paths.Length > 0 ? paths : ["."], rendered, null);
            return new CheckInputs([], rendered, null) { ConfigSearchPaths = [kustomizeDir] };
        }
        if (!Directory.Exists(contextDir)) throw new InputException($"--context '{contextDir}': no such directory");
        string[] all = [contextDir, .. paths];
        if (paths.Length == 0) return new CheckInputs(all, rendered, null);

        // The named paths, expanded as the loader will expand them. Problems met here are met again
        // (and reported) when the same paths are loaded.
        var named = InputCollector.Expand(paths, []).Where(c => c.FullPath is not null).Select(c => c.FullPath!)
            .ToHashSet(StringComparer.Ordinal);
        return new CheckInputs(all, rendered, file => file.FullPath is null || named.Contains(file.FullPath));
    }

    public IReadOnlyList<Finding> Select(IReadOnlyList<Finding> findings) =>
        Reported is null ? findings : [.. findings.Where(f => Reported(f.Location.File))];
}

/// <summary>`kubectl kustomize DIR`, for `check --kustomize DIR`.</summary>
public static class Kustomize
{
    public static SourceFile Render(string dir, Func<string, string?> environment)
    {
        if (!Directory.Exists(dir)) throw new InputException($"--kustomize '{dir}': no such directory");
        var kubectl = FindOnPath("kubectl", environment("PATH"))
            ?? throw new InputException("--kustomize runs 'kubectl kustomize', but kubectl was not found on the PATH; " +
                                        "install kubectl, or render the manifests yourself: kustomize build DIR | kubenetlint check -");
        var start = new ProcessStartInfo(kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new System.Text.UTF8Encoding(false),
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(dir);
        using var process = Process.Start(start) ?? throw new InputException($"cannot start {kubectl}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var message = stderr.Result.Trim();
            throw new InputException($"'kubectl kustomize {dir}' failed with exit code {process.ExitCode}" +
                                     (message.Length > 0 ? ":\n" + message : ""));
        }
        return new SourceFile { Path = $"<kustomize {dir.Replace('\\', '/').TrimEnd('/')}>", FullPath = null, Text = stdout };
    }

    /// <summary>The first executable called <paramref name="name"/> in a PATH-style list, or null.</summary>
    public static string? FindOnPath(string name, string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        string[] names = OperatingSystem.IsWindows() ? [name + ".exe", name + ".cmd", name] : [name];
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var n in names)
            {
                var candidate = Path.Combine(dir, n);
                if (File.Exists(candidate) && (OperatingSystem.IsWindows() || IsExecutable(candidate))) return candidate;
            }
        }
        return null;
    }

    private static bool IsExecutable(string file) =>
        !OperatingSystem.IsWindows() &&
        (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
