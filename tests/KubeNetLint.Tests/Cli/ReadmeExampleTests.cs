using System.Text;
using System.Text.RegularExpressions;
using KubeNetLint.Tests.Infrastructure;
using KubeNetLint.Cli.Commands;
using KubeNetLint.Tests.Integration;

namespace KubeNetLint.Tests.Cli;

/// <summary>Copy-paste from the README works: every command line of a ```sh block that starts with
/// `kubenetlint` or `dotnet run --project src/KubeNetLint.Cli --`, and every `$ kubenetlint …` line of a
/// ```console or ```text block (whose shown output must be what it prints), runs against the repository
/// without a usage error. Output files are redirected to a scratch directory. Examples whose input is not
/// in the repository are listed in <see cref="NotRunnable"/> with the reason.</summary>
public sealed partial class ReadmeExampleTests : IDisposable
{
    private readonly TempDir _tmp = new();
    public void Dispose() => _tmp.Dispose();

    /// <summary>Example lines (as written, comment removed) that cannot run here, and why.</summary>
    private static readonly Dictionary<string, string> NotRunnable = new(StringComparer.Ordinal)
    {
        ["kubenetlint check k8s --format json --output .kubenetlint-baseline.json --fail-on none"] = "k8s/ stands for the user's manifests (the baseline flow runs in BaselineTests)",
        ["kubenetlint check k8s --baseline .kubenetlint-baseline.json --fail-on warning"] = "k8s/ stands for the user's manifests (the baseline flow runs in BaselineTests)",
        ["kubenetlint diff --base /tmp/base/k8s --head k8s --format md > connectivity.md"] = "needs a git worktree of the base branch (the diff of the example runs in CommandTests)",
        ["helm template testdata/integration/helm/demo | kubenetlint check -"] = "needs helm (HelmSourceMapTests pipes the rendered chart)",
        ["kubectl kustomize testdata/integration/kustomize/overlays/staging | kubenetlint check -"] = "a pipeline from kubectl (KustomizeTests runs it)",
        ["kubenetlint graph testdata/paths/shop --focus shop/api[Deployment] --depth 2 | dot -Tsvg > api.svg"] = "a pipeline into Graphviz (the graph command's tests check its DOT)",
    };

    public sealed record Example(string Line, int LineNumber, IReadOnlyList<string> ShownOutput);

    public static IReadOnlyList<Example> Examples()
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, "README.md"));
        var result = new List<Example>();
        string? block = null;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                block = block is null ? line[3..].Trim() : null;
                continue;
            }
            if (block == "sh")
            {
                var command = StripComment(line.Trim());
                if (command.StartsWith("kubenetlint ", StringComparison.Ordinal) || command == "kubenetlint" ||
                    command.StartsWith("dotnet run --project src/KubeNetLint.Cli -- ", StringComparison.Ordinal))
                    result.Add(new Example(command, i + 1, []));
            }
            else if (block is "console" or "text" && line.StartsWith("$ ", StringComparison.Ordinal) && line.Contains("kubenetlint", StringComparison.Ordinal))
            {
                var shown = new List<string>();
                for (int j = i + 1; j < lines.Length && !lines[j].StartsWith("$ ", StringComparison.Ordinal) && !lines[j].StartsWith("```", StringComparison.Ordinal); j++)
                    shown.Add(lines[j]);
                result.Add(new Example(line[2..].Trim(), i + 1, shown));
            }
        }
        return result;
    }

    /// <summary>The line without a trailing `# comment` (outside quotes).</summary>
    private static string StripComment(string line)
    {
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '\'' or '"') quote = c;
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]))) return line[..i].TrimEnd();
        }
        return line;
    }

    /// <summary>Shell words: single and double quotes, backslash escapes.</summary>
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote == '\'') { if (c == '\'') quote = '\0'; else word.Append(c); continue; }
            if (quote == '"') { if (c == '"') quote = '\0'; else if (c == '\\' && i + 1 < line.Length) word.Append(line[++i]); else word.Append(c); continue; }
            if (char.IsWhiteSpace(c)) { if (inWord) { words.Add(word.ToString()); word.Clear(); inWord = false; } continue; }
            inWord = true;
            if (c is '\'' or '"') quote = c;
            else if (c == '\\' && i + 1 < line.Length) word.Append(line[++i]);
            else word.Append(c);
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }

    [Fact]
    public void The_readme_has_examples_and_the_list_of_unrunnable_ones_is_current()
    {
        var examples = Examples();
        Assert.True(examples.Count >= 8, $"only {examples.Count} examples found");
        foreach (var line in NotRunnable.Keys)
            Assert.Contains(examples, e => e.Line == line);
    }

    [Fact]
    public void Every_readme_example_runs()
    {
        var problems = new List<string>();
        int ran = 0;
        foreach (var example in Examples())
        {
            if (NotRunnable.ContainsKey(example.Line)) continue;
            if (example.Line.Contains(" | ", StringComparison.Ordinal))
            {
                problems.Add($"README.md:{example.LineNumber}: a pipeline; list it in NotRunnable with the reason: {example.Line}");
                continue;
            }
            var words = Words(example.Line);
            words = words[0] == "dotnet" ? words.Skip(5).ToList() : words.Skip(1).ToList();
            if (words.Contains("--kustomize") && Kustomize.FindOnPath("kubectl", Environment.GetEnvironmentVariable("PATH")) is null) continue;
            // Files the example writes go to the scratch directory, not into the repository.
            for (int i = 0; i < words.Count; i++)
            {
                if (words[i] is "--output" or "-o" or ">" && i + 1 < words.Count) words[i + 1] = _tmp.File($"{ran}-{Path.GetFileName(words[i + 1])}");
                else if (words[i].StartsWith("--report", StringComparison.Ordinal) && i + 1 < words.Count && words[i + 1].Contains('='))
                    words[i + 1] = words[i + 1][..(words[i + 1].IndexOf('=') + 1)] + _tmp.File($"{ran}-{Path.GetFileName(words[i + 1][(words[i + 1].IndexOf('=') + 1)..])}");
            }
            int redirect = words.IndexOf(">");
            string? stdoutFile = redirect >= 0 ? words[redirect + 1] : null;
            if (redirect >= 0) words.RemoveRange(redirect, 2);
            var result = CliRunner.Run([.. words]);
            ran++;
            if (stdoutFile is not null) File.WriteAllText(stdoutFile, result.Stdout);
            if (result.ExitCode is not (0 or 1))
            {
                problems.Add($"README.md:{example.LineNumber}: exit {result.ExitCode}: {example.Line}\n  {result.Stderr.Trim()}");
                continue;
            }
            // The output the README shows (up to an ellipsis) is what the command prints.
            var actual = result.Stdout.Split('\n');
            foreach (var shown in example.ShownOutput.Where(l => l.Trim() is not ("..." or "…" or "")))
                if (!actual.Contains(shown))
                    problems.Add($"README.md:{example.LineNumber}: `{example.Line}` does not print the line shown:\n  {shown}\n  it printed:\n  {string.Join("\n  ", actual.Take(12))}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(ran >= 5, $"only {ran} examples ran");
    }
}
