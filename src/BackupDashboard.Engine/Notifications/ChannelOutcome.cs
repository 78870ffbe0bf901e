namespace BackupDashboard.Engine.Notifications;

/// <summary>What became of a notice on one channel; <see cref="Error"/> is null when it was sent.</summary>
public sealed record ChannelOutcome(string Channel, string? Error)
{
    public bool Sent => Error is null;
}
