using System.Text.Json;
using BackupDashboard.Engine.Notifications;
using BackupDashboard.TestSupport;
using Answer = BackupDashboard.TestSupport.WebhookReceiver.Answer;

namespace BackupDashboard.Engine.Tests.Notifications;

public sealed class WebhookChannelTests
{
    private readonly ListLogger log = new();

    [Fact]
    public async Task A_500_is_tried_again_and_the_second_attempt_delivers_the_notice_as_json()
    {
        using var receiver = new WebhookReceiver(new Answer(500), new Answer(200));

        var result = await Notifier.FromOptions(Samples.Webhook(receiver), Samples.Http, log).NotifyAsync(Samples.FailedBackup(), CancellationToken.None);

        Assert.Equal([new ChannelOutcome("webhook", null)], result.Channels);
        Assert.Equal(2, receiver.Requests.Count);
        var second = receiver.Requests.Last();
        Assert.Equal("POST", second.Method);
        Assert.StartsWith("application/json", second.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(second.Body);
        var root = body.RootElement;
        Assert.Equal("BackupDashboard", root.GetProperty("product").GetString());
        Assert.Equal("[BackupDashboard] shop: backup 20260301-020000 failed: mariabackup exited with 1", root.GetProperty("text").GetString());
        Assert.Equal("run_failed", root.GetProperty("kind").GetString());
        Assert.Equal("shop", root.GetProperty("server").GetString());
        Assert.Equal("backup 20260301-020000 failed: mariabackup exited with 1", root.GetProperty("summary").GetString());
        Assert.Contains("No space left on device", root.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal(42, root.GetProperty("job_id").GetInt64());
        Assert.Equal(Samples.At, root.GetProperty("at").GetDateTimeOffset());
        Assert.Equal(second.Body, receiver.Requests.First().Body);
    }

    [Fact]
    public async Task A_receiver_that_always_fails_gets_exactly_the_configured_attempts_and_the_error_keeps_the_token_out()
    {
        using var receiver = new WebhookReceiver(new Answer(500));

        var result = await Notifier.FromOptions(Samples.Webhook(receiver, attempts: 3), Samples.Http, log).NotifyAsync(Samples.FailedBackup(), CancellationToken.None);

        var outcome = Assert.Single(result.Channels);
        Assert.False(outcome.Sent);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal($"webhook to 127.0.0.1:{receiver.Port} failed after 3 attempts: HTTP 500 Internal Server Error", outcome.Error);
        var logged = Assert.Single(log.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal));
        Assert.Contains(outcome.Error!, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Lines, l => l.Contains(Samples.Token, StringComparison.Ordinal) || l.Contains("/hooks/bd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_400_is_the_receiver_refusing_the_body_and_is_not_tried_again()
    {
        using var receiver = new WebhookReceiver(new Answer(400), new Answer(200));

        var result = await Notifier.FromOptions(Samples.Webhook(receiver, attempts: 3), Samples.Http, log).NotifyAsync(Samples.FailedBackup(), CancellationToken.None);

        Assert.Single(receiver.Requests);
        Assert.Equal($"webhook to 127.0.0.1:{receiver.Port} failed after 1 attempt: HTTP 400 Bad Request", Assert.Single(result.Channels).Error);
    }

    [Fact]
    public async Task A_429_is_tried_again()
    {
        using var receiver = new WebhookReceiver(new Answer(429), new Answer(204));

        var result = await Notifier.FromOptions(Samples.Webhook(receiver), Samples.Http, log).NotifyAsync(Samples.FailedBackup(), CancellationToken.None);

        Assert.True(result.AllSent);
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task An_attempt_that_gets_no_answer_in_time_is_tried_again()
    {
        using var receiver = new WebhookReceiver(new Answer(200, TimeSpan.FromSeconds(3)), new Answer(200));
        var options = Samples.Webhook(receiver);
        options.WebhookTimeout = TimeSpan.FromMilliseconds(300);

        var result = await Notifier.FromOptions(options, Samples.Http, log).NotifyAsync(Samples.FailedBackup(), CancellationToken.None);

        Assert.True(result.AllSent);
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task A_closed_port_fails_after_every_attempt_naming_host_and_port()
    {
        var port = LoopbackPort.Free();
        var channel = new WebhookChannel(Samples.Http, Samples.Webhook($"http://127.0.0.1:{port}/hook?token={Samples.Token}", attempts: 2));

        var e = await Assert.ThrowsAsync<NotificationFailedException>(() => channel.SendAsync(Samples.FailedBackup(), CancellationToken.None));

        Assert.Equal(("webhook", $"127.0.0.1:{port}", 2), (e.Channel, e.Target, e.Attempts));
        Assert.StartsWith($"webhook to 127.0.0.1:{port} failed after 2 attempts: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("refused", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Samples.Token, e.Message, StringComparison.Ordinal);
    }
}
