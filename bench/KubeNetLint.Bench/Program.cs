using System.Diagnostics;
using System.Globalization;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Connectivity;
using KubeNetLint.Core.Graph;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Rules;
using YamlDotNet.RepresentationModel;

namespace KubeNetLint.Bench;

/// <summary>
/// Generates a synthetic cluster and measures, each phase in a fresh process (so peak memory is that
/// phase's own): YamlDotNet parsing alone, `kubenetlint check` end to end (every rule, connectivity
/// included), `kubenetlint matrix`, and the connectivity computation alone (policy compilation and the
/// full matrix, on an already loaded model).
///
///   dotnet run -c Release --project bench/KubeNetLint.Bench -- [--workloads 10000] [--services 10000]
///       [--policies 5000] [--namespaces 200] [--admin-policies 0] [--httproutes 0] [--seed 1] [--runs 5] [--keep DIR]
///       [--phases check,matrix,paths]
///   dotnet run -c Release --project bench/KubeNetLint.Bench -- --shape apps|one-namespace|duplicates [--namespaces 200]
///       [--apps 50] [--fault-rate 0.01] [--phases parse-1,check]
///       (clusters shaped like users' ones: see ShapeGenerator)
///   dotnet run -c Release --project bench/KubeNetLint.Bench -- --dump-pods 5000
///       (a live-cluster dump instead: one `kubectl get pods,svc,netpol -A -o yaml` List, about 4 KiB a Pod)
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length >= 3 && args[0] == "--phase") return RunPhase(args[1], args[2]);

        var options = Options.Parse(args);
        var dir = options.Keep ?? Path.Combine(Path.GetTempPath(), $"kubenetlint-bench-{Environment.ProcessId}");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var stats = options.DumpPods > 0
            ? new DumpGenerator(options.DumpPods, options.Seed).Write(dir)
            : options.Shape != "clean"
            ? new ShapeGenerator(options.Shape, options.Namespaces, options.Apps, options.FaultRate, options.Seed).Write(dir)
            : new ClusterGenerator(options.Workloads, options.Services, options.Policies, options.Namespaces, options.Seed,
                adminPolicies: options.AdminPolicies, httpRoutes: options.HttpRoutes).Write(dir);
        try
        {
            if (options.Shape != "clean")
                Console.WriteLine($"KubeNetLint benchmark, shape {options.Shape}: {stats.Workloads:N0} workloads, {stats.Services:N0} Services, {stats.Policies:N0} NetworkPolicies " +
                                  $"in {stats.Namespaces:N0} namespaces ({stats.Files:N0} files, {stats.Bytes / 1048576.0:F1} MiB) in {dir}");
            else
            Console.WriteLine($"KubeNetLint benchmark{(options.DumpPods > 0 ? " (cluster dump of Pods)" : "")}: {stats.Workloads:N0} {(options.DumpPods > 0 ? "Pods" : "workloads")}, {stats.Services:N0} Services, {stats.Policies:N0} NetworkPolicies " +
                              $"{(stats.AdminPolicies > 0 ? $"and {stats.AdminPolicies:N0} AdminNetworkPolicies + a BaselineAdminNetworkPolicy " : "")}" +
                              $"{(options.HttpRoutes > 0 ? $", {options.HttpRoutes:N0} HTTPRoutes " : "")}in {stats.Namespaces:N0} namespaces ({stats.Files:N0} files, {stats.Bytes / 1048576.0:F1} MiB) in {dir}");
            Console.WriteLine($"{Environment.ProcessorCount} logical processors, .NET {Environment.Version}, median of {options.Runs} runs, each phase in a fresh process");
            Console.WriteLine();
            var results = new Dictionary<string, Measurement>();
            foreach (var phase in options.Phases)
            {
                var runs = Enumerable.Range(0, options.Runs).Select(_ => Child(phase, dir)).OrderBy(m => m.Seconds).ToList();
                results[phase] = runs[runs.Count / 2] with { PeakBytes = runs.Max(m => m.PeakBytes) };
            }
            if (options.PhaseList is null) Report(results);
            else
                foreach (var (phase, m) in results)
                    Console.WriteLine($"{phase,-14} {m.Seconds,7:F2} s {m.PeakBytes / 1048576.0,8:N0} MiB  {m.Detail}");
            return 0;
        }
        finally
        {
            if (options.Keep is null) Directory.Delete(dir, recursive: true);
        }
    }

    private sealed record Options(int Workloads, int Services, int Policies, int Namespaces, int Seed, int Runs, string? Keep,
        int AdminPolicies = 0, int DumpPods = 0, int HttpRoutes = 0, string[]? PhaseList = null,
        string Shape = "clean", int Apps = 50, double FaultRate = 0.01)
    {
        public string[] Phases => PhaseList ?? ["parse", "check", "matrix", "connectivity"];

        public static Options Parse(string[] args)
        {
            var o = new Options(10000, 10000, 5000, 200, 1, 5, null);
            for (int i = 0; i + 1 < args.Length; i += 2)
            {
                int Int() => int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                o = args[i] switch
                {
                    "--workloads" => o with { Workloads = Int() },
                    "--services" => o with { Services = Int() },
                    "--policies" => o with { Policies = Int() },
                    "--namespaces" => o with { Namespaces = Int() },
                    "--admin-policies" => o with { AdminPolicies = Int() },
                    "--seed" => o with { Seed = Int() },
                    "--runs" => o with { Runs = Int() },
                    "--httproutes" => o with { HttpRoutes = Int() },
                    "--phases" => o with { PhaseList = args[i + 1].Split(',') },
                    "--keep" => o with { Keep = Path.GetFullPath(args[i + 1]) },
                    "--dump-pods" => o with { DumpPods = Int() },
                    "--shape" => o with { Shape = args[i + 1] },
                    "--apps" => o with { Apps = Int() },
                    "--fault-rate" => o with { FaultRate = double.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }
            return o;
        }
    }

    /// <summary>One phase's wall time and the process's peak working set; Detail is phase-specific.</summary>
    private sealed record Measurement(double Seconds, long PeakBytes, string Detail);

    private static Measurement Child(string phase, string dir)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.FileName = self;
        foreach (var a in new[] { "--phase", phase, dir }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"phase {phase} failed ({process.ExitCode}): {stderr}{stdout}");
        var parts = stdout.Trim().Split('\t');
        return new Measurement(double.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), parts.Length > 2 ? parts[2] : "");
    }

    /// <summary>Runs one phase in this process and prints "seconds\tpeakBytes\tdetail".</summary>
    private static int RunPhase(string phase, string dir)
    {
        var sink = Path.Combine(Path.GetTempPath(), $"kubenetlint-bench-out-{Environment.ProcessId}.json");
        string detail = "";
        double seconds;
        try
        {
            switch (phase)
            {
                case "parse":
                {
                    var files = Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal).ToList();
                    var clock = Stopwatch.StartNew();
                    // Same shape of work as the loader: read every file and parse it, in parallel.
                    long nodes = files.AsParallel().Sum(f =>
                    {
                        var yaml = new YamlStream();
                        using (var reader = new StreamReader(f)) yaml.Load(reader);
                        return (long)yaml.Documents.Count;
                    });
                    seconds = clock.Elapsed.TotalSeconds;
                    detail = $"{nodes:N0} documents; {GcSummary()}";
                    break;
                }
                case "parse-1":
                {
                    // The floor the issue measures against: YamlDotNet on one thread, file after file.
                    var files = Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal).ToList();
                    var clock = Stopwatch.StartNew();
                    long nodes = 0;
                    foreach (var f in files)
                    {
                        var yaml = new YamlStream();
                        using (var reader = new StreamReader(f)) yaml.Load(reader);
                        nodes += yaml.Documents.Count;
                    }
                    seconds = clock.Elapsed.TotalSeconds;
                    detail = $"{nodes:N0} documents, one thread; {GcSummary()}";
                    break;
                }
                case "check":
                {
                    var clock = Stopwatch.StartNew();
                    int code = Cli.Program.Run(["check", dir, "--format", "json", "--output", sink, "--fail-on", "none"], Console.Error, Console.Error);
                    seconds = clock.Elapsed.TotalSeconds;
                    if (code != 0) throw new InvalidOperationException($"check exited {code}");
                    detail = $"{Findings(sink):N0} findings, {new FileInfo(sink).Length / 1048576.0:F1} MiB of JSON; {GcSummary()}";
                    break;
                }
                case "matrix":
                {
                    var clock = Stopwatch.StartNew();
                    int code = Cli.Program.Run(["matrix", dir, "--format", "json", "--output", sink], Console.Error, Console.Error);
                    seconds = clock.Elapsed.TotalSeconds;
                    if (code != 0) throw new InvalidOperationException($"matrix exited {code}");
                    detail = $"{new FileInfo(sink).Length / 1048576.0:F1} MiB of JSON";
                    break;
                }
                case "connectivity":
                {
                    var graph = LoadedGraph(dir);
                    var clock = Stopwatch.StartNew();
                    var analysis = ConnectivityAnalysis.Build(graph);
                    var compiled = clock.Elapsed.TotalSeconds;
                    var matrix = analysis.ComputeMatrix();
                    seconds = clock.Elapsed.TotalSeconds;
                    detail = $"compile {compiled:F2} s + matrix {seconds - compiled:F2} s; {analysis.Endpoints.Count:N0} endpoints " +
                             $"({analysis.Endpoints.Count(e => e.IsExternal)} external), {matrix.Connections.Count:N0} allowed connections";
                    break;
                }
                case "paths":
                {
                    // The path engine on a loaded model: compile the policies, then the class pairs and the
                    // path graph (paid once), then the searches `paths` runs.
                    var graph = LoadedGraph(dir);
                    var clock = Stopwatch.StartNew();
                    var analysis = ConnectivityAnalysis.Build(graph);
                    var compiled = clock.Elapsed.TotalSeconds;
                    var paths = analysis.Paths();
                    var built = clock.Elapsed.TotalSeconds;
                    var blast = paths.Transitive(paths.External, forward: true);
                    var afterBlast = clock.Elapsed.TotalSeconds;
                    var target = paths.Nodes.First(n => n.Endpoint?.KindName == "StatefulSet");
                    var reachers = paths.Transitive(target, forward: false);
                    var afterReach = clock.Elapsed.TotalSeconds;
                    var between = paths.Between(paths.External, target);
                    seconds = clock.Elapsed.TotalSeconds;
                    detail = $"compile {compiled:F2} s + path graph {built - compiled:F2} s + external --transitive {afterBlast - built:F3} s " +
                             $"({blast.Nodes.Count:N0} reached, {blast.Stats.EdgesExamined:N0} edges) + --to {target.Id} --transitive {afterReach - afterBlast:F3} s " +
                             $"({reachers.Nodes.Count:N0} reach it) + external -> it {seconds - afterReach:F3} s ({between.Paths.Count} paths{(between.Truncated ? ", truncated" : "")})";
                    break;
                }
                case "breakdown":
                {
                    // Where check's time and allocations go: each step, some twice (the second run has no
                    // JIT cost), and each rule on its own, one after another. Figures go to stderr.
                    var config = LintConfig.Empty;
                    // KNL_BENCH_LIVE=1: also the live heap after each step (a full collection each time).
                    bool live = Environment.GetEnvironmentVariable("KNL_BENCH_LIVE") == "1";
                    T Step<T>(string name, Func<T> work)
                    {
                        long allocated = GC.GetTotalAllocatedBytes();
                        var clock = Stopwatch.StartNew();
                        var result = work();
                        var seconds = clock.Elapsed.TotalSeconds;
                        Console.Error.WriteLine($"{name,-28} {seconds,6:F2} s {(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0,8:F1} MiB allocated" +
                                                (live ? $", {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0,6:F1} MiB live after" : ""));
                        return result;
                    }
                    var load = Step("load", () => ManifestLoader.Load([dir]));
                    var model = Step("model", () => LintEngine.BuildModel(load, config));
                    var graph = Step("graph", () => new ResourceGraph(model, config));
                    Step("model again", () => LintEngine.BuildModel(load, config));
                    Step("graph again", () => new ResourceGraph(model, config));
                    var analysis = Step("connectivity build", () => ConnectivityAnalysis.Build(graph));
                    foreach (var (step, time) in analysis.Timings) Console.Error.WriteLine($"  {step,-36} {time.TotalSeconds:F3} s");
                    Step("connectivity build again", () => ConnectivityAnalysis.Build(graph));
                    Step("matrix", analysis.ComputeMatrix);
                    Step("matrix again", analysis.ComputeMatrix);
                    var context = new AnalysisContext { Model = model, Graph = graph, Config = config };
                    foreach (var rule in RuleRegistry.All) Step(rule.Info.Id, () => rule.Check(context).Count());
                    Console.Error.WriteLine($"{GcSummary()}; heap now {GC.GetTotalMemory(false) / 1048576} MiB");
                    seconds = 0;
                    break;
                }
                default:
                    Console.Error.WriteLine($"unknown phase {phase}");
                    return 2;
            }
        }
        finally
        {
            if (File.Exists(sink)) File.Delete(sink);
        }
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seconds:R}\t{self.PeakWorkingSet64}\t{detail}"));
        return 0;
    }

    /// <summary>The model and resource graph of a directory, built before a phase's clock starts.</summary>
    private static ResourceGraph LoadedGraph(string dir)
    {
        var config = LintConfig.Empty;
        return new ResourceGraph(LintEngine.BuildModel(ManifestLoader.Load([dir]), config), config);
    }

    private static int Findings(string json)
    {
        using var stream = File.OpenRead(json);
        using var doc = System.Text.Json.JsonDocument.Parse(stream);
        return doc.RootElement.TryGetProperty("findings", out var f) ? f.GetArrayLength() : -1;
    }

    private static string GcSummary() =>
        $"GC: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen0/1/2), paused {GC.GetTotalPauseDuration().TotalSeconds:F2} s, " +
        $"allocated {GC.GetTotalAllocatedBytes() / 1048576:N0} MiB; JIT {System.Runtime.JitInfo.GetCompiledMethodCount():N0} methods, " +
        $"{System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F2} s";

    private static void Report(Dictionary<string, Measurement> r)
    {
        static string Mib(long bytes) => $"{bytes / 1048576.0:N0} MiB";
        var parse = r["parse"].Seconds;
        Console.WriteLine($"{"phase",-34} {"wall",9} {"peak memory",12}  detail");
        void Row(string name, Measurement m, string extra) =>
            Console.WriteLine($"{name,-34} {m.Seconds,7:F2} s {Mib(m.PeakBytes),12}  {m.Detail}{extra}");
        Row("parse only (YamlDotNet)", r["parse"], "");
        Row("check (all rules, connectivity)", r["check"], $"; {r["check"].Seconds / parse:F2}x parse");
        Row("matrix (JSON output)", r["matrix"], $"; {r["matrix"].Seconds / parse:F2}x parse");
        Row("connectivity alone", r["connectivity"], "");
        Console.WriteLine();
        static string Verdict(bool ok) => ok ? "met" : "MISSED";
        Console.WriteLine($"target check <= 1.5x parse-only: {Verdict(r["check"].Seconds <= 1.5 * parse)}");
        Console.WriteLine($"target connectivity < 1 s:        {Verdict(r["connectivity"].Seconds < 1.0)}");
        Console.WriteLine($"target peak memory < 1 GiB:       {Verdict(r.Values.All(m => m.PeakBytes < 1L << 30))}");
    }
}
