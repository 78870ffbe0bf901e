namespace BackupDashboard.Engine.Backups;

/// <summary>A backup that was not started because what was asked cannot work; nothing was written.</summary>
public sealed class BackupRefusedException : Exception
{
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
