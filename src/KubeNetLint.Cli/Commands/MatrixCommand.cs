using System.CommandLine;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Reporting.Connectivity;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Reporting.Sarif;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Cli.Commands;

/// <summary>`kubenetlint matrix`: who can connect to whom, on which protocols and ports.</summary>
public static class MatrixCommand
{
    public static Command Create(CliIO io)
    {
        var paths = CommonOptions.Paths();
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "md", "json", "dot", "html", "sarif");
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var ns = CommonOptions.Namespace();
        var focus = new Option<string?>("--focus")
        {
            Description = "Only the connections from or to this endpoint: NS/KIND/NAME, an external/FIRST-LAST id, or an IP address.",
        };
        var exposure = new Option<bool>("--exposure")
        {
            Description = "Instead of the matrix, say for each workload who may reach it and what it may reach, in general terms " +
                          "(any namespace, pods in namespaces with a label, the internet) with the ports; formats table (text), md and json.",
        };
        var declared = new Option<bool>("--declared")
        {
            Description = "Mark the connections that containers declare (addresses in env, the ConfigMaps they read, command and args), " +
                          "and list the declared dependencies the policies deny.",
        };
        var command = new Command("matrix", "Print the reachability matrix: every allowed connection between workloads, the ingress controller and external address ranges.")
        {
            paths, format, output, config, ns, focus, exposure, declared,
        };
        command.SetAction(parse => Run(io, () =>
        {
            var inputs = parse.GetValue(paths) is { Length: > 0 } p ? p : ["."];
            var analysis = Analyze(inputs, parse.GetValue(config), parse.GetValue(ns)!, io);
            if (parse.GetValue(exposure))
                return WriteExposure(io, analysis, parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(focus));
            var matrix = analysis.ComputeMatrix();
            if (parse.GetValue(declared)) matrix = matrix.WithDeclared(analysis);
            if (parse.GetValue(focus) is { } focusId)
            {
                var endpoint = ResolveEndpoint(analysis, focusId, "--focus");
                matrix = matrix.Focus(endpoint);
            }
            var context = Context();
            var fmt = parse.GetValue(format)!;
            CommonOptions.WriteOutput(parse.GetValue(output), io, w =>
            {
                switch (fmt)
                {
                    case "json": ConnectivityJson.WriteMatrix(matrix, context.RelativePath, w); break;
                    case "csv": MatrixWriters.Csv(matrix, w); break;
                    case "md": MatrixWriters.Markdown(matrix, w); break;
                    case "dot": MatrixWriters.Dot(matrix, w); break;
                    case "html": MatrixHtml.Write(matrix, analysis, context.RelativePath, ExplainHint(inputs), CommonOptions.ToolVersion, w); break;
                    case "sarif": new SarifReportWriter().Write(context with { Graphs = [ConnectivitySarif.MatrixGraph(matrix, context)] }, w); break;
                    default: MatrixWriters.Table(matrix, w); break;
                }
            });
            return ExitCodes.Clean;
        }));
        return command;
    }

    private static int WriteExposure(CliIO io, ConnectivityAnalysis analysis, string format, string? output, string? focus)
    {
        if (format is not ("table" or "md" or "json"))
        {
            io.Error.WriteLine($"kubenetlint: error: --exposure writes table, md or json, not {format}");
            return ExitCodes.UsageError;
        }
        var exposures = Exposure.Compute(analysis);
        if (focus is not null)
        {
            var endpoint = ResolveEndpoint(analysis, focus, "--focus");
            exposures = exposures.Where(e => e.Endpoint == endpoint).ToList();
        }
        CommonOptions.WriteOutput(output, io, w =>
        {
            switch (format)
            {
                case "json": ExposureWriters.Json(exposures, w); break;
                case "md": ExposureWriters.Markdown(exposures, w); break;
                default: ExposureWriters.Text(exposures, w); break;
            }
        });
        return ExitCodes.Clean;
    }

    /// <summary>The inputs as the HTML page's `explain` command line repeats them (shell-quoted).</summary>
    private static string ExplainHint(IReadOnlyList<string> inputs) =>
        string.Join(' ', inputs.Select(i => i.Length > 0 && i.All(c => char.IsAsciiLetterOrDigit(c) || "_./:@%+=,-".Contains(c)) ? i : "'" + i.Replace("'", "'\\''") + "'"));

    /// <summary>An endpoint named on the command line that the input does not have: exit 2.</summary>
    internal sealed class UnknownEndpointException(string message) : Exception(message);

    /// <summary>Runs a connectivity command, turning input, config and endpoint errors into exit code 2.</summary>
    internal static int Run(CliIO io, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is InputException or ConfigException or IOException or UnauthorizedAccessException or UnknownEndpointException)
        {
            io.Error.WriteLine($"kubenetlint: error: {e.Message}");
            return ExitCodes.UsageError;
        }
    }

    /// <summary>Loads the paths and compiles the policies; says on stderr when some input could not be read.</summary>
    internal static ConnectivityAnalysis Analyze(IReadOnlyList<string> inputs, string? configPath, string ns, CliIO io)
    {
        var cfg = CommonOptions.LoadConfig(configPath, inputs);
        return ConnectivityAnalysis.Build(Graph(inputs, cfg, ns, io));
    }

    internal static ResourceGraph Graph(IReadOnlyList<string> inputs, LintConfig cfg, string ns, CliIO io)
    {
        var model = CommonOptions.LoadModel(inputs, cfg, ns, io);
        if (model.LoadProblems.Count > 0)
            io.Error.WriteLine($"kubenetlint: warning: {model.LoadProblems.Count} part(s) of the input could not be read and are left out; `kubenetlint check` shows where");
        return new ResourceGraph(model, cfg);
    }

    /// <summary>The endpoint an option names, or a usage error listing the closest ids.</summary>
    internal static Endpoint ResolveEndpoint(ConnectivityAnalysis analysis, string text, string option)
    {
        if (analysis.Resolve(text) is { } endpoint) return endpoint;
        var close = analysis.Suggestions(text);
        var hint = close.Count > 0
            ? $"; did you mean {string.Join(", ", close)}?"
            : "; endpoint ids are NS/KIND/NAME (see `kubenetlint matrix --format csv`)";
        throw new UnknownEndpointException($"{option} '{text}' is not an endpoint of the input{hint}");
    }

    /// <summary>Paths relative to the repository, the rule catalogue and the version, for every writer.</summary>
    internal static ReportContext Context() => new()
    {
        Findings = [],
        Rules = RuleRegistry.All.Select(r => r.Info).ToList(),
        ToolVersion = CommonOptions.ToolVersion,
        SourceRoot = ReportContext.FindSourceRoot(Directory.GetCurrentDirectory()),
    };
}
