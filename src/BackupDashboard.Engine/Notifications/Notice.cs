using System.Globalization;
using System.Text.Json.Serialization;

namespace BackupDashboard.Engine.Notifications;

/// <summary>
/// One thing operators are told, by every configured channel. <see cref="Summary"/> is one line
/// (it becomes the email subject and the webhook's text); <see cref="Details"/> may be many.
/// <see cref="JobId"/> is the job history's id when a job is behind the notice.
/// </summary>
public sealed record Notice(
    [property: JsonPropertyName("kind")] NoticeKind Kind,
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("details")] string? Details,
    [property: JsonPropertyName("job_id")] long? JobId,
    [property: JsonPropertyName("at")] DateTimeOffset At)
{
    /// <summary>The one-liner operators read first: "[BackupDashboard] shop: backup … failed: …".</summary>
    public string Headline() => $"[BackupDashboard] {Server}: {Summary}";

    /// <summary>
    /// A run that failed; <paramref name="run"/> names it as operators know it ("backup
    /// 20260301-020000", "retention", "restore of 20260301-020000"). The problem's first line goes
    /// into the summary, the whole of it into the details.
    /// </summary>
    public static Notice RunFailed(string server, string run, string problem, long? jobId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new Notice(NoticeKind.RunFailed, server, OneLine($"{run} failed: {FirstLine(problem)}"), problem, jobId, at);
    }

    /// <summary>A restore rehearsal that failed, with the problem as for <see cref="RunFailed"/>.</summary>
    public static Notice RehearsalFailed(string server, string problem, long? jobId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new Notice(NoticeKind.RehearsalFailed, server, OneLine($"restore rehearsal failed: {FirstLine(problem)}"), problem, jobId, at);
    }

    /// <summary>A notice that only says the channels work, sent by <paramref name="who"/>.</summary>
    public static Notice Test(string who, DateTimeOffset at) =>
        new(NoticeKind.Test, "(all servers)", OneLine($"test notice sent by {who}: the channels reach you"), null, null, at);

    /// <summary>A server whose backups are overdue by <see cref="OverdueCheck"/>'s verdict.</summary>
    public static Notice BackupOverdue(string server, OverdueVerdict verdict, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var newest = verdict.Newest is { } n ? $"the newest restore point is of {Utc(n)}" : "there is no restore point at all";
        var summary = $"backup overdue: none since the one due at {Utc(verdict.Expected ?? at)}, {newest}";
        var details = $"The schedule fired at {Utc(verdict.Expected ?? at)} and no backup has become a restore point since, "
            + $"{verdict.Grace.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes of grace included.";
        return new Notice(NoticeKind.BackupOverdue, server, summary, details, null, at);
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";

    // A subject line or chat message with a control character in it breaks or is refused.
    private static string OneLine(string text) => PrintableText.Of(text, 300);
}
