using System.CommandLine;
using System.Reflection;
using KubeNetLint.Core;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Cli.Commands;

/// <summary>Options and steps that several commands share (paths, config, output file).</summary>
public static class CommonOptions
{
    public static Argument<string[]> Paths() => new("paths")
    {
        Description = "Files, directories (searched recursively for *.yaml, *.yml, *.json), glob patterns, or - for standard input. Default: the current directory.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<string?> Output() => new("--output", "-o") { Description = "Write the report to this file (atomically) instead of standard output." };

    public static Option<string?> Config() => new("--config") { Description = $"Config file. Default: the nearest {LintConfig.FileName} above the first path." };

    public static Option<string> Namespace() => new("--namespace", "-n")
    {
        Description = "Namespace for objects that do not set metadata.namespace.",
        DefaultValueFactory = _ => "default",
    };

    public static string ToolVersion
    {
        get
        {
            var v = typeof(CommonOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            int plus = v.IndexOf('+');
            return plus < 0 ? v : v[..plus];
        }
    }

    /// <summary>Reads the config given or discovered; unknown rule names are errors.</summary>
    public static LintConfig LoadConfig(string? explicitPath, IReadOnlyList<string> paths)
    {
        var path = explicitPath ?? ConfigLoader.Discover(paths);
        if (path is null) return LintConfig.Empty;
        if (explicitPath is not null && !File.Exists(explicitPath)) throw new ConfigException($"{explicitPath}: config file not found");
        return ConfigLoader.Load(path, key => RuleRegistry.Find(key)?.Info.Id);
    }

    /// <summary>Loads paths (and text already in memory, such as rendered output) into a model.
    /// Throws <see cref="InputException"/> for a missing path.</summary>
    public static Core.Model.ResourceModel LoadModel(IReadOnlyList<string> paths, LintConfig config, string ns, CliIO io,
        IReadOnlyList<SourceFile>? rendered = null)
    {
        var load = ManifestLoader.Load(paths, config.IsIgnored, io.Stdin);
        if (rendered is { Count: > 0 })
        {
            var more = ManifestLoader.LoadFiles(rendered);
            load = new LoadResult([.. load.Files, .. more.Files], [.. load.Documents, .. more.Documents], [.. load.Problems, .. more.Problems]);
        }
        if (load.Files.Count == 0 && load.Problems.Count == 0)
            io.Error.WriteLine($"kubenetlint: warning: no manifests (*.yaml, *.yml, *.json) found in {string.Join(", ", paths)}");
        return LintEngine.BuildModel(load, config, ns);
    }

    /// <summary>Writes to standard output or to the file (see <see cref="IO.OutputFile"/>: atomically over a
    /// regular file, in place into a FIFO or device, through symbolic links).</summary>
    public static void WriteOutput(string? path, CliIO io, Action<TextWriter> write)
    {
        if (path is null || path == "-")
        {
            try
            {
                write(io.Out);
                io.Out.Flush();
            }
            catch (IOException e) when (IsBrokenPipe(e))
            {
                // The reader went away (`kubenetlint check . | head -1`): it chose to stop reading,
                // which is no error of ours; stop writing and exit without a word.
            }
            return;
        }
        IO.OutputFile.Write(path, write);
    }

    /// <summary>EPIPE: .NET ignores SIGPIPE, so a closed pipe surfaces as an IOException with errno 32.</summary>
    internal static bool IsBrokenPipe(IOException e) =>
        e.HResult == 32 || e.Message.Contains("Broken pipe", StringComparison.OrdinalIgnoreCase);

    public static int ExitCodeFor(IEnumerable<Finding> findings, string failOn)
    {
        var threshold = LevelNames.Parse(failOn);
        if (threshold is null) return ExitCodes.Clean;
        return findings.Any(f => !f.Suppressed && f.Level >= threshold) ? ExitCodes.Findings : ExitCodes.Clean;
    }
}
