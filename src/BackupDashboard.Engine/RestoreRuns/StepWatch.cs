using BackupDashboard.Engine.Restores;

namespace BackupDashboard.Engine.RestoreRuns;

/// <summary>
/// While one restore step runs: once a second, its bytes done and total, the file it works on,
/// the time left at its pace so far, and the last line of its output, reported as a
/// <see cref="RestoreProgress"/>. Measuring never fails the restore: a folder that vanishes
/// mid-count (move-back, prepare unlinking) reads as what is left.
/// </summary>
internal sealed class StepWatch : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private StepWatch(RestoreStep step, RestoreProgress begun, IProgress<RestoreProgress> progress, TimeProvider clock)
    {
        _loop = Task.Run(() => WatchAsync(step, begun, progress, clock, _stop.Token));
    }

    /// <summary>Null when nobody listens.</summary>
    public static StepWatch? Start(RestoreStep step, RestoreProgress begun, IProgress<RestoreProgress>? progress, TimeProvider clock) =>
        progress is null ? null : new StepWatch(step, begun, progress, clock);

    private static async Task WatchAsync(RestoreStep step, RestoreProgress begun, IProgress<RestoreProgress> progress, TimeProvider clock, CancellationToken stop)
    {
        var started = clock.GetTimestamp();
        var meter = step.Work is null ? null : StepMeter.Start(step.Work);
        using var timer = new PeriodicTimer(Every, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                var said = LastLine(begun.LogFile);
                var now = begun with { LastLine = said };
                if (meter is not null)
                {
                    var (done, file) = meter.Read();
                    var elapsed = clock.GetElapsedTime(started);
                    now = now with
                    {
                        BytesDone = done,
                        BytesTotal = meter.Total,
                        CurrentFile = (said is null ? null : StepMeter.FileNamedIn(said)) ?? file,
                        // At the pace so far; none before the first second's bytes.
                        TimeLeft = done > 0 && elapsed > Every ? TimeSpan.FromSeconds((meter.Total - done) * elapsed.TotalSeconds / done) : null,
                    };
                }

                progress.Report(now);
            }
        }
        catch (OperationCanceledException)
        {
            // The step ended.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            // Measuring stops; the step goes on, and the record keeps its step and kind.
        }
    }

    /// <summary>The last non-blank line of the step's log so far, at most 300 characters.</summary>
    private static string? LastLine(string? logFile)
    {
        if (logFile is null || !File.Exists(logFile))
        {
            return null;
        }

        try
        {
            var tail = Runs.LogTail.Read(logFile, 4096);
            var line = tail.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
            return line is null ? null : line.Length > 300 ? line[..300] + "…" : line;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
