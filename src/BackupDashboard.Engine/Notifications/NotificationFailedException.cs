namespace BackupDashboard.Engine.Notifications;

/// <summary>
/// A channel could not deliver a notice. The message names the channel, where it sent to (host and
/// port only: a webhook URL's path and query may hold a token), the attempts made and the last
/// error; it never holds a secret.
/// </summary>
public sealed class NotificationFailedException : Exception
{
    public NotificationFailedException()
    {
    }

    public NotificationFailedException(string message)
        : base(message)
    {
    }

    public NotificationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NotificationFailedException(string channel, string target, int attempts, string lastError, Exception? innerException = null)
        : base($"{channel} to {target} failed after {attempts} attempt{(attempts == 1 ? "" : "s")}: {lastError}", innerException)
    {
        Channel = channel;
        Target = target;
        Attempts = attempts;
        LastError = lastError;
    }

    public string Channel { get; } = "";

    /// <summary>host:port, nothing more.</summary>
    public string Target { get; } = "";

    public int Attempts { get; }

    public string LastError { get; } = "";
}
