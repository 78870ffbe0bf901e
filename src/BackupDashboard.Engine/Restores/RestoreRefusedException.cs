namespace BackupDashboard.Engine.Restores;

/// <summary>A restore that was not started because it cannot work or is unsafe; the message says why and nothing was written.</summary>
public sealed class RestoreRefusedException : Exception
{
    public RestoreRefusedException()
    {
    }

    public RestoreRefusedException(string message)
        : base(message)
    {
    }

    public RestoreRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RestoreRefusedException(string message, string field)
        : base(message)
    {
        Field = field;
    }

    /// <summary>Refused because another restore into the same datadir is running (HTTP 409 rather than 400).</summary>
    public bool TargetInUse { get; init; }

    /// <summary>The request field at fault (datadir, scratch), when one is: the API names it.</summary>
    public string? Field { get; init; }
}
