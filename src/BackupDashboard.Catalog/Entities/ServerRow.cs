namespace BackupDashboard.Catalog.Entities;

/// <summary>The Servers table. Mapped to and from the engine's RegisteredServer.</summary>
public sealed class ServerRow
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Host { get; set; }
    public int? Port { get; set; }
    public string? SocketPath { get; set; }
    public required string User { get; set; }
    public required string DataDir { get; set; }
    public required string Tool { get; set; }
    public string? ToolPath { get; set; }

    /// <summary>The password encrypted with Data Protection; never the password itself.</summary>
    public string? PasswordCipher { get; set; }
    public bool IsSandbox { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}
