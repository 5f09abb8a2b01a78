using System.CommandLine;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Reporting;

namespace KubeNetLint.Cli.Commands;

/// <summary>`kubenetlint graph`: the resource graph (objects and their relations, with the allowed
/// connections), or the neighbourhood of one object, as DOT, Mermaid or JSON.</summary>
public static class GraphCommand
{
    public static Command Create(CliIO io)
    {
        var paths = CommonOptions.Paths();
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "dot" };
        format.AcceptOnlyFromAmong("dot", "mermaid", "json");
        var focus = new Option<string?>("--focus")
        {
            Description = "Only the objects within --depth relations of this one: NS/KIND/NAME, NS/NAME[KIND], NS/NAME (when one object has that name), or external.",
        };
        var depth = new Option<int>("--depth") { Description = "With --focus: how many relations away (either direction) to go.", DefaultValueFactory = _ => 1 };
        var noConnections = new Option<bool>("--no-connections")
        {
            Description = "Leave out the allowed connections (the connectivity analysis); only the objects' own relations.",
        };
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var ns = CommonOptions.Namespace();
        var command = new Command("graph", "Print the resource graph: workloads, Services, Ingresses, Gateways and routes, policies, Secrets, ConfigMaps, namespaces and the internet, with their relations and the allowed connections.")
        {
            paths, focus, depth, noConnections, format, output, config, ns,
        };
        command.SetAction(parse => MatrixCommand.Run(io, () =>
        {
            if (parse.GetValue(depth) is var d && d < 0)
            {
                io.Error.WriteLine($"kubenetlint: error: --depth {d}: must be 0 or more");
                return ExitCodes.UsageError;
            }
            var inputs = parse.GetValue(paths) is { Length: > 0 } p ? p : ["."];
            var cfg = CommonOptions.LoadConfig(parse.GetValue(config), inputs);
            var graph = MatrixCommand.Graph(inputs, cfg, parse.GetValue(ns)!, io);
            var objects = graph.Objects;
            if (!parse.GetValue(noConnections))
            {
                var analysis = ConnectivityAnalysis.Build(graph);
                objects = objects.With(analysis.ConnectionEdges(objects));
            }
            if (parse.GetValue(focus) is { } focusText)
            {
                var node = objects.Resolve(focusText) ?? throw new MatrixCommand.UnknownEndpointException(
                    $"--focus '{focusText}' is not an object of the input{Suggestions.DidYouMean(focusText, objects.Nodes.Select(n => n.Id))}");
                objects = objects.Neighbourhood(node, d);
            }
            var context = MatrixCommand.Context();
            var fmt = parse.GetValue(format)!;
            CommonOptions.WriteOutput(parse.GetValue(output), io, w =>
            {
                switch (fmt)
                {
                    case "json": GraphWriters.Json(objects, context.RelativePath, w); break;
                    case "mermaid": GraphWriters.Mermaid(objects, w); break;
                    default: GraphWriters.Dot(objects, w); break;
                }
            });
            return ExitCodes.Clean;
        }));
        return command;
    }
}
