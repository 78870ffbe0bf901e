namespace BackupDashboard.Engine.Notifications;

/// <summary>A notice's outcome on every configured channel (none when nothing is configured).</summary>
public sealed record NotifyResult(IReadOnlyList<ChannelOutcome> Channels)
{
    public bool AllSent => Channels.All(c => c.Sent);
}
