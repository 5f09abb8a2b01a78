using KubeNetLint.Cli;

namespace KubeNetLint.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the command line in-process with captured streams.</summary>
public static class CliRunner
{
    public static CliResult Run(params string[] args) => RunWithStdin(null, args);

    public static CliResult RunWithStdin(string? stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        Func<Stream>? input = stdin is null ? null : () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(stdin));
        int code = Program.Run(args, stdout, stderr, input);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
