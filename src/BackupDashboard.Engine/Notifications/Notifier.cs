using Microsoft.Extensions.Logging;

namespace BackupDashboard.Engine.Notifications;

/// <summary>
/// What jobs call to tell operators something: sends the notice to every configured channel at
/// once, each on its own, so a webhook that is down neither stops nor delays the email. A channel
/// that fails is logged and reported in the result; <see cref="NotifyAsync"/> never throws for it
/// (only for the caller's own cancellation), because a failed notice must not fail the job.
/// </summary>
public sealed partial class Notifier
{
    private readonly IReadOnlyList<INotificationChannel> channels;
    private readonly ILogger logger;

    public Notifier(IEnumerable<INotificationChannel> channels, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(logger);
        this.channels = [.. channels];
        this.logger = logger;
    }

    public IReadOnlyList<INotificationChannel> Channels => channels;

    /// <summary>
    /// The channels <paramref name="options"/> configures (none, webhook, email or both). Throws
    /// <see cref="InvalidOperationException"/> naming the key of a bad value, so a host calling
    /// this at start refuses to run with notifications that cannot work.
    /// </summary>
    /// <param name="http">Used by the webhook; the caller owns and disposes it.</param>
    public static Notifier FromOptions(NotificationOptions options, HttpClient http, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        options.Validate();
        var configured = new List<INotificationChannel>();
        if (options.WebhookEnabled)
        {
            configured.Add(new WebhookChannel(http, options));
        }

        if (options.Smtp.Enabled)
        {
            configured.Add(new EmailChannel(options.Smtp));
        }

        return new Notifier(configured, logger);
    }

    public async Task<NotifyResult> NotifyAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var outcomes = await Task.WhenAll(channels.Select(c => SendAsync(c, notice, cancellationToken))).ConfigureAwait(false);
        return new NotifyResult(outcomes);
    }

    private async Task<ChannelOutcome> SendAsync(INotificationChannel channel, Notice notice, CancellationToken cancellationToken)
    {
        try
        {
            await channel.SendAsync(notice, cancellationToken).ConfigureAwait(false);
            LogSent(logger, notice.Kind, notice.Server, channel.Name);
            return new ChannelOutcome(channel.Name, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The message only: ours are made to hold no secret, which an inner exception's need not.
            var error = e is NotificationFailedException ? e.Message : $"{channel.Name} failed: {e.GetType().Name}: {e.Message}";
            LogFailed(logger, notice.Kind, notice.Server, channel.Name, error);
            return new ChannelOutcome(channel.Name, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {Kind} for {Server} sent by {Channel}")]
    private static partial void LogSent(ILogger logger, NoticeKind kind, string server, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {Kind} for {Server} not sent by {Channel}: {Error}")]
    private static partial void LogFailed(ILogger logger, NoticeKind kind, string server, string channel, string error);
}
