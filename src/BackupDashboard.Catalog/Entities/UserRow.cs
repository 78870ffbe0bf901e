namespace BackupDashboard.Catalog.Entities;

/// <summary>The users table: one row per dashboard user (docs/access.md).</summary>
public sealed class UserRow
{
    public required string Name { get; set; }

    /// <summary>viewer, operator or admin.</summary>
    public required string Role { get; set; }

    /// <summary>ASP.NET Core Identity's version 3 PBKDF2 format (PasswordHashing).</summary>
    public required string PasswordHash { get; set; }
    public bool MustChangePassword { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PasswordChangedAt { get; set; }
}
