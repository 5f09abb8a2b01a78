using System.CommandLine;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Reporting.Connectivity;

namespace KubeNetLint.Cli.Commands;

/// <summary>`kubenetlint paths`: every path from one node to another through allowed connections and
/// routing hops (internet → Ingress/Gateway → Service → workload → Service → workload …), each hop with
/// the policy rules that allow it; or, with --transitive, everything one node reaches (or is reached by).</summary>
public static class PathsCommand
{
    public const int DefaultMaxHops = 6;
    public const int DefaultLimit = 100;

    public static Command Create(CliIO io)
    {
        var paths = CommonOptions.Paths();
        var from = new Option<string?>("--from") { Description = "Where paths start: external (the internet), NS/KIND/NAME, NS/NAME[KIND], NS/NAME, an Ingress or Gateway id, or an IP address." };
        var to = new Option<string?>("--to") { Description = "Where paths end (same forms as --from)." };
        var port = new Option<string?>("--port") { Description = "The last hop must carry this port: 8080/TCP, 53/UDP or 8080 (TCP)." };
        var maxHops = new Option<int?>("--max-hops") { Description = $"Longest path to consider (default {DefaultMaxHops}; unlimited with --transitive)." };
        var transitive = new Option<bool>("--transitive")
        {
            Description = "With --from: everything it reaches in any number of hops (blast radius); with --to: everything that can reach it.",
        };
        var limit = new Option<int>("--limit") { Description = "At most this many paths, shortest first.", DefaultValueFactory = _ => DefaultLimit };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "md", "dot");
        var expect = new Option<string?>("--expect")
        {
            Description = "Exit 1 unless the answer is this one (reachable: some path exists, or something is reached; unreachable: none), for scripts; the report is printed either way.",
        };
        expect.AcceptOnlyFromAmong("reachable", "unreachable");
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var ns = CommonOptions.Namespace();
        var command = new Command("paths", "Find every path from one endpoint to another through allowed connections and routes, each hop with the rule that allows it; or, with --transitive, what an endpoint reaches or is reached by.")
        {
            paths, from, to, port, maxHops, transitive, limit, expect, format, output, config, ns,
        };
        command.SetAction(parse => MatrixCommand.Run(io, () =>
        {
            var fromText = parse.GetValue(from);
            var toText = parse.GetValue(to);
            bool isTransitive = parse.GetValue(transitive);
            string? usage = isTransitive
                ? (fromText is null) == (toText is null) ? "--transitive takes exactly one of --from and --to" : null
                : fromText is null || toText is null ? "paths needs --from and --to (or one of them with --transitive)" : null;
            if (parse.GetValue(maxHops) is { } m && m < 1) usage ??= $"--max-hops {m}: must be 1 or more";
            if (parse.GetValue(limit) < 1) usage ??= $"--limit {parse.GetValue(limit)}: must be 1 or more";
            PortQuery? query = null;
            if (parse.GetValue(port) is { } portText)
            {
                if (!PortQuery.TryParse(portText, out var q, out var error)) usage ??= $"--port {error}";
                else query = q;
            }
            if (usage is not null)
            {
                io.Error.WriteLine($"kubenetlint: error: {usage}");
                return ExitCodes.UsageError;
            }

            var inputs = parse.GetValue(paths) is { Length: > 0 } p ? p : ["."];
            var analysis = MatrixCommand.Analyze(inputs, parse.GetValue(config), parse.GetValue(ns)!, io);
            var graph = analysis.Paths();
            var context = MatrixCommand.Context();
            var fmt = parse.GetValue(format)!;
            bool reachable;
            if (isTransitive)
            {
                bool forward = fromText is not null;
                var origin = Resolve(graph, forward ? fromText! : toText!, forward ? "--from" : "--to");
                var result = graph.Transitive(origin, forward, query, parse.GetValue(maxHops));
                reachable = result.Nodes.Count > 0;
                CommonOptions.WriteOutput(parse.GetValue(output), io, w =>
                {
                    switch (fmt)
                    {
                        case "json": PathWriters.Json(result, w); break;
                        case "md": PathWriters.Markdown(result, w); break;
                        case "dot": PathWriters.Dot(result.Nodes.Select(r => r.Path), origin, w); break;
                        default: PathWriters.Text(result, w); break;
                    }
                });
            }
            else
            {
                var source = Resolve(graph, fromText!, "--from");
                var destination = Resolve(graph, toText!, "--to");
                var result = graph.Between(source, destination, query, parse.GetValue(maxHops) ?? DefaultMaxHops, parse.GetValue(limit));
                reachable = result.Paths.Count > 0;
                var explained = fmt == "dot" ? [] : PathWriters.Explain(graph, result);
                CommonOptions.WriteOutput(parse.GetValue(output), io, w =>
                {
                    switch (fmt)
                    {
                        case "json": PathWriters.Json(result, explained, context.RelativePath, w); break;
                        case "md": PathWriters.Markdown(result, explained, context.RelativePath, w); break;
                        case "dot": PathWriters.Dot(result.Paths, source, w); break;
                        default: PathWriters.Text(result, explained, f => f.Path, w); break;
                    }
                });
            }
            if (parse.GetValue(expect) is { } expected && (expected == "reachable") != reachable)
            {
                io.Error.WriteLine($"kubenetlint: {(isTransitive ? "the search" : $"{fromText} -> {toText}")} is {(reachable ? "reachable" : "unreachable")}, not {expected}");
                return ExitCodes.Findings;
            }
            return ExitCodes.Clean;
        }));
        return command;
    }

    private static PathNode Resolve(PathGraph graph, string text, string option)
    {
        if (graph.Resolve(text) is { } node) return node;
        var close = graph.Analysis.Suggestions(text);
        var hint = close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : "; ids are external, NS/KIND/NAME or NS/NAME[KIND] (see `kubenetlint matrix --format csv`)";
        throw new MatrixCommand.UnknownEndpointException($"{option} '{text}' is not an endpoint of the input{hint}");
    }
}
