using System.Diagnostics;
using System.Text;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Reporting.Sarif;
using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Fuzz;

/// <summary>Issue #16: the bounded mutation run CI does instead of AFL. Files of testdata/ and
/// ../shared/corpus (when present) are mutated with a fixed seed and go through the whole `check`
/// pipeline (load, model, rules, connectivity, text and JSON reports; SARIF every 16th). Asserted: no
/// exception escapes and no rule fails, every finding's position is inside its file, the output is the
/// same twice (every 8th mutant), and no Secret data value appears in any output.
/// KNL_MUTANTS=N and KNL_MUTATION_SEED=S for other runs.</summary>
public sealed class PipelineMutationTests
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    private static List<string> Bases()
    {
        IEnumerable<string> Files(string dir) => Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => Extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
            : [];
        return Files(Repo.TestData).Concat(Repo.HasShared ? Files(Path.Combine(Repo.Shared, "corpus")) : [])
            .Order(StringComparer.Ordinal)
            .Select(f => new FileInfo(f)).Where(f => f.Length is > 0 and < 16_000)
            .Select(f => File.ReadAllText(f.FullName)).ToList();
    }

    [Fact]
    public void Mutated_manifests_never_crash_leak_or_wander()
    {
        var bases = Bases();
        Assert.NotEmpty(bases);
        int count = int.TryParse(Environment.GetEnvironmentVariable("KNL_MUTANTS"), out var c) ? c : 50_000;
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("KNL_MUTATION_SEED"), out var s) ? s : 20261201);
        var clock = Stopwatch.StartNew();
        int withFindings = 0;
        for (int n = 0; n < count; n++)
        {
            var text = Mutate(bases[random.Next(bases.Count)], random);
            var path = $"mutant-{n}.yaml";
            string output;
            try
            {
                output = Check(text, path, sarif: n % 16 == 0, out int findings);
                if (findings > 0) withFindings++;
                if (n % 8 == 0) Assert.Equal(output, Check(text, path, sarif: n % 16 == 0, out _));
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"mutant {n} threw {e.GetType().Name}: {e.Message}\n--- input ---\n{text}");
                return;
            }
            foreach (var secret in SecretValues(text, path))
                Assert.False(output.Contains(secret, StringComparison.Ordinal), $"mutant {n} leaks Secret data '{secret}'\n--- input ---\n{text}");
        }
        Assert.True(withFindings > count / 4, $"only {withFindings} of {count} mutants had findings");
        Console.WriteLine($"pipeline mutation run: {count:N0} mutants in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>One to three edits: a character deleted, inserted or replaced, a line re-indented,
    /// duplicated or dropped, a document separator inserted.</summary>
    internal static string Mutate(string source, Random random)
    {
        const string alphabet = " :-#\"'[]{},\n\r&*!|>?a0.\\~%@`\u00a0é\t=/_yxe+8";
        var text = new StringBuilder(source);
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits && text.Length > 0; e++)
        {
            int at = random.Next(text.Length);
            var str = text.ToString();
            int start = str.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
            int end = str.IndexOf('\n', at);
            end = end < 0 ? str.Length : end + 1;
            switch (random.Next(8))
            {
                case 0: text.Remove(at, 1); break;
                case 1: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                case 2: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                case 3: text.Insert(start, random.Next(2) == 0 ? " " : "  "); break;
                case 4: text.Insert(start, str[start..end]); break;
                case 5: text.Remove(start, end - start); break;
                case 6: text.Insert(start, "---\n"); break;
                default: text.Insert(at, str[start..end]); break;
            }
        }
        return text.ToString();
    }

    private static string Check(string text, string path, bool sarif, out int findings)
    {
        var file = new SourceFile { Path = path, FullPath = Path.Combine(Repo.Root, path), Text = text };
        var load = ManifestLoader.LoadFiles([file]);
        var model = LintEngine.BuildModel(load, LintConfig.Empty);
        var result = LintEngine.Run(model, LintConfig.Empty, Repo.Now);
        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures.Select(f => $"{f.RuleId}: {f.Message}")) + "\n--- input ---\n" + text);
        var lines = model.Files.Count > 0 ? model.Files[0] : file;
        foreach (var f in result.Findings)
        {
            AssertInside(f.Location, lines, f.RuleId, text);
            foreach (var r in f.Related) AssertInside(r.Location, lines, f.RuleId + " (related)", text);
        }
        findings = result.Findings.Count;
        var report = new ReportContext
        {
            Findings = result.Findings, Rules = RuleRegistry.All.Select(r => r.Info).ToList(), ToolVersion = "0.0.0",
            SourceRoot = Repo.Root, FileCount = model.Files.Count, ObjectCount = model.Resources.Count,
        };
        var output = new StringWriter();
        new TextReportWriter().Write(report, output);
        new JsonReportWriter().Write(report, output);
        if (sarif) new SarifReportWriter().Write(report, output);
        return output.ToString();
    }

    private static void AssertInside(SourceLocation location, SourceFile file, string what, string text)
    {
        if (location.File.Path != file.Path) return;
        var span = location.Span;
        bool inside = span.StartLine >= 1 && span.StartLine <= file.LineCount &&
                      span.StartColumn >= 1 && span.StartColumn <= file.LineText(span.StartLine).Length + 1;
        Assert.True(inside, $"{what} at {span} is outside the file ({file.LineCount} lines)\n--- input ---\n{text}");
    }

    /// <summary>Secret data and stringData values worth looking for: at least 12 characters, and written
    /// only once in the input (so the same text is not also a name or a label). Their first 40
    /// characters are searched, since a message would cut a long value.</summary>
    private static IEnumerable<string> SecretValues(string text, string path)
    {
        var load = ManifestLoader.LoadFiles([new SourceFile { Path = path, FullPath = Path.Combine(Repo.Root, path), Text = text }]);
        var model = LintEngine.BuildModel(load, LintConfig.Empty);
        foreach (var secret in model.Secrets)
            foreach (var map in new[] { secret.Data, secret.StringData })
                foreach (var (_, value) in map?.Entries ?? [])
                    if (value is ScalarNode { Value.Length: >= 12 } v)
                    {
                        // The longest line, leaving out PEM armour ('-----BEGIN CERTIFICATE-----'), which
                        // messages name on purpose ("it has no -----BEGIN CERTIFICATE----- block").
                        var line = v.Value.Split('\n', '\r').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))
                            .OrderByDescending(l => l.Length).FirstOrDefault() ?? "";
                        if (line.Length < 12) continue;
                        var probe = line.Length > 40 ? line[..40] : line;
                        if (Count(text, probe) == 1) yield return probe;
                    }
    }

    private static int Count(string text, string probe)
    {
        int n = 0;
        for (int i = text.IndexOf(probe, StringComparison.Ordinal); i >= 0; i = text.IndexOf(probe, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
