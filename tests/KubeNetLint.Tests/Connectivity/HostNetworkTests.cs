using System.Text.Json;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Connectivity;

/// <summary>Host-network pods (KNL311): NetworkPolicy behaviour for them is undefined, so `matrix` and
/// `explain` say so, while the verdicts stay as computed for any pod.</summary>
public sealed class HostNetworkTests
{
    private const string Fixture = "testdata/rules/KNL311/selected.yaml";
    private const string Exporter = "monitoring/DaemonSet/node-exporter";
    private const string Prometheus = "monitoring/Deployment/prometheus";

    private static string Ok(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Stderr}");
        return r.Stdout;
    }

    [Fact]
    public void Explain_text_names_the_caveat_and_keeps_the_verdict()
    {
        var text = Ok("explain", "--from", Prometheus, "--to", Exporter, "--port", "9100/TCP", Fixture);
        var lines = text.Split('\n');
        Assert.StartsWith($"{Prometheus} -> {Exporter} on 9100/TCP: ALLOWED", lines[0]);
        Assert.StartsWith($"caveat: {Exporter} uses hostNetwork: NetworkPolicy behaviour for host-network pods is undefined", lines[1]);
        Assert.Contains("node traffic", lines[1]);
        // Denied as for any pod: only prometheus is admitted.
        var denied = Ok("explain", "--from", "monitoring/DaemonSet/log-shipper", "--to", Exporter, "--port", "9100/TCP", Fixture);
        Assert.Contains(": DENIED", denied.Split('\n')[0]);
        Assert.Equal(2, denied.Split('\n').Count(l => l.StartsWith("caveat: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Explain_json_lists_the_caveats()
    {
        using var doc = JsonDocument.Parse(Ok("explain", "--from", Prometheus, "--to", Exporter, "--format", "json", Fixture));
        Assert.True(doc.RootElement.GetProperty("allowed").GetBoolean());
        var caveat = Assert.Single(doc.RootElement.GetProperty("caveats").EnumerateArray()).GetString();
        Assert.StartsWith($"{Exporter} uses hostNetwork", caveat);
    }

    [Fact]
    public void Explain_without_host_network_has_no_caveat()
    {
        var text = Ok("explain", "--from", "shop/Deployment/frontend", "--to", "shop/Deployment/api", "testdata/examples");
        Assert.DoesNotContain("caveat", text);
        using var doc = JsonDocument.Parse(Ok("explain", "--from", "shop/Deployment/frontend", "--to", "shop/Deployment/api", "--format", "json", "testdata/examples"));
        Assert.False(doc.RootElement.TryGetProperty("caveats", out _));
    }

    [Fact]
    public void Matrix_marks_host_network_endpoints()
    {
        using var doc = JsonDocument.Parse(Ok("matrix", "--format", "json", Fixture));
        var marked = doc.RootElement.GetProperty("endpoints").EnumerateArray()
            .Where(e => e.TryGetProperty("hostNetwork", out var h) && h.GetBoolean())
            .Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(["monitoring/DaemonSet/log-shipper", Exporter], marked);

        var table = Ok("matrix", Fixture);
        Assert.Contains($"caveat: {Exporter} uses hostNetwork", table);
        var md = Ok("matrix", "--format", "md", Fixture);
        Assert.Contains($"- `{Exporter}` uses hostNetwork", md);
        // The verdicts are unchanged: the exporter admits prometheus only.
        Assert.Contains($"{Prometheus}", table.Split('\n').Single(l => l.Contains($"  {Exporter}  ", StringComparison.Ordinal)));
    }
}
