using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Notifications;
using Microsoft.AspNetCore.Components.Authorization;

namespace BackupDashboard.Web.Services;

/// <summary>One configured channel as the Notifications page shows it: where it goes, never a secret.</summary>
public sealed record ChannelView(string Name, string Target);

/// <summary>
/// The Notifications page (docs/notifications.md): which channels the configuration sets up,
/// described without secrets (a webhook by its host only, since its path often is the secret; an
/// SMTP server by host, port, sender and recipients, never its password), the overdue grace, and
/// a test notice an admin sends through every channel to see each one's outcome.
/// </summary>
internal sealed class NotificationDesk(NotificationOptions options, Notifier notifier, IAuditLog audit, AuthenticationStateProvider signedIn, TimeProvider clock)
{
    public TimeSpan OverdueGrace => options.OverdueGrace;

    public IReadOnlyList<ChannelView> Channels()
    {
        var channels = new List<ChannelView>();
        if (options.WebhookEnabled)
        {
            var host = Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var url) ? $"{url.Scheme}://{url.Authority}/…" : "(a webhook URL)";
            channels.Add(new ChannelView("webhook", $"{host} ({options.WebhookAttempts} attempts, {options.WebhookTimeout.TotalSeconds:0} s each)"));
        }

        if (options.Smtp.Enabled)
        {
            channels.Add(new ChannelView("email", $"{options.Smtp.To} from {options.Smtp.From} through {options.Smtp.Host}:{options.Smtp.Port}"));
        }

        return channels;
    }

    /// <summary>Sends a test notice through every channel (admins); each channel's outcome, or the refusal.</summary>
    public Task<(bool Done, string Message)> SendTestAsync() =>
        PageActions.ChangeAsync<(bool Done, string Message), NotificationFailedException>(signedIn, audit, Role.Admin, "Sending a test notice", "send test notice",
            async () =>
            {
                if (notifier.Channels.Count == 0)
                {
                    return (false, "No channel is configured: set BackupDashboard:Notifications (docs/notifications.md).");
                }

                var who = (await signedIn.GetAuthenticationStateAsync().ConfigureAwait(false)).User.Identity?.Name ?? "?";
                var result = await notifier.NotifyAsync(Notice.Test(who, clock.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
                return (result.AllSent, string.Join("; ", result.Channels.Select(c => c.Sent ? $"{c.Channel}: sent" : $"{c.Channel}: {c.Error}")));
            },
            refusal => (false, refusal),
            result => result);
}
