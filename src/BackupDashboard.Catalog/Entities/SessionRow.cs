namespace BackupDashboard.Catalog.Entities;

/// <summary>The sessions table: one row per sign-in; ended ones keep their end for the record.</summary>
public sealed class SessionRow
{
    /// <summary>A random 128-bit id, hex; the cookie carries it.</summary>
    public required string Id { get; set; }
    public required string User { get; set; }
    public string? Client { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}
