using System.Diagnostics;
using System.Text.Json;
using KubeNetLint.Core.Loading;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Loading;

/// <summary>Issue #16 item 9: a file whose name is not valid UTF-8 is read, shown escaped in text and
/// percent-encoded (its real bytes) in SARIF.</summary>
public sealed class FileNameBytesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knl-names-" + Guid.NewGuid().ToString("N"));
    public FileNameBytesTests() => Directory.CreateDirectory(_dir);
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private const string Service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: x\n  ports:\n  - port: 80\n";

    /// <summary>Creates DIR/caf\xE9.yaml (Latin-1 'é', not UTF-8) through the shell, as .NET cannot name it.</summary>
    private string CreateLatin1Named()
    {
        File.WriteAllText(Path.Combine(_dir, "source.txt"), Service);
        var start = new ProcessStartInfo("bash", ["-c", "cd \"$1\" && mv source.txt \"$(printf 'caf\\351.yaml')\"", "bash", _dir]) { UseShellExecute = false };
        using var p = Process.Start(start)!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return _dir;
    }

    [Fact]
    public void Escape_and_percent_encoding_keep_the_bytes()
    {
        byte[] name = [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'.', (byte)'y', (byte)'a', (byte)'m', (byte)'l'];
        Assert.False(RawFileNames.IsValidUtf8(name));
        Assert.Equal("caf\\xE9.yaml", RawFileNames.Escape(name));
        Assert.Equal("caf%E9.yaml", RawFileNames.PercentEncode(name));
        Assert.Equal("é %C3%A9", RawFileNames.Escape("é"u8) + " " + RawFileNames.PercentEncode("é"u8));
    }

    [Fact]
    public void A_file_named_in_latin1_is_linted_and_named_by_its_bytes()
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = CreateLatin1Named();
        var text = CliRunner.Run("check", dir);
        Assert.Contains("caf\\xE9.yaml:6:3: warning KNL101", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("KNL006", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", text.Stdout, StringComparison.Ordinal);

        var sarif = CliRunner.Run("check", dir, "--format", "sarif");
        using var doc = JsonDocument.Parse(sarif.Stdout);
        var uri = doc.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0]
            .GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString();
        Assert.EndsWith("/caf%E9.yaml", uri, StringComparison.Ordinal);
    }
}
