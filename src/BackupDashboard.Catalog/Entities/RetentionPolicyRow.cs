namespace BackupDashboard.Catalog.Entities;

/// <summary>The retention_policies table: one policy per server; a server without a row keeps everything.</summary>
public sealed class RetentionPolicyRow
{
    public required string Server { get; set; }
    public int? KeepChains { get; set; }
    public int? KeepDays { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
