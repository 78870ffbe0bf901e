using System.Globalization;
using BackupDashboard.Engine.Restores;

namespace BackupDashboard.Cli.Commands;

/// <summary>
/// What bdash restore prints on stderr as it runs: each step once as it starts, and on a terminal
/// the running step's bar (percent, bytes, time left, file) redrawn in place where the step can be
/// measured. Reports arrive synchronously from the runner, step by step, so a late report of an
/// earlier step never comes after the next one's start.
/// </summary>
internal sealed class RestoreSteps(TextWriter terminal, bool drawBars) : IProgress<RestoreProgress>
{
    private readonly Lock _gate = new();
    private int _shownStep;
    private bool _drawn;

    public void Report(RestoreProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (value.Step > _shownStep)
            {
                EndBar();
                _shownStep = value.Step;
                terminal.WriteLine($"[{value.Step}/{value.Steps}] {RestoreStepView.KindName(value.Kind)}: {value.Why}");
                return;
            }

            if (drawBars && value.Step == _shownStep && value.BytesTotal is > 0 and var total && value.BytesDone is { } done)
            {
                var percent = Math.Clamp(done * 100.0 / total, 0, 100);
                var left = value.TimeLeft is { } t ? string.Create(CultureInfo.InvariantCulture, $" about {t:hh\\:mm\\:ss} left") : "";
                var file = value.CurrentFile is { } f ? $" {f}" : "";
                terminal.Write(string.Create(CultureInfo.InvariantCulture,
                    $"\r{TerminalBar.Gauge(percent)} {done / 1048576.0:N0} of {total / 1048576.0:N0} MiB{left}{file}").PadRight(110));
                _drawn = true;
            }
        }
    }

    /// <summary>Ends a drawn bar's line, so what follows starts on its own.</summary>
    public void EndBar()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                terminal.WriteLine();
                _drawn = false;
            }
        }
    }
}
