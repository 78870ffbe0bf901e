using System.Text.Json.Serialization;

namespace BackupDashboard.Engine.Notifications;

/// <summary>Why operators are told something (docs/notifications.md says when each is sent).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoticeKind>))]
public enum NoticeKind
{
    /// <summary>A backup, restore, retention, verify or rehearsal run ended in failure.</summary>
    [JsonStringEnumMemberName("run_failed")]
    RunFailed,

    /// <summary>A server's newest restore point is older than its schedule allows.</summary>
    [JsonStringEnumMemberName("backup_overdue")]
    BackupOverdue,

    /// <summary>A restore rehearsal (restore into a scratch server and check it) failed.</summary>
    [JsonStringEnumMemberName("rehearsal_failed")]
    RehearsalFailed,

    /// <summary>Sent on an admin's request, to see that the channels reach someone.</summary>
    [JsonStringEnumMemberName("test")]
    Test,
}
