namespace BackupDashboard.Engine.Retention;

/// <summary>A retention request refused before anything was deleted; <see cref="Field"/> names the input at fault, if one is.</summary>
public sealed class RetentionRefusedException : Exception
{
    public RetentionRefusedException()
    {
    }

    public RetentionRefusedException(string message)
        : base(message)
    {
    }

    public RetentionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RetentionRefusedException(string message, string? field, bool busy = false)
        : base(message)
    {
        Field = field;
        Busy = busy;
    }

    public string? Field { get; }

    /// <summary>Refused because another run holds the server (a backup): the request was right, the moment was not.</summary>
    public bool Busy { get; }
}
