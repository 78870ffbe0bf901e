namespace BackupDashboard.Web.Services;

/// <summary>Something a page showing a server's backups reacts to.</summary>
public abstract record BackupEvent(string Server);

/// <summary>A running backup moved on.</summary>
public sealed record BackupProgressed(string Server, RunProgressView Progress) : BackupEvent(Server);

/// <summary>A backup ended (or was refused); the server's chains may have changed.</summary>
public sealed record BackupFinished(string Server, BackupOutcome Outcome) : BackupEvent(Server);

/// <summary>
/// Tells open pages what the background backups are doing, whoever started them (this page,
/// another tab, the API). A page subscribes after its first render and disposes the
/// subscription with itself. Handlers run on the publisher's thread, so they must only hand
/// the event over (InvokeAsync) and return.
/// </summary>
public sealed partial class BackupEvents(ILogger<BackupEvents> logger)
{
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];

    public IDisposable Subscribe(Action<BackupEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler);
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    internal void Publish(BackupEvent backupEvent)
    {
        Subscription[] subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _subscriptions];
        }

        foreach (var subscription in subscriptions)
        {
            try
            {
                subscription.Handler(backupEvent);
            }
            catch (ObjectDisposedException e)
            {
                // A page whose circuit just closed, a moment before it unsubscribes: the backup
                // it was watching goes on.
                LogHandlerGone(logger, backupEvent.Server, e.Message);
            }
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A page watching backups of {Server} was gone: {Reason}")]
    private static partial void LogHandlerGone(ILogger logger, string server, string reason);

    private sealed class Subscription(BackupEvents events, Action<BackupEvent> handler) : IDisposable
    {
        public Action<BackupEvent> Handler => handler;

        public void Dispose() => events.Unsubscribe(this);
    }
}
