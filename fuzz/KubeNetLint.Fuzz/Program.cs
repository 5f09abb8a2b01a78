using System.Text;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Reporting.Sarif;
using KubeNetLint.Core.Rules;
using SharpFuzz;

namespace KubeNetLint.Fuzz;

/// <summary>Input bytes → the whole `check` pipeline → text, JSON and SARIF. Any violation throws, which
/// AFL++ records as a crash: an exception escaping, a rule failing, a finding outside the file, output
/// that differs between two runs, Secret data in the output.</summary>
public static class Program
{
    private static readonly string Root = Directory.GetCurrentDirectory();

    public static void Main(string[] args)
    {
        if (args.Length > 0)
        {
            // Replay: `dotnet KubeNetLint.Fuzz.dll FILE...` checks files found by AFL++ without it.
            foreach (var path in args) Check(File.ReadAllBytes(path));
            Console.WriteLine($"{args.Length} input(s) checked: no violation");
            return;
        }
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            Check(buffer.ToArray());
        });
    }

    public static void Check(byte[] bytes)
    {
        // Lenient decoding: the loader's strict UTF-8 check is tested elsewhere; here every input is text.
        var text = Encoding.UTF8.GetString(bytes);
        var first = Run(text, out var model);
        if (first != Run(text, out _)) throw new InvalidOperationException("output differs between two runs");
        foreach (var secret in model.Secrets)
            foreach (var map in new[] { secret.Data, secret.StringData })
                foreach (var (_, value) in map?.Entries ?? [])
                {
                    if (value is not ScalarNode { Value.Length: >= 12 } v) continue;
                    var line = v.Value.Split('\n', '\r').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))
                        .OrderByDescending(l => l.Length).FirstOrDefault() ?? "";
                    if (line.Length < 12) continue;
                    var probe = line.Length > 40 ? line[..40] : line;
                    if (text.IndexOf(probe, StringComparison.Ordinal) == text.LastIndexOf(probe, StringComparison.Ordinal) &&
                        first.Contains(probe, StringComparison.Ordinal))
                        throw new InvalidOperationException($"Secret data in the output: '{probe}'");
                }
    }

    private static string Run(string text, out KubeNetLint.Core.Model.ResourceModel model)
    {
        var file = new SourceFile { Path = "input.yaml", FullPath = Path.Combine(Root, "input.yaml"), Text = text };
        model = LintEngine.BuildModel(ManifestLoader.LoadFiles([file]), LintConfig.Empty);
        var result = LintEngine.Run(model, LintConfig.Empty, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        if (result.Failures.Count > 0) throw new InvalidOperationException($"rule {result.Failures[0].RuleId} failed: {result.Failures[0].Message}");
        var lines = model.Files.Count > 0 ? model.Files[0] : file;
        foreach (var f in result.Findings)
            foreach (var location in f.Related.Select(r => r.Location).Prepend(f.Location))
            {
                var s = location.Span;
                if (location.File.Path == lines.Path &&
                    (s.StartLine < 1 || s.StartLine > lines.LineCount || s.StartColumn < 1 || s.StartColumn > lines.LineText(s.StartLine).Length + 1))
                    throw new InvalidOperationException($"{f.RuleId} at {s} is outside the file");
            }
        var report = new ReportContext
        {
            Findings = result.Findings, Rules = RuleRegistry.All.Select(r => r.Info).ToList(), ToolVersion = "0.0.0",
            SourceRoot = Root, FileCount = model.Files.Count, ObjectCount = model.Resources.Count,
        };
        var output = new StringWriter();
        new TextReportWriter().Write(report, output);
        new JsonReportWriter().Write(report, output);
        new SarifReportWriter().Write(report, output);
        return output.ToString();
    }
}
