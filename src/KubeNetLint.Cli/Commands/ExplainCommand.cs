using System.CommandLine;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Reporting.Connectivity;

namespace KubeNetLint.Cli.Commands;

/// <summary>`kubenetlint explain`: why one connection is allowed or denied, policy by policy, rule by rule.</summary>
public static class ExplainCommand
{
    public static Command Create(CliIO io)
    {
        var paths = CommonOptions.Paths();
        var from = new Option<string>("--from") { Description = "Source: NS/KIND/NAME, an external/FIRST-LAST id, or an IP address.", Required = true };
        var to = new Option<string>("--to") { Description = "Destination: NS/KIND/NAME, an external/FIRST-LAST id, or an IP address.", Required = true };
        var port = new Option<string?>("--port") { Description = "Ask about one port: 8080/TCP, 53/UDP or 8080 (TCP)." };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var expect = new Option<string?>("--expect")
        {
            Description = "Exit 1 unless the verdict is this one (allowed or denied), for scripts; the explanation is printed either way.",
        };
        expect.AcceptOnlyFromAmong("allowed", "denied");
        var config = CommonOptions.Config();
        var ns = CommonOptions.Namespace();
        var output = CommonOptions.Output();
        var command = new Command("explain", "Explain whether one endpoint can connect to another: each side's policies and rules, with file:line.")
        {
            paths, from, to, port, expect, format, output, config, ns,
        };
        command.SetAction(parse => MatrixCommand.Run(io, () =>
        {
            PortQuery? query = null;
            if (parse.GetValue(port) is { } portText)
            {
                if (!PortQuery.TryParse(portText, out var q, out var error))
                {
                    io.Error.WriteLine($"kubenetlint: error: --port {error}");
                    return ExitCodes.UsageError;
                }
                query = q;
            }
            var inputs = parse.GetValue(paths) is { Length: > 0 } p ? p : ["."];
            var analysis = MatrixCommand.Analyze(inputs, parse.GetValue(config), parse.GetValue(ns)!, io);
            var source = MatrixCommand.ResolveEndpoint(analysis, parse.GetValue(from)!, "--from");
            var destination = MatrixCommand.ResolveEndpoint(analysis, parse.GetValue(to)!, "--to");
            var explanation = analysis.Explain(source, destination);
            var context = MatrixCommand.Context();
            CommonOptions.WriteOutput(parse.GetValue(output), io, w =>
            {
                if (parse.GetValue(format) == "json") ExplainWriters.Json(explanation, query, context.RelativePath, w);
                else ExplainWriters.Text(explanation, query, f => f.Path, w);
            });
            if (parse.GetValue(expect) is { } expected && (expected == "allowed") != ExplainWriters.Verdict(explanation, query))
            {
                io.Error.WriteLine($"kubenetlint: {source.Id} -> {destination.Id}{(query is null ? "" : $" on {query}")} is {(expected == "allowed" ? "denied" : "allowed")}, not {expected}");
                return ExitCodes.Findings;
            }
            return ExitCodes.Clean;
        }));
        return command;
    }
}
