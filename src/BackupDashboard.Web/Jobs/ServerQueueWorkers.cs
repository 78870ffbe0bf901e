using BackupDashboard.Engine.Servers;
using Hangfire;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// One Hangfire worker per database server queue (<see cref="ServerQueueName"/>), started for every
/// registered server at start and for a new one the first time a job is queued for it. One
/// worker means a server's jobs run one after the other, never side by side.
/// </summary>
public sealed partial class ServerQueueWorkers(
    JobStorage storage,
    JobActivator activator,
    IServiceProvider services,
    IServerRegistry registry,
    ILogger<ServerQueueWorkers> logger) : IHostedService, IDisposable
{
    private readonly Dictionary<string, BackgroundJobServer> _workers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _stopping;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var server in await registry.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            EnsureServed(ServerQueueName.For(server.Name));
        }
    }

    public void EnsureServed(string queue)
    {
        lock (_gate)
        {
            if (_stopping || _workers.ContainsKey(queue))
            {
                return;
            }

            var options = new BackgroundJobServerOptions
            {
                ServerName = $"{Environment.MachineName}:{queue}",
                Queues = [queue],
                WorkerCount = 1,
                Activator = activator,
                FilterProvider = services.GetService<Hangfire.Common.IJobFilterProvider>(),
                // Long enough for a tool to stop after SIGINT/SIGTERM when the dashboard stops.
                ShutdownTimeout = TimeSpan.FromSeconds(30),
            };
            _workers[queue] = new BackgroundJobServer(options, storage);
            LogServing(logger, queue);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        BackgroundJobServer[] workers;
        lock (_gate)
        {
            _stopping = true;
            workers = [.. _workers.Values];
        }

        // Every worker is told at once, so their jobs stop in parallel; Dispose waits for them.
        foreach (var worker in workers)
        {
            worker.SendStop();
        }

        return Task.WhenAll(workers.Select(w => w.WaitForShutdownAsync(cancellationToken)));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var worker in _workers.Values)
            {
                worker.Dispose();
            }

            _workers.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the job queue '{Queue}' with one worker")]
    private static partial void LogServing(ILogger logger, string queue);
}
