using BackupDashboard.Engine.Configuration;
using BackupDashboard.Web.Health;
using Hangfire;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Whether this host's Hangfire servers run: registered in the job storage with a fresh
/// heartbeat, one of them on the shared queue. Read from the storage itself, so a storage that
/// stopped answering shows as unhealthy.
/// </summary>
public sealed class JobsHealth(JobStorage storage, JobsOptions options, DataFolder dataFolder, TimeProvider clock)
{
    /// <summary>Hangfire's servers report every 30 s by default; two misses is a stopped server.</summary>
    private static readonly TimeSpan HeartbeatLimit = TimeSpan.FromSeconds(70);

    public ComponentHealth Check()
    {
        var where = options.Describe(dataFolder);
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var ours = storage.GetMonitoringApi().Servers()
                .Where(s => s.Name.StartsWith(Environment.MachineName + ":", StringComparison.Ordinal))
                .Where(s => s.Heartbeat is { } beat && now - beat < HeartbeatLimit)
                .ToList();
            var queues = ours.SelectMany(s => s.Queues).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var ok = queues.Contains(ServerQueueName.Default, StringComparer.Ordinal);
            var state = ok ? "running" : "not running";
            return new ComponentHealth(ok,
                $"Hangfire {state}: {ours.Count} server(s) on this host, queues {string.Join(", ", queues)}; {where}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ComponentHealth(false, $"Hangfire: the job store ({where}) does not answer: {e.Message}");
        }
    }
}
