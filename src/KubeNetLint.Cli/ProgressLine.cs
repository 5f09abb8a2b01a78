using System.Diagnostics;

namespace KubeNetLint.Cli;

/// <summary>A progress line on standard error for runs that take more than a second, and only when
/// standard error is a terminal (never in CI logs, pipes or tests). The line is rewritten in place and
/// erased when the run ends, so the report itself is untouched.</summary>
public sealed class ProgressLine : IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private readonly TextWriter? _terminal;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly Lock _lock = new();
    private string _phase = "starting";
    private bool _shown;
    private bool _done;

    public ProgressLine(CliIO io)
    {
        if (io.Error != Console.Error || Console.IsErrorRedirected || Environment.GetEnvironmentVariable("TERM") == "dumb") return;
        _terminal = io.Error;
        _timer = new Timer(_ => Draw(), null, Delay, TimeSpan.FromMilliseconds(250));
    }

    /// <summary>What the run is doing now ("loading manifests", "running 60 rules").</summary>
    public void Phase(string phase)
    {
        lock (_lock) _phase = phase;
    }

    private void Draw()
    {
        lock (_lock)
        {
            if (_done || _terminal is null) return;
            _terminal.Write($"\r\u001b[2Kkubenetlint: {_phase} ({_clock.Elapsed.TotalSeconds:0.0} s)");
            _terminal.Flush();
            _shown = true;
        }
    }

    public void Dispose() => Stop();

    /// <summary>Erases the line and draws no more: call it before anything else is written to the terminal.</summary>
    public void Stop()
    {
        _timer?.Dispose();
        lock (_lock)
        {
            _done = true;
            if (_shown && _terminal is not null)
            {
                _terminal.Write("\r\u001b[2K");
                _terminal.Flush();
            }
        }
    }
}
