using System.Globalization;
using System.Text;
using CsCheck;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules;

/// <summary>KNL101 names the workloads closest to a selector that selects nothing. It finds them through the
/// label index and a per-namespace key ranking instead of scoring every workload of the namespace for every
/// Service (issue 17); this compares it with that plain definition on random namespaces: a label with the
/// right value scores 2, the right key with another value or the right value under another key scores 1,
/// and of the best-scoring workloads (score above 0) the first three in input order are named.</summary>
public sealed class ClosestWorkloadTests
{
    private static readonly string[] Keys = ["app", "tier", "team", "app.kubernetes.io/name"];
    private static readonly string[] Values = ["web", "api", "db", "blue", ""];

    private static readonly Gen<(int Key, int Value)[]> LabelSet = Gen.Select(Gen.Int[0, Keys.Length - 1], Gen.Int[0, Values.Length - 1]).Array[0, 3];

    private static Dictionary<string, string> Map((int Key, int Value)[] labels) =>
        labels.DistinctBy(l => l.Key).ToDictionary(l => Keys[l.Key], l => Values[l.Value], StringComparer.Ordinal);

    private static string Yaml(Dictionary<string, string> labels) =>
        "{" + string.Join(", ", labels.Select(kv => $"{kv.Key}: \"{kv.Value}\"")) + "}";

    private static int Score(Dictionary<string, string> pod, Dictionary<string, string> selector)
    {
        int score = 0;
        foreach (var (key, wanted) in selector)
        {
            if (pod.TryGetValue(key, out var actual)) score += actual == wanted ? 2 : 1;
            else if (wanted.Length > 0 && pod.ContainsValue(wanted)) score++;
        }
        return score;
    }

    [Fact]
    public void The_closest_workloads_are_those_of_the_plain_definition()
    {
        int named = 0;
        Gen.Select(LabelSet.Array[1, 12], LabelSet.Where(s => s.Length > 0).Array[1, 4]).Sample((workloads, selectors) =>
        {
            var pods = workloads.Select(Map).ToList();
            var sb = new StringBuilder();
            for (int i = 0; i < pods.Count; i++)
                sb.Append($"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: w{i.ToString(CultureInfo.InvariantCulture)}, namespace: ns}}\n" +
                          $"spec:\n  selector: {{matchLabels: {{}}}}\n  template:\n    metadata:\n      labels: {Yaml(pods[i])}\n    spec: {{containers: [{{name: c, image: x}}]}}\n---\n");
            var wanted = selectors.Select(Map).ToList();
            for (int i = 0; i < wanted.Count; i++)
                sb.Append($"apiVersion: v1\nkind: Service\nmetadata: {{name: s{i.ToString(CultureInfo.InvariantCulture)}, namespace: ns}}\n" +
                          $"spec:\n  selector: {Yaml(wanted[i])}\n  ports: [{{port: 80}}]\n---\n");
            var findings = Lint.Text(sb.ToString()).Findings.Where(f => f.RuleId == "KNL101").ToList();
            foreach (var f in findings)
            {
                var selector = wanted[int.Parse(f.Subject!.Name[1..], CultureInfo.InvariantCulture)];
                var scores = pods.Select(p => Score(p, selector)).ToList();
                int best = scores.Max();
                var expected = best == 0 ? [] : Enumerable.Range(0, pods.Count).Where(i => scores[i] == best).Take(3).Select(i => $"w{i}").ToList();
                // Each named workload is a related location at its pod labels, in order.
                var actual = f.Related.Select(r => r.Message.Split(' ')[^1]).Select(id => id[(id.LastIndexOf('/') + 1)..].Trim('\'', '.')).ToList();
                if (!expected.SequenceEqual(actual))
                    throw new InvalidOperationException($"{f.Message}: expected [{string.Join(", ", expected)}], named [{string.Join(", ", actual)}]");
                if (expected.Count > 0) Interlocked.Increment(ref named);
            }
        }, iter: 300);
        Assert.True(named > 100, $"only {named} findings named close workloads");
    }
}
