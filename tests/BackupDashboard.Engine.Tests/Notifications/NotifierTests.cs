using BackupDashboard.Engine.Notifications;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Engine.Tests.Notifications;

public sealed class NotifierTests
{
    private readonly ListLogger log = new();

    [Fact]
    public async Task A_webhook_to_a_closed_port_does_not_stop_the_email()
    {
        await using var receiver = await SmtpReceiver.StartAsync();
        var options = Samples.Webhook($"http://127.0.0.1:{LoopbackPort.Free()}/hook", attempts: 2);
        options.Smtp = Samples.Smtp(receiver);
        var notifier = Notifier.FromOptions(options, Samples.Http, log);

        var result = await notifier.NotifyAsync(Samples.FailedBackup(), CancellationToken.None);

        Assert.Equal(["webhook", "email"], result.Channels.Select(c => c.Channel));
        Assert.False(result.Channels[0].Sent);
        Assert.True(result.Channels[1].Sent);
        Assert.False(result.AllSent);
        Assert.Equal("[BackupDashboard] shop: backup 20260301-020000 failed: mariabackup exited with 1", Assert.Single(receiver.Mails).Message.Subject);
        Assert.Contains(log.Lines, l => l.StartsWith("Warning: Notice RunFailed for shop not sent by webhook", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.StartsWith("Information: Notice RunFailed for shop sent by email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_nothing_configured_nothing_is_sent()
    {
        var notifier = Notifier.FromOptions(new NotificationOptions(), Samples.Http, log);

        var result = await notifier.NotifyAsync(Samples.FailedBackup(), CancellationToken.None);

        Assert.Empty(notifier.Channels);
        Assert.Empty(result.Channels);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void An_overdue_notice_says_which_fire_it_missed_and_how_new_the_newest_restore_point_is()
    {
        var verdict = new OverdueVerdict(true, new DateTimeOffset(2026, 1, 15, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 14, 1, 0, 7, TimeSpan.Zero), TimeSpan.FromMinutes(30));

        var notice = Notice.BackupOverdue("shop", verdict, new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal((NoticeKind.BackupOverdue, "shop"), (notice.Kind, notice.Server));
        Assert.Equal("backup overdue: none since the one due at 2026-01-15 01:00 UTC, the newest restore point is of 2026-01-14 01:00 UTC", notice.Summary);
        Assert.Equal("backup_overdue", WebhookChannel.Body(notice)["kind"]!.GetValue<string>());
    }

    [Fact]
    public void A_rehearsal_notice_has_its_own_kind_and_a_one_line_summary()
    {
        var notice = Notice.RehearsalFailed("shop", "the restored server did not start\nmariadbd: Table 'mysql.plugin' doesn't exist", 7, Samples.At);

        Assert.Equal("restore rehearsal failed: the restored server did not start", notice.Summary);
        Assert.Equal("rehearsal_failed", WebhookChannel.Body(notice)["kind"]!.GetValue<string>());
        Assert.Equal(7, WebhookChannel.Body(notice)["job_id"]!.GetValue<long>());
    }
}
