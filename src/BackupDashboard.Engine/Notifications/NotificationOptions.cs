namespace BackupDashboard.Engine.Notifications;

/// <summary>
/// The "BackupDashboard:Notifications" section (docs/notifications.md). Every channel is off until
/// it is given somewhere to send to: an empty <see cref="WebhookUrl"/> means no webhook, an empty
/// <see cref="SmtpOptions.Host"/> no email.
/// </summary>
public sealed class NotificationOptions
{
    public const string SectionName = "BackupDashboard:Notifications";

    /// <summary>Where notices are POSTed as JSON; absolute http or https. Empty: no webhook.</summary>
    public string WebhookUrl { get; set; } = "";

    /// <summary>Tries per notice, the first included.</summary>
    public int WebhookAttempts { get; set; } = 3;

    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one attempt may take before it counts as failed (and is retried).</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after a scheduled fire a backup may take to become a restore point before it is overdue (<see cref="OverdueCheck"/>).</summary>
    public TimeSpan OverdueGrace { get; set; } = TimeSpan.FromMinutes(30);

    public SmtpOptions Smtp { get; set; } = new();

    public bool WebhookEnabled => !string.IsNullOrWhiteSpace(WebhookUrl);

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> naming the configuration key of the first
    /// bad value. Secrets are never quoted back.
    /// </summary>
    public void Validate()
    {
        if (WebhookEnabled)
        {
            var sound = Uri.TryCreate(WebhookUrl.Trim(), UriKind.Absolute, out var url)
                && (string.Equals(url.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal) || string.Equals(url.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal));
            // Not quoted back: the URL may carry a token.
            Require(sound, SectionName, nameof(WebhookUrl), "is not an absolute http:// or https:// URL");
            Require(WebhookAttempts is >= 1 and <= 20, SectionName, nameof(WebhookAttempts), $"is {WebhookAttempts}: give 1 to 20 (1 means no retry)");
            Require(WebhookRetryDelay >= TimeSpan.Zero && WebhookRetryDelay <= TimeSpan.FromMinutes(10), SectionName, nameof(WebhookRetryDelay), $"is {WebhookRetryDelay}: give 00:00:00 to 00:10:00");
            Require(WebhookTimeout > TimeSpan.Zero && WebhookTimeout <= TimeSpan.FromMinutes(5), SectionName, nameof(WebhookTimeout), $"is {WebhookTimeout}: give more than 00:00:00, at most 00:05:00");
        }

        Require(OverdueGrace >= TimeSpan.Zero, SectionName, nameof(OverdueGrace), $"is {OverdueGrace}: give 00:00:00 or more");
        Smtp.Validate($"{SectionName}:{nameof(Smtp)}");
    }

    /// <summary>Throws, naming the key as it is written in configuration, unless <paramref name="holds"/>.</summary>
    internal static void Require(bool holds, string section, string key, string problem)
    {
        if (!holds)
        {
            throw new InvalidOperationException($"{section}:{key} {problem}.");
        }
    }
}
