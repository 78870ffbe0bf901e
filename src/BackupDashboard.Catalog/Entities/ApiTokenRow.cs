namespace BackupDashboard.Catalog.Entities;

/// <summary>The api_tokens table: revoked tokens stay, for the record and the audit log's sake.</summary>
public sealed class ApiTokenRow
{
    /// <summary>12 hex digits; the token itself carries it.</summary>
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public required string Owner { get; set; }

    /// <summary>SHA-256 of the whole token, hex. The token is never stored.</summary>
    public required string SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
