using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Reporting;

/// <summary>The SARIF graphs of `matrix` and `diff`: edges numbered from 1.</summary>
public sealed class ConnectivitySarifTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("knl-csarif").FullName;
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private static List<string> EdgeIds(string sarif) =>
        [.. System.Text.Json.JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("graphs")[0].GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("id").GetString()!)];

    [Fact]
    public void Matrix_and_diff_edges_are_numbered_from_one()
    {
        var shop = Path.Combine(Repo.TestData, "paths", "shop");
        var matrix = EdgeIds(CliRunner.Run("matrix", shop, "-f", "sarif").Stdout);
        Assert.True(matrix.Count > 2);
        Assert.Equal(Enumerable.Range(1, matrix.Count).Select(i => $"e{i}"), matrix);

        var head = Path.Combine(_dir, "head.yaml");
        File.WriteAllText(head, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n" +
            "  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n");
        var @base = Path.Combine(_dir, "base.yaml");
        File.WriteAllText(@base, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: shop}\n");
        var diff = EdgeIds(CliRunner.Run("diff", "--base", @base, "--head", head, "-f", "sarif").Stdout);
        Assert.True(diff.Count > 2);
        Assert.Equal(Enumerable.Range(1, diff.Count).Select(i => $"c{i}"), diff);
    }
}
