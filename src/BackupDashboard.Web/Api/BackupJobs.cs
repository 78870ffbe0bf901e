using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Web.Api;

/// <summary>
/// Backups started from the API or the UI run in the background, one at a time per server;
/// their latest progress is kept for polling. The dashboard's shutdown cancels them: the tool
/// is stopped gracefully and the run is recorded as failed.
/// </summary>
internal sealed class BackupJobs(BackupRunner runner, IHostApplicationLifetime lifetime)
{
    private readonly Dictionary<string, Task<BackupRecord>> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BackupProgress> _progress = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Starts a backup of the server; null when one is already running.</summary>
    public Task<BackupRecord>? TryStart(string server, BackupOrder order)
    {
        lock (_gate)
        {
            if (_running.ContainsKey(server))
            {
                return null;
            }

            var run = RunAsync(server, order);
            _running[server] = run;
            return run;
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
        var progress = new Progress<BackupProgress>(p =>
        {
            lock (_gate)
            {
                _progress[server] = p;
            }
        });
        try
        {
            return await runner.RunAsync(server, order, progress, lifetime.ApplicationStopping).ConfigureAwait(false);
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
}
