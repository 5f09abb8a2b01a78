using System.CommandLine;
using KubeNetLint.Core.Reporting;

namespace KubeNetLint.Cli.Commands;

/// <summary>`kubenetlint routes`: every host and match → Gateway listener or Ingress → Service:port →
/// workloads, with the status of each hop.</summary>
public static class RoutesCommand
{
    public static Command Create(CliIO io)
    {
        var paths = CommonOptions.Paths();
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "md");
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var ns = CommonOptions.Namespace();
        var command = new Command("routes", "Print every route (Ingress and Gateway API): host and match → Gateway listener or Ingress → Service:port → workloads, with the status of each hop.")
        {
            paths, format, output, config, ns,
        };
        command.SetAction(parse => MatrixCommand.Run(io, () =>
        {
            var inputs = parse.GetValue(paths) is { Length: > 0 } p ? p : ["."];
            var cfg = CommonOptions.LoadConfig(parse.GetValue(config), inputs);
            var graph = MatrixCommand.Graph(inputs, cfg, parse.GetValue(ns)!, io);
            var rows = RouteRow.From(graph).ToList();
            var context = MatrixCommand.Context();
            var fmt = parse.GetValue(format)!;
            CommonOptions.WriteOutput(parse.GetValue(output), io, w =>
            {
                switch (fmt)
                {
                    case "json": RouteWriters.Json(rows, context.RelativePath, w); break;
                    case "md": RouteWriters.Markdown(rows, w); break;
                    default: RouteWriters.Text(rows, w); break;
                }
            });
            return ExitCodes.Clean;
        }));
        return command;
    }
}
