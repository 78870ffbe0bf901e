using System.Globalization;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Cli.Commands;

/// <summary>A one-line progress bar on stderr, redrawn at most five times a second; silent when not a terminal.</summary>
internal sealed class ProgressBar(TextWriter terminal, bool enabled) : IProgress<BackupProgress>, IDisposable
{
    private long _lastDraw;
    private bool _drawn;

    public void Report(BackupProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var now = Environment.TickCount64;
        if (!enabled || now - _lastDraw < 200)
        {
            return;
        }

        _lastDraw = now;
        _drawn = true;
        var eta = value.Eta is { } e ? $" ETA {e:mm\\:ss}" : "";
        var file = value.CurrentFile is { } f ? $" {Path.GetFileName(f)}" : "";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{TerminalBar.Gauge(value.Percent)} {value.BytesDone / 1048576.0,8:N0} MiB{eta}{file}");
        terminal.Write("\r" + line.PadRight(100));
    }

    public void Finish()
    {
        if (_drawn)
        {
            terminal.WriteLine();
            _drawn = false;
        }
    }

    public void Dispose() => Finish();
}
