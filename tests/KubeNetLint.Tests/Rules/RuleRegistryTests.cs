using KubeNetLint.Core.Rules;

namespace KubeNetLint.Tests.Rules;

/// <summary>The registry lists its rules by hand (no reflection at start-up): every concrete rule class of
/// the assembly must be in it, once.</summary>
public sealed class RuleRegistryTests
{
    [Fact]
    public void Every_rule_class_is_registered()
    {
        var classes = typeof(Rule).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Rule)) && !t.IsAbstract)
            .Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();
        var registered = RuleRegistry.All.Select(r => r.GetType().FullName!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(classes, registered);
        Assert.True(registered.Count > 80);
    }

    [Fact]
    public void Rules_are_sorted_by_id() =>
        Assert.Equal(RuleRegistry.All.Select(r => r.Info.Id).Order(StringComparer.Ordinal), RuleRegistry.All.Select(r => r.Info.Id));
}
