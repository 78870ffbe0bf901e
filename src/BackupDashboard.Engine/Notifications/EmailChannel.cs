using System.Globalization;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace BackupDashboard.Engine.Notifications;

/// <summary>
/// Mails each notice as plain text through the configured SMTP server, one attempt (the server
/// queues and retries delivery itself). Subject: "[BackupDashboard] server: summary".
/// </summary>
public sealed class EmailChannel : INotificationChannel
{
    private readonly SmtpOptions smtp;

    /// <param name="smtp">Validated (<see cref="NotificationOptions.Validate"/>), with a host.</param>
    public EmailChannel(SmtpOptions smtp)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        this.smtp = smtp;
    }

    public string Name => "email";

    public string Target => $"{smtp.Host.Trim()}:{smtp.Port}";

    public async Task SendAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var message = Message(notice);
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host.Trim(), smtp.Port, smtp.Security(), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                if (!client.IsSecure && smtp.Security() != SecureSocketOptions.None)
                {
                    throw Failed("the server offered no TLS, so the password was not sent (Smtp:UseTls None allows plain text)");
                }

                await client.AuthenticateAsync(smtp.User, smtp.Password, cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        // MailKit has a dozen ways to fail (socket, TLS, protocol, refused command, not authenticated):
        // each is this channel failing. Only the caller's own cancellation goes through as it is.
        catch (Exception e) when (e is not NotificationFailedException && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            var error = Scrub(e.Message);
            throw Failed(error, string.Equals(error, e.Message, StringComparison.Ordinal) ? e : null);
        }
    }

    /// <summary>The mail as it is sent: plain text, the summary first, then details, job and time.</summary>
    public MimeMessage Message(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var message = new MimeMessage { Subject = notice.Headline() };
        message.From.Add(smtp.Sender());
        message.To.AddRange(smtp.Recipients());
        message.Body = new TextPart("plain") { Text = Body(notice) };
        return message;
    }

    private static string Body(Notice notice)
    {
        var lines = new List<string> { notice.Summary, "" };
        if (!string.IsNullOrWhiteSpace(notice.Details))
        {
            lines.Add(notice.Details);
            lines.Add("");
        }

        lines.Add($"Server: {notice.Server}");
        lines.Add($"Kind: {JsonSerializer.Serialize(notice.Kind).Trim('"')}");
        if (notice.JobId is { } job)
        {
            lines.Add($"Job: {job.ToString(CultureInfo.InvariantCulture)}");
        }

        lines.Add($"At: {notice.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}");
        return string.Join('\n', lines) + "\n";
    }

    private NotificationFailedException Failed(string error, Exception? inner = null) => new(Name, Target, 1, error, inner);

    // Servers echo odd things; the password must not reach a log by way of one.
    private string Scrub(string text) => string.IsNullOrEmpty(smtp.Password) ? text : text.Replace(smtp.Password, "***", StringComparison.Ordinal);
}
