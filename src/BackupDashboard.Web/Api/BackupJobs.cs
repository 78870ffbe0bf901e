using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;
using BackupDashboard.Web.Services;

namespace BackupDashboard.Web.Api;

/// <summary>
/// Backups started from the API or the UI run in the background, one at a time per server;
/// their latest progress is kept for polling and published to open pages as it moves. The
/// dashboard's shutdown cancels them: the tool is stopped gracefully and the run is recorded
/// as failed.
/// </summary>
internal sealed class BackupJobs(BackupRunner runner, BackupEvents events, IHostApplicationLifetime lifetime)
{
    private readonly Dictionary<string, Task<BackupRecord>> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BackupProgress> _progress = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Starts a backup of the server; null when one is already running.</summary>
    public Task<BackupRecord>? TryStart(string server, BackupOrder order)
    {
        Task<BackupRecord> run;
        lock (_gate)
        {
            if (_running.ContainsKey(server))
            {
                return null;
            }

            run = RunAsync(server, order);
            _running[server] = run;
        }

        _ = AnnounceWhenDoneAsync(server, run);
        return run;
    }

    public bool IsRunning(string server)
    {
        lock (_gate)
        {
            return _running.ContainsKey(server);
        }
    }

    public BackupProgress? ProgressOf(string server)
    {
        lock (_gate)
        {
            return _progress.GetValueOrDefault(server);
        }
    }

    private async Task<BackupRecord> RunAsync(string server, BackupOrder order)
    {
        // Leave the caller's lock before any work happens.
        await Task.Yield();
        try
        {
            return await runner.RunAsync(server, order, new ProgressRelay(this, server), lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _running.Remove(server);
                _progress.Remove(server);
            }
        }
    }

    /// <summary>
    /// Runs after the run has left <see cref="_running"/>, so a page that reloads on this
    /// event sees the server free again. The run's exception stays the API's to observe.
    /// </summary>
    private async Task AnnounceWhenDoneAsync(string server, Task<BackupRecord> run)
    {
        await ((Task)run).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        events.Publish(new BackupFinished(server, BackupOutcome.Of(server, run)));
    }

    private void Report(string server, BackupProgress progress)
    {
        lock (_gate)
        {
            // A report racing the end of the run must not leave stale progress behind.
            if (!_running.ContainsKey(server))
            {
                return;
            }

            _progress[server] = progress;
        }

        events.Publish(new BackupProgressed(server, BackupProgressView.From(progress)));
    }

    /// <summary>
    /// Reports on the tool's stderr reader, in order. Progress&lt;T&gt; would post each report to
    /// the thread pool, where they can arrive out of order or after the run has ended.
    /// </summary>
    private sealed class ProgressRelay(BackupJobs jobs, string server) : IProgress<BackupProgress>
    {
        public void Report(BackupProgress value) => jobs.Report(server, value);
    }
}
