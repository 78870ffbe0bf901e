namespace BackupDashboard.Engine.Notifications;

/// <summary>
/// <see cref="OverdueCheck"/>'s answer. <see cref="Expected"/> is the fire that should have
/// produced a restore point by now (null: none yet, e.g. no schedule); <see cref="Newest"/> is the
/// newest restore point that was given.
/// </summary>
public sealed record OverdueVerdict(bool IsOverdue, DateTimeOffset? Expected, DateTimeOffset? Newest, TimeSpan Grace);
