using System.CommandLine;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Connectivity.Output;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Reporting.Sarif;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Cli.Commands;

public static class CheckCommand
{
    public static Command Create(CliIO io)
    {
        var paths = CommonOptions.Paths();
        var format = new Option<string>("--format", "-f") { Description = "Report format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "github", "sarif");
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit with 1 when a finding has this level or higher (none: always 0 unless the input cannot be read).",
            DefaultValueFactory = _ => "error",
        };
        failOn.AcceptOnlyFromAmong("error", "warning", "note", "none");
        var ns = CommonOptions.Namespace();
        var category = new Option<string?>("--sarif-category") { Description = "SARIF runAutomationDetails.id, to keep several code-scanning uploads apart." };
        var matrix = new Option<bool>("--matrix") { Description = "Add the reachability matrix to the SARIF output (runs[0].graphs)." };

        var command = new Command("check", "Lint manifests: Service, Ingress, NetworkPolicy and workload wiring.")
        {
            paths, format, output, config, failOn, ns, category,
        };
        command.Options.Add(matrix);
        command.SetAction(parse =>
        {
            var inputs = parse.GetValue(paths) is { Length: > 0 } p ? p : ["."];
            try
            {
                var cfg = CommonOptions.LoadConfig(parse.GetValue(config), inputs);
                var model = CommonOptions.LoadModel(inputs, cfg, parse.GetValue(ns)!, io);
                var result = LintEngine.Run(model, cfg);
                var fmt = parse.GetValue(format)!;
                var outPath = parse.GetValue(output);
                var context = new ReportContext
                {
                    Findings = result.Findings,
                    Rules = RuleRegistry.All.Select(r => r.Info).ToList(),
                    ToolVersion = CommonOptions.ToolVersion,
                    SourceRoot = ReportContext.FindSourceRoot(Directory.GetCurrentDirectory()),
                    FileCount = model.Files.Count,
                    ObjectCount = model.Resources.Count,
                    Category = parse.GetValue(category),
                };
                if (parse.GetValue(matrix))
                    context = context with { Graphs = [ConnectivitySarif.MatrixGraph(ConnectivityAnalysis.Build(result.Graph).ComputeMatrix(), context)] };
                bool color = outPath is null && !Console.IsOutputRedirected && io.Out == Console.Out &&
                             string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
                IReportWriter writer = fmt switch
                {
                    "json" => new JsonReportWriter(),
                    "github" => new GithubReportWriter(),
                    "sarif" => new SarifReportWriter(),
                    _ => new TextReportWriter(color),
                };
                CommonOptions.WriteOutput(outPath, io, w => writer.Write(context, w));
                foreach (var failure in result.Failures)
                    io.Error.WriteLine($"kubenetlint: internal error in rule {failure.RuleId} (its findings are missing; please report): {failure.Message}");
                if (result.Failures.Count > 0) return ExitCodes.UsageError;
                return CommonOptions.ExitCodeFor(result.Findings, parse.GetValue(failOn)!);
            }
            catch (Exception e) when (e is InputException or ConfigException or IOException or UnauthorizedAccessException)
            {
                io.Error.WriteLine($"kubenetlint: error: {e.Message}");
                return ExitCodes.UsageError;
            }
        });
        return command;
    }
}
