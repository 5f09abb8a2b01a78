using System.CommandLine;
using System.CommandLine.Invocation;
using KubeNetLint.Cli.Commands;

namespace KubeNetLint.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>The whole command line, with the streams injectable for tests.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream>? stdin = null)
    {
        var io = new CliIO(stdout, stderr, stdin);
        var root = new RootCommand("KubeNetLint: lint Kubernetes networking manifests (Services, Ingresses, NetworkPolicies) " +
                                   "and analyse who can connect to whom.")
        {
            CheckCommand.Create(io),
            RulesCommand.Create(io),
            MatrixCommand.Create(io),
            ExplainCommand.Create(io),
            DiffCommand.Create(io),
            RoutesCommand.Create(io),
            GraphCommand.Create(io),
            PathsCommand.Create(io),
        };
        foreach (var version in root.Options.OfType<VersionOption>()) version.Action = new PrintVersion(io);
        var parse = root.Parse(args);
        var usage = UsageErrors.Of(parse, args);
        if (usage.Count > 0)
        {
            foreach (var error in usage) stderr.WriteLine($"kubenetlint: error: {error}");
            var help = parse.CommandResult.Command == root ? "kubenetlint --help" : $"kubenetlint {parse.CommandResult.Command.Name} --help";
            stderr.WriteLine($"Run '{help}' for usage.");
            return ExitCodes.UsageError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"kubenetlint: internal error: {e.GetType().Name}: {e.Message}");
            stderr.WriteLine("This is a bug in KubeNetLint; please report it with the input that caused it.");
            if (Environment.GetEnvironmentVariable("KUBENETLINT_DEBUG") == "1") stderr.WriteLine(e.ToString());
            return ExitCodes.UsageError;
        }
    }
}

public sealed record CliIO(TextWriter Out, TextWriter Error, Func<Stream>? Stdin);

/// <summary>`--version`: the semantic version SARIF carries, whichever assembly started the process
/// (System.CommandLine's own prints the entry assembly's, which in tests is the test host's), then the
/// commit it was built from when the build knew it: `0.1.0 (commit 0123456789ab)`.</summary>
internal sealed class PrintVersion(CliIO io) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        io.Out.WriteLine(CommonOptions.ToolCommit is { } commit ? $"{CommonOptions.ToolVersion} (commit {commit})" : CommonOptions.ToolVersion);
        return ExitCodes.Clean;
    }
}

public static class ExitCodes
{
    public const int Clean = 0;
    public const int Findings = 1;
    public const int UsageError = 2;
}
