using System.Text.Json;
using System.Text.RegularExpressions;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Reporting;

/// <summary>The matrix page's rows: per source, runs of (first destination, length, set) over consecutive destinations.</summary>
public sealed class MatrixHtmlRowsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("knl-mhtml").FullName;
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private static string App(string name) =>
        $"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}, namespace: shop}}\nspec:\n  selector: {{matchLabels: {{app: {name}}}}}\n" +
        $"  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec: {{containers: [{{name: c, image: nginx}}]}}\n";

    [Fact]
    public void Consecutive_destinations_with_the_same_set_are_one_run()
    {
        var path = Path.Combine(_dir, "open.yaml");
        File.WriteAllText(path, string.Join("---\n", new[] { "a", "b", "c" }.Select(App)));
        var html = CliRunner.Run("matrix", path, "-f", "html").Stdout;
        var m = Regex.Match(html, "<script type=\"application/json\" id=\"knl-data\">(.*?)</script>", RegexOptions.Singleline);
        using var data = JsonDocument.Parse(m.Groups[1].Value);
        Assert.Equal(["shop/Deployment/a", "shop/Deployment/b", "shop/Deployment/c", "external/0.0.0.0-255.255.255.255", "external/::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"],
            data.RootElement.GetProperty("endpoints").EnumerateArray().Select(e => e[0].GetString()));
        // Every pair is allowed "all" (set 0) except an endpoint to itself and between the two external ranges.
        Assert.Equal("[[1,4,0],[0,1,0,2,3,0],[0,2,0,3,2,0],[0,3,0],[0,3,0]]",
            Regex.Replace(data.RootElement.GetProperty("rows").GetRawText(), @"\s", ""));
    }
}
