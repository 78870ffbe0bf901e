namespace BackupDashboard.Engine.Access;

/// <summary>
/// What a user or an API token may do (docs/access.md). Each role includes the ones below it:
/// a Viewer reads; an Operator also runs and cancels backups, verifies and rehearses; an Admin
/// also restores, deletes, runs retention and manages servers, schedules, users, tokens and
/// settings.
/// </summary>
public enum Role
{
    Viewer = 1,
    Operator = 2,
    Admin = 3,
}

public static class Roles
{
    /// <summary>The role's name as the API, bdash and the catalog write it.</summary>
    public static string Name(this Role role) => role switch
    {
        Role.Viewer => "viewer",
        Role.Operator => "operator",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role."),
    };

    /// <summary>The role named, in any letter case; null for anything else.</summary>
    public static Role? Parse(string? name) => name?.ToLowerInvariant() switch
    {
        "viewer" => Role.Viewer,
        "operator" => Role.Operator,
        "admin" => Role.Admin,
        _ => null,
    };

    public static bool Includes(this Role role, Role needed) => role >= needed;

    public const string Choices = "viewer, operator or admin";
}
