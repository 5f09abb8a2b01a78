using System.Text.Json;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Reporting;

/// <summary>`paths` writers when nothing is found, and whether JSON says reachable.</summary>
public sealed class PathWriterTests
{
    private static string Shop => Path.Combine(Repo.TestData, "paths", "shop");

    private static string Run(params string[] args)
    {
        var r = CliRunner.Run(["paths", Shop, .. args]);
        Assert.Equal(0, r.ExitCode);
        return r.Stdout;
    }

    [Fact]
    public void No_path_is_said_in_markdown_and_json()
    {
        Assert.Equal("### Paths from `external` to `shop/Deployment/admin`\n\nNo path within 6 hops.\n",
            Run("--from", "external", "--to", "shop/Deployment/admin", "-f", "md"));
        var json = JsonDocument.Parse(Run("--from", "external", "--to", "shop/Deployment/admin", "-f", "json")).RootElement;
        Assert.False(json.GetProperty("reachable").GetBoolean());
        Assert.Equal(0, json.GetProperty("paths").GetArrayLength());
        Assert.True(JsonDocument.Parse(Run("--from", "external", "--to", "shop/StatefulSet/db", "-f", "json")).RootElement.GetProperty("reachable").GetBoolean());
    }

    [Fact]
    public void Nothing_reached_is_said_in_markdown_and_json()
    {
        Assert.Equal("### What reaches `shop/Deployment/admin`\n\nNothing.\n", Run("--to", "shop/Deployment/admin", "--transitive", "-f", "md"));
        var none = JsonDocument.Parse(Run("--to", "shop/Deployment/admin", "--transitive", "-f", "json")).RootElement;
        Assert.False(none.GetProperty("reachable").GetBoolean());
        Assert.Equal(0, none.GetProperty("reached").GetArrayLength());
        var some = JsonDocument.Parse(Run("--to", "shop/db", "--transitive", "-f", "json")).RootElement;
        Assert.True(some.GetProperty("reachable").GetBoolean());
        Assert.Equal("to", some.GetProperty("direction").GetString());
        Assert.Equal("shop/Deployment/api", some.GetProperty("reached")[0].GetProperty("id").GetString());
    }
}
