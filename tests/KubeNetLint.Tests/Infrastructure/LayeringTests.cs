using System.Reflection;
using NetArchTest.Rules;

namespace KubeNetLint.Tests.Infrastructure;

/// <summary>The layers reference one way only: Loading → Model → Config → Graph → Connectivity → Rules →
/// Reporting → Cli. The root namespace (<c>Level</c>) is the shared vocabulary below them all. A layer
/// that needs something from a later one is a design change, not an entry in an exceptions list.</summary>
public class LayeringTests
{
    private const string Root = "KubeNetLint.Core";

    // Each layer may use the layers before it; Rules use the Connectivity engine (KNL307, KNL310), never
    // the reverse.
    private static readonly string[] Order =
        [$"{Root}.Loading", $"{Root}.Model", $"{Root}.Config", $"{Root}.Graph", $"{Root}.Connectivity", $"{Root}.Rules", $"{Root}.Reporting"];

    private static readonly Assembly Core = typeof(KubeNetLint.Core.Level).Assembly;

    public static TheoryData<int> Layers() => [.. Enumerable.Range(0, Order.Length)];

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_layer_references_no_later_layer(int index)
    {
        var later = Order.Skip(index + 1).Append("KubeNetLint.Cli").ToArray();
        var result = Types.InAssembly(Core).That().ResideInNamespace(Order[index])
            .ShouldNot().HaveDependencyOnAny(later).GetResult();
        Assert.True(result.IsSuccessful,
            $"{Order[index]} references a later layer: {string.Join(", ", result.FailingTypeNames ?? [])}");
        // The layer exists: a renamed namespace must not make this test pass vacuously.
        Assert.NotEmpty(Types.InAssembly(Core).That().ResideInNamespace(Order[index]).GetTypes());
    }

    [Fact]
    public void The_root_namespace_references_no_layer()
    {
        var rootTypes = Core.GetTypes().Where(t => t.Namespace == Root).Select(t => t.FullName!).ToArray();
        Assert.NotEmpty(rootTypes);
        var result = Types.InAssembly(Core).That().HaveNameMatching("^(" + string.Join("|", rootTypes.Select(n => n[(Root.Length + 1)..].Split('`')[0])) + ")$")
            .And().ResideInNamespace(Root).ShouldNot().HaveDependencyOnAny([.. Order, "KubeNetLint.Cli"]).GetResult();
        Assert.True(result.IsSuccessful, $"root types reference a layer: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_test_catches_a_backward_reference()
    {
        // Rules use Connectivity: asked the other way round, the check must fail.
        var result = Types.InAssembly(Core).That().ResideInNamespace($"{Root}.Rules")
            .ShouldNot().HaveDependencyOnAny($"{Root}.Connectivity").GetResult();
        Assert.False(result.IsSuccessful);
    }
}
