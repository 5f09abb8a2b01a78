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

    public static Option<string[]> RuleSwitch(string name, string description) => new(name)
    {
        Description = description + " Rule ids or names, repeatable or comma-separated.",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>`--only`, `--enable` and `--disable` on top of the config's `rules:`, in that order: they
    /// change only whether a rule runs, so a level the config set still holds. Unknown rules are errors.</summary>
    public static LintConfig ApplyRuleSwitches(LintConfig config, string[]? only, string[]? enable, string[]? disable)
    {
        if (only is not { Length: > 0 } && enable is not { Length: > 0 } && disable is not { Length: > 0 }) return config;
        var rules = new Dictionary<string, RuleSetting>(config.Rules, StringComparer.Ordinal);
        void Set(string id, bool on) =>
            rules[id] = new RuleSetting(on, rules.TryGetValue(id, out var s) ? s.Level : null);
        if (only is { Length: > 0 })
        {
            var kept = Resolve("--only", only).ToHashSet(StringComparer.Ordinal);
            foreach (var rule in RuleRegistry.All) Set(rule.Info.Id, kept.Contains(rule.Info.Id));
        }
        foreach (var id in Resolve("--enable", enable)) Set(id, true);
        foreach (var id in Resolve("--disable", disable)) Set(id, false);
        return config with { Rules = rules };
    }

    private static IEnumerable<string> Resolve(string option, string[]? values)
    {
        foreach (var key in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var rule = RuleRegistry.Find(key) ?? throw new UsageException(
                $"{option} {key}: no such rule{Suggestions.DidYouMean(key, RuleRegistry.All.SelectMany(r => new[] { r.Info.Id, r.Info.Name }))}; " +
                "'kubenetlint rules' lists them");
            yield return rule.Info.Id;
        }
    }

    public static Option<string?> SourceRoot() => new("--source-root")
    {
        Description = "Directory that reported paths are relative to (annotations, SARIF uri, JSON file). Default: the git " +
                      "work tree holding the first path, else $GITHUB_WORKSPACE when set, else the work tree of the current directory.",
    };

    /// <summary>Where reported paths start. A checkout in a subdirectory (`actions/checkout` with
    /// `path: head`) is its own repository, so its work tree comes before GITHUB_WORKSPACE, which is
    /// the fallback for inputs outside any work tree.</summary>
    public static string ResolveSourceRoot(string? explicitRoot, IReadOnlyList<string> paths, Func<string, string?> environment)
    {
        if (explicitRoot is not null)
        {
            if (!Directory.Exists(explicitRoot)) throw new UsageException($"--source-root '{explicitRoot}': no such directory");
            return Path.GetFullPath(explicitRoot);
        }
        var first = paths.FirstOrDefault(p => p != "-" && (Directory.Exists(p) || File.Exists(p)));
        if (first is not null)
        {
            var full = Path.GetFullPath(first);
            var dir = Directory.Exists(full) ? full : Path.GetDirectoryName(full)!;
            var root = Core.Loading.WorkTree.RootOf(dir);
            if (Directory.Exists(Path.Combine(root, ".git")) || File.Exists(Path.Combine(root, ".git"))) return root;
        }
        if (environment("GITHUB_WORKSPACE") is { Length: > 0 } workspace && Directory.Exists(workspace)) return Path.GetFullPath(workspace);
        return Core.Loading.WorkTree.RootOf(Directory.GetCurrentDirectory());
    }

    /// <summary>The commit the tool was built from (git rev-parse at build time), or null when the build had no git.</summary>
    public static string? ToolCommit =>
        typeof(CommonOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Commit")?.Value is { Length: > 0 } c ? c : null;

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
