namespace BackupDashboard.Catalog.Entities;

/// <summary>The audit table: appended to, never updated or deleted by the product.</summary>
public sealed class AuditRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Who { get; set; }
    public required string Via { get; set; }
    public required string Address { get; set; }
    public required string Action { get; set; }
    public required string Outcome { get; set; }
}
