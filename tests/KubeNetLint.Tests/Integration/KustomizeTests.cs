using System.Diagnostics;
using KubeNetLint.Cli.Commands;
using KubeNetLint.Core.Loading;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Integration;

/// <summary>`check --kustomize DIR`: runs `kubectl kustomize DIR`; clear errors when kubectl is missing or fails.</summary>
public sealed class KustomizeTests
{
    private const string Overlays = "testdata/integration/kustomize/overlays";

    [KubectlFact]
    public void The_rendered_overlay_is_linted_under_its_own_name()
    {
        var r = CliRunner.Run("check", "--kustomize", $"{Overlays}/staging");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"<kustomize {Overlays}/staging>:24:13: error KNL005 invalid-field-type: 'spec.replicas'", r.Stdout);
        Assert.Equal(0, CliRunner.Run("check", "--kustomize", $"{Overlays}/prod").ExitCode);
    }

    [KubectlFact]
    public void A_failing_kubectl_is_a_usage_error_with_its_message()
    {
        var r = CliRunner.Run("check", "--kustomize", "testdata/integration/kustomize/broken");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'kubectl kustomize testdata/integration/kustomize/broken' failed with exit code 1:", r.Stderr);
        Assert.Contains("missing.yaml", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void A_missing_directory_is_a_usage_error()
    {
        var r = CliRunner.Run("check", "--kustomize", "no/such/overlay");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--kustomize 'no/such/overlay': no such directory", r.Stderr);
    }

    [Fact]
    public void Without_kubectl_on_the_path_the_error_says_so()
    {
        using var empty = new TempDir();
        var e = Assert.Throws<InputException>(() => Kustomize.Render($"{Overlays}/prod", name => name == "PATH" ? empty.Path : null));
        Assert.Contains("kubectl was not found on the PATH", e.Message);
    }

    [Fact]
    public async Task The_tool_itself_reports_a_missing_kubectl_with_exit_code_2()
    {
        // The real process with a PATH that has no kubectl: nothing in this test process changes.
        using var empty = new TempDir();
        var host = DotnetHost();
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "kubenetlint.dll"), "check", "--kustomize", $"{Overlays}/prod" })
            start.ArgumentList.Add(a);
        start.Environment["PATH"] = empty.Path;
        start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(host);
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(2, p.ExitCode);
        Assert.Contains("kubenetlint: error: --kustomize runs 'kubectl kustomize', but kubectl was not found on the PATH", await stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void FindOnPath_takes_the_first_executable_match()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        File.WriteAllText(a.File("kubectl"), "not executable");
        File.WriteAllText(b.File("kubectl"), "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(b.File("kubectl"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var path = string.Join(Path.PathSeparator, a.Path, b.Path);
        Assert.Equal(OperatingSystem.IsWindows() ? a.File("kubectl") : b.File("kubectl"), Kustomize.FindOnPath("kubectl", path));
        Assert.Null(Kustomize.FindOnPath("kubectl", ""));
        Assert.Null(Kustomize.FindOnPath("kubectl", null));
    }

    /// <summary>The dotnet executable running the tests (the SDK sets DOTNET_HOST_PATH for its children).</summary>
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h
            : Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p
            : Kustomize.FindOnPath("dotnet", Environment.GetEnvironmentVariable("PATH"));
        Assert.NotNull(host);
        // /usr/bin/dotnet is usually a link into the installation, which is what DOTNET_ROOT must name.
        return new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host;
    }
}
