using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Corpus;

/// <summary>Real manifests from public projects (../shared/corpus): every file loads, nothing crashes,
/// and the input rules stay silent, because all of these files are valid.</summary>
public sealed class CorpusLoadTests
{
    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string>();
        var corpus = Path.Combine(Repo.Shared, "corpus");
        if (Directory.Exists(corpus))
            foreach (var dir in Directory.GetDirectories(corpus).Order(StringComparer.Ordinal))
                data.Add(Path.GetFileName(dir));
        else data.Add("(absent)");
        return data;
    }

    [SharedTheory]
    [MemberData(nameof(Sources))]
    public void Every_file_loads_and_input_rules_are_silent(string source)
    {
        var dir = Path.Combine(Repo.Shared, "corpus", source);
        var result = Lint.Paths([dir]);
        var inputProblems = result.Reported.Where(f => f.RuleId is "KNL001" or "KNL003" or "KNL005" or "KNL006")
            .Select(f => $"{f.Path}:{f.Line}:{f.Column} {f.RuleId} {f.Message}").ToList();
        Assert.True(inputProblems.Count == 0, string.Join("\n", inputProblems));
        var manifests = Directory.GetFiles(dir, "*.*", SearchOption.AllDirectories)
            .Count(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal));
        Assert.Equal(manifests, result.Model.Files.Count);
    }

    [SharedFact]
    public void Object_counts_match_the_corpus_notes()
    {
        // Counts from ../shared/corpus/FINDINGS.md.
        var website = Lint.Paths([Path.Combine(Repo.Shared, "corpus", "kubernetes-website")]).Model;
        Assert.Equal(61, website.Resources.Count);
        Assert.Equal(17, website.Services.Count);
        Assert.Equal(9, website.Ingresses.Count);
        Assert.Equal(9, website.NetworkPolicies.Count);

        var argo = Lint.Paths([Path.Combine(Repo.Shared, "corpus", "argo-cd", "install.yaml")]).Model;
        Assert.Equal(59, argo.Resources.Count);
        Assert.Equal(8, argo.Services.Count);
        Assert.Equal(7, argo.Workloads.Count);
        Assert.Equal(7, argo.NetworkPolicies.Count);

        var prom = Lint.Paths([Path.Combine(Repo.Shared, "corpus", "kube-prometheus")]).Model;
        Assert.Equal(131, prom.Resources.Count);
        Assert.Equal(8, prom.Services.Count);
        Assert.All(prom.Services, s => Assert.Equal("monitoring", s.Namespace));
    }
}
