using BackupDashboard.Engine.Notifications;

namespace BackupDashboard.Engine.Tests.Notifications;

public sealed class EmailChannelTests
{
    [Fact]
    public async Task The_mail_carries_sender_recipients_subject_summary_and_details()
    {
        await using var receiver = await SmtpReceiver.StartAsync();

        await new EmailChannel(Samples.Smtp(receiver)).SendAsync(Samples.FailedBackup(), CancellationToken.None);

        var mail = Assert.Single(receiver.Mails);
        Assert.Equal("bdash@example.test", mail.EnvelopeFrom);
        Assert.Equal(["ops@example.test", "dba@example.test"], mail.EnvelopeTo);
        Assert.Equal("bdash@example.test", Assert.Single(mail.Message.From.Mailboxes).Address);
        Assert.Equal(["ops@example.test", "dba@example.test"], mail.Message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("[BackupDashboard] shop: backup 20260301-020000 failed: mariabackup exited with 1", mail.Message.Subject);
        var body = mail.Message.TextBody;
        Assert.StartsWith("backup 20260301-020000 failed: mariabackup exited with 1\n", body, StringComparison.Ordinal);
        Assert.Contains("[ERROR] InnoDB: Operating system error number 28\nNo space left on device", body, StringComparison.Ordinal);
        Assert.Contains("Job: 42\n", body, StringComparison.Ordinal);
        Assert.Contains("At: 2026-03-01 02:14:00 UTC", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_user_it_logs_in_before_sending()
    {
        await using var receiver = await SmtpReceiver.StartAsync("ops", Samples.Password);
        var smtp = Samples.Smtp(receiver);
        (smtp.User, smtp.Password, smtp.UseTls) = ("ops", Samples.Password, "None");

        await new EmailChannel(smtp).SendAsync(Samples.FailedBackup(), CancellationToken.None);

        Assert.Equal(["ops"], receiver.Logins);
        Assert.Single(receiver.Mails);
    }

    [Fact]
    public async Task Without_a_login_a_server_that_requires_one_gets_no_mail()
    {
        await using var receiver = await SmtpReceiver.StartAsync("ops", Samples.Password);

        var e = await Assert.ThrowsAsync<NotificationFailedException>(() => new EmailChannel(Samples.Smtp(receiver)).SendAsync(Samples.FailedBackup(), CancellationToken.None));

        Assert.Equal($"email to 127.0.0.1:{receiver.Port} failed after 1 attempt: authentication required", e.Message);
        Assert.Empty(receiver.Mails);
    }

    [Fact]
    public async Task A_wrong_password_fails_without_the_password_in_the_error()
    {
        await using var receiver = await SmtpReceiver.StartAsync("ops", "the-right-one");
        var smtp = Samples.Smtp(receiver);
        (smtp.User, smtp.Password, smtp.UseTls) = ("ops", Samples.Password, "None");

        var e = await Assert.ThrowsAsync<NotificationFailedException>(() => new EmailChannel(smtp).SendAsync(Samples.FailedBackup(), CancellationToken.None));

        // MailKit tries each mechanism the server offers (PLAIN, LOGIN) before it gives up.
        Assert.NotEmpty(receiver.Logins);
        Assert.All(receiver.Logins, user => Assert.Equal("ops", user));
        Assert.Empty(receiver.Mails);
        Assert.DoesNotContain(Samples.Password, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_is_not_sent_over_plain_text_unless_UseTls_None_says_so()
    {
        await using var receiver = await SmtpReceiver.StartAsync("ops", Samples.Password);
        var smtp = Samples.Smtp(receiver);
        (smtp.User, smtp.Password) = ("ops", Samples.Password);

        var e = await Assert.ThrowsAsync<NotificationFailedException>(() => new EmailChannel(smtp).SendAsync(Samples.FailedBackup(), CancellationToken.None));

        Assert.Contains("offered no TLS", e.Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Logins);
        Assert.Empty(receiver.Mails);
    }
}
