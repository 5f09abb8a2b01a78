using System.CommandLine;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Reporting.Connectivity;
using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Reporting.Sarif;

namespace KubeNetLint.Cli.Commands;

/// <summary>`kubenetlint diff`: what a change to the manifests does to who can connect to whom.</summary>
public static class DiffCommand
{
    public static Command Create(CliIO io)
    {
        var basePaths = new Option<string[]>("--base")
        {
            Description = "The manifests before the change (files, directories, globs).", Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var headPaths = new Option<string[]>("--head")
        {
            Description = "The manifests after the change.", Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var format = new Option<string>("--format", "-f") { Description = "Output format (md is meant for a pull-request comment).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "md", "json", "sarif");
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var ns = CommonOptions.Namespace();
        var routes = new Option<bool>("--routes")
        {
            Description = "Compare the routes (Ingress and Gateway API: hosts, matches, backends and the status of each hop) instead of the reachability.",
        };
        var command = new Command("diff", "Compare the reachability of two versions of the manifests: connections added, removed and changed, workloads added and removed.")
        {
            basePaths, headPaths, format, output, config, ns, routes,
        };
        command.SetAction(parse => MatrixCommand.Run(io, () =>
        {
            var before = parse.GetValue(basePaths)!;
            var after = parse.GetValue(headPaths)!;
            var cfg = CommonOptions.LoadConfig(parse.GetValue(config), after);
            var defaultNamespace = parse.GetValue(ns)!;
            if (parse.GetValue(routes))
            {
                var baseRows = RouteRow.From(MatrixCommand.Graph(before, cfg, defaultNamespace, io)).ToList();
                var headRows = RouteRow.From(MatrixCommand.Graph(after, cfg, defaultNamespace, io)).ToList();
                var changes = RouteDiff.Compare(baseRows, headRows);
                var ctx = MatrixCommand.Context();
                var f = parse.GetValue(format)!;
                CommonOptions.WriteOutput(parse.GetValue(output), io, w =>
                {
                    switch (f)
                    {
                        case "json": RouteDiff.Json(changes, w); break;
                        case "md": RouteDiff.Markdown(changes, w); break;
                        case "sarif": new SarifReportWriter().Write(ctx with { Graphs = [RouteDiff.Graph(changes, ctx)] }, w); break;
                        default: RouteDiff.Text(changes, w); break;
                    }
                });
                return ExitCodes.Clean;
            }
            var (baseAnalysis, headAnalysis) = ReachabilityDiff.Analyze(
                MatrixCommand.Graph(before, cfg, defaultNamespace, io), MatrixCommand.Graph(after, cfg, defaultNamespace, io));
            var diff = ReachabilityDiff.Compare(baseAnalysis.ComputeMatrix(), headAnalysis.ComputeMatrix());
            var context = MatrixCommand.Context();
            var fmt = parse.GetValue(format)!;
            CommonOptions.WriteOutput(parse.GetValue(output), io, w =>
            {
                switch (fmt)
                {
                    case "json": ConnectivityJson.WriteDiff(diff, context.RelativePath, w); break;
                    case "md": DiffWriters.Markdown(diff, w); break;
                    case "sarif": new SarifReportWriter().Write(context with { Graphs = [ConnectivitySarif.DiffGraph(diff, context)] }, w); break;
                    default: DiffWriters.Text(diff, w); break;
                }
            });
            return ExitCodes.Clean;
        }));
        return command;
    }
}
