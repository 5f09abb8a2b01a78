using System.CommandLine;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Reporting.Connectivity;
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
        format.AcceptOnlyFromAmong(Formats);
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
        var context = new Option<string?>("--context")
        {
            Description = "Load everything under this directory as one world, but report only findings in the given paths " +
                          "(for pre-commit, which passes only the changed files). Without paths, report everything.",
        };
        var kustomize = new Option<string?>("--kustomize") { Description = "Render this directory with 'kubectl kustomize' and lint the output (with any paths given)." };
        var reports = new Option<string[]>("--report")
        {
            Description = "Also write a report in another format, as FORMAT=FILE (repeatable): --report sarif=out.sarif --report md=summary.md.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var only = CommonOptions.RuleSwitch("--only", "Run only these rules.");
        var enable = CommonOptions.RuleSwitch("--enable", "Run these rules too (also those off by default or in the config).");
        var disable = CommonOptions.RuleSwitch("--disable", "Do not run these rules.");
        var sourceRoot = CommonOptions.SourceRoot();
        var baseline = new Option<string?>("--baseline")
        {
            Description = "A previous report of check (--format json or sarif): report only findings that are not in it " +
                          "(matched by fingerprints that survive unrelated edits); the exit code counts only those.",
        };
        var reportAbsent = new Option<bool>("--report-absent")
        {
            Description = "With --baseline: also write each baseline finding this run no longer has as a SARIF result with " +
                          "baselineState 'absent'. Off by default: GitHub code scanning does not document reading baselineState, so they could show as alerts there.",
        };
        var matrix = new Option<bool>("--matrix") { Description = "Add the reachability matrix to the SARIF output (runs[0].graphs)." };

        var command = new Command("check", "Lint manifests: Service, Ingress, NetworkPolicy and workload wiring.")
        {
            paths, format, output, config, failOn, ns, category, context, kustomize, reports,
        };
        command.Options.Add(matrix);
        command.Options.Add(only);
        command.Options.Add(enable);
        command.Options.Add(disable);
        command.Options.Add(baseline);
        command.Options.Add(reportAbsent);
        command.Options.Add(sourceRoot);
        command.SetAction(parse =>
        {
            using var progress = new ProgressLine(io);
            try
            {
                var extraReports = ParseReports(parse.GetValue(reports));
                var known = parse.GetValue(baseline) is { } baselinePath ? Baseline.Load(baselinePath) : null;
                var inputs = CheckInputs.Resolve(parse.GetValue(paths), parse.GetValue(context), parse.GetValue(kustomize), Environment.GetEnvironmentVariable);
                var root = CommonOptions.ResolveSourceRoot(parse.GetValue(sourceRoot), inputs.ConfigSearchPaths, Environment.GetEnvironmentVariable);
                var cfg = CommonOptions.ApplyRuleSwitches(CommonOptions.LoadConfig(parse.GetValue(config), inputs.ConfigSearchPaths),
                    parse.GetValue(only), parse.GetValue(enable), parse.GetValue(disable));
                progress.Phase("loading manifests");
                var model = CommonOptions.LoadModel(inputs.LoadPaths, cfg, parse.GetValue(ns)!, io, inputs.Rendered);
                progress.Phase($"checking {Summary.Plural(model.Resources.Count, "object")} in {Summary.Plural(model.Files.Count, "file")}");
                var result = LintEngine.Run(model, cfg);
                progress.Stop();
                var findings = inputs.Select(result.Findings);
                var fmt = parse.GetValue(format)!;
                var outPath = parse.GetValue(output);
                var report = new ReportContext
                {
                    Findings = findings,
                    Rules = RuleRegistry.All.Select(r => r.Info).ToList(),
                    ToolVersion = CommonOptions.ToolVersion,
                    SourceRoot = root,
                    FileCount = model.Files.Count,
                    ObjectCount = model.Resources.Count,
                    Category = parse.GetValue(category),
                };
                if (known is not null)
                {
                    // Fingerprints over the whole run, so a finding's occurrence count does not depend on the baseline.
                    var prints = Fingerprints.ByFinding(findings, report);
                    var fresh = findings.Where(f => !known.Contains(prints[f])).ToList();
                    var old = findings.Where(f => known.Contains(prints[f])).ToList();
                    // With --context only some files are reported: a finding elsewhere is not gone, so none is called absent.
                    var absent = parse.GetValue(reportAbsent) && parse.GetValue(context) is null ? known.AbsentFrom(prints.Values) : [];
                    report = report with { Findings = fresh, Baselined = old, KnownFingerprints = prints, Absent = absent };
                    findings = fresh;
                }
                if (parse.GetValue(matrix))
                    report = report with { Graphs = [ConnectivitySarif.MatrixGraph(result.Context.Connectivity().ComputeMatrix(), report)] };
                bool color = outPath is null && !Console.IsOutputRedirected && io.Out == Console.Out &&
                             string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
                foreach (var (extraFormat, file) in extraReports)
                    CommonOptions.WriteOutput(file, io, w => Writer(extraFormat, false).Write(report, w));
                CommonOptions.WriteOutput(outPath, io, w => Writer(fmt, color).Write(report, w));
                foreach (var failure in result.Failures)
                    io.Error.WriteLine($"kubenetlint: internal error in rule {failure.RuleId} (its findings are missing; please report): {failure.Message}");
                if (result.Failures.Count > 0) return ExitCodes.UsageError;
                return CommonOptions.ExitCodeFor(findings, parse.GetValue(failOn)!);
            }
            catch (Exception e) when (e is InputException or ConfigException or UsageException or IOException or UnauthorizedAccessException)
            {
                progress.Stop();
                io.Error.WriteLine($"kubenetlint: error: {e.Message}");
                return ExitCodes.UsageError;
            }
        });
        return command;
    }

    private static readonly string[] Formats = ["text", "json", "github", "sarif", "md", "junit", "gitlab", "html"];

    private static IReportWriter Writer(string format, bool color) => format switch
    {
        "json" => new JsonReportWriter(),
        "github" => new GithubReportWriter(),
        "sarif" => new SarifReportWriter(),
        "md" => new MarkdownReportWriter(),
        "junit" => new JunitReportWriter(),
        "gitlab" => new GitlabReportWriter(),
        "html" => new Core.Reporting.Html.HtmlReportWriter(),
        _ => new TextReportWriter(color),
    };

    /// <summary>`--report FORMAT=FILE` values, checked before anything is read or written.</summary>
    private static List<(string Format, string File)> ParseReports(string[]? values)
    {
        var result = new List<(string, string)>();
        foreach (var value in values ?? [])
        {
            int eq = value.IndexOf('=');
            var fmt = eq > 0 ? value[..eq] : "";
            if (!Formats.Contains(fmt) || eq == value.Length - 1)
                throw new InputException($"--report '{value}': expected FORMAT=FILE with FORMAT one of {string.Join(", ", Formats)}");
            result.Add((fmt, value[(eq + 1)..]));
        }
        return result;
    }
}
