using BackupDashboard.TestSupport;
using BackupDashboard.Engine.Notifications;

namespace BackupDashboard.Engine.Tests.Notifications;

/// <summary>A notice and settings the notification tests share.</summary>
internal static class Samples
{
    public const string Token = "s3cret-token-in-query";
    public const string Password = "hunter2-Pass!word";

    /// <summary>One client for every test, as a host shares one (it pools connections).</summary>
    public static readonly HttpClient Http = new();

    public static readonly DateTimeOffset At = new(2026, 3, 1, 2, 14, 0, TimeSpan.Zero);

    public static Notice FailedBackup() =>
        Notice.RunFailed("shop", "backup 20260301-020000", "mariabackup exited with 1\n[ERROR] InnoDB: Operating system error number 28\nNo space left on device", 42, At);

    public static NotificationOptions Webhook(WebhookReceiver receiver, int attempts = 3) =>
        Webhook(receiver.Url($"/hooks/bd?token={Token}"), attempts);

    public static NotificationOptions Webhook(string url, int attempts = 3) => new()
    {
        WebhookUrl = url,
        WebhookAttempts = attempts,
        WebhookRetryDelay = TimeSpan.FromMilliseconds(50),
        WebhookTimeout = TimeSpan.FromSeconds(2),
    };

    public static SmtpOptions Smtp(SmtpReceiver receiver) => new()
    {
        Host = "127.0.0.1",
        Port = receiver.Port,
        From = "BackupDashboard <bdash@example.test>",
        To = "ops@example.test, dba@example.test",
        Timeout = TimeSpan.FromSeconds(3),
    };
}
