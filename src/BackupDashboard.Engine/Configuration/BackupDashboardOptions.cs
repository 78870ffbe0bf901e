namespace BackupDashboard.Engine.Configuration;

/// <summary>
/// The "BackupDashboard" section of appsettings.json, shared by the web app and bdash.
/// Environment variables override it with the usual double underscore
/// (<c>BackupDashboard__DataDir</c>).
/// </summary>
public sealed class BackupDashboardOptions
{
    public const string SectionName = "BackupDashboard";

    /// <summary>Everything the product writes lives here. Relative paths resolve against the content root.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>Where backups are written; empty means &lt;DataDir&gt;/backups.</summary>
    public string Repository { get; set; } = "";

    /// <summary>"auto": start the sandbox MariaDB when no server is registered; "off": never.</summary>
    public string Sandbox { get; set; } = "auto";

    /// <summary>The first admin's name, created at the first start when the catalog has no users (docs/access.md).</summary>
    public string AdminUser { get; set; } = "admin";

    /// <summary>
    /// The first admin's password, read only when the catalog has no users; without it one is
    /// generated into initial-admin-password. Set it in the environment
    /// (BackupDashboard__AdminPassword), not in a file others can read; it must be changed at the
    /// first sign-in all the same.
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary>Where mariabackup and xtrabackup are, when not on PATH.</summary>
    public ToolPaths Tools { get; set; } = new();
}
