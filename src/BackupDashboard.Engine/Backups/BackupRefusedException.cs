namespace BackupDashboard.Engine.Backups;

/// <summary>A backup that was not started because what was asked cannot work; nothing was written.</summary>
public sealed class BackupRefusedException : Exception
{
    /// <summary>The API's field the refusal is about, when it is about one (snake_case, as the request names it).</summary>
    public string? Field { get; init; }

    public BackupRefusedException()
    {
    }

    public BackupRefusedException(string message)
        : base(message)
    {
    }

    public BackupRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
