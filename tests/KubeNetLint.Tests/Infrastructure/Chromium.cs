using System.Diagnostics;
using KubeNetLint.Cli.Commands;

namespace KubeNetLint.Tests.Infrastructure;

/// <summary>Headless Chromium (Debian's `chromium`, which .ci/run installs) for the HTML pages' tests.</summary>
public static class Chromium
{
    /// <summary>The browser: $CHROMIUM, else chromium, chromium-browser or google-chrome on the PATH.</summary>
    public static readonly string? Path = Find();

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } set && File.Exists(set)) return set;
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
            if (Kustomize.FindOnPath(name, Environment.GetEnvironmentVariable("PATH")) is { } found) return found;
        return null;
    }

    /// <summary>Opens the page (a file, with an optional #fragment) and returns the DOM after its scripts
    /// ran, and how long the browser took.</summary>
    public static (string Dom, TimeSpan Elapsed) DumpDom(string file, string fragment = "") =>
        Run(file, fragment, "--dump-dom");

    public static TimeSpan Screenshot(string file, string fragment, string png, int width, int height) =>
        Run(file, fragment, $"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars").Elapsed;

    private static (string Dom, TimeSpan Elapsed) Run(string file, string fragment, params string[] args)
    {
        var profile = Directory.CreateTempSubdirectory("kubenetlint-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("chromium is not installed"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                         "--user-data-dir=" + profile })
                start.ArgumentList.Add(a);
            foreach (var a in args) start.ArgumentList.Add(a);
            start.ArgumentList.Add(new Uri(System.IO.Path.GetFullPath(file)).AbsoluteUri + fragment);
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(180)))
            {
                process.Kill(true);
                throw new TimeoutException($"chromium did not finish with {file} in 180 s");
            }
            watch.Stop();
            if (process.ExitCode != 0) throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {stderr.Result}");
            return (stdout.Result, watch.Elapsed);
        }
        finally
        {
            try { Directory.Delete(profile, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>A fact that needs headless Chromium: skipped where it is not installed (users' clones), run
/// in CI, where .ci/run installs it and sets KUBENETLINT_REQUIRE_CHROMIUM=1 so that a missing browser fails.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null && Environment.GetEnvironmentVariable("KUBENETLINT_REQUIRE_CHROMIUM") != "1")
            Skip = "chromium is not installed (CI installs it)";
    }
}
