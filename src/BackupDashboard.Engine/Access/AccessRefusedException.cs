namespace BackupDashboard.Engine.Access;

/// <summary>
/// A change to users or tokens that is refused before anything is written, with the request field
/// at fault (the API answers 400 naming it, bdash exits 2) and why, in the operator's words.
/// </summary>
public sealed class AccessRefusedException : Exception
{
    public AccessRefusedException(string field, string message)
        : base(message) => Field = field;

    public AccessRefusedException()
    {
        Field = "";
    }

    public AccessRefusedException(string message)
        : base(message) => Field = "";

    public AccessRefusedException(string message, Exception innerException)
        : base(message, innerException) => Field = "";

    public string Field { get; }

    /// <summary>True when the refusal is a conflict with what is stored (the API answers 409), not a bad value.</summary>
    public bool IsConflict { get; init; }

    /// <summary>True when the user or token named does not exist (the API answers 404).</summary>
    public bool IsMissing { get; init; }
}
