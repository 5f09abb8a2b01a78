using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules;

/// <summary>The catalogue is derived from the rule classes and their docs; these tests fail when the two
/// drift apart or the README table is stale.</summary>
public sealed class CatalogTests
{
    [Fact]
    public void Every_rule_has_a_complete_doc()
    {
        var missing = RuleRegistry.All.Where(r => RuleDocs.For(r.Info.Id) is null).Select(r => r.Info.Id).ToList();
        Assert.True(missing.Count == 0, "rules without a complete rules/ID.md (What it finds / Why it matters / Example / How to fix): " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_doc_belongs_to_a_rule()
    {
        var ids = RuleRegistry.All.Select(r => r.Info.Id).ToHashSet();
        var files = Directory.GetFiles(Path.Combine(Repo.Root, "rules"), "*.md").Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.All(files, f => Assert.Contains(f!, ids));
    }

    [Fact]
    public void Doc_titles_match_the_rule()
    {
        foreach (var rule in RuleRegistry.All)
        {
            var first = File.ReadLines(Path.Combine(Repo.Root, "rules", rule.Info.Id + ".md")).First();
            Assert.Equal($"# {rule.Info.Id} {rule.Info.Name}", first);
        }
    }

    [Fact]
    public void Ids_and_names_follow_the_conventions()
    {
        foreach (var rule in RuleRegistry.All)
        {
            Assert.Matches(@"^KNL\d{3}$", rule.Info.Id);
            Assert.Matches(@"^[a-z0-9]+(-[a-z0-9]+)*$", rule.Info.Name);
            Assert.EndsWith(".", rule.Info.Summary);
            Assert.StartsWith(RuleDocs.HelpBaseUri, rule.Info.HelpUri);
        }
    }

    [Fact]
    public void Readme_rule_table_is_current()
    {
        var path = Path.Combine(Repo.Root, "README.md");
        var readme = File.ReadAllText(path);
        var updated = RuleCatalog.UpdateReadme(readme, RuleRegistry.All.Select(r => r.Info));
        if (Golden.Updating) { File.WriteAllText(path, updated); return; }
        Assert.True(readme == updated, "README rule table is stale: run `UPDATE_GOLDEN=1 dotnet test` (or paste `kubenetlint rules --format md`)");
    }
}
