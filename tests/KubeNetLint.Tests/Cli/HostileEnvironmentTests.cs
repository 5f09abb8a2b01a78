using System.Diagnostics;
using System.IO.Pipes;
using KubeNetLint.Cli.IO;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Cli;

/// <summary>Issue #16: `--output` onto links, FIFOs, devices and existing files; non-seekable inputs;
/// closed standard input; a reader that goes away.</summary>
public sealed class HostileEnvironmentTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "knl-hostile-" + Guid.NewGuid().ToString("N"));
    public HostileEnvironmentTests() => Directory.CreateDirectory(_dir);
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private const string Service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: x\n  ports:\n  - port: 80\n";

    private string Manifest()
    {
        var path = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(path, Service);
        return path;
    }

    private static void MkFifo(string path)
    {
        using var p = Process.Start("mkfifo", path)!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    [Theory]
    [InlineData(OutputFileKind.Missing, OutputWriteMode.AtomicReplace)]
    [InlineData(OutputFileKind.Regular, OutputWriteMode.AtomicReplace)]
    [InlineData(OutputFileKind.Fifo, OutputWriteMode.InPlace)]
    [InlineData(OutputFileKind.CharacterDevice, OutputWriteMode.InPlace)]
    [InlineData(OutputFileKind.BlockDevice, OutputWriteMode.InPlace)]
    [InlineData(OutputFileKind.Directory, OutputWriteMode.Refuse)]
    [InlineData(OutputFileKind.Socket, OutputWriteMode.Refuse)]
    public void Output_write_mode_follows_the_file_type(OutputFileKind kind, OutputWriteMode expected) =>
        Assert.Equal(expected, OutputFile.Decide(kind));

    /// <summary>A device node of our own in the temporary directory (root only): the CLI is never aimed
    /// at the real /dev/null or /dev/full, which a regression of the writer would replace.</summary>
    private string? PrivateDevice(string name, int major, int minor)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return null;
        var path = Path.Combine(_dir, name);
        using var p = Process.Start("mknod", ["-m", "666", path, "c", major.ToString(System.Globalization.CultureInfo.InvariantCulture), minor.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        p.WaitForExit();
        return p.ExitCode == 0 && FileStatus.Get(path).Kind == OutputFileKind.CharacterDevice ? path : null;
    }

    [Fact]
    public void The_real_dev_null_is_a_character_device_written_in_place()
    {
        if (!OperatingSystem.IsLinux()) return;
        // Only stat it: the decision is what protects it.
        Assert.Equal(OutputFileKind.CharacterDevice, FileStatus.Get("/dev/null").Kind);
        Assert.Equal(OutputWriteMode.InPlace, OutputFile.Decide(FileStatus.Get("/dev/null").Kind));
    }

    [Fact]
    public void Output_into_a_null_device_writes_into_it_and_leaves_it_a_device()
    {
        if (PrivateDevice("null", 1, 3) is not { } device) return;
        var result = CliRunner.Run("check", Manifest(), "--output", device);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(OutputFileKind.CharacterDevice, FileStatus.Get(device).Kind);
        Assert.Equal(["null", "s.yaml"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Output_through_a_symlink_writes_the_target_and_keeps_the_link()
    {
        if (OperatingSystem.IsWindows()) return;
        var target = Path.Combine(_dir, "report.txt");
        File.WriteAllText(target, "old");
        var link = Path.Combine(_dir, "link.txt");
        File.CreateSymbolicLink(link, "report.txt");
        var result = CliRunner.Run("check", Manifest(), "--output", link);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("report.txt", new FileInfo(link).LinkTarget);
        Assert.Contains("KNL101", File.ReadAllText(target), StringComparison.Ordinal);
    }

    [Fact]
    public void Output_through_a_dangling_symlink_creates_the_target()
    {
        if (OperatingSystem.IsWindows()) return;
        var link = Path.Combine(_dir, "link.txt");
        File.CreateSymbolicLink(link, "new.txt");
        Assert.Equal(0, CliRunner.Run("check", Manifest(), "--output", link).ExitCode);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Contains("KNL101", File.ReadAllText(Path.Combine(_dir, "new.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_into_a_fifo_writes_into_it()
    {
        if (OperatingSystem.IsWindows()) return;
        var fifo = Path.Combine(_dir, "out.fifo");
        MkFifo(fifo);
        var reader = Task.Run(() => File.ReadAllText(fifo));
        var result = CliRunner.Run("check", Manifest(), "--output", fifo);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("KNL101", await reader.WaitAsync(TimeSpan.FromSeconds(20)), StringComparison.Ordinal);
        Assert.Equal(OutputFileKind.Fifo, FileStatus.Get(fifo).Kind);
    }

    [Fact]
    public void Output_over_a_regular_file_keeps_its_mode_and_owner_and_replaces_it_atomically()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(_dir, "report.txt");
        File.WriteAllText(path, "old report");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        bool root = Environment.UserName == "root";
        if (root) Assert.Equal(0, FileStatus.Chown(path, 1234, 5678));
        // A reader that opened the old report keeps reading the old report: the file was replaced
        // by a rename, not truncated and rewritten in place.
        using var old = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var result = CliRunner.Run("check", Manifest(), "--output", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("old report", new StreamReader(old).ReadToEnd());
        Assert.Contains("KNL101", File.ReadAllText(path), StringComparison.Ordinal);
        var status = FileStatus.Get(path);
        Assert.Equal(0x1A0, status.Mode & 0xFFF); // rw-r-----
        if (root)
        {
            Assert.Equal(1234u, status.Uid);
            Assert.Equal(5678u, status.Gid);
        }
        Assert.Equal(["report.txt", "s.yaml"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_full_disk_on_output_is_exit_2_and_leaves_the_device_alone()
    {
        if (PrivateDevice("full", 1, 7) is not { } device) return;
        var result = CliRunner.Run("check", Manifest(), "--output", device);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No space left on device", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(OutputFileKind.CharacterDevice, FileStatus.Get(device).Kind);
    }

    [Fact]
    public async Task Two_runs_writing_the_same_output_never_interleave()
    {
        var small = Manifest();
        var large = Path.Combine(_dir, "many.yaml");
        File.WriteAllText(large, string.Concat(Enumerable.Range(0, 300).Select(i => Service.Replace("name: s", $"name: s{i}") + "---\n")));
        var output = Path.Combine(_dir, "report.json");
        var expected = new[] { small, large }.Select(p =>
        {
            Assert.Equal(0, CliRunner.Run("check", p, "--format", "json", "--output", output).ExitCode);
            return File.ReadAllText(output);
        }).ToList();
        for (int round = 0; round < 5; round++)
        {
            var runs = new[] { small, large }.Select(p => Task.Run(() => CliRunner.Run("check", p, "--format", "json", "--output", output))).ToList();
            foreach (var r in await Task.WhenAll(runs)) Assert.Equal(0, r.ExitCode);
            Assert.Contains(File.ReadAllText(output), expected);
        }
        Assert.Equal(["many.yaml", "report.json", "s.yaml"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Output_onto_a_directory_is_a_usage_error()
    {
        var result = CliRunner.Run("check", Manifest(), "--output", _dir);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("directory", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_seekable_path_such_as_dev_fd_is_read_as_a_stream()
    {
        if (!OperatingSystem.IsLinux()) return;
        // `check <(helm template …)`: the shell passes /dev/fd/N, a pipe that reports the bytes
        // waiting in it as its length but cannot seek.
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.None);
        var bytes = System.Text.Encoding.UTF8.GetBytes(Service);
        pipe.Write(bytes);
        pipe.Flush();
        var fd = pipe.ClientSafePipeHandle.DangerousGetHandle().ToInt64();
        var path = $"/proc/self/fd/{fd}";
        var writerDone = Task.Run(() => { Thread.Sleep(200); pipe.Dispose(); });
        var result = CliRunner.Run("check", path);
        await writerDone;
        Assert.Equal("", result.Stderr);
        Assert.Contains("KNL101", result.Stdout, StringComparison.Ordinal);
    }

    private static CliResult RunChild(string shellRedirections, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "kubenetlint.dll");
        var quoted = string.Join(' ', args.Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        var start = new ProcessStartInfo("bash", ["-c", $"exec dotnet '{dll}' {quoted} {shellRedirections}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        using var p = Process.Start(start)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"kubenetlint {quoted} {shellRedirections} did not finish within 60 s");
        }
        return new CliResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Closed_standard_input_is_a_usage_error_not_a_hang()
    {
        if (!OperatingSystem.IsLinux()) return;
        var result = RunChild("<&-", "check", "-");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("standard input is closed", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_standard_input_is_valid_and_empty()
    {
        if (!OperatingSystem.IsLinux()) return;
        var result = RunChild("< /dev/null", "check", "-");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        // And an empty pipe (not /dev/null), which the runtime also duplicates.
        var piped = RunChild("", "check", "-");
        Assert.Equal(0, piped.ExitCode);
        Assert.Equal("", piped.Stderr);
    }

    [Fact]
    public void Unreadable_standard_input_is_a_usage_error()
    {
        if (!OperatingSystem.IsLinux()) return;
        var result = RunChild("< /", "check", "-");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read standard input", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_that_goes_away_ends_the_run_quietly()
    {
        if (!OperatingSystem.IsLinux()) return;
        var many = Path.Combine(_dir, "many.yaml");
        File.WriteAllText(many, string.Concat(Enumerable.Range(0, 2000).Select(i => Service.Replace("name: s", $"name: s{i}") + "---\n")));
        var dll = Path.Combine(AppContext.BaseDirectory, "kubenetlint.dll");
        var start = new ProcessStartInfo("bash", ["-c", $"dotnet '{dll}' check '{many}' | head -1 >/dev/null; echo \"status=${{PIPESTATUS[0]}}\""])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal("", await stderr);
        Assert.Equal("status=0", (await stdout).Trim());
    }
}
